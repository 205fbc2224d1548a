package demo

import (
	"time"
	"unicode/utf8"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
)

// reportJob plans a report: verification, the filing decision, closing.
// file is 1 to file a case, 0 not to, -1 to let chance decide.
func (f *filler) reportJob(received time.Time, ch casework.Channel, file int) job {
	rc := reportCases[f.rnd.IntN(len(reportCases))]
	var s *shop
	for s == nil || s.m.AreaID == nil {
		s = f.chooseShop(rc.sectors, false)
	}
	homeTown, homeVillage := f.home()
	reporter := f.person(homeTown, homeVillage)
	anonymous := f.chance(0.25)
	if anonymous {
		reporter = casework.Party{}
	}
	sub := reportSubcategory[s.sector]
	in := casework.IntakeInput{Kind: casework.Report, Channel: ch, ReceivedAt: &received, Consumer: reporter,
		MerchantID: &s.m.ID, AreaID: s.m.AreaID, Category: sub.cat, Subcategory: sub.name, Facts: f.prefix(ch) + fill(rc.facts, map[string]string{"商家": s.m.Name})}
	j := job{in: in, taker: f.taker(ch), cut: -1}
	j.plans = [][]step{f.reportSteps(received, f.operator(j.taker), file, anonymous)}
	return j
}

// reportSubcategory classifies a report by the merchant's sector.
var reportSubcategory = map[string]struct {
	cat  casework.Category
	name string
}{
	"supermarket": {goods, "食品"}, "market": {goods, "食品（计量）"}, "restaurant": {services, "餐饮服务"},
	"pharmacy": {goods, "保健食品"}, "clothing": {goods, "服装鞋帽"}, "online": {goods, "网络购物"},
	"beauty": {services, "美容美发"}, "furniture": {goods, "家具"}, "decor": {services, "装修服务"},
	"telecom": {services, "通信服务"}, "agri": {goods, "农资（种子化肥）"}, "ebike": {goods, "电动自行车"},
}

// reportSteps is the life of a report (R-L1: a report is handled apart from any complaint).
func (f *filler) reportSteps(received time.Time, op *auth.User, file int, anonymous bool) []step {
	sup := &f.supervisors[f.rnd.IntN(len(f.supervisors))]
	t := f.office(received.Add(f.between(10*time.Minute, days(2))))
	steps := []step{{at: t, who: op, action: casework.Verify, to: casework.Verifying, in: casework.ActionInput{Note: "已转执法人员现场核查。"}}}
	t = f.office(t.Add(f.between(days(3), days(12))))
	told := "处理结果已告知举报人。"
	if anonymous {
		told = "举报人未留联系方式。"
	}
	if file == 1 || (file < 0 && f.chance(0.45)) {
		steps = append(steps, step{at: t, who: sup, action: casework.File, to: casework.Filed,
			in: casework.ActionInput{Note: "经现场检查，举报反映的问题基本属实，已立案调查。"}})
		t = f.office(t.Add(f.between(days(10), days(45))))
		return append(steps, step{at: t, who: op, action: casework.Close, to: casework.Closed, in: casework.ActionInput{Note: "案件已办结。" + told}})
	}
	steps = append(steps, step{at: t, who: sup, action: casework.NotFile, to: casework.NotFiled,
		in: casework.ActionInput{Note: "经现场核查，未发现举报反映的违法行为，不予立案。"}})
	t = f.office(t.Add(f.between(10*time.Minute, days(2))))
	return append(steps, step{at: t, who: op, action: casework.Close, to: casework.Closed, in: casework.ActionInput{Note: told}})
}

// inquiryJob plans a question answered at once on the phone or at the counter,
// the next office hours otherwise.
func (f *filler) inquiryJob(received time.Time, ch casework.Channel) job {
	q := inquiries[f.rnd.IntN(len(inquiries))]
	homeTown, homeVillage := f.home()
	p := f.person(homeTown, homeVillage)
	if f.chance(0.5) {
		r, _ := utf8.DecodeRuneInString(p.Name)
		p.Name, p.Address = string(r)+[]string{"女士", "先生"}[f.rnd.IntN(2)], ""
	}
	in := casework.IntakeInput{Kind: casework.Inquiry, Channel: ch, ReceivedAt: &received, Consumer: p,
		AreaID: &homeVillage.ID, Facts: f.prefix(ch) + q.question}
	j := job{in: in, taker: f.taker(ch), cut: -1}
	op := f.operator(j.taker)
	t := f.office(received.Add(f.between(0, days(1))))
	if instant(ch) {
		t = received.Add(f.between(time.Minute, 8*time.Minute))
	}
	answer := step{at: t, who: op, action: casework.Answer, to: casework.Answered, in: casework.ActionInput{Answer: q.answer}}
	t = t.Add(f.between(time.Minute, 40*time.Minute))
	j.plans = [][]step{{answer, {at: t, who: op, action: casework.Close, to: casework.Closed}}}
	return j
}

// rejectJob plans a complaint the office may not accept (R-L7): a head of the
// office rejects it with the ground of the matter's rule set, then it is closed.
func (f *filler) rejectJob(received time.Time, ch casework.Channel) job {
	rc := rejectCases[f.rnd.IntN(len(rejectCases))]
	homeTown, homeVillage := f.home()
	in := casework.IntakeInput{Kind: casework.Complaint, Channel: ch, ReceivedAt: &received, Consumer: f.person(homeTown, homeVillage),
		MerchantName: rc.merchant, MerchantAddress: rc.addr, AreaID: &homeVillage.ID, Category: rc.cat,
		Facts: f.prefix(ch) + rc.facts, Request: rc.request}
	j := job{in: in, taker: f.taker(ch), cut: -1}
	op := f.operator(j.taker)
	sup := &f.supervisors[f.rnd.IntN(len(f.supervisors))]
	t := f.office(received.Add(f.between(2*time.Hour, days(4))))
	reject := step{at: t, who: sup, action: casework.Reject, to: casework.Rejected, ground: rc.ground, in: casework.ActionInput{Note: rc.note}}
	t = f.office(t.Add(f.between(10*time.Minute, days(1))))
	j.plans = [][]step{{reject, {at: t, who: op, action: casework.Close, to: casework.Closed, in: casework.ActionInput{Note: "已告知投诉人不予受理的理由。"}}}}
	return j
}
