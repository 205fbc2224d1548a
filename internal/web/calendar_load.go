package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/calendar"
	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
)

// maxCalendarFile is far more than a year's notice (about 40 rows) needs.
const maxCalendarFile = 1 << 20

// loadCalendar replaces one year of the official calendar with an uploaded CSV in the
// shipped format, all or nothing; a bad file comes back with every faulty row named.
func (h *Handler) loadCalendar(w http.ResponseWriter, r *http.Request) {
	ctx, u, lang := r.Context(), userOf(r), langOf(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxCalendarFile+64<<10)
	var errs invalid.Errors
	var rowErrs []calendar.RowError
	if err := httpio.ParseMultipart(r, maxCalendarFile); err != nil {
		var mbe *http.MaxBytesError
		terr, isText := invalid.As(err)
		switch {
		case errors.As(err, &mbe):
			errs.Add("calendar_file", "too_large", "max", "1 MB")
		case isText:
			errs = append(errs, terr...)
		default:
			h.fail(w, r, err) // does not parse: 400
			return
		}
	}
	year, err := strconv.Atoi(strings.TrimSpace(r.FormValue("year")))
	if err != nil || year < 2000 || year > 2100 {
		errs.Add("year", invalid.Format)
		year = 0
	}
	var days []calendar.Day
	if len(errs) == 0 {
		f, fh, err := r.FormFile("calendar_file")
		switch {
		case err != nil || fh.Size == 0:
			errs.Add("calendar_file", invalid.Required)
		case fh.Size > maxCalendarFile:
			errs.Add("calendar_file", "too_large", "max", "1 MB")
		default:
			days, rowErrs = calendar.CheckCSV(f, year)
			f.Close()
			if len(rowErrs) > 0 {
				errs.Add("calendar_file", "calendar_rows", "n", strconv.Itoa(min(len(rowErrs), calendar.MaxRowErrors)))
			}
		}
	}
	if len(errs) == 0 {
		_, moved, err := h.svc.LoadCalendar(ctx, u, days, u.Username)
		if fe, ok := invalid.As(err); ok {
			for _, f := range fe {
				f.Field = "calendar_file" // the service names the upload "body"
				errs = append(errs, f)
			}
		} else if err != nil {
			h.fail(w, r, err)
			return
		} else {
			http.Redirect(w, r, "/admin/calendar?loaded="+strconv.Itoa(year)+"&moved="+strconv.Itoa(moved), http.StatusSeeOther)
			return
		}
	}
	d, err := h.calendarData(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, re := range rowErrs {
		d.RowErrors = append(d.RowErrors, rowErrorView{Line: re.Line, Message: rowErrorText(lang, re, year)})
	}
	fe, _ := formErrors(lang, errs.Err())
	form := map[string][]string{"year": {r.FormValue("year")}}
	h.render(w, r, http.StatusUnprocessableEntity, "admin_calendar", page{Title: "board.calendar.title", Active: "calendar", Errors: fe, Form: form, Data: d})
}

// rowErrorText says what is wrong with a row, in the page's language.
func rowErrorText(lang string, e calendar.RowError, year int) string {
	return tr(lang, "board.csv."+e.Code, "line", e.Line, "value", e.Value, "year", year)
}
