package portal_test

import (
	"context"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestOfferAndRatingOverHTTP: the consumer's answers through the real handler stack. Without a
// proof the routes send to the tracking page; the report's filer is refused (403) and sees no
// offer; an unconfirmed acceptance, a missing consent, a rating before closure, six stars and
// a second rating come back on the page as 422/409 with their messages, nothing written.
func TestOfferAndRatingOverHTTP(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		x := newSite(t, s)
		ctx := context.Background()
		c := x.client
		fields := map[string]string{"kind": "complaint", "also_report": "1", "report_facts": "无照经营", "name": "李四", "phone": "13900139000",
			"address": "码头村 3 组", "merchant_name": "丽人美发店", "merchant_address": "码头街 12 号", "area_id": itoa(x.area.ID),
			"facts": "办卡后店铺关门", "request": "退还余额"}
		a := x.submit(t, c, fields, nil)
		var numbers []string
		for _, n := range regexp.MustCompile(`\b(?:JB)?20\d{6}-\d{6}\b`).FindAllString(a.body, -1) {
			if !slices.Contains(numbers, n) {
				numbers = append(numbers, n)
			}
		}
		tracking := trackingRe.FindString(a.body)
		if a.status != 200 || len(numbers) < 2 || tracking == "" {
			t.Fatalf("receipt %d %v %q", a.status, numbers, tracking)
		}
		complaint, report := numbers[0], numbers[1]
		for _, path := range []string{"/portal/case/offer/accept", "/portal/case/offer/decline", "/portal/case/rate"} {
			if a := x.post(t, newClient(), path, url.Values{"confirm": {"1"}, "satisfaction": {"5"}}); a.status != 303 || a.location != "/portal/track" {
				t.Fatalf("%s without proof: %d %s", path, a.status, a.location)
			}
		}
		shop := merchant.Merchant{Name: "丽人美发店", Type: merchant.Individual, Address: "码头街 12 号", AreaID: &x.area.ID}
		if err := x.svc.SaveMerchant(ctx, &shop); err != nil {
			t.Fatal(err)
		}
		seller := auth.User{Username: "liren", DisplayName: "丽人", Role: auth.Merchant, MerchantID: &shop.ID, Lang: "zh-CN", Active: true}
		if err := x.svc.CreateUser(ctx, &seller, "correct-horse-9"); err != nil {
			t.Fatal(err)
		}
		for _, st := range []struct {
			a  casework.Action
			in casework.ActionInput
		}{{casework.Update, casework.ActionInput{Changes: &casework.Changes{MerchantID: &shop.ID}}}, {casework.Accept, casework.ActionInput{}}} {
			if _, err := x.svc.Act(ctx, auth.As(&x.op), complaint, st.a, st.in); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := x.svc.AnswerComplaint(ctx, auth.As(&seller), complaint, mediation.MerchantAnswer{Kind: mediation.OfferSettle, Terms: "退还余额 800 元",
			Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 800_00}}, Offered: 800_00}); err != nil {
			t.Fatal(err)
		}

		// The report's filer: no offer on the page, the routes refused.
		r := newClient()
		if a := x.post(t, r, "/portal/track/prove", url.Values{"number": {report}, "tracking": {tracking}}); a.status != 303 {
			t.Fatalf("prove the report %d", a.status)
		}
		if a := x.get(t, r, "/portal/case"); strings.Contains(a.body, "和解方案") || strings.Contains(a.body, "800") {
			t.Fatalf("the report's filer sees the offer: %.2000s", a.body)
		}
		for _, path := range []string{"/portal/case/offer/accept", "/portal/case/offer/decline", "/portal/case/rate"} {
			if a := x.post(t, r, path, url.Values{"confirm": {"1"}, "satisfaction": {"5"}}); a.status != 403 {
				t.Fatalf("%s by the report's filer: %d", path, a.status)
			}
		}

		// The complainant.
		if a := x.post(t, c, "/portal/track/prove", url.Values{"number": {complaint}, "tracking": {tracking}}); a.status != 303 {
			t.Fatalf("prove the complaint %d", a.status)
		}
		if a := x.get(t, c, "/portal/case"); !strings.Contains(a.body, "经营者的和解方案") || !strings.Contains(a.body, "800.00 元") {
			t.Fatalf("the offer is not shown: %.3000s", a.body)
		}
		if a := x.post(t, c, "/portal/case/offer/accept", nil); a.status != 422 || !strings.Contains(a.body, `id="e-offer_confirm"`) {
			t.Fatalf("unconfirmed %d", a.status)
		}
		if a := x.post(t, c, "/portal/case/offer/accept", url.Values{"confirm": {"1"}}); a.status != 409 || !strings.Contains(a.body, "双方同意调解") {
			t.Fatalf("no consent yet %d %.2000s", a.status, a.body)
		}
		if a := x.post(t, c, "/portal/case/rate", url.Values{"satisfaction": {"5"}}); a.status != 409 {
			t.Fatalf("rating before closure %d", a.status)
		}
		if a := x.post(t, c, "/portal/case/offer/decline", url.Values{"decline_reason": {"金额太少"}}); a.status != 303 || a.location != "/portal/case?done=declined" {
			t.Fatalf("decline %d %s", a.status, a.location)
		}
		if a := x.get(t, c, "/portal/case?done=declined"); !strings.Contains(a.body, "您已拒绝") || !strings.Contains(a.body, "拒绝和解方案") {
			t.Fatalf("after declining %.3000s", a.body)
		}
		if a := x.post(t, c, "/portal/case/offer/accept", url.Values{"confirm": {"1"}}); a.status != 409 {
			t.Fatalf("accepting a declined offer %d", a.status)
		}
		// The complaint ends (withdrawn here) and is rated once.
		if a := x.post(t, c, "/portal/case/withdraw", url.Values{"confirm": {"1"}}); a.status != 303 {
			t.Fatalf("withdraw %d", a.status)
		}
		if a := x.post(t, c, "/portal/case/rate", url.Values{"satisfaction": {"6"}}); a.status != 422 || !strings.Contains(a.body, `id="e-satisfaction"`) {
			t.Fatalf("six stars %d", a.status)
		}
		if a := x.post(t, c, "/portal/case/rate", url.Values{"satisfaction": {"4"}, "comment": {"还行"}}); a.status != 303 || a.location != "/portal/case?done=rated" {
			t.Fatalf("rate %d %s", a.status, a.location)
		}
		if a := x.post(t, c, "/portal/case/rate", url.Values{"satisfaction": {"5"}}); a.status != 409 {
			t.Fatalf("rated twice %d", a.status)
		}
		// The same page in English.
		x.post(t, c, "/portal/lang", url.Values{"lang": {"en"}})
		if a := x.get(t, c, "/portal/case"); !strings.Contains(a.body, "The merchant&#39;s offer") || !strings.Contains(a.body, "You declined it") ||
			!strings.Contains(a.body, "Your rating: 4 out of 5.") || !strings.Contains(a.body, "Offer declined") {
			t.Fatalf("in English: %.4000s", a.body[strings.Index(a.body, "<main"):])
		}
		m, _ := s.MatterByNumber(ctx, complaint)
		if m.Satisfaction == nil || *m.Satisfaction != 4 {
			t.Fatalf("the matter's satisfaction %v", m.Satisfaction)
		}
	})
}
