package api

import (
	"net/http"
	"strconv"

	"weiquan/internal/court"
	"weiquan/internal/invalid"
)

// Joint meetings (联席会议, issue 10 item 6): the list, recording one with its departments,
// matters and decisions (each a clock on its matter), a decision carried out, the minutes.

func (h *Handler) listMeetings(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Meetings(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	if list == nil {
		list = []court.Meeting{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

func (h *Handler) recordMeeting(w http.ResponseWriter, r *http.Request) {
	var in court.Meeting
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	in.ID, in.AreaID = 0, nil
	mt, err := h.svc.RecordMeeting(r.Context(), who(r), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, mt)
}

func (h *Handler) getMeeting(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	mt, err := h.svc.Meeting(r.Context(), who(r), id)
	respondWith(w, r, mt, err)
}

type decisionDoneRequest struct {
	Note string `json:"note,omitempty"`
}

func (h *Handler) meetingDecisionDone(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	dec, err := strconv.ParseInt(r.PathValue("decision"), 10, 64)
	if err != nil || dec <= 0 {
		fail(w, r, invalid.New("decision", invalid.NotFound))
		return
	}
	var in decisionDoneRequest
	if err := decodeOptional(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	d, err := h.svc.DecisionDone(r.Context(), who(r), id, dec, in.Note)
	respondWith(w, r, d, err)
}

// meetingMinutes serves the minutes (联席会议纪要) as PDF, or as the A4 print layout when the
// server has no Chromium to render one.
func (h *Handler) meetingMinutes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	iss, err := h.svc.MeetingMinutes(r.Context(), who(r), id, Lang(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if len(iss.PDF) > 0 {
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("X-SHA256", iss.PDFSHA256)
		_, _ = w.Write(iss.PDF)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	w.Header().Set("X-SHA256", iss.HTMLSHA256)
	_, _ = w.Write(iss.HTML)
}
