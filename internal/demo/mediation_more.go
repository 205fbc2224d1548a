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
	"weiquan/internal/document"
	"weiquan/internal/mediation"
)

// officeSettings names the county's bureau and its seal on every document and notice, and keeps
// the default mediation settings (issue 9), so no document shows the placeholder name.
func (f *filler) officeSettings() error {
	_, err := f.bs.SaveMediationOffice(f.ctx, auth.System, mediation.DefaultSettings(), document.Office{
		Name: "瑞昌市市场监督管理局", Unit: "瑞昌市消费者权益保护委员会", SealText: "瑞昌市市场监督管理局",
		Address: "江西省瑞昌市湓城街道人民路1号", Phone: "0792-12315"})
	return err
}

// mediationCaseCount is how many complaints mediationCases takes in.
const mediationCaseCount = 4

// mediationCases shows the rest of mediation on four complaints of the last days: a prepaid
// beauty card with its refund helpers (R-L47); an online treadmill with the return window, a
// test from acceptance with the clock stopped (R-L46, R-L17) and the consumer's agent (R-L4);
// a complaint made four years late with the R16-4 suggestion (R-L8); and one delegated to the
// consumer association with both consents, suspended by a recusal application (R-L14, R-L16).
func (f *filler) mediationCases() (int, error) {
	if len(f.supervisors) == 0 || len(f.operators) == 0 || len(f.mediators) == 0 {
		return 0, nil
	}
	va, ok := f.village("湓城街道", "城南社区")
	if !ok {
		return 0, fmt.Errorf("demo: no area for the mediation cases")
	}
	op, sup := as(&f.operators[0]), as(&f.supervisors[0])
	today := calendar.DateOf(f.now)
	day := func(n int) calendar.Date { return calendar.DateOf(f.clk.t).AddDays(-n) } // n days before the step
	intake := func(ago float64, in casework.IntakeInput) (casework.Matter, error) {
		at := f.office(f.now.Add(-days(ago)))
		for back := ago + 1; at.After(f.now.Add(-days(1.5))); back++ { // its steps take up to a day and more
			at = f.office(f.now.Add(-days(back)))
		}
		f.clk.t = at
		in.Kind, in.Channel, in.ReceivedAt, in.AreaID = casework.Complaint, casework.Hotline12315, &at, &va.ID
		ms, err := f.bs.Intake(f.ctx, op, in)
		if err != nil {
			return casework.Matter{}, fmt.Errorf("demo: mediation case: %w", err)
		}
		return ms[0], nil
	}
	later := func(h float64) { f.clk.t = f.clk.t.Add(time.Duration(h * float64(time.Hour))) }
	accept := func(m casework.Matter) error {
		later(2)
		_, err := f.bs.Act(f.ctx, op, m.Number, casework.Accept, casework.ActionInput{Note: "材料齐全，予以受理。"})
		return err
	}

	// A prepaid beauty card: paid eight days ago, the refund asked for five days later (R-L47).
	card, err := intake(3, casework.IntakeInput{Consumer: casework.Party{Name: "刘晓燕", Phone: "13907924418", Address: "瑞昌市湓城街道城南社区花园路8号"},
		MerchantName: "瑞昌市悦颜美容养生馆", MerchantAddress: "瑞昌市湓城街道城南社区商业街21号", Category: casework.Services, Subcategory: "美容美发（预付卡）",
		Facts:   "投诉人在被投诉人处办理美容储值卡，预付2980元，仅做过一次面部护理（价值198元），次日即要求退卡，商家以“储值卡不退不换”为由拒绝退款，且未签订书面合同。",
		Request: "退还预付卡余额2782元", AmountInDispute: 2782_00})
	if err != nil {
		return 0, err
	}
	if err := accept(card); err != nil {
		return 1, err
	}
	later(1)
	if _, err := f.bs.SaveFacts(f.ctx, op, card.Number, mediation.Facts{Prepaid: &mediation.Prepaid{PaidOn: day(5), Paid: 2980_00, Consumed: 198_00,
		RequestedOn: day(4), Fault: mediation.BusinessFault, RefundClause: "“储值卡一经售出概不退换”（店堂告示）"}}); err != nil {
		return 1, err
	}

	// An online treadmill that stopped on the fourth day: the return window, a test from acceptance, an agent.
	mill, err := intake(2, casework.IntakeInput{Consumer: casework.Party{Name: "陈国强", Phone: "13807926631", Address: "瑞昌市湓城街道城南社区建设路15号"},
		MerchantName: "瑞昌市康途体育用品网店", MerchantAddress: "瑞昌市湓城街道城南社区电商产业园3栋", Category: casework.Goods, Subcategory: "体育用品",
		Facts:   "投诉人网购家用跑步机一台，价款3299元，收货后第四天使用中电机停转并有焦糊味，商家称系使用不当，拒绝退货。投诉人委托其子陈明代为办理。",
		Request: "退货退款", AmountInDispute: 3299_00})
	if err != nil {
		return 2, err
	}
	if err := accept(mill); err != nil {
		return 2, err
	}
	later(1)
	if _, err := f.bs.SaveFacts(f.ctx, op, mill.Number, mediation.Facts{Purchase: &mediation.Purchase{ReceivedOn: day(4), Distance: true, QualityDefect: true}}); err != nil {
		return 2, err
	}
	later(0.5)
	scan, err := f.bs.Attach(f.ctx, op, mill.Number, "授权委托书.png", poaScan(), "授权委托书扫描件（原件已收）")
	if err != nil {
		return 2, err
	}
	later(0.5)
	if _, err := f.bs.SetAgent(f.ctx, op, mill.Number, mediation.Agent{Name: "陈明", Phone: "13970231186", IDType: mediation.ResidentID,
		IDNumber: "11010519491231002X", POARef: "委托书〔2026〕第17号", POAAttachmentID: &scan.ID, Scope: "代为投诉、参加调解、签收文书",
		Authority: mediation.SpecialAuthority, TermFrom: day(1), PrincipalSigned: true, OriginalReceived: true, Relation: "父子"}); err != nil {
		return 2, err
	}
	later(3)
	if _, err := f.bs.StartAppraisal(f.ctx, sup, mill.Number, mediation.Appraisal{Agency: "九江市产品质量监督检验所", ChosenBy: mediation.Designated,
		Cost: 600_00, Payer: mediation.PaidByRespondent, CostAgreed: true}); err != nil {
		return 2, err
	}

	// Known of four years ago: the three-year suggestion (R-L8), left for the supervisor.
	old, err := intake(1, casework.IntakeInput{Consumer: casework.Party{Name: "周建华", Phone: "13607925528", Address: "瑞昌市湓城街道城南社区学府路3号"},
		MerchantName: "瑞昌市家和装饰工程有限公司", MerchantAddress: "瑞昌市湓城街道城南社区建材市场A区", Category: casework.Services, Subcategory: "家居装修",
		Facts: "投诉人2022年春委托被投诉人装修住房，当年入住时即发现卫生间防水不合格并多次交涉未果，现要求赔偿。", Request: "赔偿维修费用8000元", AmountInDispute: 8000_00})
	if err != nil {
		return 3, err
	}
	later(1)
	known := today.AddDays(-4*365 - 20)
	if _, err := f.bs.SaveFacts(f.ctx, op, old.Number, mediation.Facts{KnownOn: &known}); err != nil {
		return 3, err
	}

	// Delegated to the consumer association with both consents, then a recusal application.
	del, err := intake(4, casework.IntakeInput{Consumer: casework.Party{Name: "何丽娟", Phone: "13317920276", Address: "瑞昌市湓城街道城南社区滨湖小区5栋"},
		MerchantName: "瑞昌市佳佳乐母婴用品店", MerchantAddress: "瑞昌市湓城街道城南社区步行街12号", Category: casework.Goods, Subcategory: "母婴用品",
		Facts: "投诉人购买婴儿推车一辆，价款1680元，使用一周后刹车失灵，商家只同意维修。", Request: "更换同款新车", AmountInDispute: 1680_00})
	if err != nil {
		return 4, err
	}
	if err := accept(del); err != nil {
		return 4, err
	}
	for _, purpose := range []mediation.Purpose{mediation.ToDelegation, mediation.ToMediation} {
		for _, side := range mediation.Sides {
			later(0.2)
			if _, err := f.bs.RecordConsent(f.ctx, op, del.Number, mediation.Consent{Side: side, Purpose: purpose, Method: mediation.ByPhone,
				Said: consentWords[f.rnd.IntN(len(consentWords))]}); err != nil {
				return 4, err
			}
		}
	}
	later(1)
	if _, err := f.bs.Delegate(f.ctx, sup, del.Number, mediation.Delegation{Kind: mediation.ConsumerAssociation, Delegate: "瑞昌市消费者协会"}); err != nil {
		return 4, err
	}
	later(20)
	if _, err := f.bs.Act(f.ctx, sup, del.Number, casework.StartMediation, casework.ActionInput{}); err != nil {
		return 4, err
	}
	later(3)
	if _, err := f.bs.ApplyRecusal(f.ctx, sup, del.Number, mediation.Recusal{Side: mediation.Respondent, MediatorID: f.mediators[0].ID,
		Grounds: "被投诉人称调解员系投诉人的邻居，申请其回避。"}); err != nil {
		return 4, err
	}
	return 4, nil
}

// poaScan is a small grey page standing for the scanned power of attorney.
func poaScan() []byte {
	img := image.NewGray(image.Rect(0, 0, 120, 170))
	for y := range 170 {
		for x := range 120 {
			c := uint8(245)
			if y > 20 && y%12 == 0 && x > 10 && x < 110 {
				c = 90
			}
			img.Set(x, y, color.Gray{Y: c})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}
