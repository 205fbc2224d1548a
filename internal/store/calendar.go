package store

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"time"

	"weiquan/internal/calendar"
)

// CalendarYear is one loaded year (calendar.YearCount).
type CalendarYear = calendar.YearCount

func calendarDays(ctx context.Context, q querier, where string, args ...any) ([]calendar.Day, error) {
	rows, err := q.QueryContext(ctx, "SELECT date, kind, name, source FROM calendar_days"+where+" ORDER BY date", args...)
	if err != nil {
		return nil, fmt.Errorf("store: calendar: %w", err)
	}
	defer rows.Close()
	var out []calendar.Day
	for rows.Next() {
		var d calendar.Day
		var date string
		if err := rows.Scan(&date, &d.Kind, &d.Name, &d.Source); err != nil {
			return nil, fmt.Errorf("store: calendar: %w", err)
		}
		if d.Date, err = calendar.ParseDate(date); err != nil {
			return nil, fmt.Errorf("store: calendar: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// CalendarDays returns every loaded row of the official calendar, the data deadlines count on.
func (s *Store) CalendarDays(ctx context.Context) ([]calendar.Day, error) {
	return calendarDays(ctx, s.r, "")
}

// CalendarDays returns the calendar inside the transaction, so a command counts on what it commits with.
func (t *Tx) CalendarDays(ctx context.Context) ([]calendar.Day, error) {
	return calendarDays(ctx, t.tx, "")
}

// CalendarYearDays returns one year's rows, for export and review.
func (s *Store) CalendarYearDays(ctx context.Context, year int) ([]calendar.Day, error) {
	return calendarDays(ctx, s.r, " WHERE year = $1", year)
}

// CalendarYears lists the loaded years.
func (s *Store) CalendarYears(ctx context.Context) ([]CalendarYear, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT year, COUNT(*) FROM calendar_days GROUP BY year ORDER BY year")
	if err != nil {
		return nil, fmt.Errorf("store: calendar years: %w", err)
	}
	defer rows.Close()
	var out []CalendarYear
	for rows.Next() {
		var y CalendarYear
		if err := rows.Scan(&y.Year, &y.Days); err != nil {
			return nil, fmt.Errorf("store: calendar years: %w", err)
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// ReplaceCalendarYear puts a year's rows in place of what was loaded for it, keeping the
// replaced rows as CSV in calendar_loads so nothing is lost without a trace.
func (t *Tx) ReplaceCalendarYear(ctx context.Context, year int, days []calendar.Day, workdays int, by string, now time.Time) error {
	old, err := calendarDays(ctx, t.tx, " WHERE year = $1", year)
	if err != nil {
		return err
	}
	var prev bytes.Buffer
	if len(old) > 0 {
		if err := calendar.WriteCSV(&prev, old); err != nil {
			return err
		}
	}
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM calendar_days WHERE year = $1", year); err != nil {
		return fmt.Errorf("store: replace calendar %d: %w", year, err)
	}
	for _, d := range days {
		if d.Date.Year != year {
			return fmt.Errorf("store: replace calendar %d: row %s is in another year", year, d.Date)
		}
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO calendar_days (date, year, kind, name, source, loaded_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (date) DO NOTHING`, d.Date.String(), year, d.Kind, d.Name, d.Source, utc(now)); err != nil {
			return fmt.Errorf("store: replace calendar %d: %w", year, err)
		}
	}
	_, err = t.tx.ExecContext(ctx, `INSERT INTO calendar_loads (year, days, workdays, loaded_by, replaced, loaded_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, year, len(days), workdays, by, prev.String(), utc(now))
	if err != nil {
		return fmt.Errorf("store: calendar load log: %w", err)
	}
	return nil
}

// seedCalendar loads every shipped year the database does not have yet, so a new
// release brings its newer notices while years an admin loaded stay as loaded.
func (s *Store) seedCalendar(ctx context.Context) error {
	have, err := s.CalendarYears(ctx)
	if err != nil {
		return err
	}
	byYear := map[int][]calendar.Day{}
	for _, d := range calendar.Embedded() {
		if !slices.ContainsFunc(have, func(y CalendarYear) bool { return y.Year == d.Date.Year }) {
			byYear[d.Date.Year] = append(byYear[d.Date.Year], d)
		}
	}
	if len(byYear) == 0 {
		return nil
	}
	cal, err := calendar.New(calendar.Embedded())
	if err != nil {
		return err
	}
	return s.Tx(ctx, func(tx *Tx) error {
		for year, days := range byYear {
			n, err := cal.WorkdaysInYear(year)
			if err != nil {
				return err
			}
			if err := tx.ReplaceCalendarYear(ctx, year, days, n, "release", time.Now()); err != nil {
				return err
			}
		}
		return nil
	})
}
