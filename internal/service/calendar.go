package service

import (
	"context"
	"fmt"
	"log/slog"
	"slices"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// Calendar returns the official calendar as loaded in the database (R-L42, R-L43) to
// anyone signed in: it holds the State Council's notices, no one's data.
func (s *Service) Calendar(ctx context.Context, p auth.Principal) (*calendar.Calendar, error) {
	if !signedIn(p) {
		return nil, ErrUnauthorized
	}
	return s.officialCalendar(ctx)
}

func (s *Service) officialCalendar(ctx context.Context) (*calendar.Calendar, error) {
	days, err := s.store.CalendarDays(ctx)
	if err != nil {
		return nil, err
	}
	return calendar.New(days)
}

func calendarTx(ctx context.Context, tx *store.Tx) (*calendar.Calendar, error) {
	days, err := tx.CalendarDays(ctx)
	if err != nil {
		return nil, err
	}
	return calendar.New(days)
}

// LoadedYear reports one year put in place by LoadCalendar.
type LoadedYear struct {
	Year     int `json:"year"`
	Days     int `json:"days"`
	Workdays int `json:"workdays"`
}

// LoadCalendar replaces the years present in days with those rows, all in one transaction,
// then recounts every open deadline so a corrected or newly loaded year takes effect at once.
// by names who loaded it (a user, or "cli"). It returns the years loaded and how many
// matters' deadlines moved.
func (s *Service) LoadCalendar(ctx context.Context, u *auth.User, days []calendar.Day, by string) ([]LoadedYear, int, error) {
	if u != nil && u.Role != auth.Admin {
		return nil, 0, ErrForbidden
	}
	if len(days) == 0 {
		return nil, 0, invalid.New("body", "calendar_csv", "detail", "no days / 没有数据")
	}
	byYear := map[int][]calendar.Day{}
	for _, d := range days {
		byYear[d.Date.Year] = append(byYear[d.Date.Year], d)
	}
	var loaded []LoadedYear
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.CalendarDays(ctx)
		if err != nil {
			return err
		}
		all := slices.DeleteFunc(old, func(d calendar.Day) bool { return byYear[d.Date.Year] != nil })
		cal, err := calendar.New(append(all, days...))
		if err != nil {
			return invalid.New("body", "calendar_csv", "detail", err.Error())
		}
		years := make([]int, 0, len(byYear))
		for y := range byYear {
			years = append(years, y)
		}
		slices.Sort(years)
		for _, y := range years {
			n, err := cal.WorkdaysInYear(y)
			if err != nil {
				return err
			}
			if err := tx.ReplaceCalendarYear(ctx, y, byYear[y], n, by, s.now()); err != nil {
				return err
			}
			loaded = append(loaded, LoadedYear{Year: y, Days: len(byYear[y]), Workdays: n})
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	moved, err := s.RecountDeadlines(ctx)
	return loaded, moved, err
}

// RecountDeadlines recomputes the open day-counted deadlines of every matter, each matter in
// its own transaction with a timeline entry when a due time moved; it returns how many moved.
func (s *Service) RecountDeadlines(ctx context.Context) (int, error) {
	moved := 0
	var after int64
	for {
		ids, err := s.store.MattersWithOpenDeadlines(ctx, after, 200)
		if err != nil {
			return moved, err
		}
		for _, id := range ids {
			changed, err := s.recountMatter(ctx, id)
			if err != nil {
				slog.Error("service: recount deadlines", "matter", id, "error", err)
				continue
			}
			if changed {
				moved++
			}
		}
		if len(ids) < 200 {
			return moved, nil
		}
		after = ids[len(ids)-1]
	}
}

func (s *Service) recountMatter(ctx context.Context, id int64) (bool, error) {
	changed := false
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.LockMatterID(ctx, id)
		if err != nil {
			return err
		}
		env, err := s.clockEnv(ctx, tx)
		if err != nil {
			return err
		}
		before := m
		moves, err := s.syncClocks(ctx, tx, &m, env, s.now())
		if err != nil {
			return err
		}
		if len(moves) == 0 {
			return nil
		}
		changed = true
		m.UpdatedAt = s.now()
		if !sameTime(before.DueAt, m.DueAt) || before.DueKind != m.DueKind {
			if err := tx.UpdateMatter(ctx, &m); err != nil {
				return err
			}
		}
		ev := casework.Event{MatterID: m.ID, At: s.now(), ActorName: casework.SystemActor.Name, Action: casework.Recalculate,
			From: m.State, To: m.State, Data: map[string]any{"deadlines": moves}}
		return tx.AppendEvent(ctx, &ev)
	})
	if err != nil {
		return false, fmt.Errorf("service: recount matter %d: %w", id, err)
	}
	return changed, nil
}
