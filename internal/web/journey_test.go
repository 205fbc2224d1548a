package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"weiquan/internal/casework"
	"weiquan/internal/money"
)

// seedQueue puts a few other matters in the office's queue so it looks like a
// working day: one overdue, one close to its deadline, some without a clock.
func seedQueue(t *testing.T, c *county, now time.Time) {
	for i, x := range []struct {
		name, phone, facts string
		due                time.Duration
		kind               casework.Kind
	}{
		{"李四", "13912345678", "预付卡余额无法退还，店铺已经关门", -6 * time.Minute, casework.Complaint},
		{"王五", "13700001111", "理发后被强制办卡，要求退还 1,000 元", 7 * time.Minute, casework.Complaint},
		{"赵六", "0792-4221234", "咨询网购七天无理由退货的规定", 0, casework.Inquiry},
		{"孙七", "13600002222", "超市销售过期酸奶", 5 * 24 * time.Hour, casework.Report},
	} {
		in := casework.IntakeInput{Kind: x.kind, Channel: casework.Channels[i%len(casework.Channels)], Consumer: casework.Party{Name: x.name, Phone: x.phone},
			MerchantID: &c.meifa.ID, AreaID: &c.matouCun.ID, Facts: x.facts}
		if i < 2 {
			in.AreaID = &c.xihu.ID // in the city proper, where the journey's matter goes
		}
		ms := c.intake(t, c.operator, in)
		if x.due != 0 {
			c.setDue(t, ms[0].Number, now.Add(x.due), "on_site")
		}
	}
}

