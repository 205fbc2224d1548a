package web_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
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

	// A figure's link lists the matters it counts.
	b.submit("#fig-agreements .fig-link", 200)
	if n := b.text("#list-count"); !strings.Contains(n, "1190") {
		t.Fatalf("agreements list: %q", n)
	}
}

// pdfPage finds the page objects of a PDF (not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)
