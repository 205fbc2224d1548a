package web_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/dispatch"
	"weiquan/internal/document"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// courtSide adds the court — a station of its own — and its judge to the county.
func (c *county) courtSide(t *testing.T) (dispatch.Station, auth.User) {
	t.Helper()
	ctx := context.Background()
	st := dispatch.Station{AreaID: c.root.ID, Name: "瑞昌市人民法院", HostType: dispatch.HostCentre, Active: true}
	if err := c.svc.SaveStation(ctx, &st); err != nil {
		t.Fatal(err)
	}
	judge := auth.User{Username: "faguan", DisplayName: "周法官", Role: auth.Judge, StationID: &st.ID, AreaID: &c.root.ID, Lang: "zh-CN", Active: true}
	if err := c.svc.CreateUser(ctx, &judge, password); err != nil {
		t.Fatal(err)
	}
	return st, judge
}

// TestCourtJourneysInTheBrowser are the issue's three journeys. (a) The court delegates a
// dispute, the centre accepts it in time, a judge joins the online session, the agreement
// is signed by all, the application goes out as a PDF package and a zip whose index lists
// every file's SHA-256 (checked here), the judge records the ruling "valid" and the
// enforcement deadline shows. (b) A failed mediation is bundled for filing and the court's
// case number recorded. (c) A fraud is referred to the police (R-L10: 移送公安, the
// mediation ends with T6), a wrong department's answer is refused, the police answer, the
// termination notice goes out and the complaint closes.
func TestCourtJourneysInTheBrowser(t *testing.T) {
	c := fixture(t)
	root := startBrowser(t)
	ctx := context.Background()
	c.svc.Printer = &document.Renderer{Timeout: 90 * time.Second} // the package as a real PDF, through headless Chromium
	_, judge := c.courtSide(t)
	med := c.mediatorPC

	// (a) The court delegates (its judge, as its system would over the API).
	dispute := casework.IntakeInput{AreaID: &c.pencheng.ID, Consumer: casework.Party{Name: "王小明", Phone: "13800138000", Address: "湓城街道西湖路1号", IDNumber: "11010519491231002X"},
		MerchantID: &c.haoyouduo.ID, Facts: "预付购物卡 2,000 元，超市拒绝退还余额", Request: "退还余额", AmountInDispute: 1_500_00}
	m, _, err := c.svc.DelegateFromCourt(ctx, auth.As(&judge), service.CourtDelegationInput{Dispute: dispute, Stage: court.PreFiling, CourtRef: "(2026)赣0481诉前调88号"})
	if err != nil {
		t.Fatal(err)
	}
	mb := c.tab(t, root, 1366, 900, false)
	mb.signIn(med.Username)
	mb.open("/matters/"+m.Number+"/court", 200)
	if got := mb.text("#accept-due"); got != "2026-06-22" {
		t.Fatalf("accept by %q, want 2026-06-22 (3 working days; the Dragon Boat Festival on the 19th is off)", got)
	}
	mb.shot("court-delegated")
	mb.submit("#court-accept", 200)
	if got := mb.text("#decision"); !strings.Contains(got, "接收") || strings.Contains(got, "逾期") {
		t.Fatalf("decision %q", got)
	}

	// Mediation with an online session the judge joins (the mediation steps of issue 9).
	c.act(t, c.operator, m.Number, casework.Accept, casework.ActionInput{})
	for _, side := range mediation.Sides {
		if _, err := c.svc.RecordConsent(ctx, auth.As(&med), m.Number, mediation.Consent{Side: side, Purpose: mediation.ToMediation, Method: mediation.ByPhone, Said: "同意调解"}); err != nil {
			t.Fatal(err)
		}
	}
	c.act(t, med, m.Number, casework.StartMediation, casework.ActionInput{})
	if _, err := c.svc.Declare(ctx, auth.As(&med), m.Number, mediation.Declaration{Relation: mediation.NoRelation}); err != nil {
		t.Fatal(err)
	}
	ses, err := c.svc.ScheduleSession(ctx, auth.As(&med), m.Number, mediation.Session{At: c.now.Add(48 * time.Hour), Mode: mediation.Video,
		MeetingLink: "https://tingshen.court.gov.cn/room/88", Mediators: []int64{med.ID}})
	if err != nil {
		t.Fatal(err)
	}
	c.now = c.now.Add(49 * time.Hour)
	// The judge records joining the video session and the guidance given, on the court page.
	if r := c.as(t, judge.Username).post("/matters/"+m.Number+"/court/judge", url.Values{"session_id": {itoa(ses.ID)}, "guidance": {"释明预付卡余额应予退还"}}); r.status != 303 {
		t.Fatalf("judge at the session: %d", r.status)
	}
	if _, err := c.svc.RecordMinutes(ctx, auth.As(&med), m.Number, ses.ID, time.Time{}, "法官在线指导，双方同意退还余额。", mediation.Sides); err != nil {
		t.Fatal(err)
	}
	perf := dateOf(c.now.AddDate(0, 0, 7))
	if _, err := c.svc.RecordAgreement(ctx, auth.As(&med), m.Number, mediation.Agreement{Terms: "超市于七日内退还余额 1,500.00 元。", Mode: mediation.Video,
		DueDate: &perf, Online: true, Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 1_500_00}}, Recovered: 1_500_00}); err != nil {
		t.Fatal(err)
	}
	// Before the signatures the button is off and says which rule fails (R-L34).
	mb.signIn(med.Username) // two days later: a new session
	mb.open("/matters/"+m.Number+"/court", 200)
	if mb.eval(`String(document.querySelector("#apply-confirmation").disabled)`) != "true" || !strings.Contains(mb.text("#confirm-problems"), "签") {
		t.Fatalf("apply enabled before the signatures: %q", mb.text("#confirmation"))
	}
	mb.shot("court-confirmation-refused")
	for i, who := range []mediation.Signature{{Side: mediation.Complainant, SignerName: "王小明"}, {Side: mediation.Respondent, SignerName: c.haoyouduo.Name}} {
		who.Method = mediation.Drawn
		if _, err := c.svc.Sign(ctx, auth.As(&med), m.Number, who, signature(t, i+1)); err != nil {
			t.Fatal(err)
		}
	}
	// R-L31: the package lacks the merchant's contacts until the registry has its phone.
	mb.open("/matters/"+m.Number+"/court", 200)
	mb.submit("#apply-confirmation", 422)
	if got := mb.text("#banner"); !strings.Contains(got, "contact") && !strings.Contains(got, c.haoyouduo.Name) {
		t.Fatalf("package gap banner %q", got)
	}
	shop := c.haoyouduo
	shop.Phone = "0792-4221234"
	if err := c.svc.SaveMerchant(ctx, &shop); err != nil {
		t.Fatal(err)
	}
	mb.open("/matters/"+m.Number+"/court", 200)
	mb.submit("#apply-confirmation", 200)
	href := mb.eval(`document.querySelector("#confirmation-zip").getAttribute("href")`)
	mb.shot("court-confirmation-filed")
	z := c.as(t, med.Username).get(href)
	if z.status != 200 || z.header.Get("Content-Type") != "application/zip" {
		t.Fatalf("zip: %d %s", z.status, z.header.Get("Content-Type"))
	}
	ix, err := court.CheckBundle([]byte(z.body)) // every file in the zip against its SHA-256 in index.json
	if err != nil || len(ix.Files) == 0 || !strings.HasSuffix(ix.Files[0].Name, ".pdf") {
		t.Fatalf("zip index %+v: %v", ix, err)
	}

	// The judge: the desk shows exactly the court's dispute; the ruling "valid" opens enforcement.
	jb := c.tab(t, root, 1366, 900, false)
	jb.signIn(judge.Username)
	jb.open("/court", 200)
	if got := jb.text("#desk-delegations"); !strings.Contains(got, m.Number) {
		t.Fatalf("desk: %q", got)
	}
	jb.shot("court-judge-desk")
	jb.open("/matters/"+m.Number+"/court", 200)
	jb.do(setValue("#f-ruled-on", dateOf(c.now).String()), setValue("#f-performance-end", perf.String()))
	jb.submit("#record-ruling", 200)
	if got := jb.text("#enforcement-due"); !strings.HasPrefix(got, "2028-") {
		t.Fatalf("enforcement due %q, want two years after %s", got, perf)
	}
	jb.shot("court-ruling-valid")
	mb.open("/matters/"+m.Number+"/court", 200) // a party applied for enforcement: the clock is met
	mb.submit("#apply-enforcement", 200)
	if got := mb.text("#enforcement-on"); got != dateOf(c.now).String() {
		t.Fatalf("enforcement applied on %q", got)
	}

	// (b) Mediation fails: the bundle goes to the court and its case number comes back.
	x := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &c.pencheng.ID,
		Consumer: casework.Party{Name: "李四", Phone: "13900139000", Address: "湓城街道八一路2号"}, MerchantID: &c.haoyouduo.ID, Facts: "家电维修后仍无法使用", Request: "退款"})[0]
	c.act(t, c.operator, x.Number, casework.Accept, casework.ActionInput{})
	for _, side := range mediation.Sides {
		if _, err := c.svc.RecordConsent(ctx, auth.As(&med), x.Number, mediation.Consent{Side: side, Purpose: mediation.ToMediation, Method: mediation.ByPhone, Said: "同意调解"}); err != nil {
			t.Fatal(err)
		}
	}
	c.act(t, med, x.Number, casework.StartMediation, casework.ActionInput{})
	c.act(t, med, x.Number, casework.Terminate, casework.ActionInput{ReasonCode: casework.TerminateReasons(casework.Order121)[0].Code, Note: "商家拒绝"})
	mb.open("/matters/"+x.Number+"/court", 200)
	mb.do(setValue("#f-transfer-court", "瑞昌市人民法院"))
	mb.submit("#transfer-to-filing", 200)
	tz := c.as(t, med.Username).get("/matters/" + x.Number + "/court/transfer.zip")
	if _, err := court.CheckBundle([]byte(tz.body)); tz.status != 200 || err != nil {
		t.Fatalf("transfer zip %d: %v", tz.status, err)
	}
	mb.do(setValue("#f-case-number", "(2026)赣0481民初1234号"))
	mb.submit("#record-case-number", 200)
	if got := mb.text("#case-number"); got != "（2026）赣0481民初1234号" {
		t.Fatalf("case number %q", got)
	}
	mb.shot("court-transfer-numbered")

	// (c) A fraud referred to the police (R-L10): a mediating complaint is marked 移送公安
	// and its mediation ends with T6; the police answer (another department's answer is
	// refused); the termination notice goes out and the matter closes.
	y := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &c.pencheng.ID,
		Consumer: casework.Party{Name: "赵五", Phone: "13700137000", Address: "湓城街道西门路3号"}, MerchantID: &c.haoyouduo.ID,
		Facts: "购买的手机屏幕碎裂，要求赔偿", Request: "赔偿 8,000 元"})[0]
	c.act(t, c.operator, y.Number, casework.Accept, casework.ActionInput{})
	c.act(t, med, y.Number, casework.StartMediation, casework.ActionInput{})
	mb.open("/matters/"+y.Number+"/court", 200)
	mb.do(setValue("#f-police-name", "瑞昌市公安局湓城派出所"), setValue("#f-facts", "监控显示投诉人自行摔碎屏幕后调换，并以曝光相要挟索要 8,000 元"),
		setValue("#f-police-due", dateOf(c.now).AddDays(10).String()))
	mb.submit("#refer-police", 422) // no ground ticked: refused, nothing written
	if refs, _ := c.st.Referrals(ctx, y.ID); len(refs) != 0 {
		t.Fatalf("written despite the refusal: %+v", refs)
	}
	mb.do(setValue("#f-police-name", "瑞昌市公安局湓城派出所"), setValue("#f-facts", "监控显示投诉人自行摔碎屏幕后调换，并以曝光相要挟索要 8,000 元"),
		setValue("#f-police-due", dateOf(c.now).AddDays(10).String()),
		chromedp.Click(chromedp.CSS("#ground-swap")), chromedp.Click(chromedp.CSS("#ground-extortion")))
	mb.submit("#refer-police", 200)
	if got := mb.text("#police-status"); !strings.Contains(got, "移送公安") {
		t.Fatalf("police status %q", got)
	}
	if got, _ := c.svc.MatterFor(ctx, auth.As(&med), y.Number); got.State != casework.Terminated || got.ReasonCode != "T6" {
		t.Fatalf("mediation after the referral: %s %s", got.State, got.ReasonCode)
	}
	mb.shot("court-police-referred")
	refs, err := c.st.Referrals(ctx, y.ID)
	if err != nil || len(refs) != 1 {
		t.Fatalf("referrals %v %v", refs, err)
	}
	id := itoa(refs[0].ID)
	mb.do(setValue("#answer-dept-"+id, "瑞昌市卫生健康委员会"), setValue("#answer-text-"+id, "已处理"))
	mb.submit("#answer-"+id, 422)
	mb.do(setValue("#answer-dept-"+id, "瑞昌市公安局湓城派出所"), setValue("#answer-text-"+id, "已受案调查"))
	mb.submit("#answer-"+id, 200)
	if got := mb.text("#police-answer"); !strings.Contains(got, "已受案调查") {
		t.Fatalf("police answer %q", got)
	}
	mb.shot("court-referral-answered")
	if _, err := c.svc.IssueDocument(ctx, auth.As(&med), y.Number, service.IssueInput{Kind: mediation.TerminationNotice}); err != nil {
		t.Fatal(err)
	}
	c.act(t, c.operator, y.Number, casework.Close, casework.ActionInput{})
	mb.open("/matters/"+y.Number, 200)
	if got, _ := c.svc.MatterFor(ctx, auth.As(&med), y.Number); got.State != casework.Closed {
		t.Fatalf("fraud complaint not closed: %s", got.State)
	}
	mb.shot("court-police-closed")

	// The joint meeting on the fraud (C7): recorded on the web by the head of the office, with
	// a decision on the complaint that runs as its clock; the minutes print as a PDF.
	sb := c.tab(t, root, 1366, 900, false)
	sb.signIn(c.supervisor.Username)
	sb.open("/meetings", 200)
	sb.do(setValue("#f-title", "预付式消费与涉诈投诉联席会议"), setValue("#f-held-on", dateOf(c.now).String()), setValue("#f-place", "瑞昌市市场监管局三楼会议室"),
		setValue("#f-departments", "瑞昌市市场监管局、瑞昌市公安局、瑞昌市人民法院"), setValue("#f-matters", y.Number),
		setValue("#f-minutes", "通报以伪造凭证敲诈商家的投诉一起，已移送公安机关。"),
		setValue("#decision-text-0", "公安机关通报侦查进展"), setValue("#decision-owner-0", "瑞昌市公安局"),
		setValue("#decision-due-0", dateOf(c.now).AddDays(20).String()), setValue("#decision-number-0", y.Number))
	sb.submit("#record-meeting", 200)
	if got := sb.text("#meeting-title"); got != "预付式消费与涉诈投诉联席会议" {
		t.Fatalf("meeting page %q", got)
	}
	sb.shot("court-joint-meeting")
	href = sb.eval(`document.querySelector("#minutes-pdf").getAttribute("href")`)
	if text := sb.pdfText(href, "court-meeting-minutes"); !strings.Contains(text, "联席会议纪要") || !strings.Contains(text, "公安机关通报侦查进展") {
		t.Fatalf("minutes PDF text: %q", text)
	}
}

// setValue sets a form control's value as a person picking it would.
func setValue(sel, v string) chromedp.Action[chromedp.Void] {
	return chromedp.SetValue(chromedp.CSS(sel), v)
}

func dateOf(t time.Time) calendar.Date { return calendar.DateOf(t) }

// signature is a small drawn signature as a PNG.
func signature(t *testing.T, seed int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 60, 20))
	for x := range 60 {
		img.Set(x, 10+(x*seed)%8, color.White)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
