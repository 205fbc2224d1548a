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
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/credit"
	"weiquan/internal/mediation"
	"weiquan/internal/merchant"
	"weiquan/internal/notify"
	"weiquan/internal/notify/notifytest"
	"weiquan/internal/report"
	"weiquan/internal/service"
	"weiquan/internal/testdb"
)

// TestPortalJourneyOnAPhone is the issue's "done when", in a real browser at a phone's size: file
// a complaint with a photo → the number arrives by e-mail (read from a real SMTP server on
// loopback) → staff handle it and the merchant offers a settlement → the consumer asks for a
// code (sent through an HTTP SMS gateway on loopback), enters it and reads the progress and the
// offer in plain words → accepts the offer → after closing rates 5 → the month's report counts
// the rating. Every page passes axe-core's WCAG 2.1 AA rules, in the normal look and with large
// text and high contrast; the public pages and the poster follow.
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

	// Staff handle it: the merchant is linked and asked, the complaint accepted and dispatched,
	// both sides consent to mediation by phone (R-L14); the merchant offers a settlement online.
	shop := merchant.Merchant{Name: "丽人美发店", Type: merchant.Individual, Address: "码头街 12 号", Phone: "07924228000", AreaID: &x.area.ID}
	if err := x.svc.SaveMerchant(ctx, &shop); err != nil {
		t.Fatal(err)
	}
	seller := auth.User{Username: "liren", DisplayName: "丽人美发店", Role: auth.Merchant, MerchantID: &shop.ID, Lang: "zh-CN", Active: true}
	med := auth.User{Username: "tiaojie", DisplayName: "赵调解", Role: auth.Mediator, AreaID: x.area.ParentID, Lang: "zh-CN", Active: true}
	for _, u := range []*auth.User{&seller, &med} {
		if err := x.svc.CreateUser(ctx, u, "correct-horse-9"); err != nil {
			t.Fatal(err)
		}
	}
	stations, _ := x.svc.PublicStations(ctx, auth.Anonymous(""), nil)
	for _, step := range []struct {
		u  *auth.User
		a  casework.Action
		in casework.ActionInput
	}{
		{&x.op, casework.Update, casework.ActionInput{Changes: &casework.Changes{MerchantID: &shop.ID}}},
		{&x.op, casework.Accept, casework.ActionInput{}},
		{&x.op, casework.Dispatch, casework.ActionInput{StationID: &stations[0].ID, AssigneeID: &med.ID}},
	} {
		if _, err := x.svc.Act(ctx, auth.As(step.u), number, step.a, step.in); err != nil {
			t.Fatalf("%s: %v", step.a, err)
		}
	}
	for _, side := range []mediation.Side{mediation.Complainant, mediation.Respondent} {
		if _, err := x.svc.RecordConsent(ctx, auth.As(&med), number, mediation.Consent{Side: side, Purpose: mediation.ToMediation,
			Method: mediation.ByPhone, Said: "同意调解"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := x.svc.AnswerComplaint(ctx, auth.As(&seller), number, mediation.MerchantAnswer{Kind: mediation.OfferSettle,
		Text: "本店已转让，愿意退还余额。", Terms: "退还预付卡余额 1,000 元，另赔偿 200 元",
		Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 1000_00}, {Kind: mediation.Compensation, Amount: 200_00}}, Offered: 1200_00}); err != nil {
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
	var code []string
	for _, text := range texts {
		if m := regexp.MustCompile(`验证码 (\d{6})`).FindStringSubmatch(text); m != nil {
			code = m
		}
	}
	mu.Unlock()
	if code == nil {
		t.Fatalf("no code in the text messages %q", texts)
	}
	p.check("code")
	p.shot("portal-04-code")
	p.typeIn("#f-code", code[1])
	p.submit("button.primary.big", 200)
	if st := p.text(".state"); !strings.Contains(st, "已交服务站处理") {
		t.Fatalf("state: %q", st)
	}
	if offer := p.text(".offer"); !strings.Contains(offer, "1,200.00 元") || !strings.Contains(offer, "待您决定") {
		t.Fatalf("the offer: %q", offer)
	}
	p.check("case with the offer")
	p.shot("portal-05-offer")

	// Accepting without ticking the box is refused on the page; ticked, the offer is the agreement.
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector(".offer-accept input[name=confirm]").removeAttribute("required")`))
	p.submit(".offer-accept button", 422)
	p.check("offer unconfirmed")
	p.do(chromedp.Click(chromedp.CSS(".offer-accept input[name=confirm]")))
	p.submit(".offer-accept button", 200)
	if st := p.text(".state"); !strings.Contains(st, "已达成调解协议") {
		t.Fatalf("after accepting: %q", st)
	}
	if steps := p.text(".steps"); !strings.Contains(steps, "达成协议") || !strings.Contains(steps, "经营者答复") {
		t.Fatalf("steps after accepting: %q", steps)
	}
	p.check("offer accepted")
	p.shot("portal-06-accepted")

	// Staff issue the record of the agreement and close the complaint; the consumer rates 5.
	file, err := x.svc.Mediation(ctx, auth.As(&admin), number)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.svc.IssueDocument(ctx, auth.As(&med), number, service.IssueInput{Kind: file.Required}); err != nil {
		t.Fatal(err)
	}
	if _, err := x.svc.Act(ctx, auth.As(&admin), number, casework.Close, casework.ActionInput{}); err != nil {
		t.Fatal(err)
	}
	p.open("/portal/case", 200)
	if st := p.text(".state"); !strings.Contains(st, "已办结") {
		t.Fatalf("closed: %q", st)
	}
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelectorAll(".rate input[required]").forEach(i => i.removeAttribute("required"))`))
	p.submit(".rate button", 422) // no stars chosen (past the browser's own check): the page says so
	p.check("rating with an error")
	p.do(chromedp.Click(chromedp.CSS(`.rate input[name=satisfaction][value="5"]`)))
	p.typeIn("#f-comment", "处理得很快，谢谢！")
	p.shot("portal-07-rate")
	p.submit(".rate button", 200)
	if got := p.text(".rated"); !strings.Contains(got, "5 分") {
		t.Fatalf("after rating: %q", got)
	}
	p.check("rated")
	p.shot("portal-08-rated")

	// The month's report counts the rating with the callbacks (R-L23).
	today := calendar.DateOf(time.Now())
	sum, err := x.svc.Summary(ctx, auth.As(&admin), report.Params{From: calendar.Date{Year: today.Year, Month: today.Month, Day: 1}, To: today})
	if err != nil || sum.Satisfaction.Count != 1 || sum.Satisfaction.Mean == nil || *sum.Satisfaction.Mean != 5 {
		t.Fatalf("the month's satisfaction: %+v %v", sum.Satisfaction, err)
	}

	// On the public pages: an honour roll and a shop on the abnormal-operations list.
	if _, err := x.svc.GrantHonour(ctx, auth.As(&admin), credit.Honour{MerchantID: shop.ID, Title: credit.HonestHousehold, Criteria: "明码标价",
		DocumentRef: "瑞消委〔2026〕3号", From: calendar.Date{Year: 2026, Month: 1, Day: 1}, To: calendar.Date{Year: 2099, Month: 12, Day: 31}}); err != nil {
		t.Fatal(err)
	}
	gone := merchant.Merchant{Name: "优品家居有限公司", USCC: "914403001922038216", Type: merchant.Enterprise, Address: "园区1号301室", AreaID: &x.area.ID}
	if err := x.svc.SaveMerchant(ctx, &gone); err != nil {
		t.Fatal(err)
	}
	l, err := x.svc.OpenListing(ctx, auth.As(&admin), gone.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []service.ListingStep{{Action: "attempt", Attempt: credit.Attempt{Method: credit.Visit, Note: "现场无人"}},
		{Action: "refer"}, {Action: "list", Reason: credit.AddressUnreachable, Ref: "瑞市监异字〔2026〕7号"}} {
		if l, err = x.svc.StepListing(ctx, auth.As(&admin), l.ID, st); err != nil {
			t.Fatal(err)
		}
	}

	// Large text and high contrast, then the public pages.
	p.submit("button[value=large]", 200)
	p.submit("button[value=contrast]", 200)
	for _, pg := range []struct{ path, name string }{
		{"/portal/notices", "portal-09-notices"}, {"/portal/stations", "portal-10-stations"}, {"/portal/merchants?q=丽人", "portal-11-merchants"},
		{"/portal/honours", "portal-12-honours"}, {"/portal/abnormal", "portal-13-abnormal"},
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
	b.shot("portal-14-poster")
	b.open("/portal/submit", 200)
	b.submit("button.primary.big", 422)
	b.check("submit with errors")
	b.shot("portal-15-errors")
}
