package api

import (
	"net/http"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

type intakeResponse struct {
	Matters []matterView `json:"matters"`
}

func (h *Handler) createMatter(w http.ResponseWriter, r *http.Request) {
	var in casework.IntakeInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	u := UserFrom(r.Context())
	ms, err := h.svc.Intake(r.Context(), who(r), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	// The operator hears back what they just typed in; nothing stored before is shown.
	resp := intakeResponse{}
	for i, m := range ms {
		v := viewMatter(u, m)
		if len(ms) == 2 {
			v.LinkedNumber = ms[1-i].Number
		}
		resp.Matters = append(resp.Matters, v)
	}
	w.Header().Set("Location", "/api/v1/matters/"+ms[0].Number)
	writeJSON(w, http.StatusCreated, resp)
}

type page struct {
	Items   []matterView `json:"items"`
	Total   int          `json:"total"`
	Page    int          `json:"page"`
	PerPage int          `json:"per_page"`
}

func (h *Handler) listMatters(w http.ResponseWriter, r *http.Request) {
	u := UserFrom(r.Context())
	var errs invalid.Errors
	pageNo, perPage := pageParams(r, &errs)
	q, err := h.matterFilter(r, errs)
	if err != nil {
		fail(w, r, err)
		return
	}
	ms, total, err := h.svc.Matters(r.Context(), who(r), q.Page(perPage, (pageNo-1)*perPage))
	if err != nil {
		fail(w, r, err)
		return
	}
	out := page{Items: make([]matterView, 0, len(ms)), Total: total, Page: pageNo, PerPage: perPage}
	for _, m := range ms {
		out.Items = append(out.Items, viewMatter(u, m))
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) getMatter(w http.ResponseWriter, r *http.Request) {
	h.writeCase(w, r, r.PathValue("number"), http.StatusOK)
}

// writeCase renders the whole case as the service gives it to this viewer.
func (h *Handler) writeCase(w http.ResponseWriter, r *http.Request, number string, status int) {
	c, err := h.svc.Case(r.Context(), who(r), number)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, status, viewCase(UserFrom(r.Context()), c))
}

func joinCodes[T ~string](list []T) string {
	s := make([]string, len(list))
	for i, v := range list {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

func (h *Handler) getTimeline(w http.ResponseWriter, r *http.Request) {
	number, evs, err := h.svc.Timeline(r.Context(), who(r), r.PathValue("number"))
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"number": number, "events": viewEvents(evs)})
}

func (h *Handler) actOnMatter(w http.ResponseWriter, r *http.Request) {
	var in casework.ActionInput
	if err := decodeOptional(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	m, err := h.svc.Act(r.Context(), who(r), r.PathValue("number"), casework.Action(r.PathValue("action")), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	h.writeCase(w, r, m.Number, http.StatusOK)
}

type revealRequest struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// revealField shows one masked personal field to staff who give a reason (break-glass, audited).
func (h *Handler) revealField(w http.ResponseWriter, r *http.Request) {
	var in revealRequest
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	v, err := h.svc.Reveal(r.Context(), who(r), r.PathValue("number"), in.Field, in.Reason)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"number": r.PathValue("number"), "field": in.Field, "value": v})
}

func (h *Handler) listReasons(w http.ResponseWriter, r *http.Request) {
	rs := casework.RuleSet(r.URL.Query().Get("rule_set"))
	if rs == "" {
		rs = casework.Order121
	}
	if !rs.Valid() {
		fail(w, r, invalid.New("rule_set", invalid.OneOf, "values", "order20, order121"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"rule_set": rs, "reject": casework.RejectReasons(rs), "terminate": casework.TerminateReasons(rs)})
}
