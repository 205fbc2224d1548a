package web_test

import (
	"context"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/service"
)

// TestAccessibilityCourtPages_WCAG21AA: the court page of a delegated dispute with its period,
// police and department forms, a report's court page (R-L24), the joint meetings, a meeting,
// the incoming referral form and the judge's desk pass axe-core's WCAG 2.1 AA rules.
func TestAccessibilityCourtPages_WCAG21AA(t *testing.T) {
	root := startBrowser(t)
	script := axeScript(t)
	c := fixture(t)
	ctx := context.Background()
	_, judge := c.courtSide(t)
	m, _, err := c.svc.DelegateFromCourt(ctx, auth.As(&judge), service.CourtDelegationInput{Stage: court.PreFiling, CourtRef: "(2026)赣0481诉前调9号",
		Dispute: casework.IntakeInput{AreaID: &c.pencheng.ID, Consumer: casework.Party{Name: "王小明", Phone: "13800138000", Address: "湓城街道西湖路1号"},
			MerchantID: &c.haoyouduo.ID, Facts: "预付卡余额拒不退还", Request: "退还余额"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.svc.DecideDelegation(ctx, auth.As(&c.mediatorPC), m.Number, court.Accept, calendar.Date{}, ""); err != nil {
		t.Fatal(err)
	}
	rep := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Report, Channel: casework.Hotline12315, AreaID: &c.pencheng.ID,
		Consumer: casework.Party{Name: "钱七", Phone: "13700137000"}, MerchantID: &c.haoyouduo.ID, Facts: "销售过期食品"})[0]
	mt, err := c.svc.RecordMeeting(ctx, auth.As(&c.supervisor), court.Meeting{HeldOn: dateOf(c.now), Title: "联席会议", Departments: []string{"市场监管局", "公安局"},
		Minutes: "通报。", Decisions: []court.MeetingDecision{{Text: "排查", Owner: "市场监管局", DueOn: dateOf(c.now).AddDays(7)}}})
	if err != nil {
		t.Fatal(err)
	}
	b := c.tab(t, root, 1366, 900, false)
	b.signIn(c.supervisor.Username)
	for _, p := range []string{"/matters/" + m.Number + "/court", "/matters/" + rep.Number + "/court", "/meetings", "/meetings/" + itoa(mt.ID), "/referrals/new"} {
		b.open(p, 200)
		b.axe(script, p)
	}
	j := c.tab(t, root, 390, 844, true)
	j.signIn(judge.Username)
	for _, p := range []string{"/court", "/matters/" + m.Number + "/court"} {
		j.open(p, 200)
		j.axe(script, "judge "+p)
	}
}
