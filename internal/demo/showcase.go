package demo

import (
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/money"
)

// target is a matter of the last days left in a given state, so that the work
// queue shows every state there is.
type target struct {
	kind  casework.Kind
	state casework.State
	ch    casework.Channel
	age   time.Duration
}

var targets = []target{
	{casework.Complaint, casework.Received, casework.Hotline12315, 25 * time.Minute},
	{casework.Complaint, casework.Accepted, casework.Platform12315, days(1)},
	{casework.Complaint, casework.Dispatched, casework.Hotline12315, 9 * time.Minute},
	{casework.Complaint, casework.OnSite, casework.Transfer12345, 50 * time.Minute},
	{casework.Complaint, casework.Mediating, casework.Hotline12315, days(3)},
	{casework.Complaint, casework.Mediating, casework.Platform12315, days(6)},
	{casework.Complaint, casework.Suspended, casework.Hotline12315, days(8)},
	{casework.Complaint, casework.Agreement, casework.Hotline12315, days(1)},
	{casework.Complaint, casework.Terminated, casework.Letter, days(3)},
	{casework.Complaint, casework.Rejected, casework.Web, days(5)},
	{casework.Report, casework.Received, casework.Web, 3 * time.Hour},
	{casework.Report, casework.Verifying, casework.Hotline12315, days(4)},
	{casework.Report, casework.Filed, casework.Platform12315, days(12)},
	{casework.Report, casework.NotFiled, casework.Transfer12345, days(10)},
	{casework.Inquiry, casework.Received, casework.Web, 2 * time.Hour},
	{casework.Inquiry, casework.Answered, casework.Hotline12315, 20 * time.Minute},
}

// showcase plans one matter per target, stopped at its state and moved back in
// time just enough that everything it went through has already happened.
func (f *filler) showcase() []job {
	var js []job
	for _, tg := range targets {
		received := f.now.Add(-tg.age - f.between(0, tg.age/3)).Truncate(time.Second)
		var j job
		switch {
		case tg.kind == casework.Report:
			file := -1
			if tg.state == casework.Filed {
				file = 1
			} else if tg.state == casework.NotFiled {
				file = 0
			}
			j = f.reportJob(received, tg.ch, file)
		case tg.kind == casework.Inquiry:
			j = f.inquiryJob(received, tg.ch)
		case tg.state == casework.Rejected:
			j = f.rejectJob(received, tg.ch)
		default:
			j = f.complaintJob(received, tg.ch, opts{noSplit: true, agree: tg.state == casework.Agreement,
				terminate: tg.state == casework.Terminated, visit: tg.state == casework.Dispatched || tg.state == casework.OnSite})
		}
		j.cut = 0
		stop := tg.state
		if stop == casework.Suspended {
			stop = casework.Mediating
		}
		for i, s := range j.plans[0] {
			if s.to == stop {
				j.cut = i + 1
				break
			}
		}
		if tg.state == casework.Suspended {
			// R-L17: the parties agree to send the goods for testing; the mediation clock stops.
			med := j.plans[0][j.cut-1]
			pause := step{at: f.office(med.at.Add(2 * time.Hour)), who: med.who, action: casework.Pause, to: casework.Suspended,
				in: casework.ActionInput{ReasonCode: casework.PauseTesting, Note: "双方同意将商品送检，检测期间调解时限中止。"}}
			j.plans[0] = append(j.plans[0][:j.cut:j.cut], pause)
			j.cut++
		}
		last := received
		if j.cut > 0 {
			last = j.plans[0][j.cut-1].at
		}
		if limit := f.now.Add(-f.between(time.Minute, 4*time.Minute)); last.After(limit) {
			j.shift(limit.Sub(last))
		}
		js = append(js, j)
	}
	return append(js, f.repeatReports()...)
}

// repeatReports plans a report still being verified and two later ones about
// the same merchant merged into it: one with new facts, one a plain repeat (R-L24).
func (f *filler) repeatReports() []job {
	first := f.reportJob(f.office(f.now.Add(-days(9))), casework.Hotline12315, -1)
	first.plans[0] = first.plans[0][:1] // verifying
	number := new(string)
	first.record = number
	var js = []job{first}
	for i, newFacts := range []bool{true, false} {
		received := f.office(f.now.Add(-days(float64(6 - 2*i))))
		later := first
		later.record = nil
		later.in.ReceivedAt = &received
		note := "同一举报人就同一经营者再次举报，内容相同，不再另行处理。"
		if newFacts {
			later.in.Facts += "（补充：该店仍在销售同一批次商品，并提供了新的购物小票。）"
			note = "补充了新的事实，并入原举报一并核查，核查时限自本次举报起重新计算。"
		}
		later.plans = [][]step{{{at: f.office(received.Add(time.Hour)), who: f.operator(later.taker), action: casework.Merge, to: casework.Closed, into: number,
			in: casework.ActionInput{NewFacts: newFacts, Note: note}}}}
		js = append(js, later)
	}
	return js
}

// shift moves a whole job in time.
func (j *job) shift(d time.Duration) {
	r := j.in.ReceivedAt.Add(d)
	j.in.ReceivedAt = &r
	for _, p := range j.plans {
		for i := range p {
			p[i].at = p[i].at.Add(d)
		}
	}
}

