package mediation

import (
	"slices"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

var shanghai = calendar.Shanghai

// Documents lists every printable document in the order of a matter's life.
var Documents = []Document{AcceptanceNotice, RejectionNotice, MediationDocument, MediationRecord, TerminationNotice}

// CheckDocument refuses to issue a document for a matter in a state it does not belong to (the
// issue's bad input): an acceptance notice once accepted, a rejection notice once rejected, a
// 调解书 or 调解记录 once agreed, a termination notice once terminated — also after closing, for
// a reprint or a correction. For an agreement it also refuses the document R-L20 does not ask for
// (a 调解书 for an agreement performed on the spot is allowed: the parties may want one).
func CheckDocument(m casework.Matter, kind Document, a *Agreement) error {
	ok := false
	closed := m.State == casework.Closed
	switch kind {
	case AcceptanceNotice:
		ok = m.AcceptedAt != nil && m.Outcome != casework.OutcomeRejected
	case RejectionNotice:
		ok = m.State == casework.Rejected || closed && m.Outcome == casework.OutcomeRejected
	case MediationDocument, MediationRecord:
		ok = (m.State == casework.Agreement || closed && m.Outcome == casework.OutcomeAgreement) && a != nil
		if ok && kind == MediationRecord && a.RequiredDocument() == MediationDocument {
			return invalid.New("kind", invalid.OneOf, "values", string(MediationDocument))
		}
	case TerminationNotice:
		ok = m.State == casework.Terminated || closed && m.Outcome == casework.OutcomeTerminated
	default:
		return invalid.New("kind", invalid.OneOf, "values", "acceptance_notice, rejection_notice, mediation_document, mediation_record, termination_notice")
	}
	if m.Kind != casework.Complaint || !ok {
		return invalid.New("state", WrongState, "state", string(m.State))
	}
	return nil
}

// CanClose refuses to close a complaint that ended in agreement until the document R-L20 asks
// for has been issued (Order 121 Art.24); issued lists the kinds on file.
func CanClose(m casework.Matter, a *Agreement, issued []Document) error {
	if m.Kind != casework.Complaint || m.State != casework.Agreement {
		return nil
	}
	if a == nil {
		return invalid.New("agreement", invalid.Required)
	}
	need := a.RequiredDocument()
	if slices.Contains(issued, need) || need == MediationRecord && slices.Contains(issued, MediationDocument) {
		return nil
	}
	return invalid.New("document_"+string(need), invalid.Required)
}
