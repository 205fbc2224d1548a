package api

import (
	"net/http"
	"strconv"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// deadlineView is a deadline as staff see it: times in Asia/Shanghai, its name in the
// request's language, and how long is left (negative once missed).
type deadlineView struct {
	deadline.Row
	Label            string `json:"label"`
	Overdue          bool   `json:"overdue"`
	RemainingSeconds *int64 `json:"remaining_seconds,omitempty"`
}

func viewDeadline(lang string, d deadline.Row, now time.Time) deadlineView {
	v := deadlineView{Row: d, Label: i18n.T(lang, "deadline."+string(d.Kind))}
	if d.Open() && d.DueAt != nil {
		left := int64(d.DueAt.Sub(now).Seconds())
		v.RemainingSeconds, v.Overdue = &left, !now.Before(*d.DueAt)
	}
	r := &v.Row
	r.Start, r.CreatedAt, r.UpdatedAt = local(r.Start), local(r.CreatedAt), local(r.UpdatedAt)
	r.DueAt, r.RemindAt, r.PausedAt = localPtr(r.DueAt), localPtr(r.RemindAt), localPtr(r.PausedAt)
	r.RemindedAt, r.BreachedAt, r.MetAt, r.CancelledAt = localPtr(r.RemindedAt), localPtr(r.BreachedAt), localPtr(r.MetAt), localPtr(r.CancelledAt)
	return v
}

func (h *Handler) matterDeadlines(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.MatterDeadlines(r.Context(), who(r), r.PathValue("number"))
	if err != nil {
		fail(w, r, err)
		return
	}
	now, lang := h.svc.Now(), Lang(r)
	out := make([]deadlineView, 0, len(list))
	for _, d := range list {
		out = append(out, viewDeadline(lang, d, now))
	}
	writeJSON(w, http.StatusOK, map[string]any{"number": r.PathValue("number"), "items": out})
}

// clockView is a row of the supervisor's board: a live deadline and the matter it runs on.
type clockView struct {
	deadlineView
	Number      string `json:"number"`
	MatterKind  string `json:"matter_kind"`
	State       string `json:"state"`
	Channel     string `json:"channel"`
	Level       string `json:"level,omitempty"`
	AreaID      *int64 `json:"area_id,omitempty"`
	StationID   *int64 `json:"station_id,omitempty"`
	StationName string `json:"station_name,omitempty"`
	AssigneeID  *int64 `json:"assignee_id,omitempty"`
}

func (h *Handler) listClocks(w http.ResponseWriter, r *http.Request) {
	var errs invalid.Errors
	q := service.ClockQuery{AreaID: queryID(r, "area", &errs), StationID: queryID(r, "station", &errs), Kind: deadline.Kind(r.URL.Query().Get("kind"))}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			errs.Add("limit", invalid.Format)
		}
		q.Limit = n
	}
	if err := errs.Err(); err != nil {
		fail(w, r, err)
		return
	}
	list, counts, err := h.svc.Clocks(r.Context(), who(r), q)
	if err != nil {
		fail(w, r, err)
		return
	}
	now, lang := h.svc.Now(), Lang(r)
	out := make([]clockView, 0, len(list))
	for _, c := range list {
		out = append(out, clockView{deadlineView: viewDeadline(lang, c.Row, now), Number: c.Number,
			MatterKind: string(c.MatterKind), State: string(c.State), Channel: string(c.Channel), Level: c.Level,
			AreaID: c.AreaID, StationID: c.StationID, StationName: c.StationName, AssigneeID: c.AssigneeID})
	}
	writeJSON(w, http.StatusOK, map[string]any{"now": local(now), "counts": counts, "items": out})
}

func queryDate(r *http.Request, name string, errs *invalid.Errors) calendar.Date {
	v := r.URL.Query().Get(name)
	if v == "" {
		errs.Add(name, invalid.Required)
		return calendar.Date{}
	}
	d, err := calendar.ParseDate(v)
	if err != nil {
		errs.Add(name, invalid.Format)
	}
	return d
}

func (h *Handler) getKPIs(w http.ResponseWriter, r *http.Request) {
	var errs invalid.Errors
	q := service.KPIQuery{From: queryDate(r, "from", &errs), To: queryDate(r, "to", &errs),
		AreaID: queryID(r, "area", &errs), StationID: queryID(r, "station", &errs)}
	if err := errs.Err(); err != nil {
		fail(w, r, err)
		return
	}
	k, err := h.svc.KPIs(r.Context(), who(r), q)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, k)
}

// localClocks shows a matter's clock times in Asia/Shanghai (R-P7).
func localClocks(m *casework.Matter) {
	m.DueAt, m.OnSiteDueAt, m.AcceptedAt, m.ArrivedAt = localPtr(m.DueAt), localPtr(m.OnSiteDueAt), localPtr(m.AcceptedAt), localPtr(m.ArrivedAt)
	f := &m.ClockFacts
	f.TerminatedAt, f.NotifiedAt, f.ClueAt, f.ClueDoneAt = localPtr(f.TerminatedAt), localPtr(f.NotifiedAt), localPtr(f.ClueAt), localPtr(f.ClueDoneAt)
	f.ExtendedAt, f.RestartedAt, f.RepliedAt = localPtr(f.ExtendedAt), localPtr(f.RestartedAt), localPtr(f.RepliedAt)
	f.DisputeAt, f.DisputeDoneAt = localPtr(f.DisputeAt), localPtr(f.DisputeDoneAt)
}
