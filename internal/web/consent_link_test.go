package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/casework"
	"weiquan/internal/service"
)

// TestConsentLinkForm_R_L14: staff send a party a consent link from the mediation panel; the
// panel shows it waiting for the party (no code to type back); without the portal's address
// the form says no link can be sent (409).
func TestConsentLinkForm_R_L14(t *testing.T) {
	c := fixture(t)
	city, _, _ := c.matters(t)
	c.act(t, c.operator, city.Number, casework.Accept, casework.ActionInput{})
	op := c.as(t, "zuoxi")
	m := "/matters/" + city.Number
	form := url.Values{"side": {"complainant"}, "purpose": {"mediation"}}
	if r := op.post(m+"/consents/link", form); r.status != 409 || !strings.Contains(r.body, "门户网站地址") {
		t.Fatalf("without the portal's address: %d", r.status)
	}
	c.svc.SetPortal("https://12315.example.cn", service.DefaultPortalLimits)
	if r := op.post(m+"/consents/link", form); r.status != 303 {
		t.Fatalf("send a link: %d %.800s", r.status, r.body)
	}
	msgs, _ := c.st.MatterMessages(context.Background(), city.ID)
	if last := msgs[len(msgs)-1]; last.Kind != "consent_link" || !strings.Contains(last.Body, "https://12315.example.cn/portal/consent/") {
		t.Fatalf("the message: %+v", last)
	}
	page := op.get(m).body
	if !strings.Contains(page, `id="link-`) || strings.Contains(page, `id="code-form-`) || !strings.Contains(page, `id="do-link-send"`) {
		t.Error("the panel does not show the link waiting for the party")
	}
}
