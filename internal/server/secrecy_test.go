package server_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestNoRouteTellsMerchantOrPublicOfTheReport_R_L25 walks every route of the API,
// the workbench and Open311 as the merchant and as the public, for a complaint that
// was split from a report, and fails on any trace of the report or the reporter:
// its number, the reporter's name, phone, ID number or home (R-L25, R-P4, R-P5).
func TestNoRouteTellsMerchantOrPublicOfTheReport_R_L25(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		c := o.report.Consumer
		secrets := []string{o.report.Number, c.Name, c.Phone, c.IDNumber, c.Address, "超市销售过期食品", "JB2026", `"linked_number":"`, `"linked_id":` + strconv.FormatInt(o.report.ID, 10)}
		for _, q := range []string{"", "?state=all", "?q=" + o.complaint.Number, "?q=" + o.report.Number, "?q=13812345678", "?kind=report"} {
			for _, role := range []string{"merchant", "anonymous"} {
				for _, p := range []string{"/queue", "/api/v1/matters", "/open311/v2/requests.json", "/open311/v2/requests.xml"} {
					checkSecrets(t, role, "GET", p+q, o.call(t, role, "GET", p+q, ""), secrets)
				}
			}
		}
		for _, r := range o.routesOf() {
			method, path := o.fill(r)
			for _, role := range []string{"merchant", "anonymous"} {
				checkSecrets(t, role, method, path, o.call(t, role, method, path, bodies[r]), secrets)
				// The report's own number in place of the complaint's finds nothing either.
				if strings.Contains(path, o.complaint.Number) {
					rp := strings.ReplaceAll(path, o.complaint.Number, o.report.Number)
					got := o.call(t, role, method, rp, bodies[r])
					if got.status < 400 && outcome(got) != "login" {
						t.Errorf("%s %s as %s: %d — a report's number answers", method, rp, role, got.status)
					}
					checkSecrets(t, role, method, rp, got, secrets)
				}
			}
		}
		// The merchant does see its complaint, masked.
		page := o.call(t, "merchant", "GET", "/matters/"+o.complaint.Number, "")
		if page.status != 200 || !strings.Contains(page.body, "张**") || !strings.Contains(page.body, "138****5678") {
			t.Fatalf("the merchant's case page: %d %.400s", page.status, page.body)
		}
	})
}

func checkSecrets(t *testing.T, role, method, path string, a answer, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(path, s) {
			continue // the client's own words echoed back (a search box, the page to return to) tell it nothing
		}
		if strings.Contains(a.body, s) || strings.Contains(a.location, s) {
			t.Errorf("%s %s as %s (%d) tells %q:\n%.600s", method, path, role, a.status, s, a.body)
		}
	}
}

// TestHandlersNeverImportTheStore: the web workbench, the JSON API, Open311 and every
// package beside them that serves HTTP read and write only through service, the one
// door where scope, masking and the audit log are applied (issue 8, point 1).
func TestHandlersNeverImportTheStore(t *testing.T) {
	for _, dir := range []string{"../web", "../api", "../api/open311", "../httpio", "../portal"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue // tests may set up and tamper with data directly
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			pf, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range pf.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if p == "weiquan/internal/store" || (dir == "../web" && p == "weiquan/internal/api") {
					t.Errorf("%s imports %s: handlers go through service (and share plumbing through httpio)", f, p)
				}
			}
		}
	}
}
