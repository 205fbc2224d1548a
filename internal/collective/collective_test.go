package collective

import (
	"slices"
	"testing"
	"time"
)

func TestSimilarity(t *testing.T) {
	for _, tc := range []struct {
		a, b   string
		lo, hi float64
	}{
		{"预付卡余额无法退还", "预付卡余额无法退还", 1, 1},
		{"预付卡余额无法退还！", "预付卡 余额，无法退还", 1, 1}, // punctuation and space do not count
		{"ＡＢＣ１２３", "abc123", 1, 1},          // full-width folds to half-width
		{"健身房突然停业，预付卡无法退费", "健身房关门了，预付的年卡没法退费", 0.3, 0.7},
		{"健身房突然停业，预付卡无法退费", "牛奶过期了，要求十倍赔偿", 0, 0.05},
		{"", "预付卡", 0, 0},
		{"，。！", "预付卡", 0, 0},
		{"卡", "卡", 1, 1},
	} {
		got := Similarity(NewProfile(tc.a), NewProfile(tc.b))
		if got < tc.lo || got > tc.hi {
			t.Errorf("Similarity(%q, %q) = %.3f, want %.2f–%.2f", tc.a, tc.b, got, tc.lo, tc.hi)
		}
	}
}

func TestSharedTerms(t *testing.T) {
	ps := []Profile{NewProfile("健身房停业，预付卡无法退还"), NewProfile("预付卡余额不退，健身房停业"), NewProfile("健身房关门，预付卡怎么办")}
	got := SharedTerms(ps, 3)
	if !slices.Contains(got, "预付卡") || !slices.Contains(got, "健身房") {
		t.Fatalf("shared terms %v, want 预付卡 and 健身房", got)
	}
	if SharedTerms(ps[:1], 3) != nil {
		t.Fatal("one text shares nothing")
	}
}

