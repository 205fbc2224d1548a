package portal_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestConsentLinkOverHTTP_R_L14: the party opens the link sent by SMS, sees the complaint and
// what they consent to in their language, and says yes: their online consent is recorded; the
// link opened again says it was confirmed, a second yes is 409 with the reason on the page; a
// wrong token is 404 — on both databases.
func TestConsentLinkOverHTTP_R_L14(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		x := newSite(t, s)
		ctx := context.Background()
		x.svc.SetPortal("https://12315.example.cn", service.DefaultPortalLimits)
		ms, err := x.svc.Intake(ctx, auth.As(&x.op), casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &x.area.ID,
			Consumer: casework.Party{Name: "李四", Phone: "13900139000", Address: "码头村 3 组"}, MerchantName: "丽人美发店", MerchantAddress: "码头街 12 号",
			Facts: "办卡后店铺关门", Request: "退还余额"})
		if err != nil {
			t.Fatal(err)
		}
		m := ms[0]
		if _, err := x.svc.Act(ctx, auth.As(&x.op), m.Number, casework.Accept, casework.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		if _, err := x.svc.SendConsentLink(ctx, auth.As(&x.op), m.Number, mediation.Complainant, mediation.ToMediation); err != nil {
			t.Fatal(err)
		}
		msgs, _ := s.MatterMessages(ctx, m.ID)
		path := regexp.MustCompile(`/portal/consent/\d+\.[A-Za-z0-9_-]+`).FindString(msgs[len(msgs)-1].Body)
		if path == "" {
			t.Fatalf("no link in %q", msgs[len(msgs)-1].Body)
		}
		c := newClient()
		if a := x.get(t, c, path); a.status != 200 || !strings.Contains(a.body, m.Number) || !strings.Contains(a.body, "同意调解") || !strings.Contains(a.body, `id="consent-submit"`) {
			t.Fatalf("the link's page: %d %.1500s", a.status, a.body)
		}
		if a := x.get(t, c, path[:len(path)-2]+"zz"); a.status != 404 {
			t.Fatalf("a wrong token: %d", a.status)
		}
		if a := x.post(t, c, path, url.Values{}); a.status != 200 || !strings.Contains(a.body, `id="consent-done"`) {
			t.Fatalf("consent: %d %.1500s", a.status, a.body)
		}
		if cs, _ := s.Consents(ctx, m.ID); len(cs) != 1 || cs[0].Method != mediation.Online || cs[0].Side != mediation.Complainant {
			t.Fatalf("consents %+v", cs)
		}
		if a := x.get(t, c, path); a.status != 200 || !strings.Contains(a.body, `id="consent-given"`) || strings.Contains(a.body, `id="consent-submit"`) {
			t.Fatalf("the link opened again: %d", a.status)
		}
		if a := x.post(t, c, path, url.Values{}); a.status != 409 || !strings.Contains(a.body, `id="consent-problem"`) {
			t.Fatalf("consent twice: %d %.1500s", a.status, a.body)
		}
	})
}
