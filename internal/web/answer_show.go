package web

import (
	"net/http"

	"weiquan/internal/casework"
	"weiquan/internal/mediation"
)

// answerData is the merchant's answer page: the complaint as the merchant may see it, and its answer.
type answerData struct {
	M      casework.Matter
	Answer *mediation.MerchantAnswer
	Kinds  []mediation.AnswerKind
	Done   bool // just answered
}

// showAnswer shows a merchant the complaint against it and the form to answer it online (C12).
func (h *Handler) showAnswer(w http.ResponseWriter, r *http.Request) {
	h.renderAnswer(w, r, http.StatusOK, nil)
}

func (h *Handler) renderAnswer(w http.ResponseWriter, r *http.Request, status int, errs map[string]string) {
	m, err := h.svc.MatterFor(r.Context(), who(r), r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.svc.Answer(r.Context(), who(r), m.Number)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "answer", page{Title: "mediation.answer.title", Active: "queue", Errors: errs, Form: r.PostForm,
		Data: answerData{M: m, Answer: a, Kinds: mediation.AnswerKinds, Done: r.URL.Query().Get("done") == "1"}})
}
