package supervise

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"weiquan/internal/invalid"
)

func seed(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }

func sample() Inputs {
	return Inputs{Seed: seed("2026 第二季度"), AsOf: "2026-06-01", RecentDays: 180, Merchants: 3, InspectorsPer: 2,
		Pool: []Candidate{{ID: 1, Name: "甲超市"}, {ID: 2, Name: "乙药店", LastInspected: "2026-03-01"}, {ID: 3, Name: "丙餐馆", LastInspected: "2025-12-03"},
			{ID: 4, Name: "丁健身"}, {ID: 5, Name: "戊美发"}, {ID: 6, Name: "己培训", LastInspected: "2025-06-01"}},
		Inspectors: []Inspector{{ID: 11, Name: "执法甲"}, {ID: 12, Name: "执法乙"}, {ID: 13, Name: "执法丙"}},
		Conflicts:  []Conflict{{Inspector: 11, Merchant: 4}, {Inspector: 12, Merchant: 4}}}
}

func field(t *testing.T, err error, f, code string) {
	t.Helper()
	fe, ok := invalid.As(err)
	if !ok {
		t.Fatalf("want %s:%s, got %v", f, code, err)
	}
	for _, x := range fe {
		if x.Field == f && x.Code == code {
			return
		}
	}
	t.Fatalf("want %s:%s, got %v", f, code, err)
}

// TestDrawRules_C10: the 双随机一公开 draw — recent inspections and declared conflicts
// excluded, an empty pool refused with the rule, the same list for anyone with the same
// seed and inputs, and the verifier refusing a changed list or changed inputs.
func TestDrawRules_C10(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*Inputs)
		field string
		code  string
	}{
		{"empty pool (C10)", func(in *Inputs) { in.Pool = nil }, "pool", EmptyPool},
		{"every merchant inspected recently (C10)", func(in *Inputs) {
			for i := range in.Pool {
				in.Pool[i].LastInspected = "2026-05-01"
			}
		}, "pool", EmptyPool},
		{"bad seed", func(in *Inputs) { in.Seed = "1234" }, "seed", BadSeed},
		{"another algorithm", func(in *Inputs) { in.Algorithm = "v0" }, "algorithm", WrongAlgorithm},
		{"no inspectors", func(in *Inputs) { in.Inspectors = nil }, "inspectors", invalid.Required},
		{"no merchants asked", func(in *Inputs) { in.Merchants = 0 }, "merchants", invalid.OneOf},
		{"bad day", func(in *Inputs) { in.AsOf = "2026-13-01" }, "as_of", invalid.Format},
		{"a merchant twice", func(in *Inputs) { in.Pool = append(in.Pool, Candidate{ID: 1}) }, "pool", invalid.Duplicate},
		{"too few unconflicted inspectors", func(in *Inputs) { in.Merchants, in.InspectorsPer = 6, 3 }, "inspectors", FewInspectors},
	} {
		in := sample()
		tc.edit(&in)
		_, err := Draw(in)
		field(t, err, tc.field, tc.code)
	}

	in := sample()
	got, err := Draw(in)
	if err != nil {
		t.Fatal(err)
	}
	// Merchant 2 was inspected 92 days before: out. Merchant 3 was inspected on 3 December,
	// exactly 180 days before 1 June: back in the pool.
	if el := Eligible(in, mustDay("2026-06-01")); fmt.Sprint(ids(el)) != "[1 3 4 5 6]" {
		t.Fatalf("eligible %v", ids(el))
	}
	for _, p := range got {
		if p.Merchant == 2 {
			t.Fatal("a merchant inspected recently was drawn")
		}
		if len(p.Inspectors) != 2 || p.Inspectors[0] == p.Inspectors[1] {
			t.Fatalf("inspectors %v", p)
		}
	}
	// The list is pinned: a change of the procedure must change Algorithm, not old results.
	if fmt.Sprint(got) != pinned {
		t.Fatalf("draw %v, pinned %s", got, pinned)
	}
	// Declared conflicts: inspectors 11 and 12 never go to merchant 4.
	all := sample()
	all.Merchants, all.InspectorsPer = 5, 1
	everyone, err := Draw(all)
	if err != nil || len(everyone) != 5 {
		t.Fatal(everyone, err)
	}
	for _, p := range everyone {
		if p.Merchant == 4 && p.Inspectors[0] != 13 {
			t.Fatalf("a conflicted inspector drawn: %v", p)
		}
	}
	again, _ := Draw(sample())
	if fmt.Sprint(again) != fmt.Sprint(got) {
		t.Fatal("the same inputs drew another list")
	}
	other := sample()
	other.Seed = seed("another seed")
	if o, _ := Draw(other); fmt.Sprint(o) == fmt.Sprint(got) {
		t.Fatal("another seed drew the same list")
	}

	in.Algorithm = Algorithm
	pub := Published{Inputs: in, Commitment: Commit(in), Result: got}
	if v, err := Verify(pub); err != nil || fmt.Sprint(v) != fmt.Sprint(got) {
		t.Fatalf("verify: %v %v", v, err)
	}
	bad := pub
	bad.Result = append([]Pick{}, got...)
	bad.Result[0], bad.Result[1] = bad.Result[1], bad.Result[0]
	_, err = Verify(bad)
	field(t, err, "result", "mismatch")
	bad = pub
	bad.Inputs.RecentDays = 30 // the inputs changed after the commitment was published
	_, err = Verify(bad)
	field(t, err, "commitment", "mismatch")
}

// pinned is the list sample() draws with weiquan-draw-v1.
const pinned = "[{5 [13 11]} {6 [13 11]} {3 [12 11]}]"

func ids(cs []Candidate) []int64 {
	var out []int64
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func mustDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}
