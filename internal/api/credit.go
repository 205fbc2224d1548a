package api

import (
	"net/http"

	"weiquan/internal/calendar"
	"weiquan/internal/collective"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// listCollective lists the collective cases of the caller's area (SPEC C8).
func (h *Handler) listCollective(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.CollectiveCases(r.Context(), who(r), service.CollectiveQuery{Status: collective.Status(r.URL.Query().Get("status"))})
	if err != nil {
		fail(w, r, err)
		return
	}
	if list == nil {
		list = []collective.Case{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"cases": list})
}

// getCollective reads one collective case with its members and evidence.
func (h *Handler) getCollective(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var c collective.Case
		if c, err = h.svc.CollectiveCase(r.Context(), who(r), id); err == nil {
			writeJSON(w, http.StatusOK, c)
			return
		}
	}
	fail(w, r, err)
}

// CollectiveDecision is a supervisor's answer to a proposed collective case.
type CollectiveDecision struct {
	Confirm bool   `json:"confirm"`
	Title   string `json:"title"`
	Note    string `json:"note"`
}

// decideCollective confirms or rejects a proposal.
func (h *Handler) decideCollective(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in CollectiveDecision
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	c, err := h.svc.DecideCollective(r.Context(), who(r), id, collective.Decision{Confirm: in.Confirm, Title: in.Title, Note: in.Note})
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// matterFlags lists the suspicious-claimant flags of a complaint (R-L9): advice only.
func (h *Handler) matterFlags(w http.ResponseWriter, r *http.Request) {
	flags, err := h.svc.ClaimantFlags(r.Context(), who(r), r.PathValue("number"))
	if err != nil {
		fail(w, r, err)
		return
	}
	if flags == nil {
		writeJSON(w, http.StatusOK, map[string]any{"flags": []any{}})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"flags": flags})
}

// abnormalList is the current abnormal-operations list, for anyone (R-L35).
func (h *Handler) abnormalList(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.AbnormalList(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": list})
}

// honourRoll is today's honour rolls, for anyone (R-S8).
func (h *Handler) honourRoll(w http.ResponseWriter, r *http.Request) {
	roll, err := h.svc.HonourRoll(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": roll})
}

// disclosure is the published complaint figures per merchant (R-L29); staff may name a day.
func (h *Handler) disclosure(w http.ResponseWriter, r *http.Request) {
	var on *calendar.Date
	if v := r.URL.Query().Get("on"); v != "" {
		d, err := calendar.ParseDate(v)
		if err != nil {
			fail(w, r, badQuery("on"))
			return
		}
		on = &d
	}
	d, err := h.svc.MerchantDisclosure(r.Context(), who(r), on)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// merchantRecord is a merchant's record over a period, for staff.
func (h *Handler) merchantRecord(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	q := r.URL.Query()
	from, err1 := calendar.ParseDate(q.Get("from"))
	to, err2 := calendar.ParseDate(q.Get("to"))
	if err1 != nil || err2 != nil || to.Before(from) {
		fail(w, r, badQuery("from"))
		return
	}
	rec, err := h.svc.MerchantRecordOf(r.Context(), who(r), id, from, to)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rec)
}

func badQuery(field string) error { return invalid.New(field, invalid.Format) }
