package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// TestDocumentPDFWithoutChromium: on a server without Chromium a document is still issued with
// its print layout, and the PDF route answers 503 saying why — in the reader's language —
// instead of an empty file or a 500 (issue 9 item 6).
func TestDocumentPDFWithoutChromium(t *testing.T) {
	c := fixture(t) // no Printer: as a server without Chromium
	city, _, _ := c.matters(t)
	c.act(t, c.operator, city.Number, casework.Accept, casework.ActionInput{})
	doc, err := c.svc.IssueDocument(context.Background(), auth.As(&c.operator), city.Number, service.IssueInput{Kind: mediation.AcceptanceNotice})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.PDF) != 0 || len(doc.HTML) == 0 {
		t.Fatalf("issued without Chromium: %d bytes of PDF, %d of HTML", len(doc.PDF), len(doc.HTML))
	}
	op := c.as(t, "zuoxi")
	path := "/matters/" + city.Number + "/documents/" + strconv.FormatInt(doc.ID, 10)
	if r := op.get(path); r.status != 200 || !strings.Contains(r.body, "投诉受理通知书") {
		t.Fatalf("the print layout: %d", r.status)
	}
	r := op.get(path + "/pdf")
	if r.status != 503 || !strings.Contains(r.body, "Chromium") || !strings.Contains(r.body, "打印") {
		t.Fatalf("the PDF without Chromium: %d %.600s", r.status, r.body)
	}
	if en := i18n.T("en", "mediation.no_pdf"); en == "mediation.no_pdf" || !strings.Contains(en, "Chromium") {
		t.Errorf("the English message: %q", en)
	}
}
