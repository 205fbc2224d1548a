package i18n

import "testing"

// TestFieldLabelsOfMediationAndCourt: every field the rules of mediation (issue 9) and the court
// and departments (issue 10) refuse has a label in both languages, so an error reads
// "法院案号为必填项" / "Court case number is required" and never shows the field's code.
func TestFieldLabelsOfMediationAndCourt(t *testing.T) {
	fields := []string{
		// issue 9: mediation, its facts and documents
		"agent_name", "side", "signer_name", "terms", "due_date", "recovered_amount", "amounts", "consent_complainant", "consent_respondent",
		"notice_complainant", "notice_respondent", "document_mediation_document", "document_mediation_record", "session_id", "recusal_id",
		"appraisal_id", "step", "version", "prepaid.paid", "prepaid.paid_on", "prepaid.consumed", "prepaid.requested_on", "prepaid.fault",
		"prepaid.agreed_rate", "prepaid.refund_clause", "purchase.received_on", "purchase.return_received_on", "purchase.excluded",
		// issue 10: the court, the departments, reports
		"court", "court_name", "court_ref", "court_station_id", "stage", "days", "delegated_on", "decided_on", "delegation", "judge",
		"judge_name", "guidance", "applicants", "organisation", "subject", "package", "property_proofs", "basis", "confirmation",
		"ruling", "ruled_on", "received_on", "performance_end", "on", "transfer", "case_number", "files", "referral", "documents",
		"department_name", "competent", "departments", "held_on", "matters", "decisions.text", "decisions.owner", "decisions.due_on",
		"reporter", "fines", "confiscations", "major_violation", "excluded",
	}
	for _, f := range fields {
		for _, lang := range Languages {
			if !Has(lang, "field."+f) {
				t.Errorf("%s: no label for field %q", lang, f)
			}
		}
	}
}
