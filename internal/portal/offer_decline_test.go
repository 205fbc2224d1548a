package portal_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/merchant"
	"weiquan/internal/portal"
	"weiquan/internal/server"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
	"weiquan/internal/web"
)

// TestDeclinedOfferSeenByStaffOverHTTP: the complainant declines the merchant's offer on the
// portal; the mediator's case page shows it on the mediation panel — when, and the reason —
// with a warning beside "record acceptance"; the complainant then changes their mind by phone,
// the mediator records the acceptance (still allowed) and the timeline notes the earlier
// refusal. The consumer's tracking page shows no staff name for any of it.
func TestDeclinedOfferSeenByStaffOverHTTP(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		x := newSite(t, s)
		// The staff workbench beside the portal, as cmd/weiquan serves them.
		x.srv.Close()
		x.srv = httptest.NewServer(server.New(x.svc, web.New(x.svc), portal.New(x.svc, portal.Options{})))
		t.Cleanup(x.srv.Close)
		ctx := context.Background()
		c := x.client
		a := x.submit(t, c, map[string]string{"kind": "complaint", "name": "李四", "phone": "13900139000", "address": "码头村 3 组",
			"merchant_name": "丽人美发店", "merchant_address": "码头街 12 号", "area_id": itoa(x.area.ID), "facts": "办卡后店铺关门", "request": "退还余额"}, nil)
		number, tracking := numberRe.FindString(a.body), trackingRe.FindString(a.body)
		if a.status != 200 || number == "" || tracking == "" {
			t.Fatalf("receipt %d", a.status)
		}
		shop := merchant.Merchant{Name: "丽人美发店", Type: merchant.Individual, Address: "码头街 12 号", AreaID: &x.area.ID}
		if err := x.svc.SaveMerchant(ctx, &shop); err != nil {
			t.Fatal(err)
		}
		seller := auth.User{Username: "liren", DisplayName: "丽人", Role: auth.Merchant, MerchantID: &shop.ID, Lang: "zh-CN", Active: true}
		med := auth.User{Username: "tiaojie", DisplayName: "陈调解", Role: auth.Mediator, AreaID: x.op.AreaID, Lang: "zh-CN", Active: true}
		for _, u := range []*auth.User{&seller, &med} {
			if err := x.svc.CreateUser(ctx, u, "correct-horse-9"); err != nil {
				t.Fatal(err)
			}
		}
		for _, st := range []struct {
			a  casework.Action
			in casework.ActionInput
		}{{casework.Update, casework.ActionInput{Changes: &casework.Changes{MerchantID: &shop.ID}}}, {casework.Accept, casework.ActionInput{}}} {
			if _, err := x.svc.Act(ctx, auth.As(&x.op), number, st.a, st.in); err != nil {
				t.Fatal(err)
			}
		}
		for _, side := range mediation.Sides {
			if _, err := x.svc.RecordConsent(ctx, auth.As(&med), number, mediation.Consent{Side: side, Purpose: mediation.ToMediation,
				Method: mediation.ByPhone, Said: "同意调解"}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := x.svc.AnswerComplaint(ctx, auth.As(&seller), number, mediation.MerchantAnswer{Kind: mediation.OfferSettle, Terms: "退还余额 800 元",
			Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 800_00}}, Offered: 800_00}); err != nil {
			t.Fatal(err)
		}

		// The mediator signs in: the open offer, no decline yet, no warning.
		staff := newClient()
		if a := x.post(t, staff, "/login", url.Values{"username": {"tiaojie"}, "password": {"correct-horse-9"}}); a.status != 303 {
			t.Fatalf("sign in %d", a.status)
		}
		page := x.get(t, staff, "/matters/"+number)
		if page.status != 200 || !strings.Contains(page.body, `id="merchant-offer"`) || strings.Contains(page.body, `id="offer-declined"`) {
			t.Fatalf("case page before the decline %d %.3000s", page.status, page.body)
		}

		// The complainant declines on the portal.
		if a := x.post(t, c, "/portal/track/prove", url.Values{"number": {number}, "tracking": {tracking}}); a.status != 303 {
			t.Fatalf("prove %d", a.status)
		}
		if a := x.post(t, c, "/portal/case/offer/decline", url.Values{"decline_reason": {"金额太少，至少要退 1000 元"}}); a.status != 303 {
			t.Fatalf("decline %d", a.status)
		}

		// The mediation panel shows the refusal, its reason and the warning by the accept button.
		page = x.get(t, staff, "/matters/"+number)
		panel := page.body[strings.Index(page.body, `id="mediation"`):]
		for _, w := range []string{`id="offer-declined"`, "投诉人已于 2026-05-06", "在网上拒绝此方案", "金额太少，至少要退 1000 元",
			`id="offer-declined-warning"`, `aria-describedby="offer-declined-warning"`, `id="do-accept-offer"`} {
			if !strings.Contains(panel, w) {
				t.Fatalf("the mediation panel lacks %q: %.4000s", w, panel)
			}
		}
		// The complainant rings and accepts after all: the mediator records it (still allowed).
		if a := x.post(t, staff, "/matters/"+number+"/offer/accept", nil); a.status != 303 || !strings.Contains(a.location, "done=agree") {
			t.Fatalf("record the acceptance %d %s %.2000s", a.status, a.location, a.body)
		}
		m, err := s.MatterByNumber(ctx, number)
		if err != nil || m.State != casework.Agreement {
			t.Fatalf("after the acceptance %v %v", m.State, err)
		}
		evs, err := s.Timeline(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		var noted bool
		for i, ev := range evs {
			if ev.Action == casework.Note && strings.Contains(ev.Note, "曾在网上拒绝此和解方案") && ev.Data["declined_online_at"] != nil {
				noted = i > 0 && evs[i-1].Action == casework.Agree
			}
		}
		if !noted {
			t.Fatalf("the timeline does not note the earlier refusal beside the agreement: %+v", evs)
		}
		page = x.get(t, staff, "/matters/"+number)
		if !strings.Contains(page.body, "曾在网上拒绝此和解方案") || !strings.Contains(page.body, `id="offer-declined"`) {
			t.Fatalf("the case page after acceptance %.4000s", page.body)
		}

		// The consumer's page: agreement reached, no staff name, no internal note.
		if a := x.get(t, c, "/portal/case"); a.status != 200 || strings.Contains(a.body, "陈调解") || strings.Contains(a.body, "tiaojie") ||
			strings.Contains(a.body, "现由工作人员记录其接受") {
			t.Fatalf("the consumer's page %d %.3000s", a.status, a.body)
		}
	})
}
