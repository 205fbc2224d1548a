package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"weiquan/internal/service"
	"weiquan/internal/supervise"
)

// resultRow is one question's results as the page shows them: the mean to one decimal and the
// share satisfied to a tenth of a per cent, from the exact integers.
type resultRow struct {
	N         int
	Result    supervise.Result
	Mean      string
	Satisfied string
}

type resultsData struct {
	Q     supervise.Questionnaire
	Rows  []resultRow
	Links []service.QuestionnaireLink // handed out just now: shown this once
	Head  bool
	Base  string
}

// showQuestionnaire shows a questionnaire's answers added up, question by question (C10).
func (h *Handler) showQuestionnaire(w http.ResponseWriter, r *http.Request) {
	h.renderQuestionnaire(w, r, http.StatusOK, nil, nil, nil)
}

func (h *Handler) renderQuestionnaire(w http.ResponseWriter, r *http.Request, status int, links []service.QuestionnaireLink, form url.Values, errs map[string]string) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	q, res, err := h.svc.QuestionnaireResults(r.Context(), who(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := resultsData{Q: q, Links: links, Head: slices.Contains(heads, userOf(r).Role), Base: h.svc.PortalURL()}
	for i, x := range res {
		d.Rows = append(d.Rows, resultRow{N: i + 1, Result: x, Mean: fmt.Sprintf("%d.%d", x.MeanTenth/10, x.MeanTenth%10),
			Satisfied: fmt.Sprintf("%d.%d%%", x.Satisfied/10, x.Satisfied%10)})
	}
	h.render(w, r, status, "supervision_questionnaire", page{Title: "sup.q.results", Active: "supervision", Form: form, Errors: errs, Data: d})
}
