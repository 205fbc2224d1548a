package web

import (
	"context"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/service"
)

// calendarWarning asks for next year's State Council notice (R-L43): from November of the
// last loaded year, and urgently once today lies past it, when deadlines can no longer be counted.
type calendarWarning struct {
	Last   int
	Next   int
	Urgent bool
}

// calendarWarning looks at the loaded years; nil when the calendar reaches far enough.
func (h *Handler) calendarWarning(ctx context.Context) (*calendarWarning, error) {
	years, err := h.svc.CalendarYears(ctx, service.PrincipalFrom(ctx))
	if err != nil {
		return nil, err
	}
	list := make([]int, len(years))
	for i, y := range years {
		list[i] = y.Year
	}
	return warningFor(list, calendar.DateOf(h.svc.Now())), nil
}

func warningFor(years []int, today calendar.Date) *calendarWarning {
	last := 0
	for _, y := range years {
		last = max(last, y)
	}
	switch {
	case last == 0:
		return &calendarWarning{Next: today.Year, Urgent: true}
	case today.Year > last:
		return &calendarWarning{Last: last, Next: last + 1, Urgent: true}
	case today.Year == last && today.Month >= time.November:
		return &calendarWarning{Last: last, Next: last + 1}
	}
	return nil
}
