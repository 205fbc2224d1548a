package web

import (
	"net/http"

	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// issueDocument issues a document of the complaint; the print view opens from the panel.
func (h *Handler) issueDocument(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	in := service.IssueInput{Kind: mediation.Document(r.PostFormValue("kind")), Lang: r.PostFormValue("lang"), Reason: r.PostFormValue("reason")}
	_, err := h.svc.IssueDocument(r.Context(), who(r), r.PathValue("number"), in)
	h.mediationDone(w, r, err, "document")
}
