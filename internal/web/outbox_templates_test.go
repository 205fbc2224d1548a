package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/notify"
	"weiquan/internal/service"
)

// TestOutboxAndTemplatesOverHTTP: the admin's pages of issue 12. A message the SMS gateway
// refuses is a dead letter the admin finds on /admin/outbox with its attempt — the recipient
// masked, the body never shown — and sends again; an operator may not look. On
// /admin/templates a wording is previewed with sample values, one that does not render comes
// back 422, and a saved one is listed as edited.
func TestOutboxAndTemplatesOverHTTP(t *testing.T) {
	c := fixture(t)
	ctx := context.Background()
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"code":"isv.MOBILE_NUMBER_ILLEGAL"}`, http.StatusBadRequest)
	}))
	defer gw.Close()
	c.svc.SetSender(notify.SMS, &notify.SMSGateway{URL: gw.URL, Secret: "s", SignName: "维权通"})
	in := complaintIn(c)
	in.Consumer.Phone = "13912345678"
	m := c.intake(t, c.operator, in)[0]
	c.act(t, c.operator, m.Number, casework.Accept, casework.ActionInput{})
	if res, err := c.svc.Deliver(ctx, c.now); err != nil || res.Dead == 0 {
		t.Fatalf("delivery %+v %v", res, err)
	}
	dead, _, err := c.svc.Outbox(ctx, auth.As(&c.admin), service.OutboxQuery{Status: notify.Dead})
	if err != nil || len(dead) == 0 {
		t.Fatalf("dead letters %v %v", dead, err)
	}
	admin := c.as(t, "admin")
	r := admin.get("/admin/outbox?status=dead")
	if r.status != 200 || !strings.Contains(r.body, "139****5678") || !strings.Contains(r.body, "HTTP 400") {
		t.Fatalf("the dead letter is not shown with its attempt: %d", r.status)
	}
	if strings.Contains(r.body, "13912345678") || strings.Contains(r.body, "已受理") {
		t.Fatal("the outbox page shows a recipient in full or a message's words")
	}
	if r := c.as(t, "zuoxi").get("/admin/outbox"); r.status != 403 {
		t.Fatalf("an operator read the outbox: %d", r.status)
	}
	if r := admin.post(fmt.Sprintf("/admin/outbox/%d/requeue", dead[0].ID), url.Values{}); r.status != 303 || !strings.Contains(r.location, "requeued") {
		t.Fatalf("requeue: %d %s", r.status, r.location)
	}
	if again, _, _ := c.svc.Outbox(ctx, auth.As(&c.admin), service.OutboxQuery{Status: notify.Dead}); len(again) != len(dead)-1 {
		t.Fatalf("after the requeue %d dead letters, want %d", len(again), len(dead)-1)
	}

	form := url.Values{"kind": {notify.KindPortalCode}, "lang": {"zh-CN"}, "subject": {"验证码"},
		"template_body": {"【维权通】您的验证码 {{.Code}}，{{.Minutes}} 分钟内有效。"}, "preview": {"1"}}
	if r := admin.post("/admin/templates", form); r.status != 200 || !strings.Contains(r.body, notify.SampleVars.Code) {
		t.Fatalf("preview: %d", r.status)
	}
	broken := url.Values{}
	for k, v := range form {
		broken[k] = v
	}
	broken.Set("template_body", "验证码 {{.Nope}}")
	if r := admin.post("/admin/templates", broken); r.status != 422 {
		t.Fatalf("a wording with an unknown field: %d", r.status)
	}
	form.Del("preview")
	if r := admin.post("/admin/templates", form); r.status != 303 {
		t.Fatalf("save: %d", r.status)
	}
	list, _ := c.svc.MessageTemplates(ctx, auth.As(&c.admin))
	edited := false
	for _, tv := range list {
		if tv.Kind == notify.KindPortalCode && tv.Lang == "zh-CN" && strings.Contains(tv.Body, "您的验证码") {
			edited = true
		}
	}
	if !edited {
		t.Fatal("the saved wording is not the one in use")
	}
}
