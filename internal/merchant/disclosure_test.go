package merchant

import (
	"testing"
	"time"
)

// TestDisclose: complaints by year and in the last twelve months; the settled rate over those
// concluded (agreement, termination, withdrawal) — rejected and open ones count in neither; the
// answered rate over those the office accepted (the merchant was asked to answer, SPEC C9, C12).
func TestDisclose(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)
	at := func(s string) time.Time { v, _ := time.ParseInLocation("2006-01-02 15:04", s, sh); return v }
	d := Disclose([]ComplaintFact{
		{ReceivedAt: at("2024-12-31 23:30"), Closed: true, Outcome: "agreement", Accepted: true, Answered: true},
		{ReceivedAt: at("2025-06-01 10:00"), Closed: true, Outcome: "agreement", Accepted: true},
		{ReceivedAt: at("2025-07-01 10:00"), Closed: true, Outcome: "terminated", Accepted: true, Answered: true},
		{ReceivedAt: at("2026-01-01 00:10"), Closed: true, Outcome: "rejected"},
		{ReceivedAt: at("2026-04-01 10:00"), Closed: false},
		{ReceivedAt: at("2026-04-02 10:00"), Closed: true, Outcome: "withdrawn", Accepted: true},
	}, now, sh)
	if len(d.ByYear) != 3 || d.ByYear[0] != (YearCount{2026, 3}) || d.ByYear[2] != (YearCount{2024, 1}) {
		t.Fatalf("by year %+v", d.ByYear)
	}
	if d.LastYear != 5 || d.Concluded != 4 || d.Settled != 2 || d.SettledPct != 50 {
		t.Fatalf("%+v", d)
	}
	if d.Accepted != 4 || d.Answered != 2 || d.AnsweredPct != 50 {
		t.Fatalf("answered %+v", d)
	}
	if e := Disclose(nil, now, sh); e.SettledPct != -1 || e.AnsweredPct != -1 || e.LastYear != 0 {
		t.Fatalf("empty %+v", e)
	}
}
