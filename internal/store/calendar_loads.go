package store

import (
	"context"
	"fmt"
	"time"
)

// CalendarLoad is the latest load of one calendar year: who put it in place and when,
// shown beside the year so an admin can tell a shipped notice from one loaded by hand.
type CalendarLoad struct {
	Year     int       `json:"year"`
	Days     int       `json:"days"`
	Workdays int       `json:"workdays"`
	By       string    `json:"loaded_by"`
	At       time.Time `json:"loaded_at"`
	Loads    int       `json:"loads"` // how many times the year was loaded
}

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
