package reward

import (
	"slices"
	"testing"

	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// TestCompute_R_L26: the share by level, the floor, the cap, the finance department's
// co-approval from ¥500,000, and refusals for what is not rewarded.
func TestCompute_R_L26(t *testing.T) {
	yuan := func(y int64) money.Fen { return money.Fen(y * 100) }
	ok := Case{MajorViolation: true, NaturalPerson: true}
	for _, tc := range []struct {
		name        string
		level       Level
		fines, conf money.Fen
		want        money.Fen
		floor, cap  bool
		co          bool
	}{
		{"level 1, 5 % of ¥1,000,000", 1, yuan(800000), yuan(200000), yuan(50000), false, false, false},
		{"level 2, 3 %", 2, yuan(1000000), 0, yuan(30000), false, false, false},
		{"level 3, 1 %", 3, yuan(500000), yuan(100000), yuan(6000), false, false, false},
		{"no fine: the floor of level 1", 1, 0, 0, yuan(5000), true, false, false},
		{"a small fine: the floor of level 3", 3, yuan(20000), 0, yuan(1000), true, false, false},
		{"fen rounded down", 3, money.Fen(12345678), 0, money.Fen(123456), false, false, false},
		{"¥500,000 exactly needs the finance department", 1, yuan(10000000), 0, yuan(500000), false, false, true},
		{"capped at ¥1,000,000", 1, yuan(30000000), yuan(10000000), yuan(1000000), false, true, true},
	} {
		c := ok
		c.Level, c.Fines, c.Confiscations = tc.level, tc.fines, tc.conf
		r, err := Compute(c)
		if err != nil || r.Amount != tc.want || r.AtFloor != tc.floor || r.Capped != tc.cap || r.CoApproval != tc.co {
			t.Errorf("%s: %+v %v, want %v floor=%v cap=%v co=%v", tc.name, r, err, tc.want, tc.floor, tc.cap, tc.co)
		}
	}
	for _, tc := range []struct {
		name string
		c    Case
		want []string
	}{
		{"not major", Case{NaturalPerson: true, Level: 1}, []string{CodeNotMajor}},
		{"a company reported", Case{MajorViolation: true, Level: 1}, []string{CodeNotNatural}},
		{"excluded", Case{MajorViolation: true, NaturalPerson: true, Excluded: true, Level: 1}, []string{CodeExcluded}},
		{"no level", Case{MajorViolation: true, NaturalPerson: true}, []string{CodeLevel}},
		{"negative fine", Case{MajorViolation: true, NaturalPerson: true, Level: 2, Fines: -1}, []string{invalid.Negative}},
	} {
		_, err := Compute(tc.c)
		fe, _ := invalid.As(err)
		var got []string
		for _, f := range fe {
			got = append(got, f.Code)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
