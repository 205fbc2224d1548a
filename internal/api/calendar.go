package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"weiquan/internal/fault"
	"weiquan/internal/httpio"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

type calendarYearView struct {
	calendar.YearCount
	Workdays int `json:"workdays"`
}

func (h *Handler) listCalendarYears(w http.ResponseWriter, r *http.Request) {
	years, err := h.svc.CalendarYears(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	cal, err := h.svc.Calendar(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	out := make([]calendarYearView, 0, len(years))
	for _, y := range years {
		n, _ := cal.WorkdaysInYear(y.Year)
		out = append(out, calendarYearView{YearCount: y, Workdays: n})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func pathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < 1900 || y > 2999 {
		return 0, fault.ErrNotFound
	}
	return y, nil
}

// getCalendarYear returns a year's official rows as JSON, or as the CSV an admin edits and
// loads back with ?format=csv; a year with no data is 404 (R-L43).
func (h *Handler) getCalendarYear(w http.ResponseWriter, r *http.Request) {
	y, err := pathYear(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	days, err := h.svc.CalendarYearDays(r.Context(), who(r), y)
	if err == nil && len(days) == 0 {
		err = fault.ErrNotFound
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "csv" {
		var b bytes.Buffer
		if err := calendar.WriteCSV(&b, days); err != nil {
			fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="holidays-`+strconv.Itoa(y)+`.csv"`)
		_, _ = w.Write(b.Bytes())
		return
	}
	cal, err := calendar.New(days)
	if err != nil {
		fail(w, r, err)
		return
	}
	n, _ := cal.WorkdaysInYear(y)
	writeJSON(w, http.StatusOK, map[string]any{"year": y, "workdays": n, "days": days})
}

// putCalendarYear loads a year from a CSV body (date,kind,name,source), all or nothing,
// and recounts the deadlines it touches.
func (h *Handler) putCalendarYear(w http.ResponseWriter, r *http.Request) {
	y, err := pathYear(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, httpio.MaxBody))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		fail(w, r, &httpio.BodyError{Status: http.StatusRequestEntityTooLarge, Field: "body", Code: "too_large", Key: "err.body_too_large", Args: []string{"max", "1 MB"}})
		return
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	days, err := calendar.ParseCSV(bytes.NewReader(body))
	if err != nil {
		fail(w, r, invalid.New("body", "calendar_csv", "detail", err.Error()))
		return
	}
	for _, d := range days {
		if d.Date.Year != y {
			fail(w, r, invalid.New("body", "calendar_csv", "detail", "row "+d.Date.String()+" is not in "+strconv.Itoa(y)))
			return
		}
	}
	u := UserFrom(r.Context())
	loaded, moved, err := h.svc.LoadCalendar(r.Context(), u, days, u.Username)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"loaded": loaded, "moved": moved})
}
