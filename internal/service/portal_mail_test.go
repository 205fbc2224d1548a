package service_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/notify"
	"weiquan/internal/notify/notifytest"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestComplainantHearsEveryStep_R_L15_R_S5_R_L23: a complaint filed on the portal with a phone
// and an e-mail address. Its session notice (R-L15), the merchant's answer, the acceptance and
// closing (R-S5), the outcome notice and the callback — the invitation to rate — all reach the
// complainant by SMS through an HTTP gateway on loopback (signature verified) and by e-mail read
// from an SMTP server on loopback.
func TestComplainantHearsEveryStep_R_L15_R_S5_R_L23(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		smtpd := notifytest.StartSMTP(t)
		var mu sync.Mutex
		var texts []string
		gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			if !notify.Verify("sms-secret", r.Header, body, time.Now(), 24*365*10*time.Hour) {
				http.Error(w, "bad signature", http.StatusForbidden)
				return
			}
			mu.Lock()
			texts = append(texts, string(body))
			mu.Unlock()
			_, _ = w.Write([]byte(`{"code":"OK"}`))
		}))
		defer gw.Close()
		c.svc.SetSender(notify.Email, &notify.SMTP{Host: smtpd.Host, Port: smtpd.Port, TLS: "none", From: "维权通 <noreply@weiquan.example.cn>"})
		c.svc.SetSender(notify.SMS, &notify.SMSGateway{URL: gw.URL, Secret: "sms-secret", SignName: "维权通"})

		mer, shop := c.shopOf(t, "某某超市有限公司")
		m, _, pc, _ := c.portalProved(t, mer.ID)
		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})
		if _, err := c.svc.Declare(c.ctx, auth.As(c.med), m.Number, mediation.Declaration{Relation: mediation.NoRelation}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.ScheduleSession(c.ctx, auth.As(c.med), m.Number, mediation.Session{At: sh(t, "2026-05-09 10:00"), Mode: mediation.Video,
			MeetingLink: "https://meet.example.cn/r/123", Mediators: []int64{c.med.ID}}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.AnswerComplaint(c.ctx, auth.As(shop), m.Number, offer()); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.AcceptOfferOnPortal(c.ctx, pc); err != nil {
			t.Fatal(err)
		}
		file, err := c.svc.Mediation(c.ctx, auth.As(c.sup), m.Number)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.IssueDocument(c.ctx, auth.As(c.med), m.Number, service.IssueInput{Kind: file.Required}); err != nil {
			t.Fatal(err)
		}
		c.act(t, c.sup, m, casework.Close, casework.ActionInput{})
		if _, err := c.svc.Deliver(c.ctx, c.clock.Now()); err != nil {
			t.Fatal(err)
		}

		msgs, _ := s.MatterMessages(c.ctx, m.ID)
		sent := map[string][]string{}
		for _, x := range msgs {
			if x.Recipient == "13900139000" || x.Recipient == "li@example.cn" {
				sent[x.Kind] = append(sent[x.Kind], x.Channel)
			}
			if x.Recipient == "li@example.cn" && x.Status != notify.Sent {
				t.Errorf("%s by e-mail: %s", x.Kind, x.Status)
			}
		}
		for _, kind := range []string{"session_notice", "merchant_answer", "outcome_notice", notify.KindProgress, notify.KindRateInvite} {
			if !slices.Contains(sent[kind], notify.SMS) || !slices.Contains(sent[kind], notify.Email) {
				t.Errorf("%s went by %v, want SMS and e-mail", kind, sent[kind])
			}
		}
		var subjects []string
		for _, mail := range smtpd.To("li@example.cn") {
			subjects = append(subjects, mail.Subject)
		}
		all := strings.Join(subjects, " | ")
		for _, want := range []string{"调解通知：" + m.Number, "经营者已答复：" + m.Number, "办理结果告知：" + m.Number, "请为 " + m.Number + " 的办理评分"} {
			if !strings.Contains(all, want) {
				t.Errorf("no mail %q among %s", want, all)
			}
		}
		mu.Lock()
		joined := strings.Join(texts, "\n")
		mu.Unlock()
		if !strings.Contains(joined, "回访") || !strings.Contains(joined, "/portal/track") {
			t.Errorf("no rating invitation by SMS in %s", joined)
		}
	})
}
