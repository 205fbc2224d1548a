package api_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestDocumentPDFWithoutChromium: on a server without Chromium an issued document reads back as
// its print layout (format=html), and asking for the PDF is 503 with the field error no_pdf and
// a message that says why, in Chinese and in English — never an empty file or a 500 (issue 9
// item 6), on both databases.
func TestDocumentPDFWithoutChromium(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s) // no Printer: as a server without Chromium
		ctx := context.Background()
		op := f.users["op"]
		m := f.accepted(t)
		n := m.Number
		doc, err := f.svc.IssueDocument(ctx, auth.As(&op), n, service.IssueInput{Kind: mediation.AcceptanceNotice})
		if err != nil {
			t.Fatal(err)
		}
		path := "/api/v1/matters/" + n + "/documents/" + strconv.FormatInt(doc.ID, 10)
		if status, body := f.do(t, "op", "GET", path+"?format=html", "", nil); status != http.StatusOK || !strings.Contains(body, "投诉受理通知书") {
			t.Fatalf("the print layout: %d", status)
		}
		for _, c := range []struct{ lang, want string }{{"zh-CN", "Chromium"}, {"en", "no Chromium"}} {
			for _, q := range []string{"", "?format=pdf"} {
				status, body := f.do(t, "op", "GET", path+q, "", map[string]string{"Accept-Language": c.lang})
				if status != http.StatusServiceUnavailable || !strings.Contains(body, `"no_pdf"`) || !strings.Contains(body, c.want) {
					t.Fatalf("%s%s in %s: %d %s", path, q, c.lang, status, body)
				}
			}
		}
	})
}
