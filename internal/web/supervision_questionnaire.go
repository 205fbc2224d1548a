package web

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/supervise"
)

// createQuestionnaire stores a questionnaire as designed: up to five questions, each with its
// kind; a choice lists its options separated by "/" or "、".
func (h *Handler) createQuestionnaire(w http.ResponseWriter, r *http.Request) {
	h.supervisionStep(w, r, "questionnaires", func() error {
		f := r.PostForm
		q := supervise.Questionnaire{Title: f.Get("title"), Intro: f.Get("intro")}
		for i := 0; i < 5; i++ {
			n := strconv.Itoa(i)
			text := strings.TrimSpace(f.Get("q" + n + "_text"))
			if text == "" {
				continue
			}
			x := supervise.Question{Text: text, Kind: supervise.QuestionKind(f.Get("q" + n + "_kind")), Required: f.Get("q"+n+"_required") != ""}
			if x.Kind == supervise.Choice {
				x.Options = strings.FieldsFunc(f.Get("q"+n+"_options"), func(r rune) bool { return r == '/' || r == '、' || r == '|' })
			}
			q.Questions = append(q.Questions, x)
		}
		return h.svc.SaveQuestionnaire(r.Context(), who(r), &q)
	})
}
