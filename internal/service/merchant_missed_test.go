package service_test

import (
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestMissedAnswersOnTheMerchantsRecord_C12: a complaint whose answer deadline (10 working days
// from acceptance) passed unanswered is counted on the merchant's record for the period it was
// received in — one answered in time is not, nor one of another period — on both databases.
func TestMissedAnswersOnTheMerchantsRecord_C12(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-01 09:00"))
		mer, shop := c.shopOf(t, "悦动健身服务有限公司")
		against := func() casework.Matter {
			m := c.complaint(t, c.county, func(in *casework.IntakeInput) { in.MerchantID = &mer.ID })
			return c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		}
		missed, answered := against(), against()
		if _, err := c.svc.AnswerComplaint(c.ctx, auth.As(shop), answered.Number, mediation.MerchantAnswer{Kind: mediation.AcceptRequest, Text: "同意退款"}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.Scan(c.ctx, sh(t, "2026-06-16 00:01")); err != nil { // due 2026-06-15
			t.Fatal(err)
		}
		if d := c.deadlines(t, missed)["merchant_answer"]; d.BreachedAt == nil {
			t.Fatalf("answer clock %+v not breached", d)
		}
		june := func(from, to int) int {
			t.Helper()
			r, err := c.svc.MerchantRecordOf(c.ctx, auth.As(c.sup), mer.ID, calendar.Date{Year: 2026, Month: 6, Day: from}, calendar.Date{Year: 2026, Month: 6, Day: to})
			if err != nil {
				t.Fatal(err)
			}
			return r.MissedAnswers
		}
		if n := june(1, 30); n != 1 {
			t.Fatalf("missed answers in June: %d, want 1 (the answered complaint is not counted)", n)
		}
		if n := june(2, 30); n != 0 {
			t.Fatalf("missed answers from 2 June: %d, want 0 (received on 1 June)", n)
		}
	})
}
