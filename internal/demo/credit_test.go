package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	cases "weiquan/internal/collective"
	"weiquan/internal/service"
	"weiquan/internal/supervise"
	"weiquan/internal/testdb"
)

// TestDemoCredit: the demo county holds the gym's prepaid-card cluster proposed at intake,
// this year's honour rolls, an unreachable online shop on the abnormal-operations list, and
// social supervision: a questionnaire with answers, a drawn draw, published sampling results.
func TestDemoCredit(t *testing.T) {
	s := testdb.SQLite(t)
	ctx := context.Background()
	svc := service.New(s, func() time.Time { return demoNow })
	if _, err := Fill(ctx, svc); err != nil {
		t.Fatal(err)
	}
	proposals, err := svc.CollectiveCases(ctx, auth.System, service.CollectiveQuery{Status: cases.Proposed})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range proposals {
		if strings.Contains(c.MerchantName, "力美健身") {
			cc, _ := svc.CollectiveCase(ctx, auth.System, c.ID)
			found = len(cc.Members) == len(gymComplaints)
		}
	}
	if !found {
		t.Fatalf("no proposal holding the gym's %d complaints: %+v", len(gymComplaints), proposals)
	}
	list, _ := svc.AbnormalList(ctx, auth.Anonymous(""))
	if len(list) != 1 || !strings.Contains(list[0].Merchant, "兴乐淘") {
		t.Fatalf("abnormal list %+v", list)
	}
	if roll, _ := svc.HonourRoll(ctx, auth.Anonymous("")); len(roll) != 4 {
		t.Fatalf("honour roll %+v", roll)
	}
	// Social supervision (C10): a questionnaire with answers, a draw that verifies, a
	// published sampling result.
	qs, _ := svc.Questionnaires(ctx, auth.System)
	if len(qs) != 1 || qs[0].Answered != 18 || qs[0].Links != 24 {
		t.Fatalf("questionnaires %+v", qs)
	}
	ds, _ := svc.Draws(ctx, auth.Anonymous(""))
	if len(ds) != 1 || len(ds[0].Result) != 6 {
		t.Fatalf("draws %+v", ds)
	}
	if _, err := supervise.Verify(ds[0].Published); err != nil {
		t.Fatalf("the demo's draw does not verify: %v", err)
	}
	if pub, _ := svc.PublishedSamples(ctx, auth.Anonymous("")); len(pub) != 2 {
		t.Fatalf("published samples %+v", pub)
	}
	if vs, _ := svc.Visits(ctx, auth.System); len(vs) != 3 {
		t.Fatalf("visits %+v", vs)
	}
}
