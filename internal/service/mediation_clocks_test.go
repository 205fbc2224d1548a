package service_test

import (
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/mediation"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// shopOf registers a merchant with a user of its own and returns both.
func (c *county) shopOf(t *testing.T, name string) (merchant.Merchant, *auth.User) {
	t.Helper()
	mer := merchant.Merchant{Name: name, USCC: "914403001922038216", Type: merchant.Enterprise, Address: "人民路2号", Phone: "07922220000", AreaID: &c.county.ID}
	if err := c.svc.SaveMerchant(c.ctx, &mer); err != nil {
		t.Fatal(err)
	}
	u := &auth.User{Username: "shop" + name, DisplayName: name, Role: auth.Merchant, MerchantID: &mer.ID, Lang: "zh-CN", Active: true, PasswordHash: "x", CreatedAt: c.clock.Now()}
	if err := c.st.Tx(c.ctx, func(tx *store.Tx) error { return tx.CreateUser(c.ctx, u) }); err != nil {
		t.Fatal(err)
	}
	return mer, u
}

// TestMerchantAnswerClock_C12: accepting a complaint against a registered merchant starts its
// answer clock (10 working days by default); the breach fires once, is on the timeline and is
// counted against the merchant; a later answer meets the clock.
func TestMerchantAnswerClock_C12(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-01 09:00"))
		mer, shop := c.shopOf(t, "悦动健身服务有限公司")
		m := c.complaint(t, c.county, func(in *casework.IntakeInput) { in.MerchantID = &mer.ID })
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		d := c.deadlines(t, m)["merchant_answer"]
		if d.Status != deadline.Running || d.DueDate.String() != "2026-06-15" || d.Rule != "C12" {
			t.Fatalf("answer clock %+v", d)
		}
		for range 2 { // fires once, however often the scanner looks
			if _, err := c.svc.Scan(c.ctx, sh(t, "2026-06-16 00:01")); err != nil {
				t.Fatal(err)
			}
		}
		if n := count(c.timeline(t, m), casework.Breach); n != 1 {
			t.Fatalf("%d breaches on the timeline, want 1", n)
		}
		missed, err := s.MissedAnswers(c.ctx, mer.ID)
		if err != nil || missed != 1 {
			t.Fatalf("missed answers on the merchant's record %d %v", missed, err)
		}
		c.clock.Set(sh(t, "2026-06-16 10:00"))
		if _, err := c.svc.AnswerComplaint(c.ctx, auth.As(shop), m.Number, mediation.MerchantAnswer{Kind: mediation.DisputeClaim, Text: "商品无质量问题"}); err != nil {
			t.Fatal(err)
		}
		if d := c.deadlines(t, m)["merchant_answer"]; d.Status != deadline.Met {
			t.Fatalf("after the answer: %+v", d)
		}
	})
}

// TestSessionAndFulfilmentClocks_R_L15: a scheduled session's notice clock is met by the notices
// sent to both parties with the scheduling; an agreement performed by a date reminds staff the day before and is met
// by the fulfilment record.
func TestSessionAndFulfilmentClocks_R_L15(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-01 09:00"))
		m := c.complaint(t, c.county, nil)
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})
		if _, err := c.svc.Declare(c.ctx, auth.As(c.med), m.Number, mediation.Declaration{Relation: mediation.NoRelation}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.ScheduleSession(c.ctx, auth.As(c.med), m.Number, mediation.Session{At: sh(t, "2026-06-03 10:00"), Mode: mediation.Phone, Mediators: []int64{c.med.ID}}); err != nil {
			t.Fatal(err)
		}
		// Both notices went into the outbox with the scheduling: the notice clock is met at once, never left open.
		if d, ok := c.deadlines(t, m)["session_notice"]; ok && d.Open() {
			t.Fatalf("notice clock left open: %+v", d)
		}
		due := calendar.Date{Year: 2026, Month: 6, Day: 10}
		c.clock.Set(sh(t, "2026-06-03 11:00"))
		if _, err := c.svc.RecordAgreement(c.ctx, auth.As(c.med), m.Number, mediation.Agreement{Terms: "退款", Mode: mediation.Phone, DueDate: &due,
			Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 300_00}}, Recovered: 300_00}); err != nil {
			t.Fatal(err)
		}
		d := c.deadlines(t, m)["fulfilment"]
		if d.Status != deadline.Running || d.RemindAt == nil || !d.RemindAt.Equal(sh(t, "2026-06-09 00:00")) {
			t.Fatalf("fulfilment clock %+v", d)
		}
		if r, err := c.svc.Scan(c.ctx, sh(t, "2026-06-09 00:05")); err != nil || r.Reminded != 1 {
			t.Fatalf("reminder: %+v %v", r, err)
		}
		c.clock.Set(sh(t, "2026-06-09 15:00"))
		if _, err := c.svc.RecordFulfilment(c.ctx, auth.As(c.op), m.Number, mediation.Fulfilment{Status: mediation.Performed}); err != nil {
			t.Fatal(err)
		}
		if d := c.deadlines(t, m)["fulfilment"]; d.Status != deadline.Met {
			t.Fatalf("after fulfilment: %+v", d)
		}
	})
}

// TestBreachOffersTermination_R_L18: when the mediation period runs out the mediator is offered
// termination with T5 — an alert — and the matter stays in mediation: never terminated automatically.
func TestBreachOffersTermination_R_L18(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-01 09:00"))
		m := c.complaint(t, c.county, nil)
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})
		due := c.deadlines(t, m)["mediation"].DueAt
		if _, err := c.svc.Scan(c.ctx, due.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		offers := c.alerts(t, service.AlertOfferTermination)
		if len(offers) != 1 || offers[0].Payload["reason_code"] != "T5" {
			t.Fatalf("offers %+v", offers)
		}
		if msg := service.AlertMessage("zh-CN", offers[0]); msg == "" || msg == "alert.offer_termination" {
			t.Fatalf("message %q", msg)
		}
		got, _ := c.svc.MatterFor(c.ctx, auth.As(c.sup), m.Number)
		if got.State != casework.Mediating {
			t.Fatalf("state %s after the breach: termination must never be automatic", got.State)
		}
	})
}
