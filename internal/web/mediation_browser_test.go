package web_test

import (
	"context"
	"encoding/base64"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/document"
	"weiquan/internal/money"
	"weiquan/internal/report"
)

// draw signs on the pad with a finger: touch events through the browser, as a phone sends them.
func (b *tab) draw(seed float64) {
	b.t.Helper()
	box := b.eval(`(function(){var r=document.getElementById("sign-pad").getBoundingClientRect();return [r.left,r.top,r.width,r.height].join(",")})()`)
	var v [4]float64
	for i, s := range strings.Split(box, ",") {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || i > 3 {
			b.t.Fatalf("pad box %q: %v", box, err)
		}
		v[i] = f
	}
	x0, y0, w, h := v[0], v[1], v[2], v[3]
	touch := func(typ input.DispatchTouchEventType, pts ...*input.TouchPoint) {
		if pts == nil {
			pts = []*input.TouchPoint{}
		}
		if _, err := chromedp.Call(b.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: pts}); err != nil {
			b.t.Fatalf("touch: %v", err)
		}
	}
	pt := func(fx, fy float64) *input.TouchPoint { return &input.TouchPoint{X: x0 + fx*w, Y: y0 + fy*h} }
	touch(input.DispatchTouchEventTypeTouchStart, pt(0.1, 0.6))
	for i := 1; i <= 24; i++ {
		fx := 0.1 + 0.8*float64(i)/24
		fy := 0.5 + 0.25*math.Sin(fx*seed*9)
		touch(input.DispatchTouchEventTypeTouchMove, pt(fx, fy))
	}
	touch(input.DispatchTouchEventTypeTouchEnd)
}

