package service_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/notify"
	"weiquan/internal/notify/notifytest"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestNotificationsReallyArrive: a portal submission's e-mail reaches a real SMTP server on
// loopback; its SMS meets a failing gateway, is retried with backoff and dead-lettered after the
// last try, every attempt on the matter's timeline, an alert raised, the admin sees it and
// re-queues it, and it is delivered once the gateway recovers. The office's webhook is signed.
func TestNotificationsReallyArrive(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		smtpd := notifytest.StartSMTP(t)
		var mu sync.Mutex
		failing, calls, badSig := true, 0, 0
		gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			mu.Lock()
			defer mu.Unlock()
			calls++
			if !notify.Verify("sms-secret", r.Header, body, time.Now(), time.Hour*24*365*10) {
				badSig++
			}
			if failing {
				http.Error(w, "gateway down", http.StatusServiceUnavailable)
				return
			}
			_, _ = w.Write([]byte(`{"code":"OK"}`))
		}))
		defer gw.Close()
		var hooks, hookBad int
		hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			mu.Lock()
			defer mu.Unlock()
			hooks++
			if !notify.Verify("hook-secret", r.Header, body, time.Now(), 24*time.Hour) || strings.Contains(string(body), "13900139000") {
				hookBad++
			}
		}))
		defer hook.Close()
		c.svc.SetSender(notify.Email, &notify.SMTP{Host: smtpd.Host, Port: smtpd.Port, TLS: "none", From: "维权通 <noreply@weiquan.example.cn>"})
		c.svc.SetSender(notify.SMS, &notify.SMSGateway{URL: gw.URL, Secret: "sms-secret", SignName: "维权通"})
		c.svc.SetSender(notify.Webhook, &notify.WebhookSender{Secret: "hook-secret"})
		c.svc.SetPortalWebhook(hook.URL)
		c.svc.SetDeliveryPolicy(notify.Policy{Attempts: 3, Base: time.Minute, Max: time.Hour})

		r, err := c.svc.SubmitOnPortal(c.ctx, auth.Anonymous("203.0.113.9"), portalComplaint(c))
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.svc.Deliver(c.ctx, c.clock.Now())
		if err != nil || res.Sent != 2 || res.Failed != 1 {
			t.Fatalf("first pass %+v %v", res, err)
		}
		mails := smtpd.To("li@example.cn")
		if len(mails) != 1 || !strings.Contains(mails[0].Subject, r.Numbers[0]) || !strings.Contains(mails[0].Body, r.TrackingCode) {
			t.Fatalf("mail %+v", mails)
		}
		if hooks != 1 || hookBad != 0 {
			t.Fatalf("webhook: %d calls, %d bad", hooks, hookBad)
		}
		// Not due yet: nothing is tried; then 1 min and 2 min later the second and third tries fail.
		if res, _ := c.svc.Deliver(c.ctx, c.clock.Now().Add(30*time.Second)); res != (service.DeliveryResult{}) {
			t.Fatalf("tried before its time: %+v", res)
		}
		c.clock.Add(time.Minute)
		if res, _ := c.svc.Deliver(c.ctx, c.clock.Now()); res.Failed != 1 {
			t.Fatalf("second try %+v", res)
		}
		c.clock.Add(2 * time.Minute)
		if res, _ := c.svc.Deliver(c.ctx, c.clock.Now()); res.Dead != 1 {
			t.Fatalf("third try %+v", res)
		}
		m, _ := s.MatterByNumber(c.ctx, r.Numbers[0])
		evs, _ := s.Timeline(c.ctx, m.ID)
		var tries []string
		for _, ev := range evs {
			if ev.Action == casework.Delivery && ev.Data["channel"] == notify.SMS {
				tries = append(tries, ev.Data["status"].(string))
			}
		}
		if strings.Join(tries, ",") != "failed,failed,dead" || calls != 3 || badSig != 0 {
			t.Fatalf("timeline %v, %d calls, %d bad signatures", tries, calls, badSig)
		}
		alerts, _, _ := s.Alerts(c.ctx, store.AlertFilter{Scope: store.Scope{All: true}, Kind: service.AlertMessageDead})
		if len(alerts) != 1 {
			t.Fatalf("alerts %+v", alerts)
		}
		dead, n, err := c.svc.Outbox(c.ctx, auth.As(c.admin), service.OutboxQuery{Status: notify.Dead})
		if err != nil || n != 1 || len(dead[0].Attempts) != 3 || dead[0].Recipient != "139****9000" || dead[0].Body != "" {
			t.Fatalf("admin's dead letters %+v %v", dead, err)
		}
		if _, _, err := c.svc.Outbox(c.ctx, auth.As(c.op), service.OutboxQuery{}); err == nil {
			t.Fatal("an operator read the outbox")
		}
		if err := c.svc.Requeue(c.ctx, auth.As(c.admin), dead[0].ID); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		failing = false
		mu.Unlock()
		if res, _ := c.svc.Deliver(c.ctx, c.clock.Now()); res.Sent != 1 {
			t.Fatalf("after re-queue %+v", res)
		}
		if err := c.svc.Requeue(c.ctx, auth.As(c.admin), dead[0].ID); err == nil {
			t.Fatal("re-queued a sent message")
		}
	})
}

// TestTemplatesEditedByAdmins: the admin rewords the receipt; the next submission uses it; a
// template that does not render is refused with a field error.
func TestTemplatesEditedByAdmins(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		tp := notify.Template{Kind: notify.KindPortalReceipt, Lang: "zh-CN", Subject: "编号 {{.Number}}", Body: "湖口县消保委已收到，编号 {{.Numbers}}，查询码 {{.Code}}"}
		if _, body, err := c.svc.PreviewTemplate(c.ctx, auth.As(c.admin), tp); err != nil || !strings.Contains(body, notify.SampleVars.Code) {
			t.Fatalf("preview %q %v", body, err)
		}
		if err := c.svc.SaveMessageTemplate(c.ctx, auth.As(c.op), tp); err == nil {
			t.Fatal("an operator saved a template")
		}
		if err := c.svc.SaveMessageTemplate(c.ctx, auth.As(c.admin), tp); err != nil {
			t.Fatal(err)
		}
		bad := tp
		bad.Body = "编号 {{.Nmber}}"
		if err := c.svc.SaveMessageTemplate(c.ctx, auth.As(c.admin), bad); err == nil {
			t.Fatal("a broken template was saved")
		}
		r, err := c.svc.SubmitOnPortal(c.ctx, auth.Anonymous("203.0.113.9"), portalComplaint(c))
		if err != nil {
			t.Fatal(err)
		}
		m, _ := s.MatterByNumber(c.ctx, r.Numbers[0])
		msgs, _ := s.MatterMessages(c.ctx, m.ID)
		if !strings.HasPrefix(msgs[0].Body, "湖口县消保委已收到") {
			t.Fatalf("message %q", msgs[0].Body)
		}
		list, err := c.svc.MessageTemplates(c.ctx, auth.As(c.admin))
		if err != nil || len(list) != 2*len(notify.TemplateKinds()) || !list[0].Custom || list[1].Custom {
			t.Fatalf("templates %+v %v", list, err)
		}
	})
}
