package web

import (
	"net/http"
)

// openQuestionnaire closes a questionnaire to answers (open=0), or opens it again (open=1).
func (h *Handler) openQuestionnaire(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	h.supervisionStep(w, r, "questionnaires", func() error {
		return h.svc.CloseQuestionnaire(r.Context(), who(r), id, r.PostForm.Get("open") == "1")
	})
}
