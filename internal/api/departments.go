package api

import (
	"net/http"

	"weiquan/internal/calendar"
	"weiquan/internal/service"
)

// The rest of the court's and the departments' steps (issue 10): an appraisal during a
// delegated period, the judge at an online session, the application for enforcement, a
// referral received from another department, the no-authority notice (R-L12), the return to
// the intake unit (R-L13), the reporter's notice under Order 20 (R-L44).

type appraisalRequest struct {
	On   calendar.Date `json:"on,omitzero"`
	What string        `json:"what,omitempty"`
	End  bool          `json:"end,omitempty"`
}

func (h *Handler) courtAppraisal(w http.ResponseWriter, r *http.Request) {
	var in appraisalRequest
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	d, err := h.svc.CourtAppraisal(r.Context(), who(r), r.PathValue("number"), in.On, in.What, in.End)
	respondWith(w, r, d, err)
}

type judgeRequest struct {
	SessionID int64  `json:"session_id"`
	Judge     string `json:"judge,omitempty"`
	Guidance  string `json:"guidance,omitempty"`
}

func (h *Handler) judgeAtSession(w http.ResponseWriter, r *http.Request) {
	var in judgeRequest
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	_, err := h.svc.JudgeAtSession(r.Context(), who(r), r.PathValue("number"), in.SessionID, in.Judge, in.Guidance)
	if err != nil {
		fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type enforcementRequest struct {
	On calendar.Date `json:"on,omitzero"`
}

func (h *Handler) applyEnforcement(w http.ResponseWriter, r *http.Request) {
	var in enforcementRequest
	if err := decodeOptional(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	c, err := h.svc.ApplyEnforcement(r.Context(), who(r), r.PathValue("number"), in.On)
	respondWith(w, r, c, err)
}

func (h *Handler) receiveReferral(w http.ResponseWriter, r *http.Request) {
	var in service.IncomingReferral
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	m, err := h.svc.ReceiveReferral(r.Context(), who(r), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"number": m.Number})
}

type noAuthorityRequest struct {
	Competent string `json:"competent"`
}

func (h *Handler) tellNoAuthority(w http.ResponseWriter, r *http.Request) {
	var in noAuthorityRequest
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	_, err := h.svc.TellNoAuthority(r.Context(), who(r), r.PathValue("number"), in.Competent)
	if err != nil {
		fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type returnRequest struct {
	ToStationID *int64 `json:"to_station_id,omitempty"`
	Reason      string `json:"reason"`
}

func (h *Handler) returnToIntake(w http.ResponseWriter, r *http.Request) {
	var in returnRequest
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	_, err := h.svc.ReturnToIntake(r.Context(), who(r), r.PathValue("number"), in.ToStationID, in.Reason)
	if err != nil {
		fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) notifyReporter(w http.ResponseWriter, r *http.Request) {
	_, err := h.svc.NotifyReporter(r.Context(), who(r), r.PathValue("number"))
	if err != nil {
		fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
