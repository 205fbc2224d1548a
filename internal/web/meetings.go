package web

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/court"
	"weiquan/internal/invalid"
)

// Joint meetings (联席会议, issue 10 item 6): the list with the form to record one, a
// meeting's page with its decisions (each carried out in turn), and its minutes in print.

// courtCentre are the office's people who work with the departments (not the court's judges).
var courtCentre = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator}

// meetingsData is the list of joint meetings and the form's blank decision rows.
type meetingsData struct {
	Meetings []court.Meeting
	Rows     []int
	CanWrite bool
	Banner   string
}

// showMeetings lists the joint meetings; heads see the form to record one.
func (h *Handler) showMeetings(w http.ResponseWriter, r *http.Request) {
	h.renderMeetings(w, r, http.StatusOK, nil, "")
}

func (h *Handler) renderMeetings(w http.ResponseWriter, r *http.Request, status int, errs map[string]string, banner string) {
	list, err := h.svc.Meetings(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	u := who(r).User
	d := meetingsData{Meetings: list, Rows: []int{0, 1, 2}, CanWrite: u != nil && (u.Role == auth.Admin || u.Role == auth.Supervisor), Banner: banner}
	h.render(w, r, status, "meetings", page{Title: "court.meeting.title", Active: "meetings", Errors: errs, Form: r.PostForm, Data: d})
}

// recordMeeting keeps a joint meeting from the form: departments and matters one a line (or
// separated by commas), decisions row by row with owner and due date.
func (h *Handler) recordMeeting(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest)
		return
	}
	f := r.PostForm
	held, _ := calendar.ParseDate(strings.TrimSpace(f.Get("held_on")))
	mt := court.Meeting{HeldOn: held, Title: f.Get("title"), Place: f.Get("place"), Minutes: f.Get("minutes"),
		Departments: meetingList(f.Get("departments")), Matters: meetingList(f.Get("matters"))}
	texts, owners, dues, numbers := f["decision_text"], f["decision_owner"], f["decision_due"], f["decision_number"]
	for i, text := range texts {
		at := func(vs []string) string {
			if i < len(vs) {
				return strings.TrimSpace(vs[i])
			}
			return ""
		}
		if strings.TrimSpace(text) == "" && at(owners) == "" && at(dues) == "" {
			continue // a blank row
		}
		due, _ := calendar.ParseDate(at(dues))
		mt.Decisions = append(mt.Decisions, court.MeetingDecision{Text: text, Owner: at(owners), DueOn: due, Number: at(numbers)})
	}
	mt, err := h.svc.RecordMeeting(r.Context(), who(r), mt)
	if fe, ok := formErrors(langOf(r), err); ok {
		status := http.StatusUnprocessableEntity
		if invalid.IsConflict(err) {
			status = http.StatusConflict
		}
		h.renderMeetings(w, r, status, fe, firstMessage(fe))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/meetings/"+strconv.FormatInt(mt.ID, 10), http.StatusSeeOther)
}

// showMeeting is one joint meeting: who was there, what was discussed, each decision with its
// owner, due date and whether it was carried out.
func (h *Handler) showMeeting(w http.ResponseWriter, r *http.Request) {
	h.renderMeeting(w, r, http.StatusOK, nil, "")
}

func (h *Handler) renderMeeting(w http.ResponseWriter, r *http.Request, status int, errs map[string]string, banner string) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	mt, err := h.svc.Meeting(r.Context(), who(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "meeting", page{Title: "court.meeting.one", Active: "meetings", Errors: errs, Form: r.PostForm,
		Data: struct {
			M      court.Meeting
			Banner string
			Today  calendar.Date // a decision past its due date and not carried out shows as overdue
		}{mt, banner, calendar.DateOf(h.svc.Now())}})
}

// doneDecision marks a meeting's decision carried out: its clock on the matter is met.
func (h *Handler) doneDecision(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest)
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	dec, err := strconv.ParseInt(r.PathValue("decision"), 10, 64)
	if err != nil {
		h.notFound(w, r)
		return
	}
	_, err = h.svc.DecisionDone(r.Context(), who(r), id, dec, r.PostForm.Get("note"))
	if fe, ok := formErrors(langOf(r), err); ok {
		status := http.StatusUnprocessableEntity
		if invalid.IsConflict(err) {
			status = http.StatusConflict
		}
		h.renderMeeting(w, r, status, fe, firstMessage(fe))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/meetings/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// showMinutes prints a meeting's minutes (联席会议纪要): the A4 print layout, or with
// /minutes.pdf its PDF rendered by headless Chromium — without Chromium the page says so.
func (h *Handler) showMinutes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	iss, err := h.svc.MeetingMinutes(r.Context(), who(r), id, langOf(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.PathValue("format") == "minutes.pdf" {
		if len(iss.PDF) == 0 {
			h.errorPage(w, r, http.StatusServiceUnavailable, tr(langOf(r), "mediation.no_pdf"))
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `attachment; filename="meeting-minutes-`+strconv.FormatInt(id, 10)+`.pdf"`)
		w.Header().Set("X-Content-SHA256", iss.PDFSHA256)
		_, _ = w.Write(iss.PDF)
		return
	}
	if r.PathValue("format") != "minutes" {
		h.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
	w.Header().Set("X-Content-SHA256", iss.HTMLSHA256)
	_, _ = w.Write(iss.HTML)
}

// meetingList reads a list typed one a line or separated by commas.
func meetingList(s string) []string {
	var out []string
	for _, v := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == '、' || r == '，' || r == ';' || r == '；' }) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
