package document

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
)

func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.Shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return v.UTC()
}

// signaturePNG draws a wavy stroke, as a finger would on the mediator's tablet.
func signaturePNG(t testing.TB, seed int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 360, 120))
	ink := color.NRGBA{10, 20, 90, 255}
	for x := 20; x < 340; x++ {
		y := 60 + int(30*wave(float64(x+seed*17)/23.0))
		for d := -2; d <= 2; d++ {
			img.Set(x, y+d, ink)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func wave(x float64) float64 {
	x -= float64(int(x/6.283)) * 6.283
	// a cheap sine: enough for a signature-like line
	return x * (6.283 - x) * (3.1416 - x) / 30
}

// sample is a prepaid-card complaint at every step, for the document of kind k in lang.
func sample(t testing.TB, k Kind, lang string) Data {
	due := calendar.Date{Year: 2026, Month: 5, Day: 22}
	mdue := calendar.Date{Year: 2026, Month: 7, Day: 6}
	d := Data{
		Kind: k, Lang: lang, Version: Version{Number: 1}, RuleSet: casework.Order121,
		Office: Office{Name: "瑞昌市市场监督管理局", Unit: "瑞昌市消费者权益保护委员会（12315投诉举报中心）",
			SealText: "瑞昌市市场监督管理局", Address: "瑞昌市湓城街道人民路 88 号", Phone: "0792-4221234"},
		DocNumber:  "瑞市监调〔2026〕第 31 号",
		CaseNumber: "20260506-000031",
		Complainant: Party{Name: "王小明", IDType: "居民身份证", IDNumber: "360481199003154512", Phone: "13907921234",
			Address: "瑞昌市湓城街道桂林路 12 号"},
		Respondent: Party{Name: "瑞昌市悦动健身服务有限公司", USCC: "91360481MA35XXXX0K", Representative: "赵大力",
			Phone: "0792-4229876", Address: "瑞昌市湓城街道滨江大道 66 号"},
		ReceivedAt: at(t, "2026-05-06 09:12"), AcceptedAt: at(t, "2026-05-07 10:00"),
		IssuedAt: at(t, "2026-05-12 15:00"),
		Request:  "退还预付卡剩余金额 2,360.50 元，并按欺诈赔偿。",
		Facts: "投诉人于 2026 年 3 月在被投诉人处办理健身年卡，预付 3,000 元。被投诉人于 2026 年 4 月底未经告知停业，" +
			"投诉人仅使用 639.50 元的服务，剩余 2,360.50 元未能使用，被投诉人拒不退款。",
		MediationDue: &mdue,
	}
	switch k {
	case mediation.RejectionNotice:
		d.Reason, _ = casework.FindReason(casework.RejectReasons(casework.Order121), "R16-4")
		d.DecidedAt = at(t, "2026-05-08 16:00")
		d.AcceptedAt = time.Time{}
	case mediation.TerminationNotice:
		d.Reason, _ = casework.FindReason(casework.TerminateReasons(casework.Order121), "T3")
		d.DecidedAt = at(t, "2026-05-12 11:00")
		d.Office.Delegate = "瑞昌市消费者权益保护委员会"
	case mediation.MediationDocument, mediation.MediationRecord:
		d.AgreedAt = at(t, "2026-05-12 10:30")
		d.Mode, d.Place = mediation.OnSite, "湓城街道消费维权服务站"
		d.Mediators = []string{"张调解", "李明华"}
		d.Terms = "一、被投诉人退还投诉人预付卡剩余金额 2,360.50 元；\n二、被投诉人赔偿投诉人 500.00 元；\n三、投诉人交回会员卡，双方就本争议再无其他纠纷。"
		d.Lines = []Line{{Kind: mediation.Refund, Amount: 2_360_50, Note: "预付卡剩余金额"},
			{Kind: mediation.Compensation, Amount: 500_00, Note: "消费者权益保护法第五十五条"}}
		d.Recovered = 2_860_50
		d.DueDate = &due
		d.Signatures = []Signature{
			{Side: mediation.Complainant, Name: "王小明", PNG: signaturePNG(t, 1), SignedAt: at(t, "2026-05-12 10:40")},
			{Side: mediation.Respondent, Name: "瑞昌市悦动健身服务有限公司", Scanned: true, SignedAt: at(t, "2026-05-12 10:45")},
		}
		if k == mediation.MediationRecord {
			d.PerformedOnSpot, d.DueDate = true, nil
			d.Signatures[1] = Signature{Side: mediation.Respondent, Name: "赵大力", PNG: signaturePNG(t, 2), SignedAt: at(t, "2026-05-12 10:45")}
		}
	}
	return d
}
