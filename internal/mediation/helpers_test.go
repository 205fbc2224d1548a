package mediation

import (
	"slices"
	"testing"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

// at reads "2006-01-02 15:04" in Asia/Shanghai.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.Shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return v.UTC()
}

func day(t testing.TB, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

// complaint is an accepted Order 121 complaint in state s.
func complaint(t testing.TB, s casework.State) casework.Matter {
	r := at(t, "2026-05-06 09:00")
	acc := at(t, "2026-05-07 10:00")
	return casework.Matter{ID: 7, Number: "20260506-000007", Kind: casework.Complaint, State: s,
		RuleSet: casework.RuleSetFor(r), ReceivedAt: r, AcceptedAt: &acc}
}

// order20 is the same complaint received under Order 20.
func order20(t testing.TB, s casework.State) casework.Matter {
	m := complaint(t, s)
	m.RuleSet = casework.Order20
	return m
}

// codes lists "field:code" of the field errors in err, or fails when err is another error.
func codes(t testing.TB, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	errs, ok := invalid.As(err)
	if !ok {
		t.Fatalf("not field errors: %v", err)
	}
	var out []string
	for _, f := range errs {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

// want asserts that err holds exactly the field errors listed (none when want is empty).
func want(t testing.TB, name string, err error, want ...string) {
	t.Helper()
	got := codes(t, err)
	if !slices.Equal(got, want) {
		t.Errorf("%s: errors %v, want %v", name, got, want)
	}
}
