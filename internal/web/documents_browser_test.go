package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/document"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// TestDocumentScreenshots_R_L7_R_L19_R_L20_R_L21 issues every document there is — 受理通知,
// 不予受理告知书, 调解记录, 终止调解告知书 (the 调解书 is the journey's) and one in English — under
// the office's own name, prints each as the office sees it and as PDF, keeps the screenshots
// and the first PDF page beside them, and reads each PDF's text back: the office, the case
// number, the reason and the other remedies (CRPL Art.39), the amount in capitals.
func TestDocumentScreenshots_R_L7_R_L19_R_L20_R_L21(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	c.svc.Printer = &document.Renderer{Timeout: 5 * time.Minute}
	t.Cleanup(func() { _ = c.svc.Printer.Close() })
	ctx, sup := context.Background(), auth.As(&c.supervisor)
	if _, err := c.svc.SaveMediationOffice(ctx, auth.System, mediation.DefaultSettings(), document.Office{Name: "瑞昌市市场监督管理局",
		Unit: "瑞昌市消费者权益保护委员会", SealText: "瑞昌市市场监督管理局", Address: "瑞昌市湓城街道人民路1号", Phone: "0792-12315"}); err != nil {
		t.Fatal(err)
	}
	complaint := func(name, merchant, facts string) string {
		ms := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315,
			Consumer: casework.Party{Name: name, Phone: "13907921234", Address: "湓城街道桂林路12号"}, MerchantName: merchant,
			MerchantAddress: "湓城街道滨江大道66号", AreaID: &c.xihu.ID, Facts: facts, Request: "退货退款"})
		return ms[0].Number
	}
	mediating := func(number string) {
		c.act(t, c.operator, number, casework.Accept, casework.ActionInput{})
		c.consentBoth(t, number)
		c.act(t, c.supervisor, number, casework.StartMediation, casework.ActionInput{})
	}

	accepted := complaint("李明", "瑞昌市好又多超市", "购买的电饭煲使用三天后无法加热")
	c.act(t, c.operator, accepted, casework.Accept, casework.ActionInput{})
	rejected := complaint("赵强", "瑞昌市家和装饰工程有限公司", "2022年装修的卫生间漏水")
	c.act(t, c.supervisor, rejected, casework.Reject, casework.ActionInput{ReasonCode: "R16-4", Note: "知道权益受侵害之日起已超过三年"})
	record := complaint("孙丽", "瑞昌市悦颜美容养生馆", "美容储值卡余额不予退还")
	mediating(record)
	if _, err := c.svc.RecordAgreement(ctx, sup, record, mediation.Agreement{Terms: "被投诉人当场退还投诉人储值卡余额360.50元。", Mode: mediation.OnSite,
		PerformedOnSpot: true, Recovered: 360_50, Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 360_50}}}); err != nil {
		t.Fatal(err)
	}
	ended := complaint("周涛", "瑞昌市康途体育用品网店", "跑步机电机故障，商家拒绝退货")
	mediating(ended)
	c.act(t, c.supervisor, ended, casework.Terminate, casework.ActionInput{ReasonCode: "T3", Note: "被投诉人明确表示无法达成协议"})

	tab := c.tab(t, root, 1000, 1400, false)
	tab.signIn("fuzeren")
	for _, d := range []struct {
		number string
		kind   mediation.Document
		lang   string
		want   []string
	}{
		{accepted, mediation.AcceptanceNotice, "zh-CN", []string{"受理", "李明"}},
		{rejected, mediation.RejectionNotice, "zh-CN", []string{"不予受理", "第十六条", "三年", "诉讼", "仲裁"}},
		{record, mediation.MediationRecord, "zh-CN", []string{"调解记录", "孙丽", "瑞昌市悦颜美容养生馆", "360.50", "人民币叁佰陆拾元伍角整"}},
		{ended, mediation.TerminationNotice, "zh-CN", []string{"终止", "周涛", "瑞昌市康途体育用品网店", "诉讼"}},
		{ended, mediation.TerminationNotice, "en", []string{"Notice of Termination of Mediation", "Article 39", "lawsuit"}},
	} {
		row, err := c.svc.IssueDocument(ctx, sup, d.number, service.IssueInput{Kind: d.kind, Lang: d.lang})
		if err != nil {
			t.Fatalf("%s %s: %v", d.kind, d.lang, err)
		}
		name := "doc-" + strings.ReplaceAll(string(d.kind), "_", "-") + "-" + d.lang
		path := "/matters/" + d.number + "/documents/" + itoa(row.ID)
		tab.open(path, 200)
		tab.shot(name + "-print")
		tab.open("/matters/"+d.number, 200) // the print view allows no fetch
		text := tab.pdfText(path+"/pdf", name)
		flat := strings.Join(strings.Fields(text), "")
		office := "瑞昌市市场监督管理局" // a proper name: the English text keeps it too
		for _, w := range append(d.want, d.number, office) {
			if !strings.Contains(flat, strings.ReplaceAll(w, " ", "")) {
				t.Errorf("%s: the PDF's text lacks %q:\n%s", name, w, text)
			}
		}
		if strings.Contains(flat, service.DefaultOffice().Name) && !strings.Contains(flat, office) {
			t.Errorf("%s: the placeholder office name is printed", name)
		}
	}
}
