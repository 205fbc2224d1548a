package document

import (
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/money"
)

// Validate refuses to render a document that lacks an element the rules require of it, so no
// incomplete notice leaves the office: every document names the case, the office and both
// parties; a rejection notice its reason (the Art.39 remedies are always printed, R-L7); a
// termination notice its reason and date (R-L19); a 调解书 the facts, the terms, the amounts adding
// up to the total, how and when it is performed, and the mediators (R-L20); a 调解记录 the facts,
// terms and mediators.
func (d *Data) Validate() error {
	var errs invalid.Errors
	need := func(field, v string) { errs.Need(field, strings.TrimSpace(v)) }
	when := func(field string, zero bool) {
		if zero {
			errs.Add(field, invalid.Required)
		}
	}
	if d.Lang != "zh-CN" && d.Lang != "en" {
		errs.Add("lang", invalid.OneOf, "values", "zh-CN, en")
	}
	if d.Version.Number < 1 {
		errs.Add("version", invalid.Required)
	} else if d.Version.Number > 1 && (d.Version.Supersedes == "" || strings.TrimSpace(d.Version.Reason) == "") {
		errs.Add("version", invalid.Required) // a correction names what it replaces and why
	}
	if !d.RuleSet.Valid() {
		errs.Add("rule_set", invalid.OneOf, "values", "order20, order121")
	}
	need("case_number", d.CaseNumber)
	need("office", d.Office.Name)
	need("seal_text", d.Office.SealText)
	need("complainant", d.Complainant.Name)
	need("respondent", d.Respondent.Name)
	when("received_at", d.ReceivedAt.IsZero())
	when("issued_at", d.IssuedAt.IsZero())
	switch d.Kind {
	case mediation.AcceptanceNotice:
		when("accepted_at", d.AcceptedAt.IsZero())
	case mediation.RejectionNotice:
		when("decided_at", d.DecidedAt.IsZero())
		if _, ok := casework.FindReason(casework.RejectReasons(d.RuleSet), d.Reason.Code); !ok {
			errs.Add("reason_code", invalid.Required)
		}
	case mediation.TerminationNotice:
		when("decided_at", d.DecidedAt.IsZero())
		if _, ok := casework.FindReason(casework.TerminateReasons(d.RuleSet), d.Reason.Code); !ok {
			errs.Add("reason_code", invalid.Required)
		}
	case mediation.MediationDocument, mediation.MediationRecord:
		need("facts", d.Facts)
		need("terms", d.Terms)
		when("agreed_at", d.AgreedAt.IsZero())
		if len(d.Mediators) == 0 {
			errs.Add("mediators", invalid.Required)
		}
		var sum int64
		for _, l := range d.Lines {
			sum += int64(l.Amount)
		}
		if sum != int64(d.Recovered) {
			errs.Add("recovered_amount", mediation.SumMismatch, "sum", money.Fen(sum).String(), "recovered", d.Recovered.String())
		}
		if d.Kind == mediation.MediationDocument && !d.PerformedOnSpot && d.DueDate == nil {
			errs.Add("due_date", invalid.Required) // the time of performance
		}
	default:
		errs.Add("kind", invalid.OneOf, "values", "acceptance_notice, rejection_notice, mediation_document, mediation_record, termination_notice")
	}
	return errs.Err()
}
