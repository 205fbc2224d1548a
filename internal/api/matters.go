package api

import (
	"net/http"
	"strings"

	"weiquan/internal/auth"
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
	ms, err := h.svc.Intake(r.Context(), u, in)
	if err != nil {
		fail(w, r, err)
		return
	}
	resp := intakeResponse{}
	for i, m := range ms {
		v := viewMatter(u, m, true)
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
	f, err := h.matterFilter(r, errs)
	if err != nil {
		fail(w, r, err)
		return
	}
	sc, err := h.svc.Scope(r.Context(), u)
	if err != nil {
		fail(w, r, err)
		return
	}
	f.Scope, f.Limit, f.Offset = sc, perPage, (pageNo-1)*perPage
	ms, total, err := h.svc.Store.Matters(r.Context(), f)
	if err != nil {
		fail(w, r, err)
		return
	}
	out := page{Items: make([]matterView, 0, len(ms)), Total: total, Page: pageNo, PerPage: perPage}
	for _, m := range ms {
		out.Items = append(out.Items, viewMatter(u, m, false))
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) getMatter(w http.ResponseWriter, r *http.Request) {
	u := UserFrom(r.Context())
	m, err := h.svc.ReadCase(r.Context(), u, r.PathValue("number"))
	if err != nil {
		fail(w, r, err)
		return
	}
	h.writeCase(w, r, u, m, http.StatusOK)
}

// writeCase renders the whole case: the matter, its linked number and its timeline.
func (h *Handler) writeCase(w http.ResponseWriter, r *http.Request, u *auth.User, m casework.Matter, status int) {
	tl, err := h.svc.Store.Timeline(r.Context(), m.ID)
	if err != nil {
		fail(w, r, err)
		return
	}
	v := viewMatter(u, m, true)
	v.Timeline = viewEvents(u, tl)
	if m.LinkedID != nil {
		l, err := h.svc.Store.Matter(r.Context(), *m.LinkedID)
		if err != nil {
			fail(w, r, err)
			return
		}
		v.LinkedNumber = l.Number
	}
	writeJSON(w, status, v)
}

func joinCodes[T ~string](list []T) string {
	s := make([]string, len(list))
	for i, v := range list {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

func (h *Handler) getTimeline(w http.ResponseWriter, r *http.Request) {
	u := UserFrom(r.Context())
	m, err := h.svc.MatterFor(r.Context(), u, r.PathValue("number"))
	if err != nil {
		fail(w, r, err)
		return
	}
	tl, err := h.svc.Store.Timeline(r.Context(), m.ID)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"number": m.Number, "events": viewEvents(u, tl)})
}

func (h *Handler) actOnMatter(w http.ResponseWriter, r *http.Request) {
	var in casework.ActionInput
	if err := decodeOptional(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	u := UserFrom(r.Context())
	m, err := h.svc.Act(r.Context(), u, r.PathValue("number"), casework.Action(r.PathValue("action")), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	h.writeCase(w, r, u, m, http.StatusOK)
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
