package portal_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"weiquan/internal/auth"
	"weiquan/internal/bulletin"
	"weiquan/internal/casework"
	"weiquan/internal/notify"
	"weiquan/internal/notify/notifytest"
	"weiquan/internal/testdb"
)

// TestPortalJourneyOnAPhone is the consumer's way in a real browser at a phone's size: file a
// complaint with a photo → the number arrives by e-mail (read from a real SMTP server on
// loopback) → staff handle it → the consumer asks for a code (sent through an HTTP SMS gateway
// on loopback), enters it and reads the progress in plain words → withdraws. Every page passes
// axe-core's WCAG 2.1 AA rules, in the normal look and with large text and high contrast.
func TestPortalJourneyOnAPhone(t *testing.T) {
	root := startBrowser(t)
	axe := axeScript(t)
	x := newSite(t, testdb.SQLite(t))
	x.svc.Now = time.Now
	ctx := context.Background()
	smtpd := notifytest.StartSMTP(t)
	var mu sync.Mutex
	var texts []string
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !notify.Verify("gw", r.Header, body, time.Now(), time.Minute) {
			http.Error(w, "bad signature", http.StatusForbidden)
			return
		}
		mu.Lock()
		texts = append(texts, string(body))
		mu.Unlock()
		_, _ = w.Write([]byte(`{"code":"OK"}`))
	}))
	defer gw.Close()
	x.svc.SetSender(notify.Email, &notify.SMTP{Host: smtpd.Host, Port: smtpd.Port, TLS: "none", From: "维权通 <noreply@weiquan.example.cn>"})
	x.svc.SetSender(notify.SMS, &notify.SMSGateway{URL: gw.URL, Secret: "gw", SignName: "维权通"})
	admin := auth.User{Username: "admin", DisplayName: "管理员", Role: auth.Admin, Lang: "zh-CN", Active: true}
	if err := x.svc.CreateUser(ctx, &admin, "correct-horse-9"); err != nil {
		t.Fatal(err)
	}
	n := bulletin.Notice{Title: "预付卡消费提示", Body: "办卡前请查看商家经营情况，金额不宜过大。", StartsOn: time.Now().Format("2006-01-02")}
	if err := x.svc.SaveNotice(ctx, auth.As(&admin), &n); err != nil {
		t.Fatal(err)
	}
	photoFile := filepath.Join(t.TempDir(), "小票.png")
	if err := os.WriteFile(photoFile, photo(t), 0o644); err != nil {
		t.Fatal(err)
	}

	b := phone(t, root, x.srv.URL, axe)
	b.open("/portal/", 200)
	b.check("home")
	b.shot("portal-01-home")
	b.open("/portal/submit", 200)
	b.check("submit")
	b.typeIn("#f-name", "李四")
	b.typeIn("#f-phone", "13900139000")
	b.typeIn("#f-email", "li@example.cn")
	b.typeIn("#f-address", "码头村 3 组")
	b.typeIn("#f-merchant_name", "丽人美发店")
	b.typeIn("#f-merchant_address", "码头街 12 号")
	b.do(chromedp.SetValue(chromedp.CSS("#f-area_id"), itoa(x.area.ID)))
	b.typeIn("#f-facts", "办了 1,200 元的卡，第二周店就关门了。")
	b.typeIn("#f-request", "退还余额")
	b.typeIn("#f-amount", "1200")
	b.do(chromedp.SetUploadFiles(chromedp.CSS("#f-photos"), []string{photoFile}))
	b.shot("portal-02-submit")
	b.submit("button.primary.big", 200)
	receipt := b.text(".receipt")
	number := regexp.MustCompile(`20\d{6}-\d{6}`).FindString(receipt)
	if number == "" || !regexp.MustCompile(`[A-Z2-9]{5}-[A-Z2-9]{5}`).MatchString(receipt) {
		t.Fatalf("receipt: %q", receipt)
	}
	b.check("receipt")
	b.shot("portal-03-receipt")

	// The outbox worker delivers: the number by e-mail (read from the SMTP server) and by SMS.
	if _, err := x.svc.Deliver(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	mails := smtpd.To("li@example.cn")
	if len(mails) != 1 || !strings.Contains(mails[0].Subject, number) || !strings.Contains(mails[0].Body, number) {
		t.Fatalf("mail: %+v", mails)
	}

	// Staff handle it.
	if _, err := x.svc.Act(ctx, auth.As(&x.op), number, casework.Accept, casework.ActionInput{}); err != nil {
		t.Fatal(err)
	}

	// The consumer, on another day in a fresh browser, tracks it with a one-time code.
	p := phone(t, root, x.srv.URL, axe)
	p.open("/portal/track", 200)
	p.check("track")
	p.typeIn("#f-number", number)
	p.typeIn("#f-phone", "13900139000")
	p.submit("button.primary.big", 200)
	if _, err := x.svc.Deliver(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	last := texts[len(texts)-1]
	mu.Unlock()
	code := regexp.MustCompile(`验证码 (\d{6})`).FindStringSubmatch(last)
	if code == nil {
		t.Fatalf("no code in the text message %q", last)
	}
	p.check("code")
	p.shot("portal-04-code")
	p.typeIn("#f-code", code[1])
	p.submit("button.primary.big", 200)
	if st := p.text(".state"); !strings.Contains(st, "已受理") {
		t.Fatalf("state: %q", st)
	}
	p.check("case")
	p.shot("portal-05-case")
	p.do(chromedp.Click(chromedp.CSS("details.alt summary")), chromedp.Click(chromedp.CSS("input[name=confirm]")))
	p.submit("button.danger", 200)
	if st := p.text(".state"); !strings.Contains(st, "已办结") || !strings.Contains(st, "投诉人撤回") {
		t.Fatalf("after withdrawal: %q", st)
	}
	p.shot("portal-06-withdrawn")

	// Large text and high contrast, then the public pages.
	p.submit("button[value=large]", 200)
	p.submit("button[value=contrast]", 200)
	for _, pg := range []struct{ path, name string }{
		{"/portal/notices", "portal-07-notices"}, {"/portal/stations", "portal-08-stations"}, {"/portal/merchants?q=丽人", "portal-09-merchants"},
	} {
		p.open(pg.path, 200)
		p.check(pg.name)
		p.shot(pg.name)
	}
	b.open("/portal/stations", 200)
	b.check("stations")
	href := b.eval(`document.querySelector('a[href$="/poster"]').getAttribute("href")`)
	b.open(href, 200)
	b.check("poster")
	b.shot("portal-10-poster")
	b.open("/portal/submit", 200)
	b.submit("button.primary.big", 422)
	b.check("submit with errors")
	b.shot("portal-11-errors")
}
