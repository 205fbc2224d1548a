package credit

import (
	"testing"
	"time"

	"weiquan/internal/calendar"
)

func TestHonourRevocation_R_S8(t *testing.T) {
	now := time.Date(2026, 6, 1, 2, 0, 0, 0, time.UTC)
	h := Honour{MerchantID: 1, Title: DemoStore, Criteria: "一年内无有效投诉", DocumentRef: "湖消委〔2026〕3号",
		From: calendar.Date{Year: 2026, Month: 1, Day: 1}, To: calendar.Date{Year: 2026, Month: 12, Day: 31}, Status: HonourActive}
	if err := h.Validate(); err != nil {
		t.Fatal(err)
	}
	r := DefaultHonourRules()
	r.RevokeThreshold = 2
	for _, tc := range []struct {
		n        int
		proposed bool
		status   HonourStatus
	}{
		{0, false, HonourActive},
		{1, false, HonourActive}, // below the threshold
		{2, true, HonourProposed},
		{3, false, HonourProposed}, // proposed once
	} {
		if got := h.Review(tc.n, r, now); got != tc.proposed || h.Status != tc.status {
			t.Fatalf("review %d: proposed %v status %s", tc.n, got, h.Status)
		}
	}
	refusedBy(t, h.Decide(false, "", "", now), "note")
	if err := h.Decide(false, "", "经核实系消费者误解", now); err != nil || h.Status != HonourActive || h.KeptAt != 3 {
		t.Fatalf("kept: %v %+v", err, h)
	}
	if h.Review(3, r, now) {
		t.Fatal("a dismissed count is not proposed again")
	}
	if !h.Review(4, r, now) {
		t.Fatal("one more substantiated complaint proposes again")
	}
	refusedBy(t, h.Decide(true, "", "", now), "revoke_ref")
	if err := h.Decide(true, "湖消委〔2026〕9号", "", now); err != nil || h.Status != HonourRevoked {
		t.Fatal(err)
	}
	if h.Holds(calendar.Date{Year: 2026, Month: 7, Day: 1}) {
		t.Fatal("a revoked honour does not hold")
	}
	bad := Honour{Title: "gold_star", From: calendar.Date{Year: 2026, Month: 2, Day: 1}, To: calendar.Date{Year: 2026, Month: 1, Day: 1}}
	err := bad.Validate()
	for _, f := range []string{"title", "criteria", "document_ref", "to"} {
		refusedBy(t, err, f)
	}
	if (&Honour{Status: HonourActive, From: h.From, To: h.To}).Holds(calendar.Date{Year: 2027, Month: 1, Day: 1}) {
		t.Fatal("out of its period an honour does not hold")
	}
}
