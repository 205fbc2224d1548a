package demo

import (
	"fmt"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// portalOffer has a consumer file a complaint on the portal against a merchant that answers
// online; the office accepts it and records both sides' consent, the merchant offers a refund
// and a coupon's worth of compensation, the consumer accepts the offer on the portal, the
// office closes it with its record and the consumer rates the handling 5 — counted in the
// report with the callbacks. A supervisor has asked for her deadline alerts by e-mail.
func (f *filler) portalOffer() (int, error) {
	sh := f.merchantNamed("惠民购物广场")
	if sh == nil {
		return 0, fmt.Errorf("demo: no merchant like 惠民购物广场")
	}
	seller, err := f.svc.UserByName(f.ctx, auth.System, "merchant1")
	if err != nil {
		return 0, fmt.Errorf("demo: merchant1: %w", err)
	}
	tw := sh.town
	if tw == nil {
		tw = f.towns[0]
	}
	med := f.mediators[tw.mediator]
	op := f.operators[0]
	f.clk.t = f.now.Add(-6 * 24 * time.Hour)
	in := service.PortalSubmission{Kind: casework.Complaint, Name: "陈晓燕", Phone: "13979205678", Email: "chenxy@example.cn",
		Address: "瑞昌市" + tw.data.name + "建设路 18 号", MerchantName: sh.m.Name, MerchantAddress: sh.m.Address, AreaID: &tw.area.ID,
		Category: casework.Goods, Amount: 599_00, Facts: "在商场买的电饭煲用了三天内胆涂层脱落，柜台说要寄回厂家检测，等了两周没有答复。",
		Request: "退货退款 599 元", Lang: "zh-CN"}
	r, err := f.bs.SubmitOnPortal(f.ctx, auth.Anonymous(""), in)
	if err != nil {
		return 0, fmt.Errorf("demo: portal submission: %w", err)
	}
	number := r.Numbers[0]
	f.clk.t = f.clk.t.Add(3 * time.Hour)
	for _, st := range []struct {
		a  casework.Action
		in casework.ActionInput
	}{
		{casework.Update, casework.ActionInput{Changes: &casework.Changes{MerchantID: &sh.m.ID}}},
		{casework.Accept, casework.ActionInput{}},
		{casework.Dispatch, casework.ActionInput{StationID: &tw.station.ID, AssigneeID: &med.ID}},
	} {
		if _, err := f.bs.Act(f.ctx, as(&op), number, st.a, st.in); err != nil {
			return 0, fmt.Errorf("demo: portal complaint %s: %w", st.a, err)
		}
	}
	f.clk.t = f.clk.t.Add(20 * time.Hour)
	for _, side := range mediation.Sides {
		if _, err := f.bs.RecordConsent(f.ctx, as(&med), number, mediation.Consent{Side: side, Purpose: mediation.ToMediation,
			Method: mediation.ByPhone, Said: "同意由市场监管部门调解"}); err != nil {
			return 0, fmt.Errorf("demo: portal complaint consent: %w", err)
		}
	}
	f.clk.t = f.clk.t.Add(26 * time.Hour)
	if _, err := f.bs.AnswerComplaint(f.ctx, as(&seller), number, mediation.MerchantAnswer{Kind: mediation.OfferSettle,
		Text: "经核实为内胆涂层质量问题，同意退货。", Terms: "退还货款 599 元，另赠 50 元购物券作为补偿，三日内退到原支付账户。",
		Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 599_00}, {Kind: mediation.Compensation, Amount: 50_00, Note: "购物券"}},
		Offered: 649_00}); err != nil {
		return 0, fmt.Errorf("demo: merchant offer: %w", err)
	}
	f.clk.t = f.clk.t.Add(5 * time.Hour)
	tok, err := f.bs.ProveTrackingCode(f.ctx, auth.Anonymous(""), number, r.TrackingCode)
	if err != nil {
		return 0, fmt.Errorf("demo: portal proof: %w", err)
	}
	p, err := f.bs.PortalPrincipal(f.ctx, "", tok)
	if err == nil {
		_, err = f.bs.AcceptOfferOnPortal(f.ctx, p)
	}
	if err != nil {
		return 0, fmt.Errorf("demo: offer accepted on the portal: %w", err)
	}
	f.clk.t = f.clk.t.Add(24 * time.Hour)
	file, err := f.bs.Mediation(f.ctx, as(&med), number)
	if err == nil {
		_, err = f.bs.IssueDocument(f.ctx, as(&med), number, service.IssueInput{Kind: file.Required})
	}
	if err == nil {
		_, err = f.bs.Act(f.ctx, as(&op), number, casework.Close, casework.ActionInput{})
	}
	if err != nil {
		return 0, fmt.Errorf("demo: portal complaint closed: %w", err)
	}
	f.clk.t = f.clk.t.Add(4 * time.Hour)
	tok, err = f.bs.ProveTrackingCode(f.ctx, auth.Anonymous(""), number, r.TrackingCode)
	if err == nil {
		p, err = f.bs.PortalPrincipal(f.ctx, "", tok)
	}
	five := 5
	if err == nil {
		err = f.bs.RateOnPortal(f.ctx, p, &five, "商场退款很快，感谢调解员。")
	}
	if err != nil {
		return 0, fmt.Errorf("demo: portal rating: %w", err)
	}
	if err := f.portalDecline(sh.m.ID, tw, seller); err != nil {
		return 0, err
	}
	sup := f.supervisors[0]
	if err := f.bs.SaveAlertChannels(f.ctx, as(&sup), service.AlertChannels{Email: "dudao@weiquan.example.cn"}); err != nil {
		return 0, fmt.Errorf("demo: alert channels: %w", err)
	}
	return len(r.Numbers) + 1, nil
}

