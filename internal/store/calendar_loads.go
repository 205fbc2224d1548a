package store

import (
	"context"
	"fmt"
	"weiquan/internal/calendar"
)

// CalendarLoad is the latest load of one year (calendar.Load).
type CalendarLoad = calendar.Load

// CalendarLoads returns the latest load of every year, by year.
func (s *Store) CalendarLoads(ctx context.Context) (map[int]CalendarLoad, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT year, days, workdays, loaded_by, loaded_at FROM calendar_loads ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("store: calendar loads: %w", err)
	}
	defer rows.Close()
	out := map[int]CalendarLoad{}
	for rows.Next() {
		var l CalendarLoad
		if err := rows.Scan(&l.Year, &l.Days, &l.Workdays, &l.By, &l.At); err != nil {
			return nil, fmt.Errorf("store: calendar loads: %w", err)
		}
		l.At, l.Loads = l.At.UTC(), out[l.Year].Loads+1
		out[l.Year] = l
	}
	return out, rows.Err()
}
