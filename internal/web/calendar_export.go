package web

import (
	"bytes"
	"net/http"
	"strconv"

	"weiquan/internal/calendar"
	"weiquan/internal/fault"
)

// exportCalendarYear downloads a year as the CSV the upload form takes, so an admin can
// correct it in a spreadsheet and load it back.
func (h *Handler) exportCalendarYear(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 1900 || year > 2999 {
		h.fail(w, r, fault.ErrNotFound)
		return
	}
	days, err := h.svc.CalendarYearDays(r.Context(), who(r), year)
	if err == nil && len(days) == 0 {
		err = fault.ErrNotFound
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	b.WriteString("\uFEFF") // so spreadsheet programs read the Chinese names as UTF-8
	if err := calendar.WriteCSV(&b, days); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="holidays-`+strconv.Itoa(year)+`.csv"`)
	_, _ = w.Write(b.Bytes())
}
