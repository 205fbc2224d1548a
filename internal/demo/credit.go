package demo

import (
	"fmt"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/credit"
	"weiquan/internal/merchant"
	"weiquan/internal/money"
	"weiquan/internal/service"
)

// gymComplaints are the members of a gym that closed on them: the prepaid-card cluster
// the office finds at intake (issue 11). They count among the demo's matters.
var gymComplaints = []struct{ name, facts string }{
	{"陈丽华", "在力美健身俱乐部办理年卡预付3680元，健身房3月初突然停业关门，前台无人，剩余费用无法退还。"},
	{"王建国", "私教课预付了6000元只上了5节，健身房停业关门，老板电话打不通，要求退还预付卡余额。"},
	{"李晓燕", "力美健身突然关门停业，预付的两年卡无法退费，会员群被解散。"},
	{"赵志强", "办理的年卡预付卡共2400元，健身房停业关门，要求退还剩余费用。"},
	{"刘芳", "健身房突然停业，预付卡余额无法退还，门口贴了装修通知后再没开门。"},
	{"孙伟", "力美健身停业关门跑路，预付年卡3000元退不回来。"},
	{"周敏", "健身房关门停业，预付卡还有大半年没用，要求退还余额。"},
	{"吴军", "在力美健身俱乐部预付游泳和健身卡2800元，健身房停业，要求退费。"},
	{"郑秀英", "健身房突然关门，预付的私教课费用4200元无法退还，教练也联系不上。"},
	{"黄磊", "力美健身停业，年卡预付款退不了，要求商家退还剩余预付费用。"},
	{"何静", "健身房停业关门，会员预付卡余额1900元无法退还。"},
	{"马超", "预付的健身年卡还剩8个月，健身房突然停业关门，要求退款。"},
}

// gymIntake takes in the gym's prepaid-card complaints over ten days three weeks ago; the
// fifth proposes a collective case, which stays for a supervisor to confirm.
func (f *filler) gymIntake() (int, error) {
	gym, err := f.gym()
	if err != nil {
		return 0, err
	}
	start := f.now.AddDate(0, 0, -24)
	for i, c := range gymComplaints {
		at := f.office(start.Add(time.Duration(i) * 19 * time.Hour))
		f.clk.t = at
		op := &f.operators[i%len(f.operators)]
		in := casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, ReceivedAt: &at, AreaID: gym.AreaID,
			Consumer:   casework.Party{Name: c.name, Phone: fmt.Sprintf("139%08d", 70261300+i*7), Address: "瑞昌市湓城街道赤乌社区"},
			MerchantID: &gym.ID, Facts: c.facts, Request: "退还预付卡剩余费用", Category: casework.Services, Subcategory: "预付卡",
			AmountInDispute: money.Fen(1800_00 + i*350_00)}
		if _, err := f.bs.Intake(f.ctx, as(op), in); err != nil {
			return i, fmt.Errorf("demo: gym complaint %d: %w", i+1, err)
		}
	}
	return len(gymComplaints), nil
}

// gym registers the gym once (an individual business with no USCC on record), or finds it.
func (f *filler) gym() (merchant.Merchant, error) {
	gym := merchant.Merchant{Name: "瑞昌市力美健身俱乐部", Type: merchant.Individual, Phone: "0792-4826617",
		Address: "瑞昌市湓城街道赤乌社区滨江路18号"}
	va, ok := f.village("湓城街道", "赤乌社区")
	if !ok {
		return gym, fmt.Errorf("demo: no area for the gym")
	}
	gym.AreaID = &va.ID
	return gym, f.merchant(&gym)
}

// creditRecords puts two merchants on each honour roll for this year and an unreachable
// cluster-registered online shop on the abnormal-operations list, its custody company asked
// first (R-S7, R-S8, R-L36).
func (f *filler) creditRecords() error {
	if len(f.supervisors) == 0 || len(f.operators) == 0 {
		return nil
	}
	sup, op := as(&f.supervisors[0]), as(&f.operators[0])
	year := calendar.DateOf(f.now).Year
	var granted int
	for _, s := range f.shops {
		if !s.local || s.m.Type == merchant.OnlineShop || granted >= 4 {
			continue
		}
		title := credit.DemoStore
		criteria := "明码标价、七日无理由退货、年度内无查实投诉，设有消费维权联络点"
		if granted >= 2 {
			title, criteria = credit.HonestHousehold, "诚信经营、守法经营，年度内无查实投诉和行政处罚"
		}
		f.clk.t = f.office(time.Date(year, 1, 10, 2, 0, 0, 0, time.UTC))
		if _, err := f.bs.GrantHonour(f.ctx, sup, credit.Honour{MerchantID: s.m.ID, Title: title, Criteria: criteria,
			DocumentRef: fmt.Sprintf("瑞消委发〔%d〕3号", year), From: calendar.Date{Year: year, Month: 1, Day: 1},
			To: calendar.Date{Year: year, Month: 12, Day: 31}}); err != nil {
			return fmt.Errorf("demo: honour: %w", err)
		}
		granted++
	}
	shop := f.merchantNamed("兴乐淘百货店")
	custody := f.merchantNamed("云商集群")
	if shop == nil || custody == nil {
		return nil
	}
	m := shop.m
	m.Address = custody.m.Address + "301室（集群注册）"
	if err := f.bs.SaveMerchant(f.ctx, &m); err != nil {
		return fmt.Errorf("demo: listed shop: %w", err)
	}
	start := f.office(f.now.AddDate(0, -2, 0))
	f.clk.t = start
	if err := f.bs.SaveAgreement(f.ctx, sup, credit.Agreement{MerchantID: m.ID, CustodyID: custody.m.ID,
		StartsOn: calendar.Date{Year: year - 1, Month: 3, Day: 1}, EndsOn: calendar.Date{Year: year + 1, Month: 2, Day: 28}}); err != nil {
		return fmt.Errorf("demo: custody agreement: %w", err)
	}
	l, err := f.bs.OpenListing(f.ctx, op, m.ID)
	if err != nil {
		return fmt.Errorf("demo: listing: %w", err)
	}
	steps := []service.ListingStep{
		{Action: "attempt", Attempt: credit.Attempt{Method: credit.Phone, Note: "平台登记电话为空号"}},
		{Action: "attempt", Attempt: credit.Attempt{Method: credit.Platform, Note: "通过拼多多平台留言，三个工作日未回复"}},
		{Action: "attempt", Attempt: credit.Attempt{Method: credit.Custody, Note: "函询托管企业，书面回复：该店已失联，托管地址无人办公"}},
		{Action: "refer"},
		{Action: "list", Reason: credit.AddressUnreachable, Ref: fmt.Sprintf("瑞市监异字〔%d〕17号", year)},
	}
	for i, st := range steps {
		f.clk.t = f.office(start.Add(time.Duration(i+1) * 50 * time.Hour))
		who := op
		if st.Action == "list" {
			who = sup
		}
		if _, err := f.bs.StepListing(f.ctx, who, l.ID, st); err != nil {
			return fmt.Errorf("demo: listing %s: %w", st.Action, err)
		}
	}
	return nil
}