// collective is a complaint brought by many consumers together (C8), like the
// prepaid-card and door-to-door-sales cases the article tells of.
type collective struct {
	shop, merchant, addr string // a registered merchant by part of its name, or one given as text
	town, village        string
	monthsAgo, consumers int
	ch                   casework.Channel
	cat                  casework.Category
	sub                  string
	amount, recovered    money.Fen
	facts, request       string
	sessions             []string
	agree                string
	span                 float64 // days of mediation
}

var collectives = []collective{
	{shop: "丽人坊", town: "湓城街道", village: "东街社区", monthsAgo: 9, consumers: 83, ch: casework.Visit, cat: services, sub: "美容美发（预付卡）",
		amount: 18640000, recovered: 13260000,
		facts:    "【来访】83名会员反映：瑞昌市丽人坊美容美发有限公司以“门店升级”为由停业，会员卡内余额合计约18.6万元无法使用，负责人称资金紧张。",
		request:  "要求退还会员卡余额。",
		sessions: []string{"召集会员代表和经营者第一次集中调解，核对会员名单和卡内余额。", "第二次集中调解：经营者同意以门店设备转让款和分期方式退款。"},
		agree:    "经多次集中调解，经营者与83名会员签订调解协议，分三期退还余额共计132600元。", span: 52},
	{merchant: "外地流动推销人员（以某健康科技公司名义）", addr: "码头镇东港村文化礼堂（临时租用）", town: "码头镇", village: "东港村", monthsAgo: 6, consumers: 46,
		ch: casework.Hotline12315, cat: goods, sub: "日用品（流动推销）", amount: 6830000, recovered: 6830000,
		facts:    "一批外地推销人员在东港村租用场地，以免费领鸡蛋为名召集老年人听讲座，高价推销保健枕、理疗仪等三无小家电，46名村民共付款约6.8万元，推销人员已撤离。",
		request:  "要求退货退款。",
		sessions: []string{"联合市公安局追查推销人员去向，已联系上其公司负责人。", "赴外省与经营者当面协商，经营者同意全部退款。"},
		agree:    "经营者同意全部退货退款，共计68300元已退还46名村民。", span: 28},
	{shop: "启航教育", town: "湓城街道", village: "城南社区", monthsAgo: 3, consumers: 27, ch: casework.Transfer12345, cat: services, sub: "教育培训（预付费）",
		amount: 9620000, recovered: 7150000,
		facts:    "【12345热线转办】27名家长反映：瑞昌市启航教育培训学校有限公司突然通知暑期后停课，已缴纳的课时费合计约9.6万元未退。",
		request:  "要求按剩余课时退费。",
		sessions: []string{"召集家长代表与学校负责人座谈，逐户核对剩余课时。"},
		agree:    "经调解，学校按剩余课时的约七成半退费，共计71500元，由家长代表签字确认。", span: 21},
}

// collectives plans the year's collective complaints, handled by the joint mediation centre.
func (f *filler) collectives() []job {
	var js []job
	for _, c := range collectives {
		va, _ := f.village(c.town, c.village)
		tw := f.townOf[va.ID]
		d := calendar.DateOf(f.now.AddDate(0, -c.monthsAgo, 0))
		for !f.workday(d) {
			d = d.AddDays(1)
		}
		received := d.Start().Add(9*time.Hour + f.between(0, 2*time.Hour)).Truncate(time.Second)
		rep := f.person(tw, &va)
		in := casework.IntakeInput{Kind: casework.Complaint, Channel: c.ch, ReceivedAt: &received, Consumer: rep, AreaID: &va.ID,
			MerchantName: c.merchant, MerchantAddress: c.addr, Category: c.cat, Subcategory: c.sub, AmountInDispute: c.amount,
			Consumers: c.consumers, Facts: c.facts, Request: c.request}
		if s := f.merchantNamed(c.shop); c.shop != "" && s != nil {
			in.MerchantID = &s.m.ID
		}
		j := job{in: in, taker: f.taker(c.ch), cut: -1}
		op := f.operator(j.taker)
		med := &f.mediators[f.centreMediators[2]]
		t := received.Add(f.between(5*time.Minute, 30*time.Minute))
		steps := []step{{at: t, who: op, action: casework.Accept, to: casework.Accepted, in: casework.ActionInput{Note: "群体投诉，报秘书长。"}}}
		t = t.Add(f.between(10*time.Minute, time.Hour))
		steps = append(steps, f.dispatchStep(t, op, f.court, med))
		t = f.office(t.Add(days(1)))
		start := t
		steps = append(steps, step{at: t, who: med, action: casework.StartMediation, to: casework.Mediating,
			in: casework.ActionInput{Note: "群体投诉，由联合调解中心组织集中调解，请消费者推选代表。"}})
		for i, s := range c.sessions {
			t = f.office(start.Add(days(c.span * float64(i+1) / float64(len(c.sessions)+1))))
			steps = append(steps, step{at: t, who: med, action: casework.Note, in: casework.ActionInput{Note: s}})
		}
		end := received.Add(days(c.span))
		if next := t.Add(days(1)); next.After(end) {
			end = next
		}
		t = f.office(end)
		rec := c.recovered
		steps = append(steps,
			step{at: t, who: med, action: casework.Agree, to: casework.Agreement, in: casework.ActionInput{Recovered: &rec, Note: c.agree}},
			step{at: t.Add(2 * time.Hour), who: med, action: casework.Note, in: casework.ActionInput{Note: "已逐一电话告知消费者调解结果。"}},
			step{at: f.office(t.Add(days(2))), who: op, action: casework.Close, to: casework.Closed})
		j.plans = [][]step{steps}
		js = append(js, j)
	}
	return js
}
