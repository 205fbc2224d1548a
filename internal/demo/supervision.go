package demo

import (
	"fmt"
	"time"

	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/supervise"
)

// supervision shows social supervision (C10): a satisfaction questionnaire with the answers
// of the consumers who got its link, inspectors with a declared conflict, mystery-shopping
// visits, product samples with their lab results (two published), and a 双随机一公开 draw
// published with its seed and then drawn. A county that has them already is left as it is.
func (f *filler) supervision() error {
	if len(f.supervisors) == 0 || len(f.operators) == 0 {
		return nil
	}
	if qs, err := f.svc.Questionnaires(f.ctx, as(&f.supervisors[0])); err != nil || len(qs) > 0 {
		return err
	}
	sup, op := as(&f.supervisors[0]), as(&f.operators[0])
	day := func(daysAgo int) string { return f.now.AddDate(0, 0, -daysAgo).Format("2006-01-02") }

	f.clk.t = f.office(f.now.AddDate(0, 0, -40))
	q := supervise.Questionnaire{Title: "投诉处理满意度回访", Intro: "感谢您对消费维权工作的支持。本问卷匿名，约需一分钟。",
		Questions: []supervise.Question{
			{Text: "您对投诉处理结果是否满意？", Kind: supervise.Rating, Required: true},
			{Text: "工作人员的服务态度", Kind: supervise.Rating, Required: true},
			{Text: "处理是否及时？", Kind: supervise.Choice, Options: []string{"及时", "一般", "不及时"}},
			{Text: "您的意见和建议", Kind: supervise.Text}}}
	if err := f.bs.SaveQuestionnaire(f.ctx, sup, &q); err != nil {
		return fmt.Errorf("demo: questionnaire: %w", err)
	}
	links, err := f.bs.QuestionnaireLinks(f.ctx, sup, q.ID, 24, nil)
	if err != nil {
		return fmt.Errorf("demo: questionnaire links: %w", err)
	}
	words := []string{"调解员很耐心，退款当天到账。", "希望周末也能受理。", "", "电话一直占线，等了很久。", "", "处理很快，谢谢！"}
	for i, l := range links[:18] { // six links not answered yet
		f.clk.t = f.office(f.now.AddDate(0, 0, -38+i*2))
		rating := []int{5, 5, 4, 4, 3, 5, 4, 2, 5, 4, 5, 3, 4, 5, 1, 4, 5, 4}[i]
		as := []supervise.Answer{{Given: true, Rating: rating}, {Given: true, Rating: min(5, rating+1)},
			{Given: true, Option: map[bool]int{true: 0, false: 1}[rating >= 4]}, {}}
		if rating <= 2 {
			as[2].Option = 2
		}
		if w := words[i%len(words)]; w != "" {
			as[3] = supervise.Answer{Given: true, Text: w}
		}
		if err := f.bs.AnswerSurvey(f.ctx, sup, l.Token, as); err != nil {
			return fmt.Errorf("demo: survey answer: %w", err)
		}
	}

	f.clk.t = f.office(f.now.AddDate(0, 0, -30))
	for _, n := range []struct{ name, unit string }{{"周建平", "瑞昌市市场监督管理局"}, {"刘芳", "瑞昌市市场监督管理局"}, {"黄志强", "湓城市场监管所"},
		{"吴晓梅", "湓城市场监管所"}, {"徐国庆", "码头市场监管所"}} {
		if err := f.bs.SaveInspector(f.ctx, sup, &store.Inspector{Name: n.name, Unit: n.unit}); err != nil {
			return fmt.Errorf("demo: inspector: %w", err)
		}
	}
	inspectors, err := f.svc.Inspectors(f.ctx, sup)
	if err != nil {
		return err
	}
	var local []*shop
	for _, s := range f.shops {
		if s.local && s.m.Type != merchant.OnlineShop {
			local = append(local, s)
		}
	}
	if len(local) > 0 && len(inspectors) > 0 {
		if err := f.bs.DeclareConflict(f.ctx, sup, inspectors[0].ID, local[0].m.ID, "配偶在该店任职"); err != nil {
			return fmt.Errorf("demo: conflict: %w", err)
		}
	}
	visits := []supervise.Visit{
		{VisitedOn: day(20), Visitors: "黄志强、吴晓梅", Topic: "明码标价", Result: supervise.Issues, Findings: "冷柜区12种商品未标价，已责令当场整改。"},
		{VisitedOn: day(15), Visitors: "刘芳、消费者监督员张敏", Topic: "预付卡办理与退费", Result: supervise.Compliant},
		{VisitedOn: day(9), Visitors: "周建平", Topic: "计量器具", Result: supervise.Issues, Findings: "一台电子秤未经检定仍在使用，已暂停使用并通知送检。"},
	}
	for i := range visits {
		if i+1 >= len(local) {
			break
		}
		v := visits[i]
		v.MerchantID = &local[i+1].m.ID
		f.clk.t = f.office(f.now.AddDate(0, 0, -8))
		if err := f.bs.RecordVisit(f.ctx, op, &v); err != nil {
			return fmt.Errorf("demo: visit: %w", err)
		}
	}
	samples := []struct {
		x       supervise.Sample
		result  string
		items   string
		publish bool
	}{
		{supervise.Sample{Product: "纯牛奶 250mL", Brand: "赣南牧场", Batch: "20260412", Lab: "九江市检验检测认证中心"}, "pass", "", true},
		{supervise.Sample{Product: "电动自行车头盔", Brand: "安途", Batch: "AT-2603", Lab: "江西省产品质量监督检测院"}, "fail", "佩戴装置强度、吸收碰撞能量不合格", true},
		{supervise.Sample{Product: "散装大米", Lab: "九江市检验检测认证中心"}, "", "", false},
	}
	for i, s := range samples {
		if i+4 >= len(local) {
			break
		}
		x := s.x
		x.MerchantID, x.SampledOn = &local[i+4].m.ID, day(25-i*5)
		f.clk.t = f.office(f.now.AddDate(0, 0, -25+i*5))
		if err := f.bs.RecordSample(f.ctx, op, &x); err != nil {
			return fmt.Errorf("demo: sample: %w", err)
		}
		if s.result == "" {
			continue
		}
		f.clk.t = f.office(f.now.AddDate(0, 0, -12+i))
		if _, err := f.bs.SampleResult(f.ctx, sup, x.ID, s.result, fmt.Sprintf("JJ%s-%03d", day(12)[:4], 41+i), day(12-i), s.items); err != nil {
			return fmt.Errorf("demo: sample result: %w", err)
		}
		if s.publish {
			f.clk.t = f.office(f.now.AddDate(0, 0, -10+i))
			if _, err := f.bs.SampleResult(f.ctx, sup, x.ID, "publish", "", "", ""); err != nil {
				return fmt.Errorf("demo: sample publish: %w", err)
			}
		}
	}
	f.clk.t = f.office(f.now.AddDate(0, 0, -6))
	d, err := f.bs.PublishDraw(f.ctx, sup, service.DrawRequest{Title: fmt.Sprintf("%d年第二季度“双随机、一公开”抽查", f.now.Year()), RecentDays: 180, Merchants: 6, InspectorsPer: 2})
	if err != nil {
		return fmt.Errorf("demo: draw: %w", err)
	}
	f.clk.t = f.clk.t.Add(26 * time.Hour) // drawn the next day, the seed public meanwhile
	if _, err := f.bs.RunDraw(f.ctx, sup, d.ID); err != nil {
		return fmt.Errorf("demo: run draw: %w", err)
	}
	return nil
}