// pdfText fetches an issued PDF through the signed-in browser, keeps it with the test's
// artifacts, renders its first page to PNG beside it and returns its text (pdftotext).
func (b *tab) pdfText(href, name string) string {
	b.t.Helper()
	js := `fetch(` + strconv.Quote(href) + `).then(function(r){return r.arrayBuffer()}).then(function(a){var s="",u=new Uint8Array(a);for(var i=0;i<u.length;i++)s+=String.fromCharCode(u[i]);return btoa(s)})`
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("fetch %s: %v", href, err)
	}
	pdf, err := base64.StdEncoding.DecodeString(s)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		b.t.Fatalf("%s is no PDF (%d bytes): %v", href, len(pdf), err)
	}
	path := filepath.Join(artifacts, name+".pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		b.t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", path, filepath.Join(artifacts, name+"-page")).CombinedOutput(); err != nil {
		b.t.Fatalf("pdftoppm: %v %s", err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		b.t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestJourneyMediationToTheEnd_R_L14_R_L15_R_L20_R_L23_R_L47: a prepaid-card complaint on a mediator's
// phone — the card's refund helpers, both consents, the session notice, the session, an agreement with refund and
// compensation, both parties signing on the screen, the 调解书 as PDF holding both names, the case
// number and the amount in figures and capitals, fulfilment — then closed by the supervisor and
// called back with satisfaction 5, counted in the month's report.
func TestJourneyMediationToTheEnd_R_L14_R_L15_R_L20_R_L23_R_L47(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	c.svc.Printer = &document.Renderer{Timeout: 5 * time.Minute} // a busy machine prints slowly
	t.Cleanup(func() { _ = c.svc.Printer.Close() })
	ctx := context.Background()
	ms := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315,
		Consumer: casework.Party{Name: "王小明", Phone: "13907921234", Address: "湓城街道桂林路12号"}, MerchantName: "瑞昌市悦动健身服务有限公司",
		MerchantAddress: "湓城街道滨江大道66号", AreaID: &c.xihu.ID, AmountInDispute: 2_360_50,
		Facts: "投诉人在被投诉人处办理健身年卡预付3000元，商家停业未退余额2360.50元", Request: "退还预付卡余额并赔偿"})
	number := ms[0].Number
	c.act(t, c.operator, number, casework.Accept, casework.ActionInput{})
	c.act(t, c.operator, number, casework.Dispatch, casework.ActionInput{StationID: &c.stPencheng.ID, AssigneeID: &c.mediatorPC.ID})

	med := c.tab(t, root, 390, 844, true)
	med.signIn("tiaojie1")
	med.open("/matters/"+number, 200)
	// R-L47: the prepaid card's facts — paid the month before, nothing received since — and what they come to.
	med.do(chromedp.Click(chromedp.CSS("#facts-details > summary")))
	med.eval(`document.getElementById("f-prepaid-paid-on").value = "2026-05-20"; document.getElementById("f-prepaid-requested-on").value = "2026-06-10"; ""`)
	med.typeIn("#f-prepaid-paid", "3000")
	med.typeIn("#f-prepaid-consumed", "639.50")
	med.eval(`document.getElementById("f-prepaid-fault").value = "business"; document.getElementById("f-prepaid-closing-or-moving").checked = true; ""`)
	med.submit("#do-facts", 200)
	if got := med.text("#prepaid-balance"); !strings.Contains(got, "¥2,360.50") {
		t.Fatalf("prepaid balance shows %q", got)
	}
	if got := med.text("#prepaid"); !strings.Contains(got, "一年期贷款市场报价利率") || !strings.Contains(got, "应通知所有持卡人") || !strings.Contains(got, "未签订书面合同") {
		t.Fatalf("prepaid helpers show %q", got)
	}
	med.shot("med-00-prepaid-helpers-phone")
	for _, side := range []string{"complainant", "respondent"} { // R-L14
		if got := med.value("#f-side"); got != side {
			t.Fatalf("consent form offers %q, want %s", got, side)
		}
		med.typeIn("#f-said", "同意由市场监管部门调解")
		med.submit("#do-consent", 200)
	}
	if n := med.eval(`String(document.querySelectorAll("#consents li").length)`); n != "2" {
		t.Fatalf("%s consents listed", n)
	}
	med.do(chromedp.Click(chromedp.CSS("#action-start_mediation > summary")))
	med.submit("#do-start_mediation", 200)
	med.submit("#do-declare", 200) // R-L16
	med.eval(`document.getElementById("f-at").value = "2026-06-17T10:00"; ""`)
	med.typeIn("#f-place", "湓城街道消费维权服务站调解室")
	med.submit("#do-session", 200)
	msgs, err := c.st.MatterMessages(ctx, ms[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	notices := 0
	for _, m := range msgs {
		if m.Kind == "session_notice" && strings.Contains(m.Body, "2026-06-17 10:00") {
			notices++
		}
	}
	if notices != 2 { // R-L15: both parties told
		t.Fatalf("%d session notices in the outbox, want 2", notices)
	}
	med.shot("med-01-consent-session-phone")

	c.now = time.Date(2026, 6, 17, 11, 30, 0, 0, clock.Location())
	med.signIn("tiaojie1") // a day later: the session of yesterday ended
	med.open("/matters/"+number, 200)
	med.eval(`document.querySelector("form[id^=minutes-form] textarea").value = "双方到场。被投诉人同意退还余额并赔偿500元。"; ""`)
	med.submit("form[id^=minutes-form] button", 200)
	if got := med.text("#fraud-hint"); !strings.Contains(got, "¥7,081.50") { // R-L45: 3 × ¥2,360.50
		t.Fatalf("fraud helper shows %q", got)
	}
	med.typeIn("#f-terms", "一、被投诉人退还投诉人预付卡余额2,360.50元；\n二、被投诉人赔偿投诉人500.00元。")
	med.typeIn("#f-amount-refund", "2360.50")
	med.typeIn("#f-amount-compensation", "500")
	med.eval(`document.getElementById("f-due-date").value = "2026-06-24"; ""`)
	med.submit("#do-agreement", 200)
	if got := med.text("#agreement-total"); got != "¥2,860.50" {
		t.Fatalf("agreement total %q", got)
	}
	med.shot("med-02-agreement-phone")

	for i, side := range []string{"complainant", "respondent"} { // both sign on the screen (R-L34)
		med.submit("#sign-"+side, 200)
		med.draw(float64(i + 1))
		med.shot("med-03-sign-" + side)
		med.submit("#do-sign", 200)
	}
	if n := med.eval(`String(document.querySelectorAll("#signatures li").length)`); n != "2" {
		t.Fatalf("%s signatures listed", n)
	}
	med.submit("#do-document", 200) // the 调解书 (R-L20)
	href := med.eval(`document.querySelector("#documents a[id$=-pdf]").getAttribute("href")`)
	text := med.pdfText(href, "mediation-document")
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"王小明", "瑞昌市悦动健身服务有限公司", number, "2,860.50", "人民币贰仟捌佰陆拾元伍角整", "刘调解"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the 调解书's text lacks %q:\n%s", want, text)
		}
	}
	print := med.eval(`document.querySelector("#documents a[id$=-print]").getAttribute("href")`)
	med.open(print, 200)
	med.shot("doc-mediation-document-print")
	med.open("/matters/"+number, 200)
	med.shot("med-04-documents-phone")

	c.now = time.Date(2026, 6, 22, 15, 0, 0, 0, clock.Location())
	med.signIn("tiaojie1")
	med.open("/matters/"+number, 200)
	med.submit("#do-fulfilment", 200)

	sup := c.tab(t, root, 390, 844, true)
	sup.signIn("fuzeren")
	sup.open("/matters/"+number, 200)
	sup.do(chromedp.Click(chromedp.CSS("#action-close > summary")))
	sup.submit("#do-close", 200)
	msgs, _ = c.st.MatterMessages(ctx, ms[0].ID)
	if last := msgs[len(msgs)-1]; last.Kind != "outcome_notice" || !strings.Contains(last.Body, "贰仟捌佰陆拾元伍角整") { // R-S5
		t.Fatalf("outcome notice: %+v", last)
	}
	sup.submit("#do-callback", 200) // satisfaction 5 is the first choice (R-L23)
	if got := sup.text("#callback"); !strings.Contains(got, "5/5") {
		t.Fatalf("callback shows %q", got)
	}
	sup.shot("med-05-closed-callback-phone")
	sum, err := c.svc.Summary(ctx, auth.As(&c.supervisor), report.Params{From: calendar.Date{Year: 2026, Month: 6, Day: 1}, To: calendar.Date{Year: 2026, Month: 6, Day: 30}})
	if err != nil || sum.Satisfaction.Count != 1 || sum.Satisfaction.Mean == nil || *sum.Satisfaction.Mean != 5 || sum.RecoveredAmount != money.Fen(2_860_50) {
		t.Fatalf("June report: satisfaction %+v recovered %v %v", sum.Satisfaction, sum.RecoveredAmount, err)
	}
	sup.open("/reports?from=2026-06-01&to=2026-06-30", 200)
	sup.shot("med-06-report")
}

