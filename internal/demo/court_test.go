package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/service"
	"weiquan/internal/testdb"
)

// TestDemoCourt: the demo county shows the court-linked centre at work (issue 10): the judge's
// desk holds the court's delegated disputes — one confirmed with the ruling "valid" and its
// enforcement deadline, one the court's system delegated through the API awaiting acceptance,
// one transferred to filing with the court's case number — and nothing else; a fraud referred
// to the police and answered; a referral from a bureau; a joint meeting with its decisions.
func TestDemoCourt(t *testing.T) {
	s := testdb.SQLite(t)
	ctx := context.Background()
	svc := service.New(s, func() time.Time { return demoNow })
	if _, err := Fill(ctx, svc); err != nil {
		t.Fatal(err)
	}
	judge, err := svc.UserByName(ctx, auth.System, "judge1")
	if err != nil {
		t.Fatal(err)
	}
	jp := auth.As(&judge)
	desk, err := svc.JudgeDeskOf(ctx, jp)
	if err != nil || len(desk.Delegations) != 3 || len(desk.Confirmations) != 1 {
		t.Fatalf("judge's desk %+v %v", desk, err)
	}
	c := desk.Confirmations[0]
	if c.Ruling == nil || c.Ruling.Outcome != court.Valid || c.After == nil || c.After.EnforcementDue == nil {
		t.Fatalf("confirmation %+v", c)
	}
	var pending, transferred bool
	for _, d := range desk.Delegations {
		pending = pending || d.Decision == ""
		if tr, _ := svc.Transfer(ctx, auth.System, d.Number); tr != nil && strings.HasPrefix(tr.CaseNumber, "（2026）赣0481民初") {
			transferred = true
		}
	}
	if !pending || !transferred {
		t.Fatalf("no delegation awaiting acceptance (%v) or transferred with a case number (%v)", pending, transferred)
	}
	list, _, err := svc.Matters(ctx, jp, service.MatterQuery{}.Page(100, 0))
	if err != nil || len(list) != 3 {
		t.Fatalf("the judge sees %d matters, want the court's 3: %v", len(list), err)
	}
	mine, _, _ := svc.Matters(ctx, auth.System, service.MatterQuery{}.Page(600, 0))
	var police, incoming int
	for _, m := range mine {
		if r, _ := s.FraudReferral(ctx, m.ID); r != nil && r.Answer != nil && m.State == casework.Closed && m.ReasonCode == "T6" {
			police++
		}
		if m.Channel == casework.TransferDepartment {
			incoming++
		}
	}
	if police != 1 || incoming < 4 {
		t.Fatalf("police referrals answered and closed %d, matters from departments %d", police, incoming)
	}
	meetings, err := s.Meetings(ctx)
	if err != nil || len(meetings) != 1 || len(meetings[0].Decisions) != 3 || meetings[0].Decisions[0].DoneAt == nil {
		t.Fatalf("joint meetings %+v %v", meetings, err)
	}
}
