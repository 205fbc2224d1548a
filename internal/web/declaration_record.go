package web

import (
	"net/http"

	"weiquan/internal/mediation"
)

// recordDeclaration records the signed-in mediator's declaration of relations to the complaint (R-L16).
func (h *Handler) recordDeclaration(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	d := mediation.Declaration{Relation: mediation.Relation(r.PostFormValue("relation")), Detail: r.PostFormValue("detail")}
	_, err := h.svc.Declare(r.Context(), who(r), r.PathValue("number"), d)
	h.mediationDone(w, r, err, "declaration")
}
