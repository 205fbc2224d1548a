package service_test

import (
	"errors"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/money"
	"weiquan/internal/report"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// portalProved files a complaint (that also reports, R-L1) on the portal against a registered
// merchant the office links, and proves the complaint and the report with the tracking code.
func (c *county) portalProved(t *testing.T, mer int64) (complaint, rep casework.Matter, pc, pr auth.Principal) {
	t.Helper()
	in := portalComplaint(c)
	in.AlsoReport, in.ReportFacts = true, "超市长期销售过期食品"
	r, err := c.svc.SubmitOnPortal(c.ctx, auth.Anonymous("203.0.113.9"), in)
	if err != nil {
		t.Fatal(err)
	}
	prove := func(number string) (casework.Matter, auth.Principal) {
		token, err := c.svc.ProveTrackingCode(c.ctx, auth.Anonymous("203.0.113.9"), number, r.TrackingCode)
		if err != nil {
			t.Fatal(err)
		}
		p, err := c.svc.PortalPrincipal(c.ctx, "203.0.113.9", token)
		if err != nil {
			t.Fatal(err)
		}
		m, err := c.st.MatterByNumber(c.ctx, number)
		if err != nil {
			t.Fatal(err)
		}
		return m, p
	}
	complaint, pc = prove(r.Numbers[0])
	rep, pr = prove(r.Numbers[1])
	complaint = c.act(t, c.op, complaint, casework.Update, casework.ActionInput{Changes: &casework.Changes{MerchantID: &mer}})
	complaint = c.act(t, c.op, complaint, casework.Accept, casework.ActionInput{})
	complaint = c.act(t, c.op, complaint, casework.Dispatch, casework.ActionInput{StationID: &c.centre.ID, AssigneeID: &c.med.ID})
	return complaint, rep, pc, pr
}

func offer() mediation.MerchantAnswer {
	return mediation.MerchantAnswer{Kind: mediation.OfferSettle, Text: "愿意退款", Terms: "退还货款 300 元并赔偿 100 元",
		Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 300_00}, {Kind: mediation.Compensation, Amount: 100_00}}, Offered: 400_00}
}

