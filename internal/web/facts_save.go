package web

import (
	"net/http"
	"strings"

	"weiquan/internal/mediation"
)

// saveFacts records what the case page's helpers work from: the day the infringement was known
// (R-L8) and an override, the purchase (R-L46), the prepaid card (R-L47). A section left empty is
// not recorded.
func (h *Handler) saveFacts(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	on := func(name string) bool { return r.PostFormValue(name) != "" }
	f := mediation.Facts{KnownOn: formDate(r, "known_on", &errs)}
	if on("override.law_otherwise") || strings.TrimSpace(r.PostFormValue("override.note")) != "" {
		f.Override = &mediation.Override{LawOtherwise: on("override.law_otherwise"), Note: r.PostFormValue("override.note")}
	}
	if on("purchase.received_on") {
		p := &mediation.Purchase{Distance: on("purchase.distance"), Excluded: mediation.Exclusion(r.PostFormValue("purchase.excluded")),
			QualityDefect: on("purchase.quality_defect"), ContractTerms: on("purchase.contract_terms"),
			ReturnReceivedOn: formDate(r, "purchase.return_received_on", &errs)}
		if d := formDate(r, "purchase.received_on", &errs); d != nil {
			p.ReceivedOn = *d
		}
		f.Purchase = p
	}
	if on("prepaid.paid_on") {
		c := &mediation.Prepaid{WrittenContract: on("prepaid.written_contract"), RefundClause: r.PostFormValue("prepaid.refund_clause"),
			ReceivedBefore: on("prepaid.received_before"), AgreedRate: r.PostFormValue("prepaid.agreed_rate"),
			Fault: mediation.Fault(r.PostFormValue("prepaid.fault")), ClosingOrMoving: on("prepaid.closing_or_moving"), Evading: on("prepaid.evading")}
		if d := formDate(r, "prepaid.paid_on", &errs); d != nil {
			c.PaidOn = *d
		}
		if d := formDate(r, "prepaid.requested_on", &errs); d != nil {
			c.RequestedOn = *d
		}
		if v := formMoney(r, "prepaid.paid", &errs); v != nil {
			c.Paid = *v
		}
		if v := formMoney(r, "prepaid.consumed", &errs); v != nil {
			c.Consumed = *v
		}
		f.Prepaid = c
	}
	err := errs.Err()
	if err == nil {
		_, err = h.svc.SaveFacts(r.Context(), who(r), r.PathValue("number"), f)
	}
	h.mediationDone(w, r, err, "facts")
}
