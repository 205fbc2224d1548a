package credit

import (
	"testing"
	"time"

	"weiquan/internal/calendar"
)

func TestPeriodsAndPublication_R_L29(t *testing.T) {
	d := func(y, m, dd int) calendar.Date { return calendar.Date{Year: y, Month: timeMonth(m), Day: dd} }
	for _, tc := range []struct {
		kind     string
		on       calendar.Date
		name     string
		from, to calendar.Date
	}{
		{"quarter", d(2026, 5, 6), "2026-Q2", d(2026, 4, 1), d(2026, 6, 30)},
		{"quarter", d(2026, 12, 31), "2026-Q4", d(2026, 10, 1), d(2026, 12, 31)},
		{"month", d(2026, 2, 10), "2026-02", d(2026, 2, 1), d(2026, 2, 28)},
		{"year", d(2026, 2, 10), "2026", d(2026, 1, 1), d(2026, 12, 31)},
	} {
		p := PeriodOf(tc.kind, tc.on)
		if p.Name != tc.name || p.From != tc.from || p.To != tc.to {
			t.Errorf("%s %v: %+v", tc.kind, tc.on, p)
		}
	}
	r := DefaultDisclosureRules() // quarter, 15 days after
	for _, tc := range []struct {
		today calendar.Date
		want  string
	}{
		{d(2026, 4, 15), "2025-Q4"}, // Q1 ends 31 March; 15 April is its 15th day after: not yet
		{d(2026, 4, 16), "2026-Q1"},
		{d(2026, 7, 1), "2026-Q1"},
	} {
		if got := r.Published(tc.today).Name; got != tc.want {
			t.Errorf("published on %v: %s, want %s", tc.today, got, tc.want)
		}
	}
	f := Figures{Merchant: "某店", Complaints: 4, Agreements: 3, Terminated: 1, Recovered: 12000}
	f.Finish()
	pub := r.Public(f)
	if pub["complaints"] != 4 || *pub["success_rate"].(*float64) != 0.75 {
		t.Fatalf("public %+v", pub)
	}
	if _, ok := pub["recovered"]; ok {
		t.Fatal("R-L29: a field not configured is published")
	}
	// The answered-online rate: of the complaints accepted, those the merchant answered online;
	// a merchant that answers none shows 0 (not a blank), one with none accepted has no rate yet.
	for _, tc := range []struct {
		accepted, answered int
		want               *float64
	}{
		{0, 0, nil}, {4, 0, ptr(0)}, {4, 3, ptr(0.75)}, {3, 1, ptr(0.333)},
	} {
		f := Figures{Complaints: 5, Accepted: tc.accepted, Answered: tc.answered, AnswerSecs: int64(tc.answered) * 7200}
		f.Finish()
		if (f.AnswerRate == nil) != (tc.want == nil) || f.AnswerRate != nil && *f.AnswerRate != *tc.want {
			t.Errorf("answered %d of %d accepted: rate %v", tc.answered, tc.accepted, f.AnswerRate)
		}
		if (f.AnswerHours != nil) != (tc.answered > 0) || f.AnswerHours != nil && *f.AnswerHours != 2 {
			t.Errorf("answered %d: hours %v", tc.answered, f.AnswerHours)
		}
	}
	on := r
	on.Fields = append(on.Fields, "answered_online_rate")
	if err := on.Validate(); err != nil {
		t.Fatal(err)
	}
	f = Figures{Complaints: 4, Accepted: 4}
	f.Finish()
	if v, ok := on.Public(f)["answered_online_rate"]; !ok || *v.(*float64) != 0 {
		t.Fatalf("answered_online_rate switched on: %v", on.Public(f))
	}
	if _, ok := r.Public(f)["answered_online_rate"]; ok {
		t.Fatal("answered_online_rate switched off but published")
	}
	bad := r
	bad.Fields = []string{"consumer_phone"}
	refusedBy(t, bad.Validate(), "fields")
	if !DefaultRecordRules().RepeatOffender(10) || DefaultRecordRules().RepeatOffender(9) {
		t.Fatal("repeat offender at ten")
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }

func ptr(f float64) *float64 { return &f }