// TestPortalAcceptOfferAndRate_C12_R_L14_R_S6_R_L23: the complainant, proved on the portal,
// reads the merchant's offer and accepts it: mediation starts only with both consents on record
// (R-L14), the offer becomes the agreement with its amounts (R-S6), each step on the timeline as
// the consumer's. After closing they rate 5 once, counted in the month's satisfaction figures
// with the callbacks (R-L23). The report's filer can do none of it; bad input changes nothing.
func TestPortalAcceptOfferAndRate_C12_R_L14_R_S6_R_L23(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		mer, shop := c.shopOf(t, "某某超市有限公司")
		m, rep, pc, pr := c.portalProved(t, mer.ID)

		// Nothing offered yet: 409; a stranger without proof: refused.
		_, err := c.svc.AcceptOfferOnPortal(c.ctx, pc)
		refused(t, "no offer", err, true, "offer:required")
		if _, err := c.svc.AcceptOfferOnPortal(c.ctx, auth.Anonymous("203.0.113.9")); !errors.Is(err, service.ErrNotProved) {
			t.Fatalf("anonymous accept: %v", err)
		}
		if _, err := c.svc.AnswerComplaint(c.ctx, auth.As(shop), m.Number, offer()); err != nil {
			t.Fatal(err)
		}
		// The public finds the merchant; this quarter is not published yet, so no figures (R-L29;
		// the configured fields are TestPortalMerchantSearchUsesConfiguredFields_R_L29).
		if pm, err := c.svc.PublicMerchants(c.ctx, auth.Anonymous(""), "某某超市有限公司"); err != nil || len(pm.Merchants) != 1 ||
			pm.Period.Name != "2026-Q1" || !pm.Merchants[0].TooFew || len(pm.Merchants[0].Figures) != 0 {
			t.Fatalf("public record %+v %v", pm, err)
		}
		v, err := c.svc.PortalCase(c.ctx, pc)
		if err != nil || v.Offer == nil || v.Offer.Offered != "400.00" || v.Offer.Amounts[0].Yuan != "300.00" || v.Offer.Status != "open" || !v.CanAnswerOffer || v.CanRate {
			t.Fatalf("the complainant's view: %+v %v", v.Offer, err)
		}
		// The report's filer sees none of the merchant's side and may not answer for the complainant (R-L25).
		if v, _ := c.svc.PortalCase(c.ctx, pr); v.Offer != nil || v.CanAnswerOffer || v.CanRate {
			t.Fatalf("the report's filer sees the offer: %+v", v)
		}
		for _, try := range []func() error{
			func() error { _, err := c.svc.AcceptOfferOnPortal(c.ctx, pr); return err },
			func() error { return c.svc.DeclineOfferOnPortal(c.ctx, pr, "") },
			func() error { return c.svc.RateOnPortal(c.ctx, pr, ptr(5), "") },
		} {
			if err := try(); !errors.Is(err, service.ErrForbidden) {
				t.Fatalf("the report's filer: %v", err)
			}
		}

		// Mediation needs both consents first (R-L14): a 409 naming them, nothing written.
		_, err = c.svc.AcceptOfferOnPortal(c.ctx, pc)
		refused(t, "no consent", err, true, "consent_complainant:no_consent")
		if a, _ := s.Answer(c.ctx, m.ID); a.AcceptedAt != nil {
			t.Fatal("a refused acceptance was written")
		}
		c.consentBoth(t, m)
		ag, err := c.svc.AcceptOfferOnPortal(c.ctx, pc)
		if err != nil || ag.Recovered != money.Fen(400_00) || len(ag.Amounts) != 2 {
			t.Fatalf("accepted: %+v %v", ag, err)
		}
		m, _ = s.MatterByNumber(c.ctx, m.Number)
		if m.State != casework.Agreement || m.Outcome != casework.OutcomeAgreement {
			t.Fatalf("after acceptance: %s %s", m.State, m.Outcome)
		}
		evs := c.timeline(t, m)
		for _, a := range []casework.Action{casework.StartMediation, casework.Agree} {
			e := last(evs, a)
			if e == nil || e.ActorID != nil || e.ActorName != "投诉人 / consumer" {
				t.Fatalf("%s on the timeline: %+v", a, e)
			}
		}
		_, err = c.svc.AcceptOfferOnPortal(c.ctx, pc)
		refused(t, "accepted twice", err, true, "offer:already")
		err = c.svc.DeclineOfferOnPortal(c.ctx, pc, "")
		refused(t, "declined after acceptance", err, true, "offer:already")
		v, _ = c.svc.PortalCase(c.ctx, pc)
		if v.Offer.Status != "accepted" || v.CanAnswerOffer || !hasStep(v, casework.Agree, "you") || !hasStep(v, casework.MerchantAnswer, "merchant") {
			t.Fatalf("view after acceptance: %+v %+v", v.Offer, v.Steps)
		}

		// Not closed yet: no rating (409).
		err = c.svc.RateOnPortal(c.ctx, pc, ptr(5), "")
		refused(t, "rating before closure", err, true, "state:wrong_state")
		file, err := c.svc.Mediation(c.ctx, auth.As(c.sup), m.Number)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.IssueDocument(c.ctx, auth.As(c.med), m.Number, service.IssueInput{Kind: file.Required}); err != nil {
			t.Fatal(err)
		}
		m = c.act(t, c.sup, m, casework.Close, casework.ActionInput{})
		if v, _ = c.svc.PortalCase(c.ctx, pc); !v.CanRate || v.Rated {
			t.Fatalf("closed, not rated: %+v", v)
		}
		err = c.svc.RateOnPortal(c.ctx, pc, ptr(6), "")
		refused(t, "six stars", err, false, "satisfaction:one_of")
		err = c.svc.RateOnPortal(c.ctx, pc, nil, "")
		refused(t, "no stars", err, false, "satisfaction:required")
		if err := c.svc.RateOnPortal(c.ctx, pc, ptr(5), "处理很快，谢谢"); err != nil {
			t.Fatal(err)
		}
		err = c.svc.RateOnPortal(c.ctx, pc, ptr(4), "")
		refused(t, "rated twice", err, true, "rating:already")
		_, err = c.svc.RecordCallback(c.ctx, auth.As(c.op), m.Number, service.CallbackInput{Reached: true, Satisfaction: ptr(3)})
		refused(t, "a staff callback after the consumer's rating", err, true, "callback:already")
		if v, _ = c.svc.PortalCase(c.ctx, pc); !v.Rated || v.Rating == nil || *v.Rating != 5 || v.CanRate {
			t.Fatalf("rated: %+v", v)
		}
		sum, err := c.svc.Summary(c.ctx, auth.As(c.sup), report.Params{From: calendar.Date{Year: 2026, Month: 5, Day: 1}, To: calendar.Date{Year: 2026, Month: 5, Day: 31}})
		if err != nil || sum.Satisfaction.Count != 1 || sum.Satisfaction.Mean == nil || *sum.Satisfaction.Mean != 5 {
			t.Fatalf("the month's satisfaction %+v %v", sum.Satisfaction, err)
		}
		if rv, _ := c.svc.PortalCase(c.ctx, pr); rv.Rated || rv.Offer != nil {
			t.Fatalf("the report's filer after closing: %+v", rv)
		}
		_ = rep
	})
}