// TestJourneyMerchantOffer_C12: the merchant answers a complaint online with an offer on its
// phone; the consumer accepts, recorded by staff; the offer becomes the agreement.
func TestJourneyMerchantOffer_C12(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	ms := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315,
		Consumer: casework.Party{Name: "李四", Phone: "13912345678", Address: "西湖社区3号"}, MerchantID: &c.haoyouduo.ID, AreaID: &c.xihu.ID,
		Facts: "购买的电饭煲三天后无法加热", Request: "退货退款"})
	number := ms[0].Number
	c.act(t, c.operator, number, casework.Accept, casework.ActionInput{})

	shop := c.tab(t, root, 390, 844, true)
	shop.signIn("haoyouduo")
	shop.open("/matters/"+number+"/answer", 200)
	shop.do(chromedp.Click(chromedp.CSS("#answer-offer")))
	shop.typeIn("#f-terms", "为消费者办理退货，全额退款199元，另赠送50元购物券。")
	shop.typeIn("#f-amount-refund", "199")
	shop.submit("#do-answer", 200)
	if !strings.Contains(shop.text("#answer-given"), "提出和解方案") {
		t.Fatalf("answer page after answering: %q", shop.text("#answer-given"))
	}
	shop.shot("offer-01-merchant-answer-phone")
	shop.open("/reports", 403) // merchants never see reports (R-L25)

	c.consentBoth(t, number)
	med := c.tab(t, root, 390, 844, true)
	med.signIn("tiaojie1")
	med.open("/matters/"+number, 200)
	if !strings.Contains(med.text("#merchant-offer"), "199.00") {
		t.Fatalf("offer on the case page: %q", med.text("#merchant-offer"))
	}
	med.submit("#do-accept-offer", 200)
	if got := med.text("#agreement-total"); got != "¥199.00" {
		t.Fatalf("agreement from the offer: %q", got)
	}
	med.shot("offer-02-agreement-phone")
	m, err := c.st.MatterByNumber(context.Background(), number)
	if err != nil || m.State != casework.Agreement || m.Recovered != 199_00 {
		t.Fatalf("matter %s %v %v", m.State, m.Recovered, err)
	}
}
