package portal

import (
	"net/http"
	"strconv"

	"weiquan/internal/supervise"
)

type surveyRow struct {
	N int
	F string // the form field: q0, q1, …
	Q supervise.Question
}

type surveyData struct {
	Q       supervise.Questionnaire
	Rows    []surveyRow
	Ratings []int
	Token   string
	Used    bool // the link was answered already
	Done    bool // answered just now
}

// showSurvey shows a satisfaction questionnaire to whoever holds its link, no sign-in (C10).
func (h *Handler) showSurvey(w http.ResponseWriter, r *http.Request) {
	h.renderSurvey(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderSurvey(w http.ResponseWriter, r *http.Request, status int, form, errs map[string]string) {
	q := reqOf(r)
	tok := r.PathValue("token")
	sq, used, err := h.svc.SurveyByToken(r.Context(), q.who, tok)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "survey", page{Title: "survey.title", Form: form, Errors: errs, Data: newSurveyData(sq, tok, used, false)})
}

func newSurveyData(q supervise.Questionnaire, tok string, used, done bool) surveyData {
	d := surveyData{Q: q, Token: tok, Used: used, Done: done, Ratings: []int{1, 2, 3, 4, 5}}
	for i, x := range q.Questions {
		d.Rows = append(d.Rows, surveyRow{N: i + 1, F: "q" + strconv.Itoa(i), Q: x})
	}
	return d
}
