package mediation

import (
	"testing"

	"weiquan/internal/casework"
)

// TestCheckDocument_R_L20: a document is issued only for a matter in the state it belongs to
// (the bad input: a document for a matter in the wrong state).
func TestCheckDocument_R_L20(t *testing.T) {
	onSite := goodAgreement(t)                               // on site, due later: 调解书
	onSpot := Agreement{Mode: OnSite, PerformedOnSpot: true} // 调解记录
	closedAs := func(o casework.Outcome) casework.Matter {
		m := complaint(t, casework.Closed)
		m.Outcome = o
		return m
	}
	rejected := complaint(t, casework.Rejected)
	rejected.AcceptedAt, rejected.Outcome = nil, casework.OutcomeRejected
	received := complaint(t, casework.Received)
	received.AcceptedAt = nil
	cases := []struct {
		name string
		m    casework.Matter
		kind Document
		a    *Agreement
		want []string
	}{
		{"acceptance notice once accepted (R-L6)", complaint(t, casework.Accepted), AcceptanceNotice, nil, nil},
		{"acceptance notice before acceptance", received, AcceptanceNotice, nil, []string{"state:wrong_state"}},
		{"rejection notice once rejected (R-L7)", rejected, RejectionNotice, nil, nil},
		{"rejection notice for an accepted complaint", complaint(t, casework.Mediating), RejectionNotice, nil, []string{"state:wrong_state"}},
		{"调解书 after an on-site agreement (R-L20)", complaint(t, casework.Agreement), MediationDocument, &onSite, nil},
		{"调解记录 when R-L20 asks for a 调解书", complaint(t, casework.Agreement), MediationRecord, &onSite, []string{"kind:one_of"}},
		{"调解记录 for an agreement performed on the spot", complaint(t, casework.Agreement), MediationRecord, &onSpot, nil},
		{"调解书 while still mediating", complaint(t, casework.Mediating), MediationDocument, &onSite, []string{"state:wrong_state"}},
		{"调解书 without an agreement", complaint(t, casework.Agreement), MediationDocument, nil, []string{"state:wrong_state"}},
		{"reprint of a 调解书 after closing", closedAs(casework.OutcomeAgreement), MediationDocument, &onSite, nil},
		{"termination notice once terminated (R-L19)", complaint(t, casework.Terminated), TerminationNotice, nil, nil},
		{"termination notice after an agreement", complaint(t, casework.Agreement), TerminationNotice, nil, []string{"state:wrong_state"}},
		{"unknown document", complaint(t, casework.Agreement), "receipt", nil, []string{"kind:one_of"}},
	}
	for _, c := range cases {
		want(t, c.name, CheckDocument(c.m, c.kind, c.a), c.want...)
	}
}

// TestCanClose_R_L20: a mediated complaint is not closed until its required document exists.
func TestCanClose_R_L20(t *testing.T) {
	onSite := goodAgreement(t)
	onSpot := Agreement{Mode: OnSite, PerformedOnSpot: true}
	agreed := complaint(t, casework.Agreement)
	cases := []struct {
		name   string
		m      casework.Matter
		a      *Agreement
		issued []Document
		want   []string
	}{
		{"调解书 missing", agreed, &onSite, nil, []string{"document_mediation_document:required"}},
		{"only a 调解记录 where a 调解书 is needed", agreed, &onSite, []Document{MediationRecord}, []string{"document_mediation_document:required"}},
		{"调解书 issued", agreed, &onSite, []Document{MediationDocument}, nil},
		{"调解记录 missing", agreed, &onSpot, []Document{AcceptanceNotice}, []string{"document_mediation_record:required"}},
		{"a 调解书 also serves where a record is enough", agreed, &onSpot, []Document{MediationDocument}, nil},
		{"no agreement on file", agreed, nil, nil, []string{"agreement:required"}},
		{"terminated: R-L20 does not apply", complaint(t, casework.Terminated), nil, nil, nil},
	}
	for _, c := range cases {
		want(t, c.name, CanClose(c.m, c.a, c.issued), c.want...)
	}
}
