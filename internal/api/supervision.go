package api

import (
	"net/http"

	"weiquan/internal/auth"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
	"weiquan/internal/supervise"
)

// Social supervision (SPEC C10) as the web desk has it: all staff read; the heads
// (headRoles) design questionnaires, hand out links, run draws and record and publish lab
// results; the desk records visits and samples.
var supervisionDesk = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator}

// SupervisionView is the desk: questionnaires, draws with their inspectors, visits and samples.
type SupervisionView struct {
	Questionnaires []supervise.Questionnaire `json:"questionnaires"`
	Draws          []service.Draw            `json:"draws"`
	Inspectors     []service.Inspector       `json:"inspectors"`
	Visits         []supervise.Visit         `json:"visits"`
	Samples        []supervise.Sample        `json:"samples"`
}

// QuestionnaireInput is a questionnaire as staff design it.
type QuestionnaireInput struct {
	Title     string               `json:"title"`
	Intro     string               `json:"intro,omitempty"`
	Questions []supervise.Question `json:"questions"`
}

// QuestionnaireResults is a questionnaire with its answers added up, question by question.
type QuestionnaireResults struct {
	Questionnaire supervise.Questionnaire `json:"questionnaire"`
	Results       []supervise.Result      `json:"results"`
}

// LinksInput asks for links: count to hand out, and one sent to the consumer of each complaint numbered.
type LinksInput struct {
	Count   int      `json:"count,omitempty"`
	Numbers []string `json:"numbers,omitempty"`
}

// LinksView holds the links handed out; their tokens are shown this once.
type LinksView struct {
	Items []service.QuestionnaireLink `json:"items"`
}

// OpenInput opens a questionnaire to answers or closes it.
type OpenInput struct {
	Open *bool `json:"open"`
}

func localQuestionnaire(q supervise.Questionnaire) supervise.Questionnaire {
	q.CreatedAt = local(q.CreatedAt)
	return q
}

func localVisit(v supervise.Visit) supervise.Visit { v.CreatedAt = local(v.CreatedAt); return v }

func localSample(x supervise.Sample) supervise.Sample {
	x.CreatedAt, x.PublishedAt = local(x.CreatedAt), localPtr(x.PublishedAt)
	return x
}

func localDraw(d service.Draw) service.Draw {
	d.PublishedAt, d.DrawnAt = local(d.PublishedAt), localPtr(d.DrawnAt)
	return d
}

// nonNil keeps an empty list a JSON [] rather than null.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// getSupervision reads the whole desk, as GET /supervision shows it.
func (h *Handler) getSupervision(w http.ResponseWriter, r *http.Request) {
	ctx, p := r.Context(), who(r)
	var v SupervisionView
	var err error
	if v.Questionnaires, err = h.svc.Questionnaires(ctx, p); err == nil {
		if v.Draws, err = h.svc.Draws(ctx, p); err == nil {
			if v.Inspectors, err = h.svc.Inspectors(ctx, p); err == nil {
				if v.Visits, err = h.svc.Visits(ctx, p); err == nil {
					v.Samples, err = h.svc.Samples(ctx, p)
				}
			}
		}
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	v.Questionnaires = nonNil(localAll(v.Questionnaires, localQuestionnaire))
	v.Draws = nonNil(localAll(v.Draws, localDraw))
	v.Inspectors = nonNil(v.Inspectors)
	v.Visits = nonNil(localAll(v.Visits, localVisit))
	v.Samples = nonNil(localAll(v.Samples, localSample))
	writeJSON(w, http.StatusOK, v)
}

// createQuestionnaire stores a questionnaire as designed, open to answers.
func (h *Handler) createQuestionnaire(w http.ResponseWriter, r *http.Request) {
	var in QuestionnaireInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	q := supervise.Questionnaire{Title: in.Title, Intro: in.Intro, Questions: in.Questions}
	if err := h.svc.SaveQuestionnaire(r.Context(), who(r), &q); err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, localQuestionnaire(q))
}

// getQuestionnaire reads a questionnaire with its answers added up.
func (h *Handler) getQuestionnaire(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	h.writeQuestionnaire(w, r, id)
}

func (h *Handler) writeQuestionnaire(w http.ResponseWriter, r *http.Request, id int64) {
	q, res, err := h.svc.QuestionnaireResults(r.Context(), who(r), id)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, QuestionnaireResults{Questionnaire: localQuestionnaire(q), Results: nonNil(res)})
}

// linkQuestionnaire hands out links to a questionnaire; the tokens are in this answer only.
func (h *Handler) linkQuestionnaire(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in LinksInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	links, err := h.svc.QuestionnaireLinks(r.Context(), who(r), id, in.Count, in.Numbers)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, LinksView{Items: nonNil(links)})
}

// openQuestionnaire closes a questionnaire to answers, or opens it again.
func (h *Handler) openQuestionnaire(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in OpenInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	if in.Open == nil {
		failAs(w, r, invalid.New("questionnaire_open", invalid.Required), map[string]string{"questionnaire_open": "open"})
		return
	}
	if err := h.svc.CloseQuestionnaire(r.Context(), who(r), id, *in.Open); err != nil {
		fail(w, r, err)
		return
	}
	h.writeQuestionnaire(w, r, id)
}
