package portal_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"html"
	"image/png"
	"regexp"
	"strings"
	"testing"
	"time"

	qrcode "github.com/piglig/go-qr"

	"weiquan/internal/auth"
	"weiquan/internal/bulletin"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/credit"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/supervise"
	"weiquan/internal/testdb"
)

// TestPublicPagesCarryNoPersonalData: every page of the portal open without sign-in renders —
// notices, stations and their posters (the page and the stored PDF), a merchant's record
// computed from its complaints, the honour rolls and the abnormal-operations list, a
// questionnaire's link sent to the consumer, the 双随机 draws and the sampling results — and
// none of them carries a consumer's or a reporter's name, phone, address, ID number or words,
// nor a report's number (R-P5, R-L25).
func TestPublicPagesCarryNoPersonalData(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		x := newSite(t, s)
		ctx := context.Background()
		admin := auth.User{Username: "admin", DisplayName: "管理员", Role: auth.Admin, Lang: "zh-CN", Active: true}
		if err := x.svc.CreateUser(ctx, &admin, "correct-horse-9"); err != nil {
			t.Fatal(err)
		}
		shop := merchant.Merchant{Name: "丽人美发店", Type: merchant.Individual, Address: "码头街 12 号", AreaID: &x.area.ID}
		if err := x.svc.SaveMerchant(ctx, &shop); err != nil {
			t.Fatal(err)
		}
		in := casework.IntakeInput{Kind: casework.Complaint, AlsoReport: true, Channel: casework.Hotline12315, AreaID: &x.area.ID,
			Consumer:   casework.Party{Name: "欧阳秀英", Phone: "13712345678", Address: "码头村七组 5 号", IDNumber: "360481199001011231"},
			MerchantID: &shop.ID, Facts: "办卡后店铺关门，老板欧阳某失联", Request: "退还余额", ReportFacts: "无照经营并拒不退款"}
		// Received in April, published monthly at once: the merchant search shows April's figures (R-L29).
		april := time.Date(2026, 4, 20, 2, 0, 0, 0, time.UTC)
		in.ReceivedAt = &april
		set := service.DefaultCreditSettings()
		set.Disclosure.Period, set.Disclosure.LagDays, set.Disclosure.MinComplaints = "month", 0, 1
		set.Disclosure.Fields = []string{"complaints", "success_rate", "answered_online_rate"}
		if _, err := x.svc.SaveCreditSettings(ctx, &admin, set); err != nil {
			t.Fatal(err)
		}
		ms, err := x.svc.Intake(ctx, auth.As(&x.op), in)
		if err != nil {
			t.Fatal(err)
		}
		n := bulletin.Notice{Title: "预付卡消费提示", Body: "办卡前请查看商家经营情况。", StartsOn: "2026-05-01"}
		if err := x.svc.SaveNotice(ctx, auth.As(&admin), &n); err != nil {
			t.Fatal(err)
		}
		// The shop is on the honour roll and, marked as operating abnormally, on the public list (R-S7, R-S8, R-L35).
		if _, err := x.svc.GrantHonour(ctx, auth.As(&admin), credit.Honour{MerchantID: shop.ID, Title: credit.HonestHousehold, Criteria: "明码标价",
			DocumentRef: "湖消委〔2026〕1号", From: calendar.Date{Year: 2026, Month: 1, Day: 1}, To: calendar.Date{Year: 2099, Month: 12, Day: 31}}); err != nil {
			t.Fatal(err)
		}
		l, err := x.svc.OpenListing(ctx, auth.As(&admin), shop.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []service.ListingStep{{Action: "attempt", Attempt: credit.Attempt{Method: credit.Visit, Note: "现场无人，邻居欧阳秀英说已搬走"}},
			{Action: "refer"}, {Action: "list", Reason: credit.AddressUnreachable, Ref: "标字1号"}} {
			if l, err = x.svc.StepListing(ctx, auth.As(&admin), l.ID, st); err != nil {
				t.Fatal(err)
			}
		}
		// Social supervision (C10): a questionnaire link sent to the complaint's consumer, a
		// published and drawn 双随机 draw with the shop in its pool, a published sampling result.
		q := supervise.Questionnaire{Title: "投诉处理满意度回访", Questions: []supervise.Question{{Text: "您对处理结果是否满意？", Kind: supervise.Rating, Required: true}}}
		if err := x.svc.SaveQuestionnaire(ctx, auth.As(&admin), &q); err != nil {
			t.Fatal(err)
		}
		links, err := x.svc.QuestionnaireLinks(ctx, auth.As(&admin), q.ID, 0, []string{ms[0].Number})
		if err != nil || len(links) != 1 {
			t.Fatalf("links %v %v", links, err)
		}
		if err := x.svc.SaveInspector(ctx, auth.As(&admin), &store.Inspector{Name: "执法甲"}); err != nil {
			t.Fatal(err)
		}
		d, err := x.svc.PublishDraw(ctx, auth.As(&admin), service.DrawRequest{Title: "抽查", RecentDays: 90, Merchants: 1, InspectorsPer: 1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := x.svc.RunDraw(ctx, auth.As(&admin), d.ID); err != nil {
			t.Fatal(err)
		}
		sm := supervise.Sample{Product: "纯牛奶", MerchantID: &shop.ID, SampledOn: "2026-05-01", Lab: "九江市检验检测中心"}
		if err := x.svc.RecordSample(ctx, auth.As(&admin), &sm); err != nil {
			t.Fatal(err)
		}
		if _, err := x.svc.SampleResult(ctx, auth.As(&admin), sm.ID, "fail", "JX-1", "2026-05-05", "蛋白质含量不合格"); err != nil {
			t.Fatal(err)
		}
		if _, err := x.svc.SampleResult(ctx, auth.As(&admin), sm.ID, "publish", "", "", ""); err != nil {
			t.Fatal(err)
		}
		drawPath := "/portal/draws/" + itoa(d.ID)
		stations, _ := x.svc.PublicStations(ctx, auth.Anonymous(""), nil)
		secrets := []string{"欧阳秀英", "13712345678", "137****5678", "码头村七组", "360481199001011231", "办卡后店铺关门", "无照经营", ms[1].Number, "王坐席", "zuoxi"}
		pages := []string{"/portal/", "/portal/submit", "/portal/submit?kind=report", "/portal/track", "/portal/track?number=" + ms[0].Number,
			"/portal/notices", "/portal/notices?area=" + itoa(x.area.ID), "/portal/stations", "/portal/stations?area=" + itoa(x.area.ID),
			"/portal/stations/" + itoa(stations[0].ID) + "/poster", "/portal/stations/" + itoa(stations[0].ID) + "/poster.pdf", "/portal/merchants", "/portal/merchants?q=丽人", "/portal/honours", "/portal/abnormal", "/portal/case", "/portal/nowhere",
			links[0].Path, "/portal/draws", drawPath, drawPath + "/draw.json", "/portal/sampling"}
		c := newClient()
		for _, p := range pages {
			a := x.get(t, c, p)
			if a.status >= 500 || (a.status >= 400 && p != "/portal/nowhere") {
				t.Errorf("%s: %d", p, a.status)
			}
			for _, sec := range secrets {
				if strings.Contains(a.body, sec) && !strings.Contains(p, sec) {
					t.Errorf("%s tells %q", p, sec)
				}
			}
		}
		if a := x.get(t, c, "/portal/notices"); !strings.Contains(a.body, "预付卡消费提示") {
			t.Error("the notice is not shown")
		}
		if a := x.get(t, c, "/portal/honours"); !strings.Contains(a.body, "文明诚信经营户") || !strings.Contains(a.body, "丽人美发店") {
			t.Error("the honour roll lacks the shop")
		}
		if a := x.get(t, c, "/portal/abnormal"); !strings.Contains(a.body, "丽人美发店") || !strings.Contains(a.body, "通过登记的住所或者经营场所无法联系的") ||
			!strings.Contains(a.body, "标记为经营异常状态") {
			t.Error("the abnormal-operations list lacks the shop")
		}
		a := x.get(t, c, "/portal/stations")
		for _, want := range []string{"码头镇消费维权服务站", "周一至周五 8:30–17:30", "0792-4228315", "30 分钟内到达"} {
			if !strings.Contains(a.body, want) {
				t.Errorf("station finder lacks %q", want)
			}
		}
		// A withdrawn complaint and the open one: two complaints in April; no mediation ended and
		// none accepted, so neither rate yet; only the configured fields.
		other := in
		other.AlsoReport, other.Consumer.Name = false, "张三"
		ms2, err := x.svc.Intake(ctx, auth.As(&x.op), other)
		if err != nil {
			t.Fatal(err)
		}
		// The second complaint is withdrawn by its consumer: concluded, not settled.
		m2, _ := s.MatterByNumber(ctx, ms2[0].Number)
		if err := x.svc.WithdrawOnPortal(ctx, auth.Principal{Consumer: &auth.Consumer{MatterID: m2.ID, Number: m2.Number}}, ""); err != nil {
			t.Fatal(err)
		}
		a = x.get(t, c, "/portal/merchants?q=丽人")
		if !strings.Contains(a.body, `<div data-field="complaints"><b>2</b>投诉件数</div>`) || !strings.Contains(a.body, `<div data-field="success_rate"><b>—</b>调解成功率</div>`) ||
			!strings.Contains(a.body, `<div data-field="answered_online_rate"><b>—</b>经营者在线答复率</div>`) || strings.Contains(a.body, `data-field="recovered"`) ||
			!strings.Contains(a.body, "统计期间 2026-04（2026-04-01 至 2026-04-30）") {
			t.Errorf("merchant record: %.3000s", a.body[strings.Index(a.body, "<main"):])
		}
		// The poster's QR code opens the submit page with the station's area filled in.
		a = x.get(t, c, "/portal/stations/"+itoa(stations[0].ID)+"/poster")
		m := regexp.MustCompile(`data:image/png;base64,([A-Za-z0-9+/=]+)`).FindStringSubmatch(html.UnescapeString(a.body))
		if m == nil {
			t.Fatal("no QR code on the poster")
		}
		raw, _ := base64.StdEncoding.DecodeString(m[1])
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		text, err := qrcode.Decode(img)
		if err != nil || !strings.HasSuffix(text, "/portal/submit?area="+itoa(x.area.ID)) || !strings.HasPrefix(text, "http://127.0.0.1:") {
			t.Fatalf("QR says %q (%v)", text, err)
		}
	})
}
