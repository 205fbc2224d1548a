package web_test

import (
	"context"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/merchant"
	"weiquan/internal/money"
)

const day = 24 * time.Hour

// scene names the matters clockScene makes.
type scene struct {
	kept, late, close, missed, waiting, paused, report, overdueReport string
}

// clockScene puts a working fortnight on the board, relative to now: on-site promises kept,
// missed, near and running; statutory clocks met, running, paused and overdue; then the
// scanner fires the reminders and breaches due by now, as the serve worker would.
func (c *county) clockScene(t *testing.T, now time.Time) scene {
	t.Helper()
	ctx := context.Background()
	saved := c.svc.Now
	defer func() { c.svc.Now = saved }()
	at := func(d time.Duration) {
		tt := now.Add(d)
		c.svc.Now = func() time.Time { return tt }
	}
	complaint := func(a dispatch.Area, m merchant.Merchant, name, phone, facts string, visit bool) string {
		in := casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315,
			Consumer:   casework.Party{Name: name, Phone: phone, Address: a.Name + " 12 号"},
			MerchantID: &m.ID, AreaID: &a.ID, Facts: facts, Request: "退款", NeedsVisit: visit}
		amount := money.Fen(880_00)
		in.AmountInDispute = amount
		return c.intake(t, c.operator, in)[0].Number
	}
	var s scene
	// Kept: received twelve days ago in the city, on site after 9 minutes, now mediating.
	at(-12 * day)
	s.kept = complaint(c.xihu, c.haoyouduo, "张三", "13800138000", "电饭煲使用三天后无法加热，商家拒绝退货", true)
	c.act(t, c.operator, s.kept, casework.Accept, casework.ActionInput{})
	c.act(t, c.operator, s.kept, casework.Dispatch, casework.ActionInput{StationID: &c.stPencheng.ID})
	at(-12*day + 9*time.Minute)
	c.act(t, c.mediatorPC, s.kept, casework.CheckIn, casework.ActionInput{})
	c.act(t, c.mediatorPC, s.kept, casework.StartMediation, casework.ActionInput{})
	// Late: in the township eight days ago, on site after 41 minutes, settled and closed.
	at(-8 * day)
	s.late = complaint(c.matouCun, c.meifa, "李四", "13912345678", "预付卡余额无法退还，店铺已经关门", true)
	c.act(t, c.operator, s.late, casework.Accept, casework.ActionInput{})
	c.act(t, c.operator, s.late, casework.Dispatch, casework.ActionInput{StationID: &c.stMatou.ID})
	at(-8*day + 41*time.Minute)
	c.act(t, c.mediatorMT, s.late, casework.CheckIn, casework.ActionInput{})
	c.act(t, c.mediatorMT, s.late, casework.StartMediation, casework.ActionInput{})
	at(-7 * day)
	recovered := money.Fen(500_00)
	c.act(t, c.mediatorMT, s.late, casework.Agree, casework.ActionInput{Recovered: &recovered})
	c.act(t, c.supervisor, s.late, casework.Close, casework.ActionInput{})
	// Paused: accepted six days ago, the rice cooker sent for testing.
	at(-6 * day)
	s.paused = complaint(c.xihu, c.haoyouduo, "周八", "13500005555", "购买的电热水壶漏电，要求检测", false)
	c.act(t, c.operator, s.paused, casework.Accept, casework.ActionInput{})
	c.act(t, c.mediatorPC, s.paused, casework.StartMediation, casework.ActionInput{})
	at(-5 * day)
	c.act(t, c.mediatorPC, s.paused, casework.Pause, casework.ActionInput{ReasonCode: casework.PauseTesting, Note: "送县质检所检测"})
	// Reports: one received 30 days ago and never verified, one received yesterday.
	report := func(d time.Duration, name, facts string) string {
		at(d)
		return c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Report, Channel: casework.Hotline12315,
			Consumer: casework.Party{Name: name, Phone: "13600002222"}, MerchantID: &c.haoyouduo.ID, AreaID: &c.xihu.ID, Facts: facts})[0].Number
	}
	s.overdueReport = report(-30*day, "孙七", "超市销售过期酸奶")
	s.report = report(-1*day, "吴九", "超市散装食品无标签")
	// Waiting: a complaint from two days ago not yet decided.
	at(-2 * day)
	s.waiting = complaint(c.matouCun, c.meifa, "郑十", "13700003333", "美发店办卡后拒绝退还余额", false)
	// Running promises: one missed 12 minutes ago, one with 4 minutes left, one just taken.
	at(-42 * time.Minute)
	s.missed = complaint(c.matouCun, c.meifa, "王五", "13700001111", "理发后被强制办卡，要求退还 1,000 元", true)
	at(-11 * time.Minute)
	s.close = complaint(c.xihu, c.haoyouduo, "钱六", "13600001234", "超市称重短斤缺两", true)
	at(-2 * time.Minute)
	complaint(c.xihu, c.haoyouduo, "冯十一", "13600004321", "购物小票金额与标价不符", true)
	at(0)
	if _, err := c.svc.Scan(ctx, now); err != nil {
		t.Fatal(err)
	}
	return s
}
