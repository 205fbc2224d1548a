package web_test

import (
	"testing"
	"time"

	"weiquan/internal/casework"
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
