package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestConsentLinkStep_R_L14: the API's mediation step consent_link sends the party a one-time
// link through the outbox; without the portal's public address it is 409 portal_url — on both
// databases.
func TestConsentLinkStep_R_L14(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		m := f.accepted(t)
		n := m.Number
		body := `{"side":"complainant","purpose":"mediation"}`
		if status, resp := f.do(t, "op", "POST", "/api/v1/matters/"+n+"/mediation/consent_link", body, nil); status != http.StatusConflict || !strings.Contains(resp, `"portal_url"`) {
			t.Fatalf("without the portal's address: %d %s", status, resp)
		}
		f.svc.SetPortal("https://12315.example.cn", service.DefaultPortalLimits)
		status, resp := f.do(t, "op", "POST", "/api/v1/matters/"+n+"/mediation/consent_link", body, nil)
		if status != http.StatusOK || !strings.Contains(resp, `"kind":"link"`) {
			t.Fatalf("consent link: %d %s", status, resp)
		}
		msgs, _ := s.MatterMessages(ctx, m.ID)
		if last := msgs[len(msgs)-1]; last.Kind != "consent_link" || !strings.Contains(last.Body, "https://12315.example.cn/portal/consent/") {
			t.Fatalf("the message: %+v", last)
		}
	})
}
