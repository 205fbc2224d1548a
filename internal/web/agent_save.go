package web

import (
	"net/http"

	"weiquan/internal/mediation"
)

// saveAgent records the agent a complainant acts through, with the ID document and the power of
// attorney's elements (R-L4).
func (h *Handler) saveAgent(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	errs := formErrs()
	a := mediation.Agent{Name: r.PostFormValue("agent_name"), Phone: r.PostFormValue("agent_phone"),
		IDType: mediation.IDType(r.PostFormValue("agent_id_type")), IDNumber: r.PostFormValue("agent_id_number"),
		POARef: r.PostFormValue("poa_ref"), Scope: r.PostFormValue("poa_scope"), Authority: mediation.Authority(r.PostFormValue("poa_authority")),
		PrincipalSigned: r.PostFormValue("poa_principal_signed") != "", OriginalReceived: r.PostFormValue("poa_original_received") != "",
		Relation: r.PostFormValue("agent_relation")}
	a.POAAttachmentID = formID(r, "poa_attachment_id", &errs)
	if d := formDate(r, "poa_term_from", &errs); d != nil {
		a.TermFrom = *d
	}
	a.TermTo = formDate(r, "poa_term_to", &errs)
	err := errs.Err()
	if err == nil {
		_, err = h.svc.SetAgent(r.Context(), who(r), r.PathValue("number"), a)
	}
	h.mediationDone(w, r, err, "agent")
}