// TestPortalDeclineOffer_C12: the complainant declines the offer with a reason: on the timeline
// as theirs, the complaint goes on, the offer cannot be accepted afterwards on the portal.
func TestPortalDeclineOffer_C12(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		mer, shop := c.shopOf(t, "某某超市有限公司")
		m, _, pc, _ := c.portalProved(t, mer.ID)
		if _, err := c.svc.AnswerComplaint(c.ctx, auth.As(shop), m.Number, offer()); err != nil {
			t.Fatal(err)
		}
		long := make([]rune, 2001)
		for i := range long {
			long[i] = '长'
		}
		err := c.svc.DeclineOfferOnPortal(c.ctx, pc, string(long))
		refused(t, "a reason too long", err, false, "reason:too_long")
		if err := c.svc.DeclineOfferOnPortal(c.ctx, pc, "金额太少"); err != nil {
			t.Fatal(err)
		}
		e := last(c.timeline(t, m), casework.DeclineOffer)
		if e == nil || e.ActorID != nil || e.Data["reason"] != "金额太少" {
			t.Fatalf("decline on the timeline: %+v", e)
		}
		_, err = c.svc.AcceptOfferOnPortal(c.ctx, pc)
		refused(t, "accepted after declining", err, true, "offer:already")
		v, _ := c.svc.PortalCase(c.ctx, pc)
		if v.Offer.Status != "declined" || v.CanAnswerOffer || v.State != casework.Dispatched || !hasStep(v, casework.DeclineOffer, "you") {
			t.Fatalf("after declining: %+v %s", v.Offer, v.State)
		}
	})
}

func last(evs []casework.Event, a casework.Action) *casework.Event {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Action == a {
			return &evs[i]
		}
	}
	return nil
}

func hasStep(v service.PortalCase, a casework.Action, by string) bool {
	for _, st := range v.Steps {
		if st.Action == a && st.By == by {
			return true
		}
	}
	return false
}

// TestPortalRatingAfterAnUnansweredCallback_R_L23: the office called back and did not reach the
// consumer: the callback is done, so the portal neither shows a rating nor takes one (409).
func TestPortalRatingAfterAnUnansweredCallback_R_L23(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		mer, _ := c.shopOf(t, "某某超市有限公司")
		m, _, pc, _ := c.portalProved(t, mer.ID)
		if err := c.svc.WithdrawOnPortal(c.ctx, pc, "已和解"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.RecordCallback(c.ctx, auth.As(c.op), m.Number, service.CallbackInput{Reached: false, Comment: "两次无人接听"}); err != nil {
			t.Fatal(err)
		}
		if v, err := c.svc.PortalCase(c.ctx, pc); err != nil || v.CanRate || v.Rated || v.Rating != nil {
			t.Fatalf("after an unanswered callback: %+v %v", v, err)
		}
		err := c.svc.RateOnPortal(c.ctx, pc, ptr(5), "")
		refused(t, "rated after the callback", err, true, "rating:already")
	})
}