// TestJourneyPhoneComplaint is the whole life of a phone complaint in a real
// browser: an operator takes the call from the first screen after signing in,
// the matter appears in the right station's queue with its clock, a mediator on
// a phone checks in and records an agreement with money recovered, and a
// supervisor closes it with every step in the timeline.
func TestJourneyPhoneComplaint(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	c.svc.Now = time.Now
	seedQueue(t, c, time.Now())

	// The operator signs in and lands on intake.
	op := c.tab(t, root, 1366, 900, false)
	op.open("/login", 200)
	op.shot("01-signin")
	op.typeIn("#f-username", "zuoxi")
	op.typeIn("#f-password", password)
	op.submit("button[type=submit]", 200)
	if h := op.text("h1"); h != "登记来电来访" {
		t.Fatalf("first screen after signing in: %q", h)
	}
	if ch := op.eval(`document.querySelector("input[name=channel]:checked").value`); ch != "hotline_12315" {
		t.Fatalf("default channel %q", ch)
	}
	op.shot("02-intake")

	// A phone complaint: the merchant and the place are picked from suggestions.
	op.typeIn("#f-consumer-name", "张三")
	op.typeIn("#f-consumer-phone", "13800138000")
	op.typeIn("#f-consumer-address", "湓城街道西湖社区 3 栋 201")
	op.typeIn("#f-merchant-name", "好又多")
	op.do(chromedp.WaitVisible(chromedp.CSS("#f-merchant-name-list [role=option]")))
	op.do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	if id := op.value("#f-merchant-id"); id == "" {
		t.Fatal("picking a suggested merchant left merchant_id empty")
	}
	if addr := op.value("#f-merchant-address"); !strings.Contains(addr, "人民路") {
		t.Fatalf("merchant address not filled from the registry: %q", addr)
	}
	op.typeIn("#f-area", "西湖")
	op.do(chromedp.WaitVisible(chromedp.CSS("#f-area-list [role=option]")))
	op.do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	if id := op.value("#f-area-id"); id == "" {
		t.Fatal("picking a suggested area left area_id empty")
	}
	op.typeIn("#f-amount-in-dispute", "1299")
	op.typeIn("#f-facts", "6月10日在好又多超市购买美的电饭煲一台，使用三天后无法加热，商家拒绝退货。")
	op.typeIn("#f-request", "退货退款")
	op.do(chromedp.Click(chromedp.CSS("#f-needs-visit")))
	op.shot("03-intake-filled")
	op.submit("#intake-submit", 200)
	number := op.text("#case-number")
	if !casework.LooksLikeNumber(number) {
		t.Fatalf("case number screen shows %q", number)
	}
	op.shot("04-case-number")

	// The office accepts it and dispatches it to the station of its community.
	op.open("/matters/"+number, 200)
	op.do(chromedp.Click(chromedp.CSS("#action-accept > summary")))
	op.submit("#do-accept", 200)
	op.do(chromedp.Click(chromedp.CSS("#action-dispatch > summary")))
	op.do(chromedp.SetValue(chromedp.CSS("#f-station-id"), itoa(c.stPencheng.ID)))
	op.do(chromedp.SetValue(chromedp.CSS("#f-assignee-id"), itoa(c.mediatorPC.ID)))
	op.submit("#do-dispatch", 200)
	c.setDue(t, number, time.Now().Add(14*time.Minute), "on_site") // the clocks worker's part
	op.open("/matters/"+number, 200)
	op.shot("06-case-desktop")

	// The mediator of that station sees it in the queue, on a phone, with its clock.
	med := c.tab(t, root, 390, 844, true)
	med.signIn("tiaojie1")
	if h := med.text("h1"); h != "我的待办" {
		t.Fatalf("mediator's first screen: %q", h)
	}
	row := med.eval(`(function(){var a=[...document.querySelectorAll("table.queue tbody tr")].find(function(r){return r.textContent.indexOf("` + number + `")>=0});return a?a.querySelector(".due").className+"|"+a.querySelector(".due-text").textContent:""})()`)
	if !strings.HasPrefix(row, "due due-ok|") || !strings.Contains(row, "剩余") {
		t.Fatalf("queue row clock: %q", row)
	}
	if cls := med.eval(`document.querySelector("table.queue tbody tr .due").className`); cls != "due due-over" {
		t.Fatalf("the overdue matter should come first, in red: %q", cls)
	}
	med.shot("07-queue-phone")
	other := c.as(t, "tiaojie2").get("/queue")
	if strings.Contains(other.body, number) {
		t.Fatal("the matter shows in the queue of the other township's station")
	}

	// On site: check in with the phone's position, mediate, record the agreement.
	med.geolocate(29.6756, 115.6612)
	med.open("/matters/"+number, 200)
	med.shot("08-case-phone")
	med.do(chromedp.Click(chromedp.CSS("#action-check_in > summary")))
	med.submit("#do-check_in", 200)
	for range 2 { // both parties consent by phone before mediation starts (R-L14)
		med.typeIn("#f-said", "同意调解")
		med.submit("#do-consent", 200)
	}
	med.do(chromedp.Click(chromedp.CSS("#action-start_mediation > summary")))
	med.submit("#do-start_mediation", 200)
	med.do(chromedp.Click(chromedp.CSS("#action-agree > summary")))
	med.typeIn("#f-recovered-amount", "1,299.00")
	med.submit("#do-agree", 200)
	if got := med.text("#recovered"); got != "¥1,299.00" {
		t.Fatalf("recovered amount shows %q", got)
	}
	m, err := c.st.MatterByNumber(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	if m.State != casework.Agreement || m.Recovered != money.Fen(129900) || m.ArrivedLat == nil || *m.ArrivedLat != 29.6756 || m.OnSiteKept == nil {
		t.Fatalf("after the mediator: state %s recovered %v position %v kept %v", m.State, m.Recovered, m.ArrivedLat, m.OnSiteKept)
	}
	med.shot("08b-case-phone-agreement")
	med.submit("#do-document", 200) // the 调解记录 closing needs (R-L20)

	// The supervisor closes it; the timeline shows every step.
	sup := c.tab(t, root, 1366, 900, false)
	sup.signIn("fuzeren")
	sup.open("/matters/"+number, 200)
	sup.do(chromedp.Click(chromedp.CSS("#action-close > summary")))
	sup.submit("#do-close", 200)
	steps := sup.eval(`[...document.querySelectorAll(".timeline .ev")].map(function(e){return e.className.replace("ev ev-","")}).join(",")`)
	if steps != "intake,accept,dispatch,check_in,consent,consent,start_mediation,agree,document,close" {
		t.Fatalf("timeline: %s", steps)
	}
	tl := sup.text("#timeline")
	for _, want := range []string{"登记", "受理", "派单", "湓城街道消费维权服务站", "刘调解", "到场签到", "按时到场", "29.6756", "开始调解", "达成协议", "¥1,299.00", "办结", "已登记 → 已受理", "调解成功 → 已办结"} {
		if !strings.Contains(tl, want) {
			t.Errorf("timeline lacks %q:\n%s", want, tl)
		}
	}
	sup.shot("09-case-closed")
}

// TestJourneyFormErrorInline: a missing phone is shown next to its field, and
// everything typed stays in the form.
func TestJourneyFormErrorInline(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	op := c.tab(t, root, 1366, 900, false)
	op.signIn("zuoxi")
	op.typeIn("#f-consumer-name", "李四")
	op.typeIn("#f-facts", "充值的会员卡无法使用")
	op.typeIn("#f-merchant-name", "一家不在登记库里的店")
	op.submit("#intake-submit", 422)
	if msg := op.text("#f-consumer-phone-err"); msg != "消费者电话为必填项" {
		t.Fatalf("inline error: %q", msg)
	}
	if inv := op.eval(`document.getElementById("f-consumer-phone").getAttribute("aria-invalid")`); inv != "true" {
		t.Fatalf("aria-invalid = %q", inv)
	}
	if v := op.value("#f-consumer-name"); v != "李四" {
		t.Fatalf("typed name lost: %q", v)
	}
	if v := op.value("#f-merchant-name"); v != "一家不在登记库里的店" {
		t.Fatalf("typed merchant lost: %q", v)
	}
	if v := op.value("#f-facts"); v != "充值的会员卡无法使用" {
		t.Fatalf("typed facts lost: %q", v)
	}
	op.shot("05-intake-error")
}

// TestJourneyLanguageSwitch: English is one click away and remembered for the user (R-P6).
func TestJourneyLanguageSwitch(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	c.svc.Now = time.Now
	seedQueue(t, c, time.Now())
	b := c.tab(t, root, 1366, 900, false)
	b.open("/login", 200)
	b.submit("#lang-switch", 200)
	if h := b.text(".login-card h2"); h != "Sign in" {
		t.Fatalf("anonymous switch: %q", h)
	}
	b.shot("01b-signin-en")
	b.submit("#lang-switch", 200)
	b.signIn("fuzeren")
	if h := b.text("h1"); h != "我的待办" {
		t.Fatalf("supervisor starts in Chinese: %q", h)
	}
	b.submit("#lang-switch", 200)
	if h := b.text("h1"); h != "My queue" {
		t.Fatalf("after the switch: %q", h)
	}
	b.shot("10-queue-en")
	u, err := c.st.UserByName(context.Background(), "fuzeren")
	if err != nil || u.Lang != "en" {
		t.Fatalf("language not remembered for the user: %q %v", u.Lang, err)
	}
	// A new session on another browser starts in English.
	b2 := c.tab(t, root, 1366, 900, false)
	b2.signIn("fuzeren")
	if h := b2.text("h1"); h != "My queue" {
		t.Fatalf("new session: %q", h)
	}
}

// TestScreenshotsAdmin saves the admin pages and the profile, on desktop and phone.
func TestScreenshotsAdmin(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	c.svc.Now = time.Now
	seedQueue(t, c, time.Now())
	b := c.tab(t, root, 1366, 900, false)
	b.signIn("admin")
	for _, p := range []struct{ path, name string }{
		{"/admin/areas", "11-admin-areas"}, {"/admin/stations", "12-admin-stations"}, {"/admin/users", "13-admin-users"},
		{"/admin/users/" + itoa(c.mediatorPC.ID), "14-admin-user-edit"}, {"/admin/merchants", "15-admin-merchants"},
		{"/admin/apikeys", "17-admin-apikeys"}, {"/profile", "18-profile"},
	} {
		b.open(p.path, 200)
		b.shot(p.name)
	}
	// The USCC check shows inline as you type and again from the server.
	b.open("/admin/merchants/new", 200)
	b.typeIn("#f-name", "瑞昌市新开张超市")
	b.typeIn("#f-uscc", "91360481MA35L2X7Q0")
	if st := b.text(".uscc-status"); !strings.Contains(st, "校验位不正确") {
		t.Fatalf("live USCC check: %q", st)
	}
	b.submit("#save", 422)
	if msg := b.text("#f-uscc-err"); !strings.Contains(msg, "校验位不正确") {
		t.Fatalf("server USCC check: %q", msg)
	}
	b.shot("16-admin-merchant-uscc")
	b.open("/admin/apikeys", 200)
	b.typeIn("#f-name", "12345 热线工单系统")
	b.submit("#create-key", 201)
	if key := b.text("#new-key"); len(key) < 20 {
		t.Fatalf("new key shown: %q", key)
	}
	b.shot("17b-admin-apikey-created")
	ph := c.tab(t, root, 390, 844, true)
	ph.signIn("zuoxi")
	ph.shot("02b-intake-phone")
}

// TestJourneyKeyboard: an office PC works with the keyboard alone — the first
// Tab reaches the skip link, focus is visible, "/" jumps to the search box,
// and Alt+N (the intake access key) is on the navigation.
func TestJourneyKeyboard(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	b := c.tab(t, root, 1366, 900, false)
	b.signIn("fuzeren")
	b.do(chromedp.KeyEvent(kb.Tab))
	if id := b.eval(`document.activeElement.className`); id != "skip" {
		t.Fatalf("first Tab lands on %q, want the skip link", id)
	}
	b.do(chromedp.KeyEvent(kb.Tab))
	if outline := b.eval(`getComputedStyle(document.activeElement).outlineStyle`); outline == "none" {
		t.Error("focus is not visible")
	}
	b.do(chromedp.KeyEvent("/"))
	if id := b.eval(`document.activeElement.id`); id != "f-q" {
		t.Fatalf(`"/" focused %q, want the search box`, id)
	}
	if k := b.eval(`document.querySelector("a[accesskey=n]").getAttribute("href")`); k != "/intake" {
		t.Errorf("Alt+N leads to %q", k)
	}
	// Chrome's DevTools key events insert the "/" the page's handler cancels; a person's keyboard does not.
	b.eval(`document.querySelector("#f-q").value = ""; ""`)
	b.do(chromedp.SendKeys(chromedp.CSS("#f-q"), "退货"+kb.Enter))
	// Wait for the search's own page: the old page's elements are still there while it loads.
	for i := 0; ; i++ {
		q, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.readyState === "complete" && new URLSearchParams(location.search).get("q") || ""`))
		if err == nil && q == "退货" { // an error here is the old page going away
			break
		}
		if i == 100 {
			href, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`location.href + " | " + (document.querySelector("#f-q")||{}).value`))
			t.Fatalf("the search did not load its page: %s", href)
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.do(chromedp.WaitVisible(chromedp.CSS("#queue-count")))
}
