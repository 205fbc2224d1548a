package portal

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/invalid"
	"weiquan/internal/supervise"
)

// answerSurvey takes the answers given through a questionnaire's link: once per link (C10).
func (h *Handler) answerSurvey(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	tok := r.PathValue("token")
	sq, used, err := h.svc.SurveyByToken(r.Context(), q.who, tok)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := map[string]string{}
	as := make([]supervise.Answer, len(sq.Questions))
	var errs invalid.Errors
	for i, x := range sq.Questions {
		f := "q" + strconv.Itoa(i)
		v := strings.TrimSpace(r.PostFormValue(f))
		form[f] = v
		if v == "" {
			continue
		}
		as[i].Given = true
		switch x.Kind {
		case supervise.Rating:
			n, perr := strconv.Atoi(v)
			if perr != nil {
				errs.Add(f, invalid.Format)
			}
			as[i].Rating = n
		case supervise.Choice:
			n, perr := strconv.Atoi(v)
			if perr != nil {
				errs.Add(f, invalid.Format)
			}
			as[i].Option = n
		default:
			as[i].Text = v
		}
	}
	err = errs.Err()
	if err == nil && !used && !sq.Open {
		err = invalid.Conflicting(invalid.New("questionnaire", invalid.Conflict))
	}
	if err == nil && !used {
		err = h.svc.AnswerSurvey(r.Context(), q.who, tok, as)
	}
	if used || invalid.IsConflict(err) {
		// answered already, or the questionnaire closed meanwhile: the page says which
		h.render(w, r, http.StatusConflict, "survey", page{Title: "survey.title", Data: newSurveyData(sq, tok, used || sq.Open, false)})
		return
	}
	if err != nil {
		fe, ok := formErrors(q.lang, err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusUnprocessableEntity, "survey", page{Title: "survey.title", Form: form, Errors: fe, Data: newSurveyData(sq, tok, false, false)})
		return
	}
	h.render(w, r, http.StatusOK, "survey", page{Title: "survey.title", Data: newSurveyData(sq, tok, false, true)})
}
