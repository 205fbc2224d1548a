package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

// maxNoticeForm bounds a pasted notice: the text is about 1,500 characters.
const maxNoticeForm = 128 << 10

// noticeData is the proposal read from a pasted State Council notice, for a human to compare
// with the notice before it is loaded.
type noticeData struct {
	Notice   calendar.Notice
	Text     string
	Source   string
	Rows     []noticeRow
	Replaces bool // the year is loaded already: confirming replaces it
}

type noticeRow struct {
	Day     calendar.Day
	Weekday string
}

// readNotice reads the form of a pasted notice; errs names every problem, in the page's language.
func (h *Handler) readNotice(w http.ResponseWriter, r *http.Request, lang string) (noticeData, invalid.Errors, []rowErrorView) {
	r.Body = http.MaxBytesReader(w, r.Body, maxNoticeForm)
	var errs invalid.Errors
	var rows []rowErrorView
	if err := r.ParseForm(); err != nil {
		errs.Add("notice", "too_large", "max", "128 KB")
		return noticeData{}, errs, nil
	}
	d := noticeData{Text: r.PostFormValue("notice"), Source: strings.TrimSpace(r.PostFormValue("source"))}
	if u, err := url.Parse(d.Source); d.Source == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		errs.Add("source", invalid.Format)
	}
	if strings.TrimSpace(d.Text) == "" {
		errs.Add("notice", invalid.Required)
		return d, errs, nil
	}
	n, err := calendar.ParseNotice(d.Text, d.Source)
	var ne calendar.NoticeErrors
	if errors.As(err, &ne) {
		errs.Add("notice", "notice_unread", "n", strconv.Itoa(len(ne)))
		for _, e := range ne {
			rows = append(rows, rowErrorView{Line: e.Item, Message: tr(lang, "board.notice.err."+e.Code, "detail", e.Detail)})
		}
		return d, errs, rows
	} else if err != nil {
		errs.Add("notice", invalid.Format)
		return d, errs, nil
	}
	d.Notice = n
	if len(errs) == 0 {
		for _, re := range n.Check() {
			rows = append(rows, rowErrorView{Line: 0, Message: rowErrorText(lang, re, n.Year)})
		}
		if len(rows) > 0 {
			errs.Add("notice", "notice_unread", "n", strconv.Itoa(len(rows)))
		}
	}
	for _, day := range n.Days {
		d.Rows = append(d.Rows, noticeRow{Day: day, Weekday: tr(lang, "board.notice.weekday."+strconv.Itoa(int(day.Date.Weekday())))})
	}
	return d, errs, rows
}

// proposeNotice reads a pasted State Council notice and shows the year it proposes beside the
// notice's own sentences, for an admin to confirm (issue 14, point 5); nothing is stored yet.
func (h *Handler) proposeNotice(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	nd, errs, rows := h.readNotice(w, r, lang)
	if len(errs) > 0 {
		h.noticeFailed(w, r, nd, errs, rows)
		return
	}
	cd, err := h.calendarData(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, y := range cd.Years {
		nd.Replaces = nd.Replaces || y.Year == nd.Notice.Year
	}
	h.render(w, r, http.StatusOK, "admin_calendar_notice", page{Title: "board.notice.title", Active: "calendar", Data: nd})
}

// confirmNotice loads the year a notice proposes, once an admin has compared it with the
// notice; the text is read again, so what is loaded is what the notice says, with its source.
func (h *Handler) confirmNotice(w http.ResponseWriter, r *http.Request) {
	ctx, u, lang := r.Context(), userOf(r), langOf(r)
	nd, errs, rows := h.readNotice(w, r, lang)
	if len(errs) == 0 && r.PostFormValue("year") != strconv.Itoa(nd.Notice.Year) {
		errs.Add("notice", invalid.Conflict) // the text changed between proposal and confirmation
	}
	if len(errs) > 0 {
		h.noticeFailed(w, r, nd, errs, rows)
		return
	}
	_, moved, err := h.svc.LoadCalendar(ctx, u, nd.Notice.Days, u.Username)
	if fe, ok := invalid.As(err); ok {
		for _, f := range fe {
			f.Field = "notice"
			errs = append(errs, f)
		}
		h.noticeFailed(w, r, nd, errs, rows)
		return
	} else if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/calendar?loaded="+strconv.Itoa(nd.Notice.Year)+"&moved="+strconv.Itoa(moved), http.StatusSeeOther)
}

// noticeFailed shows the calendar page again with the pasted notice and what could not be read.
func (h *Handler) noticeFailed(w http.ResponseWriter, r *http.Request, nd noticeData, errs invalid.Errors, rows []rowErrorView) {
	d, err := h.calendarData(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.NoticeErrors = rows
	fe, _ := formErrors(langOf(r), errs.Err())
	form := map[string][]string{"year": {strconv.Itoa(nextYear(d))}, "notice": {nd.Text}, "source": {nd.Source}}
	h.render(w, r, http.StatusUnprocessableEntity, "admin_calendar", page{Title: "board.calendar.title", Active: "calendar", Errors: fe, Form: form, Data: d})
}
