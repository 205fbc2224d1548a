package web_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/ledger/ledgertest"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// TestAccessibilityFormsAndDetails_WCAG21AA: the workbench pages the other sweeps do not reach —
// the admin's edit forms (areas, stations, users, merchants), a year of the calendar, the
// report's list of matters, the page after an intake, a report's reward page, the merchant's
// answer page — pass axe-core's WCAG 2.1 AA rules (issue 12 point 4: staff pages too).
func TestAccessibilityFormsAndDetails_WCAG21AA(t *testing.T) {
	root := startBrowser(t)
	script := axeScript(t)
	c := fixture(t)
	c.svc.Now = time.Now
	m := c.intake(t, c.operator, complaintIn(c))[0]
	c.act(t, c.operator, m.Number, casework.Accept, casework.ActionInput{})
	rep := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Report, Channel: casework.Hotline12315, AreaID: &c.xihu.ID,
		Consumer: casework.Party{Name: "钱七", Phone: "13700137000"}, MerchantID: &c.haoyouduo.ID, Facts: "销售过期食品", ReportFacts: "货架上有过期酸奶"})[0]
	year := itoa(int64(time.Now().Year()))
	check := func(b *tab, pages ...string) {
		t.Helper()
		for _, p := range pages {
			b.open(p, 200)
			b.axe(script, p)
		}
	}
	a := c.tab(t, root, 1366, 900, false)
	a.signIn("admin")
	check(a, "/admin/areas/new", "/admin/areas/"+itoa(c.xihu.ID), "/admin/stations/new", "/admin/stations/"+itoa(c.stPencheng.ID),
		"/admin/users/new", "/admin/users/"+itoa(c.operator.ID), "/admin/merchants/new", "/admin/merchants/"+itoa(c.haoyouduo.ID),
		"/admin/calendar/2026", "/reports/matters?period=year&year="+year, "/intake/"+m.Number, "/matters/"+rep.Number+"/reward")
	mer := c.tab(t, root, 390, 844, true)
	mer.signIn("haoyouduo")
	check(mer, "/matters/"+m.Number+"/answer")
}

// TestAccessibilityDocumentAndSignature_WCAG21AA: a mediation document as staff read it before
// printing, and the signature page a party signs on the mediator's phone, pass axe-core's
// WCAG 2.1 AA rules.
func TestAccessibilityDocumentAndSignature_WCAG21AA(t *testing.T) {
	root := startBrowser(t)
	script := axeScript(t)
	c := fixture(t)
	c.svc.Now = time.Now
	ctx := context.Background()
	m := c.intake(t, c.operator, complaintIn(c))[0]
	c.act(t, c.operator, m.Number, casework.Accept, casework.ActionInput{})
	doc, err := c.svc.IssueDocument(ctx, auth.As(&c.supervisor), m.Number, service.IssueInput{Kind: mediation.AcceptanceNotice})
	if err != nil {
		t.Fatal(err)
	}
	c.consentBoth(t, m.Number)
	c.act(t, c.supervisor, m.Number, casework.StartMediation, casework.ActionInput{})
	if _, err := c.svc.RecordAgreement(ctx, auth.As(&c.supervisor), m.Number, mediation.Agreement{Terms: "商家退还货款 299 元", Mode: mediation.OnSite,
		PerformedOnSpot: true, Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 299_00}}, Recovered: 299_00}); err != nil {
		t.Fatal(err)
	}
	b := c.tab(t, root, 1366, 900, false)
	b.signIn("fuzeren")
	b.open(fmt.Sprintf("/matters/%s/documents/%d", m.Number, doc.ID), 200)
	b.axe(script, "document")
	ph := c.tab(t, root, 390, 844, true)
	ph.signIn("fuzeren")
	for _, side := range []string{"complainant", "respondent"} {
		ph.open("/matters/"+m.Number+"/sign/"+side, 200)
		ph.axe(script, "sign "+side)
	}
}

// TestAccessibilityImportResult_WCAG21AA: the page a ledger import ends on — its counts, the
// rows left out with their reasons and the link to the matters created — passes axe-core's
// WCAG 2.1 AA rules.
func TestAccessibilityImportResult_WCAG21AA(t *testing.T) {
	root := startBrowser(t)
	script := axeScript(t)
	c := fixture(t)
	rows := ledgertest.Year(2024, 12, "A-")
	data, err := ledgertest.CSV(rows, "utf-8", true)
	if err != nil {
		t.Fatal(err)
	}
	sup := c.as(t, "fuzeren")
	preview := uploadLedger(t, sup, "2024年台账.csv", data)
	done := sup.post("/imports/commit", previewForm(t, preview.body, nil))
	if done.status != 303 {
		t.Fatalf("commit: %d", done.status)
	}
	b := c.tab(t, root, 1366, 900, false)
	b.signIn("fuzeren")
	b.open(done.location, 200)
	b.axe(script, "import result")
}
