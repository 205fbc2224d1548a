package collective

import (
	"testing"
	"time"

	"weiquan/internal/invalid"
)

func refused(t *testing.T, err error, field string) {
	t.Helper()
	fe, ok := invalid.As(err)
	if !ok || !fe.Has(field) {
		t.Fatalf("want a refusal on %s, got %v", field, err)
	}
}

// TestJointComplaint_R_L5: two or more complainants, at most two representatives each with a
// written election, and no representative act until every member has consented.
func TestJointComplaint_R_L5(t *testing.T) {
	now := time.Date(2026, 3, 20, 2, 0, 0, 0, time.UTC)
	c := Case{Status: Proposed, Members: []Member{{MatterID: 1}, {MatterID: 2}, {MatterID: 3}}}
	refused(t, c.Elect(1, "选举书1"), "status") // not before the case is confirmed
	c.Status = Confirmed
	one := Case{Status: Confirmed, Members: []Member{{MatterID: 1}}}
	refused(t, one.Elect(1, "选举书"), "members") // a joint complaint with one complainant
	// One consumer's three complaints are still one complainant: no joint complaint, no
	// representative, and nobody may act for "the members" (R-L5).
	same := Case{Status: Confirmed, Members: []Member{{MatterID: 1, ConsumerKey: "13800138000"}, {MatterID: 2, ConsumerKey: "13800138000"},
		{MatterID: 3, ConsumerKey: "13800138000", ConsentAt: &now}}}
	refused(t, same.Elect(1, "选举书"), "members")
	same.Members[0].ConsentAt, same.Members[1].ConsentAt = &now, &now
	refused(t, same.RepresentativeMayAct(), "consents")
	if same.Complainants() != 1 || c.Complainants() != 3 {
		t.Fatalf("complainants: %d and %d", same.Complainants(), c.Complainants())
	}
	refused(t, c.Elect(1, ""), "election_ref") // a representative needs a written election
	refused(t, c.Elect(9, "x"), "matter")
	if err := c.Elect(1, "选举书1"); err != nil {
		t.Fatal(err)
	}
	refused(t, c.Elect(1, "again"), "matter")
	if err := c.Elect(2, "选举书2"); err != nil {
		t.Fatal(err)
	}
	refused(t, c.Elect(3, "选举书3"), "representative") // a third representative
	refused(t, c.RepresentativeMayAct(), "consents")
	for _, id := range []int64{1, 2} {
		if err := c.Consent(id, "同意书", now); err != nil {
			t.Fatal(err)
		}
	}
	refused(t, c.Consent(1, "again", now), "matter")
	refused(t, c.Consent(3, "", now), "consent_ref")
	refused(t, c.RepresentativeMayAct(), "consents") // one member still has not consented
	if err := c.Consent(3, "同意书3", now); err != nil {
		t.Fatal(err)
	}
	if err := c.RepresentativeMayAct(); err != nil || c.Consented() != 3 {
		t.Fatalf("every member consented: %v", err)
	}
}
