package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/mediation"
	"weiquan/internal/money"
	"weiquan/internal/service"
)

// CourtMatters is how many matters the court's and the departments' work adds: three
// disputes the court delegated, a fraud referred to the police and a referral from a bureau.
const CourtMatters = 5

// courtWork is the centre's work with the court and the other departments (issue 10), the
// way the last month went: a dispute the court delegated, mediated online with the judge,
// confirmed by the court (ruling valid, enforcement deadline); one delegated by the court's
// own system through the API yesterday, awaiting acceptance; one whose mediation failed,
// transferred to filing with the court's case number; a complaint whose complainant forged
// evidence, referred to the police (T6) and answered; a referral from the culture and
// tourism bureau with an open request to the housing bureau; and the joint meeting that
// discussed them.
func (f *filler) courtWork() (int, error) {
	ctx := f.ctx
	judge := auth.As(&f.judge)
	med := f.mediators[f.centreMediators[2]]
	mp := auth.As(&med)
	sup := f.supervisors[0]
	sp := auth.As(&sup)
	op := auth.As(&f.operators[0])
	shop := f.registeredShop()
	if shop == nil {
		return 0, fmt.Errorf("demo: court: no merchant with its registration, address and phone")
	}
	countyID := f.county.ID
	dispute := func(name, phone, id, address, facts, request string, amount money.Fen) casework.IntakeInput {
		return casework.IntakeInput{AreaID: &countyID, Consumer: casework.Party{Name: name, Phone: phone, Address: address, IDNumber: id},
			MerchantID: &shop.m.ID, Facts: facts, Request: request, AmountInDispute: amount}
	}
	at := func(daysAgo float64) time.Time { return f.office(f.now.Add(-days(daysAgo))) }
	// step moves the clock on to t, never back: office hours can push two days onto one morning.
	// begin starts a new story, earlier than the last one may have ended.
	step := func(t time.Time) {
		if !t.After(f.clk.t) {
			t = f.clk.t.Add(f.between(5*time.Minute, 20*time.Minute))
		}
		f.clk.t = t
	}
	begin := func(t time.Time) { f.clk.t = t }
	created := 0

	// 1. Delegated by the judge, accepted, mediated online with the judge, confirmed valid.
	begin(at(32))
	d1, _, err := f.bs.DelegateFromCourt(ctx, judge, service.CourtDelegationInput{Stage: court.PreFiling, CourtRef: "（2026）赣0481诉前调215号",
		Dispute: dispute("龚丽华", "13807920315", "360481198803152023", "瑞昌市湓城街道赤乌社区龙泉小区 3 栋 201 室", "在该商场办理的预付购物卡余额 2,800 元，商场更换经营主体后拒绝使用和退还。", "退还预付卡余额 2,800 元", 2_800_00)})
	if err != nil {
		return created, fmt.Errorf("demo: court delegation: %w", err)
	}
	created++
	step(at(31))
	if _, err := f.bs.DecideDelegation(ctx, mp, d1.Number, court.Accept, calendar.Date{}, ""); err != nil {
		return created, fmt.Errorf("demo: accept delegation: %w", err)
	}
	if _, err := f.bs.Act(ctx, op, d1.Number, casework.Accept, casework.ActionInput{Note: "法院委派的诉前调解，已接收。"}); err != nil {
		return created, err
	}
	if err := f.consent(d1.Number, mp); err != nil {
		return created, err
	}
	if _, err := f.bs.Act(ctx, mp, d1.Number, casework.StartMediation, casework.ActionInput{Note: "通过人民法院调解平台组织在线调解。"}); err != nil {
		return created, err
	}
	if _, err := f.bs.Declare(ctx, mp, d1.Number, mediation.Declaration{Relation: mediation.NoRelation}); err != nil {
		return created, err
	}
	ses, err := f.bs.ScheduleSession(ctx, mp, d1.Number, mediation.Session{At: at(29).Add(2 * time.Hour), Mode: mediation.Video,
		MeetingLink: "https://tiaojie.court.gov.cn/room/0481-215", Mediators: []int64{med.ID}})
	if err != nil {
		return created, fmt.Errorf("demo: session: %w", err)
	}
	step(ses.At.Add(90 * time.Minute))
	if _, err := f.bs.JudgeAtSession(ctx, judge, d1.Number, ses.ID, "", "释明预付卡经营者变更后，新经营者应承继原经营者的退款义务。"); err != nil {
		return created, fmt.Errorf("demo: judge at session: %w", err)
	}
	if _, err := f.bs.RecordMinutes(ctx, mp, d1.Number, ses.ID, time.Time{}, "法官在线参加并释明法律规定；双方同意由商场退还卡内余额 2,800 元。", mediation.Sides); err != nil {
		return created, err
	}
	perf := calendar.DateOf(f.clk.t).AddDays(10)
	if _, err := f.bs.RecordAgreement(ctx, mp, d1.Number, mediation.Agreement{Terms: "一、商场于十日内退还龚丽华预付卡余额人民币 2,800.00 元；\n二、双方再无其他争议。",
		Mode: mediation.Video, Online: true, DueDate: &perf, Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 2_800_00}}, Recovered: 2_800_00}); err != nil {
		return created, fmt.Errorf("demo: agreement: %w", err)
	}
	for i, sig := range []mediation.Signature{{Side: mediation.Complainant, SignerName: "龚丽华"}, {Side: mediation.Respondent, SignerName: shop.m.Name}} {
		sig.Method = mediation.Drawn
		if _, err := f.bs.Sign(ctx, mp, d1.Number, sig, signaturePNG(i+1)); err != nil {
			return created, fmt.Errorf("demo: signature: %w", err)
		}
	}
	step(at(27))
	if _, err := f.bs.ApplyConfirmation(ctx, mp, d1.Number, service.ConfirmInput{Court: f.courtHouse.Name, Applicants: []string{"龚丽华", shop.m.Name}, Lang: "zh-CN"}); err != nil {
		return created, fmt.Errorf("demo: confirmation: %w", err)
	}
	if _, _, err := f.bs.SendCourtResult(ctx, mp, d1.Number, court.Agreed, "双方达成调解协议并共同申请司法确认。", "zh-CN"); err != nil {
		return created, fmt.Errorf("demo: court result: %w", err)
	}
	step(at(20))
	if _, err := f.bs.RecordRuling(ctx, judge, d1.Number, court.Ruling{Outcome: court.Valid, RuledOn: calendar.DateOf(f.clk.t), PerformanceEnd: perf}); err != nil {
		return created, fmt.Errorf("demo: ruling: %w", err)
	}

	// 2. Delegated yesterday by the court's own system with its API key: awaiting acceptance.
	key, err := f.courtKey()
	if err != nil {
		return created, err
	}
	begin(at(1))
	if _, _, err := f.bs.DelegateFromCourt(ctx, key, service.CourtDelegationInput{Stage: court.PreFiling, CourtRef: "（2026）赣0481诉前调231号", JudgeName: f.judge.DisplayName,
		Dispute: dispute("邵建军", "13907924477", "360481197912080511", "瑞昌市桂林街道东湖路 18 号", "在该商场购买的冰箱使用两个月后压缩机损坏，商场以超过七日为由拒绝更换。", "更换同型号冰箱", 3_299_00)}); err != nil {
		return created, fmt.Errorf("demo: delegation by key: %w", err)
	}
	created++

	// 3. Delegated, mediation failed: the bundle goes to the court for filing, its case number comes back.
	begin(at(26))
	d3, _, err := f.bs.DelegateFromCourt(ctx, judge, service.CourtDelegationInput{Stage: court.PreFiling, CourtRef: "（2026）赣0481诉前调220号",
		Dispute: dispute("柯小燕", "13607921188", "360481199506172524", "瑞昌市湓城街道西门社区 6 栋 502 室", "在该商场购买的羽绒服含绒量与标签不符，要求三倍赔偿。", "退一赔三", 1_960_00)})
	if err != nil {
		return created, err
	}
	created++
	step(at(25))
	if _, err := f.bs.DecideDelegation(ctx, mp, d3.Number, court.Accept, calendar.Date{}, ""); err != nil {
		return created, err
	}
	if _, err := f.bs.Act(ctx, op, d3.Number, casework.Accept, casework.ActionInput{Note: "法院委派的诉前调解，已接收。"}); err != nil {
		return created, err
	}
	if err := f.consent(d3.Number, mp); err != nil {
		return created, err
	}
	if _, err := f.bs.Act(ctx, mp, d3.Number, casework.StartMediation, casework.ActionInput{Note: "在联合调解中心组织诉前调解。"}); err != nil {
		return created, err
	}
	step(at(12))
	if _, err := f.bs.Act(ctx, mp, d3.Number, casework.Terminate, casework.ActionInput{ReasonCode: "T2", Note: "经营者不同意赔偿方案，调解不成。"}); err != nil {
		return created, fmt.Errorf("demo: terminate: %w", err)
	}
	if _, err := f.bs.Act(ctx, mp, d3.Number, casework.NotifyParties, casework.ActionInput{Note: "已告知双方终止调解，并告知可依法起诉。"}); err != nil {
		return created, err
	}
	if _, _, err := f.bs.SendCourtResult(ctx, mp, d3.Number, court.Failed, "调解不成，消费者要求起诉。", "zh-CN"); err != nil {
		return created, err
	}
	if _, err := f.bs.TransferToFiling(ctx, mp, d3.Number, service.TransferInput{Court: f.courtHouse.Name, CourtStationID: &f.courtHouse.ID, Lang: "zh-CN"}); err != nil {
		return created, fmt.Errorf("demo: transfer: %w", err)
	}
	step(at(8))
	if _, err := f.bs.RecordCaseNumber(ctx, mp, d3.Number, "（2026）赣0481民初1386号"); err != nil {
		return created, err
	}

	// 4. A complainant forged a repair slip and threatened the shop: referred to the police (R-L10).
	begin(at(18))
	fr, err := f.bs.Intake(ctx, op, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &countyID,
		Consumer: casework.Party{Name: "范某某", Phone: "13177920021", Address: "瑞昌市湓城街道东门路 9 号"}, MerchantID: &shop.m.ID,
		Facts: "称购买的手机屏幕自行碎裂，要求商场赔偿 8,000 元，否则在网上曝光。", Request: "赔偿 8,000 元"})
	if err != nil {
		return created, err
	}
	created++
	fn := fr[0].Number
	if _, err := f.bs.Act(ctx, op, fn, casework.Accept, casework.ActionInput{}); err != nil {
		return created, err
	}
	if err := f.consent(fn, mp); err != nil {
		return created, err
	}
	if _, err := f.bs.Act(ctx, mp, fn, casework.StartMediation, casework.ActionInput{Note: "在联合调解中心调解。"}); err != nil {
		return created, err
	}
	step(at(16))
	due := calendar.DateOf(f.clk.t).AddDays(15)
	pr, err := f.bs.ReferToPolice(ctx, mp, fn, service.PoliceInput{DepartmentName: "瑞昌市公安局湓城派出所", Grounds: []mediation.Fraud{mediation.FraudForge, mediation.Extortion},
		Facts: "商场监控显示屏幕系投诉人自行摔碎，所附维修单据经核实系伪造，并以网上曝光相要挟索要 8,000 元。", DueDate: &due})
	if err != nil {
		return created, fmt.Errorf("demo: police referral: %w", err)
	}
	step(at(15))
	if _, err := f.bs.IssueDocument(ctx, mp, fn, service.IssueInput{Kind: mediation.TerminationNotice}); err != nil {
		return created, fmt.Errorf("demo: termination notice: %w", err)
	}
	if _, err := f.bs.Act(ctx, mp, fn, casework.NotifyParties, casework.ActionInput{Note: "已书面告知双方终止调解。"}); err != nil {
		return created, err
	}
	step(at(9))
	if _, err := f.bs.AnswerReferral(ctx, mp, fn, pr.Referral.ID, mediation.ReferralAnswer{DepartmentName: "瑞昌市公安局湓城派出所", Text: "已受案，对范某某涉嫌敲诈勒索依法调查处理。"}); err != nil {
		return created, err
	}
	if _, err := f.bs.Act(ctx, sp, fn, casework.Close, casework.ActionInput{Note: "已移送公安机关，终止调解后办结。"}); err != nil {
		return created, fmt.Errorf("demo: close the fraud: %w", err)
	}

	// 5. The culture and tourism bureau refers a travel agency; the housing bureau is asked for help.
	begin(at(6))
	rm, err := f.bs.ReceiveReferral(ctx, op, service.IncomingReferral{
		Referral: mediation.Referral{Department: mediation.OtherBureau, DepartmentName: "瑞昌市文化广电新闻出版旅游局", Request: "游客投诉旅行社“一日游”强制购物，属消费纠纷，转请调解。"},
		Matter: casework.IntakeInput{Kind: casework.Complaint, AreaID: &countyID, Consumer: casework.Party{Name: "陶文斌", Phone: "13767920908", Address: "瑞昌市桂林街道滨江路 12 号"},
			MerchantName: "瑞昌市某某国际旅行社有限公司", MerchantAddress: "瑞昌市湓城街道人民路 66 号", Facts: "参加庐山一日游，导游带至购物点强制消费 1,200 元。", Request: "退还购物款 1,200 元"}})
	if err != nil {
		return created, fmt.Errorf("demo: incoming referral: %w", err)
	}
	created++
	hd := calendar.DateOf(f.clk.t).AddDays(20)
	if _, err := f.bs.Refer(ctx, mp, rm.Number, mediation.Referral{Department: mediation.OtherBureau, DepartmentName: "瑞昌市住房和城乡建设局",
		Request: "该旅行社办公场所系违法搭建，请核查并函复。", DueDate: &hd}); err != nil {
		return created, err
	}

	// The joint meeting that discussed them.
	step(at(4))
	mt, err := f.bs.RecordMeeting(ctx, sp, court.Meeting{HeldOn: calendar.DateOf(f.clk.t), Title: "2026 年第四季度消费维权联席会议", Place: "瑞昌市市场监督管理局三楼会议室",
		Departments: []string{"瑞昌市市场监督管理局", "瑞昌市人民法院", "瑞昌市公安局", "瑞昌市文化广电新闻出版旅游局", "瑞昌市住房和城乡建设局"},
		Matters:     []string{fn, rm.Number, d3.Number},
		Minutes:     "一、通报本季度诉调对接情况：法院委派诉前调解 3 件，司法确认 1 件，转立案 1 件。\n二、通报以伪造凭证敲诈商家的投诉一起，已移送公安机关。\n三、研究旅游购物纠纷的联合处置。",
		Decisions: []court.MeetingDecision{
			{Number: fn, Text: "公安机关通报侦查进展", Owner: "瑞昌市公安局", DueOn: calendar.DateOf(f.clk.t).AddDays(30)},
			{Number: rm.Number, Text: "文旅局约谈涉事旅行社并督促退款", Owner: "瑞昌市文化广电新闻出版旅游局", DueOn: calendar.DateOf(f.clk.t).AddDays(10)},
			{Text: "建立预付式消费纠纷诉前调解专项通道", Owner: "瑞昌市人民法院", DueOn: calendar.DateOf(f.clk.t).AddDays(60)}}})
	if err != nil {
		return created, fmt.Errorf("demo: joint meeting: %w", err)
	}
	step(at(2))
	if _, err := f.bs.DecisionDone(ctx, sp, mt.ID, mt.Decisions[0].ID, "公安机关已书面通报：案件已立案侦查。"); err != nil {
		return created, err
	}
	return created, nil
}

