package demo

import (
	"fmt"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/bulletin"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
)

// heads names each station's head — the township's own mediator, the office's
// secretary-general, the joint mediation centre's mediator — who may know the reporters of the
// station's matters (R-L25).
func (f *filler) heads() error {
	set := func(st *dispatch.Station, head auth.User) error {
		id := head.ID
		st.HeadID = &id
		return f.bs.SaveStation(f.ctx, st)
	}
	if err := set(&f.hq, f.supervisors[0]); err != nil {
		return fmt.Errorf("demo: head of %s: %w", f.hq.Name, err)
	}
	if err := set(&f.court, f.mediators[f.centreMediators[2]]); err != nil {
		return fmt.Errorf("demo: head of %s: %w", f.court.Name, err)
	}
	for _, tw := range f.towns {
		if err := set(&tw.station, f.mediators[tw.mediator]); err != nil {
			return fmt.Errorf("demo: head of %s: %w", tw.station.Name, err)
		}
	}
	return nil
}

// notices publishes two consumer warnings on the portal, as the office's heads would write them.
func (f *filler) notices() error {
	day := f.now.In(calendar.Shanghai)
	for _, n := range []bulletin.Notice{
		{Title: "预付式消费提示：办卡前先看清", Body: "近期美容美发、健身、教育培训类预付卡投诉较多。办卡前请查看经营者证照，签订书面合同，单次充值不宜过大；商家关门跑路的，请保存好卡、收据和聊天记录，及时向 12315 投诉。",
			StartsOn: day.AddDate(0, 0, -20).Format("2006-01-02")},
		{Title: "节假日网购七天无理由退货提醒", Body: "网购商品（定制、鲜活易腐等除外）自收到之日起七日内可无理由退货。请保留商品完好和包装，退货运费承担以商家页面约定为准。",
			StartsOn: day.AddDate(0, 0, -5).Format("2006-01-02"), EndsOn: day.AddDate(0, 1, 0).Format("2006-01-02")},
	} {
		if err := f.svc.SaveNotice(f.ctx, auth.System, &n); err != nil {
			return fmt.Errorf("demo: notice %s: %w", n.Title, err)
		}
	}
	return nil
}

// PortalMatters is how many matters the demo files through the public portal besides Matters.
const PortalMatters = 3 // a withdrawn complaint (portal), an accepted offer, rated (portalOffer), and a declined offer (portalDecline)

// portal has a consumer file a complaint on the portal from her phone and withdraw it the next
// day, once the shop has refunded her: the way in and the way out the public has.
func (f *filler) portal() (int, error) {
	f.clk.t = f.now.Add(-50 * time.Hour)
	tw := f.towns[0]
	in := service.PortalSubmission{Kind: casework.Complaint, Name: "周敏", Phone: "13979201234", Address: "瑞昌市" + tw.data.name + "幸福路 6 号",
		MerchantName: "瑞昌市" + tw.data.name + "甜心奶茶店", MerchantAddress: "瑞昌市" + tw.data.name + "商业街 3 号", AreaID: &tw.area.ID,
		Category: casework.Goods, Facts: "在店里办了 200 元的会员卡，第二天店铺贴出转让告示，电话无人接听。", Request: "退还卡内余额 180 元", Lang: "zh-CN"}
	r, err := f.bs.SubmitOnPortal(f.ctx, auth.Anonymous(""), in)
	if err != nil {
		return 0, fmt.Errorf("demo: portal submission: %w", err)
	}
	f.clk.t = f.clk.t.Add(26 * time.Hour)
	tok, err := f.bs.ProveTrackingCode(f.ctx, auth.Anonymous(""), r.Numbers[0], r.TrackingCode)
	if err != nil {
		return 0, fmt.Errorf("demo: portal proof: %w", err)
	}
	p, err := f.bs.PortalPrincipal(f.ctx, "", tok)
	if err == nil {
		err = f.bs.WithdrawOnPortal(f.ctx, p, "店家已退款，双方和解")
	}
	if err != nil {
		return 0, fmt.Errorf("demo: portal withdrawal: %w", err)
	}
	return len(r.Numbers), nil
}

// summaries has the secretary-general approve what the public may read of the
// latest settled complaints (Open311), in the office's words, never the consumer's.
func (f *filler) summaries() error {
	f.clk.t = f.now
	q, err := f.svc.ListFilter(f.ctx, map[string][]string{"kind": {"complaint"}, "outcome": {"agreement"}}, nil)
	if err != nil {
		return err
	}
	ms, _, err := f.svc.Matters(f.ctx, auth.System, q.Page(20, 0))
	if err != nil {
		return err
	}
	sup := f.supervisors[0]
	for _, m := range ms {
		kind := map[casework.Category]string{casework.Goods: "商品", casework.Services: "服务"}[m.Category]
		if kind == "" {
			kind = "消费"
		}
		text := fmt.Sprintf("消费者反映与%s之间的%s纠纷，经调解双方达成协议，为消费者挽回经济损失%s元。", m.MerchantName, kind, m.Recovered.String())
		if _, err := f.bs.Act(f.ctx, auth.As(&sup), m.Number, casework.PublishSummary, casework.ActionInput{Summary: text}); err != nil {
			return fmt.Errorf("demo: summary of %s: %w", m.Number, err)
		}
	}
	return nil
}
