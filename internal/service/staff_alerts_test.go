package service_test

import (
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/notify"
	"weiquan/internal/notify/notifytest"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestDeadlineAlertsToStaffWhoWantThem: a supervisor asks for deadline alerts by SMS and
// e-mail, another area's supervisor by e-mail, an operator for none. When a complaint's deadline
// is breached the first gets it both ways (the e-mail read from an SMTP server on loopback), in
// their language, with nothing of the consumer; the others get nothing. SMS without a phone on
// the account and a bad address are field errors; a merchant may not subscribe.
func TestDeadlineAlertsToStaffWhoWantThem(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		smtpd := notifytest.StartSMTP(t)
		c.svc.SetSender(notify.Email, &notify.SMTP{Host: smtpd.Host, Port: smtpd.Port, TLS: "none", From: "维权通 <noreply@weiquan.example.cn>"})
		user := func(name string, role auth.Role, area int64, phone, lang string) *auth.User {
			u := &auth.User{Username: name, DisplayName: name, Role: role, AreaID: &area, Phone: phone, Lang: lang, Active: true, PasswordHash: "x", CreatedAt: c.clock.Now()}
			if err := s.Tx(c.ctx, func(tx *store.Tx) error { return tx.CreateUser(c.ctx, u) }); err != nil {
				t.Fatal(err)
			}
			return u
		}
		mine := user("sup-en", auth.Supervisor, c.county.ID, "13700001111", "en")
		other := user("sup-street", auth.Supervisor, c.street.ID, "13700002222", "zh-CN")

		err := c.svc.SaveAlertChannels(c.ctx, auth.As(c.op), service.AlertChannels{BySMS: true, Email: "not an address"})
		refused(t, "no phone, bad address", err, false, "by_sms:required")
		refused(t, "no phone, bad address", err, false, "email:format")
		mer, shop := c.shopOf(t, "某某超市有限公司")
		_ = mer
		if err := c.svc.SaveAlertChannels(c.ctx, auth.As(shop), service.AlertChannels{Email: "shop@example.cn"}); err != service.ErrForbidden {
			t.Fatalf("a merchant subscribed: %v", err)
		}
		if err := c.svc.SaveAlertChannels(c.ctx, auth.As(mine), service.AlertChannels{BySMS: true, Email: "sup@example.cn"}); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.SaveAlertChannels(c.ctx, auth.As(other), service.AlertChannels{Email: "street@example.cn"}); err != nil {
			t.Fatal(err)
		}
		if ch, err := c.svc.MyAlertChannels(c.ctx, auth.As(mine)); err != nil || !ch.BySMS || ch.Email != "sup@example.cn" || ch.Phone == "13700001111" {
			t.Fatalf("channels %+v %v", ch, err)
		}

		m := c.complaint(t, c.village, nil) // in the county, not in the street's area
		if _, err := c.svc.Scan(c.ctx, c.clock.Now().Add(40*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		msgs, _ := s.MatterMessages(c.ctx, m.ID)
		got := map[string]int{}
		for _, x := range msgs {
			if x.Kind != "staff_alert" {
				continue
			}
			got[x.Channel+" "+x.Recipient]++
			if strings.Contains(x.Body, "张三") || strings.Contains(x.Body, "13800138000") || !strings.Contains(x.Body, m.Number) || x.Lang != "en" {
				t.Errorf("alert message %+v", x)
			}
		}
		if got["sms 13700001111"] == 0 || got["email sup@example.cn"] == 0 || got["email street@example.cn"] != 0 || len(got) != 2 {
			t.Fatalf("staff alerts sent %v", got)
		}
		if _, err := c.svc.Deliver(c.ctx, c.clock.Now().Add(40*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		mails := smtpd.To("sup@example.cn")
		if len(mails) == 0 || !strings.Contains(mails[0].Subject, "Deadline alert: "+m.Number) {
			t.Fatalf("mails %+v", mails)
		}
	})
}
