package web

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/invalid"
)

// linkQuestionnaire hands out links to a questionnaire: a number to give by hand, and one
// sent by SMS to the consumer of each complaint named. The links show on this page once.
func (h *Handler) linkQuestionnaire(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	var errs invalid.Errors
	count := 0
	if v := strings.TrimSpace(f.Get("count")); v != "" {
		if count, err = strconv.Atoi(v); err != nil {
			errs.Add("count", invalid.Format)
		}
	}
	numbers := strings.Fields(strings.NewReplacer(",", " ", "，", " ", "、", " ").Replace(f.Get("numbers")))
	err = errs.Err()
	if err == nil {
		links, lerr := h.svc.QuestionnaireLinks(r.Context(), who(r), id, count, numbers)
		if lerr == nil {
			h.renderQuestionnaire(w, r, http.StatusOK, links, nil, nil)
			return
		}
		err = lerr
	}
	fe, ok := formErrors(langOf(r), err)
	if !ok {
		h.fail(w, r, err)
		return
	}
	h.renderQuestionnaire(w, r, http.StatusUnprocessableEntity, nil, f, fe)
}
