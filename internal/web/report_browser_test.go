package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"weiquan/internal/calendar"
	"weiquan/internal/ledger/ledgertest"
)

// TestScreenshotsReport: the report of a year in a real browser — the period picker showing
// only the chosen period's fields, a figure followed to its list, the charts — and the same
// report printed: at most two A4 pages with the office, the period, the date and the places
// to sign.
func TestScreenshotsReport(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	c.ledgerYear(t)

	b := c.tab(t, root, 1366, 900, false)
	b.signIn("fuzeren")
	b.open("/reports", 200)
	if v := b.eval(`getComputedStyle(document.querySelector(".pf-custom")).display`); v != "none" {
		t.Errorf("the custom dates show for a month: %q", v)
	}
	b.do(chromedp.Click(chromedp.CSS(`label:has(#period-year)`)))
	if v := b.eval(`getComputedStyle(document.querySelector("#f-year").closest(".field")).display`); v == "none" {
		t.Error("choosing a year does not show the year")
	}
	b.do(chromedp.SetValue(chromedp.CSS("#f-year"), "2025"))
	b.submit("#report-apply", 200)
	if h := b.text("#report-title"); !strings.Contains(h, "2025-01-01 至 2025-12-31") {
		t.Fatalf("title: %q", h)
	}
	if n := b.text("#fig-total .fig-link"); n != "1754" {
		t.Fatalf("total: %q", n)
	}
	if b.eval(`document.querySelector("[data-print]").hidden ? "hidden" : "shown"`) != "shown" {
		t.Error("the print button stays hidden")
	}
	b.shot("30-report")

	// The printed report: print media, A4 width, then as a PDF of at most two pages.
	media := func(m string) {
		t.Helper()
		if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m}); err != nil {
			t.Fatal(err)
		}
	}
	b.do(chromedp.EmulateViewport(794, 1123))
	media("print")
	if v := b.eval(`getComputedStyle(document.querySelector(".mainnav")).display`); v != "none" {
		t.Errorf("the navigation prints: %q", v)
	}
	if v := b.eval(`getComputedStyle(document.querySelector(".sign")).display`); v == "none" {
		t.Error("the signatures do not print")
	}
	b.shot("30b-report-print")
	media("")
	b.do(chromedp.EmulateViewport(1366, 900))
	yes := true
	res, err := chromedp.Call(b.ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
	if err != nil {
		t.Fatal(err)
	}
	pdf := res.Data
	if err := os.WriteFile(filepath.Join(artifacts, "30c-report.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if n := len(pdfPage.FindAll(pdf, -1)); n < 1 || n > 2 {
		t.Errorf("the report prints on %d pages", n)
	}

	ph := c.tab(t, root, 390, 844, true)
	ph.signIn("fuzeren")
	ph.open("/reports?period=year&year=2025", 200)
	ph.shot("30d-report-phone")
	ph.submit("#lang-switch", 200)
	if h := ph.text("#report-title"); !strings.Contains(h, "Consumer protection report") {
		t.Fatalf("English title: %q", h)
	}
	ph.do(chromedp.EmulateViewport(1366, 900))
	ph.shot("30e-report-en")

	// A figure's link lists the matters it counts.
	b.submit("#fig-agreements .fig-link", 200)
	if n := b.text("#list-count"); !strings.Contains(n, "1190") {
		t.Fatalf("agreements list: %q", n)
	}
}

// pdfPage finds the page objects of a PDF (not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestScreenshotsImport: a supervisor uploads a ledger whose source-id column the office
// named its own way, maps it by hand in the preview, sees the notes, commits and lands on
// the result with a link to the matters created.
func TestScreenshotsImport(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	b := c.tab(t, root, 1366, 900, false)
	b.signIn("fuzeren")
	b.open("/imports", 200)
	var sb strings.Builder
	sb.WriteString("序号,类型,渠道,登记时间,所在地,被投诉人,投诉人,联系电话,类别,争议金额（元）,投诉内容,处理状态,办结时间,处理结果,挽回经济损失,备注\n")
	for i, r := range ledgertest.Year(2024, 60, "RC2024-") {
		closed, outcome, recovered := "", "", ""
		if r.ClosedAt != nil {
			closed = r.ClosedAt.In(calendar.Shanghai).Format("2006/1/2 15:04")
		}
		if r.Outcome != "" {
			outcome = map[string]string{"agreement": "调解成功", "terminated": "终止调解", "rejected": "不予受理", "answered": "已答复", "filed": "立案", "not_filed": "不予立案"}[string(r.Outcome)]
		}
		if r.Recovered != 0 {
			recovered = r.Recovered.String()
		}
		status := map[string]string{"": "", "mediating": "调解中", "terminated": "终止调解", "verifying": "核查中"}[string(r.Status)]
		kind := map[string]string{"complaint": "投诉", "report": "举报", "inquiry": "咨询"}[string(r.Kind)]
		channel := map[string]string{"hotline_12315": "12315热线", "platform_12315": "全国12315平台", "letter": "来信", "visit": "来访", "transfer_12345": "12345转办"}[string(r.Channel)]
		cat := map[string]string{"goods": "商品类", "services": "服务类"}[string(r.Category)]
		note := ""
		if i%7 == 0 {
			note = "电话回访"
		}
		fmt.Fprintf(&sb, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", r.SourceID, kind, channel, r.ReceivedAt.In(calendar.Shanghai).Format("2006/1/2 15:04"),
			r.Area, r.Merchant, r.Consumer, r.Phone, cat, r.Amount.String(), r.Facts, status, closed, outcome, recovered, note)
	}
	file := filepath.Join(t.TempDir(), "瑞昌市消保委2024年投诉台账.csv")
	if err := os.WriteFile(file, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.SetUploadFiles(chromedp.CSS("#f-ledger-file"), []string{file}))
	b.submit("#import-upload", 200)
	if s := b.text("#import-status"); !strings.Contains(s, "来源编号") && !strings.Contains(s, "不能导入") {
		t.Fatalf("status: %q", s)
	}
	// 序号 is the source id: map it by hand and check again.
	b.do(chromedp.SetValue(chromedp.CSS("#map-1"), "source_id"))
	b.submit("#recheck", 200)
	if s := b.text("#import-status"); !strings.Contains(s, "可以导入 60 件") {
		t.Fatalf("after mapping: %q", s)
	}
	b.shot("31-import-preview")
	b.submit("#commit", 200)
	if n := b.text("#done-created"); n != "60" {
		t.Fatalf("created: %q", n)
	}
	b.shot("31b-import-done")
	b.submit("#imported-matters", 200)
	if n := b.text("#list-count"); !strings.Contains(n, "60") {
		t.Fatalf("imported matters: %q", n)
	}
	b.shot("31d-imported-matters")
	b.open("/imports", 200)
	b.shot("31c-imports")
}