// TestDetect_C8 is the proposal rule: same merchant, same kind of dispute, open, in the
// window, facts alike — enough of them, or one already grouped.
func TestDetect_C8(t *testing.T) {
	now := time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)
	set := Settings{Enabled: true, WindowDays: 30, MinMatters: 3, MinSimilarity: 0.2}
	gym := "id:7"
	mk := func(id int64, facts string, ago time.Duration, mod func(*Matter)) *Matter {
		m := &Matter{ID: id, Number: "M" + string(rune('0'+id)), MerchantKey: gym, Category: "services", Subcategory: "预付卡",
			Facts: facts, ReceivedAt: now.Add(-ago), Open: true}
		if mod != nil {
			mod(m)
		}
		return m
	}
	same := "健身房突然停业关门，预付卡余额无法退还"
	newM := func() *Matter { return mk(10, "健身房停业了，我的预付卡余额无法退还", 0, nil) }
	day := 24 * time.Hour
	for _, tc := range []struct {
		name    string
		earlier []*Matter
		mod     func(*Settings)
		want    bool
		into    int64
		members int
	}{
		{"two alike open earlier matters make three", []*Matter{mk(1, same, 3*day, nil), mk(2, same, 5*day, nil)}, nil, true, 0, 3},
		{"one earlier is not enough", []*Matter{mk(1, same, 3*day, nil)}, nil, false, 0, 0},
		{"another merchant does not count", []*Matter{mk(1, same, day, nil), mk(2, same, day, func(m *Matter) { m.MerchantKey = "id:8" })}, nil, false, 0, 0},
		{"closed matters do not count", []*Matter{mk(1, same, day, nil), mk(2, same, day, func(m *Matter) { m.Open = false })}, nil, false, 0, 0},
		{"outside the window does not count", []*Matter{mk(1, same, day, nil), mk(2, same, 31*day, nil)}, nil, false, 0, 0},
		{"a wider window takes it in", []*Matter{mk(1, same, day, nil), mk(2, same, 31*day, nil)}, func(s *Settings) { s.WindowDays = 40 }, true, 0, 3},
		{"another sub-category is another dispute", []*Matter{mk(1, same, day, nil), mk(2, same, day, func(m *Matter) { m.Subcategory = "食品" })}, nil, false, 0, 0},
		{"a missing sub-category does not separate", []*Matter{mk(1, same, day, nil), mk(2, same, day, func(m *Matter) { m.Subcategory = "" })}, nil, true, 0, 3},
		{"another category is another dispute", []*Matter{mk(1, same, day, nil), mk(2, same, day, func(m *Matter) { m.Category = "goods" })}, nil, false, 0, 0},
		{"unlike facts are not the same dispute", []*Matter{mk(1, same, day, nil), mk(2, "教练态度恶劣，推销私教课", day, nil)}, nil, false, 0, 0},
		{"rejected matters are not proposed again", []*Matter{mk(1, same, day, nil), mk(2, same, day, func(m *Matter) { m.Rejected = true })}, nil, false, 0, 0},
		{"one alike matter in a confirmed case brings the new one into it", []*Matter{mk(1, same, day, func(m *Matter) { m.CaseID, m.Confirmed = 4, true })}, nil, true, 4, 2},
		{"a confirmed case is preferred to a proposal", []*Matter{mk(1, same, day, func(m *Matter) { m.CaseID = 3 }), mk(2, same, day, func(m *Matter) { m.CaseID, m.Confirmed = 4, true })}, nil, true, 4, 3},
		{"switched off, nothing is proposed", []*Matter{mk(1, same, day, nil), mk(2, same, day, nil)}, func(s *Settings) { s.Enabled = false }, false, 0, 0},
		{"a later matter is not earlier", []*Matter{mk(1, same, day, nil), mk(2, same, -day, nil)}, nil, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := set
			if tc.mod != nil {
				tc.mod(&s)
			}
			p, ok := Detect(s, newM(), tc.earlier, "力美健身")
			if ok != tc.want {
				t.Fatalf("proposed %v, want %v (%+v)", ok, tc.want, p)
			}
			if !ok {
				return
			}
			if p.Into != tc.into || len(p.Matters) != tc.members || p.Matters[0] != 10 {
				t.Fatalf("proposal into %d with %v, want into %d with %d members", p.Into, p.Matters, tc.into, tc.members)
			}
			if len(p.Evidence.Links) != tc.members-1 || p.Evidence.Merchant != "力美健身" || (tc.into == 0 && len(p.Evidence.Terms) == 0) {
				t.Fatalf("evidence %+v", p.Evidence)
			}
		})
	}
}

func TestMerchantKey(t *testing.T) {
	id := int64(5)
	if MerchantKey(&id, "x") != "id:5" || MerchantKey(nil, " 力美 健身 ") != "name:力美健身" || MerchantKey(nil, " ") != "" {
		t.Fatal("merchant keys")
	}
}

func TestSettingsValidate(t *testing.T) {
	if DefaultSettings().Validate() != nil {
		t.Fatal("defaults invalid")
	}
	for _, s := range []Settings{{WindowDays: 0, MinMatters: 3}, {WindowDays: 30, MinMatters: 1}, {WindowDays: 30, MinMatters: 3, MinSimilarity: 2}} {
		if s.Validate() == nil {
			t.Errorf("%+v accepted", s)
		}
	}
}

// TestPlantedYear: on a generated year the default thresholds find every planted
// cluster; BENCHMARKS.md carries the figures BenchmarkPlantedYear reports.
func TestPlantedYear(t *testing.T) {
	y := Year(2026, 3600)
	if len(Year(2026, 3600)) != len(y) || Year(2026, 3600)[100].Facts != y[100].Facts {
		t.Fatal("the same seed must give the same year")
	}
	sc := Evaluate(DefaultSettings(), y)
	if sc.ClustersFound != sc.Clusters || sc.Recall < 0.95 || sc.Precision < 0.7 {
		t.Fatalf("score %+v", sc)
	}
}
