package merchant

import (
	"testing"
	"time"
)

// TestDisclose: complaints by year and in the last twelve months; the settled rate over those
// concluded (agreement, termination, withdrawal) — rejected and open ones count in neither.
func TestDisclose(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)
	at := func(s string) time.Time { v, _ := time.ParseInLocation("2006-01-02 15:04", s, sh); return v }
	d := Disclose([]ComplaintFact{
		{ReceivedAt: at("2024-12-31 23:30"), Closed: true, Outcome: "agreement"},
		{ReceivedAt: at("2025-06-01 10:00"), Closed: true, Outcome: "agreement"},
		{ReceivedAt: at("2025-07-01 10:00"), Closed: true, Outcome: "terminated"},
		{ReceivedAt: at("2026-01-01 00:10"), Closed: true, Outcome: "rejected"},
		{ReceivedAt: at("2026-04-01 10:00"), Closed: false},
		{ReceivedAt: at("2026-04-02 10:00"), Closed: true, Outcome: "withdrawn"},
	}, now, sh)
	if len(d.ByYear) != 3 || d.ByYear[0] != (YearCount{2026, 3}) || d.ByYear[2] != (YearCount{2024, 1}) {
		t.Fatalf("by year %+v", d.ByYear)
	}
	if d.LastYear != 5 || d.Concluded != 4 || d.Settled != 2 || d.SettledPct != 50 {
		t.Fatalf("%+v", d)
	}
	if e := Disclose(nil, now, sh); e.SettledPct != -1 || e.LastYear != 0 {
		t.Fatalf("empty %+v", e)
	}
}