// consent records both parties' consent by phone (R-L14).
func (f *filler) consent(number string, p auth.Principal) error {
	for _, side := range mediation.Sides {
		if _, err := f.bs.RecordConsent(f.ctx, p, number, mediation.Consent{Side: side, Purpose: mediation.ToMediation,
			Method: mediation.ByPhone, Said: consentWords[f.rnd.IntN(len(consentWords))]}); err != nil {
			return fmt.Errorf("demo: consent: %w", err)
		}
	}
	return nil
}

// registeredShop is a local merchant on the registry with its address and phone, as a
// package for the court needs them (R-L31).
func (f *filler) registeredShop() *shop {
	if s := f.merchantNamed("惠民购物广场"); s != nil && s.m.USCC != "" && s.m.Phone != "" && s.m.Address != "" {
		return s
	}
	for _, s := range f.shops {
		if s.local && s.m.USCC != "" && s.m.Phone != "" && s.m.Address != "" {
			return s
		}
	}
	return nil
}

// courtKey gives the court's system its API key (scope court) and returns the principal it
// signs in as.
func (f *filler) courtKey() (auth.Principal, error) {
	key, _, err := f.bs.CreateCourtAPIKey(f.ctx, auth.System, "瑞昌市人民法院诉讼服务中心（调解平台对接）", f.courtHouse.ID)
	if err != nil {
		return auth.Principal{}, fmt.Errorf("demo: court key: %w", err)
	}
	return f.bs.CourtCaller(f.ctx, key, "")
}

// signaturePNG is a drawn signature, as a party's finger leaves it on the tablet.
func signaturePNG(seed int) []byte {
	img := image.NewGray(image.Rect(0, 0, 120, 40))
	for x := range 120 {
		img.Set(x, 20+(x*seed)%12-6, color.White)
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}