// portalDecline has another consumer turn the same merchant's offer down on the portal, with her
// reason: the complaint stays open, and the mediator's case page shows the refusal on the
// mediation panel with a warning beside "record acceptance" (she may still ring and accept).
func (f *filler) portalDecline(merchantID int64, tw *town, seller auth.User) error {
	op := f.operators[0]
	f.clk.t = f.now.Add(-3 * 24 * time.Hour)
	in := service.PortalSubmission{Kind: casework.Complaint, Name: "刘桂兰", Phone: "13979206789", Address: "瑞昌市" + tw.data.name + "解放路 6 号",
		MerchantName: "惠民购物广场", AreaID: &tw.area.ID, Category: casework.Goods, Amount: 1280_00,
		Facts: "在商场买的羽绒服穿了一周拉链坏了，商场只肯换拉链。", Request: "退货退款 1280 元", Lang: "zh-CN"}
	r, err := f.bs.SubmitOnPortal(f.ctx, auth.Anonymous(""), in)
	if err != nil {
		return fmt.Errorf("demo: portal submission to decline: %w", err)
	}
	number := r.Numbers[0]
	f.clk.t = f.clk.t.Add(2 * time.Hour)
	for _, st := range []struct {
		a  casework.Action
		in casework.ActionInput
	}{{casework.Update, casework.ActionInput{Changes: &casework.Changes{MerchantID: &merchantID}}}, {casework.Accept, casework.ActionInput{}}} {
		if _, err := f.bs.Act(f.ctx, as(&op), number, st.a, st.in); err != nil {
			return fmt.Errorf("demo: complaint to decline %s: %w", st.a, err)
		}
	}
	f.clk.t = f.clk.t.Add(22 * time.Hour)
	if _, err := f.bs.AnswerComplaint(f.ctx, as(&seller), number, mediation.MerchantAnswer{Kind: mediation.OfferSettle,
		Text: "拉链属易损件，可免费更换。", Terms: "免费更换拉链，另赠 100 元购物券。",
		Amounts: []mediation.Amount{{Kind: mediation.Compensation, Amount: 100_00, Note: "购物券"}}, Offered: 100_00}); err != nil {
		return fmt.Errorf("demo: offer to decline: %w", err)
	}
	f.clk.t = f.clk.t.Add(6 * time.Hour)
	tok, err := f.bs.ProveTrackingCode(f.ctx, auth.Anonymous(""), number, r.TrackingCode)
	if err != nil {
		return fmt.Errorf("demo: portal proof to decline: %w", err)
	}
	p, err := f.bs.PortalPrincipal(f.ctx, "", tok)
	if err == nil {
		err = f.bs.DeclineOfferOnPortal(f.ctx, p, "衣服穿一周就坏，只换拉链不能接受，要求全额退款。")
	}
	if err != nil {
		return fmt.Errorf("demo: offer declined on the portal: %w", err)
	}
	return nil
}
