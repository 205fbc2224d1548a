package service

import (
	"context"
	"slices"
	"sync"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/dispatch"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// clockEnvironment is what counting a matter's deadlines needs besides the matter.
type clockEnvironment struct {
	set    Settings
	credit CreditSettings // the collective-case and credit thresholds, kept with the rest
	cal    *calendar.Calendar
	// newMatter says the matter was inserted in this transaction, a moment ago: no
	// pause, mediation step, court step, referral or deadline can refer to it yet, so
	// the clocks are computed without asking for them (issue 13: those eight empty
	// reads were a tenth of an intake's statements).
	newMatter bool
}

func (s *Service) clockEnv(ctx context.Context, tx *store.Tx) (clockEnvironment, error) {
	stamp, err := tx.ConfigStamp(ctx)
	if err != nil {
		return clockEnvironment{}, err
	}
	s.env.mu.Lock()
	env, ok := s.env.env, s.env.stamp == stamp
	s.env.mu.Unlock()
	if ok {
		return env, nil
	}
	raw, err := tx.Settings(ctx)
	if err != nil {
		return clockEnvironment{}, err
	}
	set, err := decodeSettings(raw)
	if err != nil {
		return clockEnvironment{}, err
	}
	credit, err := decodeCredit(raw)
	if err != nil {
		return clockEnvironment{}, err
	}
	cal, err := calendarTx(ctx, tx)
	if err != nil {
		return clockEnvironment{}, err
	}
	env = clockEnvironment{set: set, credit: credit, cal: cal}
	// Kept for the commands after this one only once this transaction has
	// committed: read after a change of this transaction that then rolled
	// back, the stamp would come again with a later, different change and
	// bring back what was never kept.
	tx.AfterCommit(func() {
		s.env.mu.Lock()
		s.env.stamp, s.env.env = stamp, env
		s.env.mu.Unlock()
	})
	return env, nil
}

// envCache keeps the calendar and settings between commands; a stamp read in
// each transaction says when they changed, here or in another instance.
type envCache struct {
	mu    sync.Mutex
	stamp string
	env   clockEnvironment
}

// promise is the on-site promise of the matter's area in minutes (R-S1); a matter with no
// area gets the township's, the longer of the two defaults.
func promise(ctx context.Context, tx *store.Tx, m *casework.Matter) (int, error) {
	if m.AreaID == nil {
		return dispatch.Area{}.PromiseMinutes(), nil
	}
	a, err := tx.Area(ctx, *m.AreaID)
	if err != nil {
		return 0, err
	}
	return a.PromiseMinutes(), nil
}

// wantClocks asks the rules which deadlines the matter should have, and fixes the on-site
// due time on the matter the first time it is known.
func (s *Service) wantClocks(ctx context.Context, tx *store.Tx, m *casework.Matter, env clockEnvironment) ([]deadline.Deadline, error) {
	f := deadline.Facts{Matter: *m}
	if m.ID != 0 && !env.newMatter {
		var err error
		if f.Pauses, err = tx.Pauses(ctx, m.ID); err != nil {
			return nil, err
		}
		f.Pauses = mediation.Pauses(f.Pauses...) // a test and a recusal at once stop the clock once (R-L16, R-L17)
		if m.Kind == casework.Complaint {
			if err := mediationFacts(ctx, tx, &f, env.set.Mediation); err != nil {
				return nil, err
			}
		}
	}
	if m.ID != 0 {
		var err error
		if f.Extra, err = s.courtClocks(ctx, tx, m, env); err != nil {
			return nil, err
		}
	}
	if m.Kind == casework.Complaint && m.NeedsVisit && m.OnSiteDueAt == nil {
		var err error
		if f.PromiseMinutes, err = promise(ctx, tx, m); err != nil {
			return nil, err
		}
	}
	want, err := deadline.Compute(f, env.cal, env.set.Clocks)
	if err != nil {
		return nil, err
	}
	for _, d := range want {
		if d.Kind == deadline.OnSite && m.OnSiteDueAt == nil {
			due := *d.DueAt
			m.OnSiteDueAt = &due
		}
	}
	return want, nil
}

// syncClocks brings the matter's deadline rows in line with the rules in the transaction of
// the change: new clocks start, met ones are marked met, moot ones cancelled, moved ones
// updated — or, when a clock restarts or moves after it was already breached, the old row is
// closed and a new one started, so a breach is never erased. It sets the matter's nearest
// due time and returns, per kind, what changed.
func (s *Service) syncClocks(ctx context.Context, tx *store.Tx, m *casework.Matter, env clockEnvironment, now time.Time) (map[string]any, error) {
	want, err := s.wantClocks(ctx, tx, m, env)
	if err != nil {
		return nil, err
	}
	var have []store.DeadlineRow
	if !env.newMatter {
		if have, err = tx.OpenDeadlines(ctx, m.ID); err != nil {
			return nil, err
		}
	}
	changes := map[string]any{}
	open := map[deadline.Kind]store.DeadlineRow{}
	for _, r := range have {
		open[r.Kind] = r
	}
	for _, w := range want {
		row, exists := open[w.Kind]
		delete(open, w.Kind)
		switch {
		case !w.Open() && exists:
			reason := ""
			if w.Status == deadline.Cancelled {
				reason = cancelReason(m)
			}
			if err := tx.EndDeadline(ctx, row.ID, w.Status == deadline.Met, reason, now); err != nil {
				return nil, err
			}
			changes[string(w.Kind)] = map[string]any{"status": string(w.Status)}
		case !w.Open():
		case !exists:
			if err := s.startClock(ctx, tx, m, w, env.newMatter, now); err != nil {
				return nil, err
			}
			changes[string(w.Kind)] = map[string]any{"status": "started", "due_at": timeOrNil(w.DueAt)}
		case !row.Start.Equal(w.Start) || row.BreachedAt != nil && !sameTime(row.DueAt, w.DueAt):
			reason := "restarted"
			if row.Start.Equal(w.Start) {
				reason = "moved"
			}
			if err := tx.EndDeadline(ctx, row.ID, false, reason, now); err != nil {
				return nil, err
			}
			if err := s.startClock(ctx, tx, m, w, false, now); err != nil {
				return nil, err
			}
			changes[string(w.Kind)] = map[string]any{"status": reason, "due_at": [2]any{timeOrNil(row.DueAt), timeOrNil(w.DueAt)}}
		case !sameTime(row.DueAt, w.DueAt) || !sameTime(row.RemindAt, w.RemindAt) || !sameTime(row.PausedAt, w.PausedAt) || row.MissingYear != w.MissingYear:
			if row.RemindedAt != nil && w.RemindAt != nil && w.RemindAt.After(now) {
				row.RemindedAt = nil // moved later: remind again before the new due time
			}
			if !sameTime(row.DueAt, w.DueAt) {
				changes[string(w.Kind)] = map[string]any{"status": string(w.Status), "due_at": [2]any{timeOrNil(row.DueAt), timeOrNil(w.DueAt)}}
			} else if !sameTime(row.PausedAt, w.PausedAt) {
				changes[string(w.Kind)] = map[string]any{"status": string(w.Status)}
			}
			row.Deadline, row.UpdatedAt = w, now
			if err := tx.UpdateDeadline(ctx, row); err != nil {
				return nil, err
			}
			if err := s.flagMissing(ctx, tx, m, w, now); err != nil {
				return nil, err
			}
		}
	}
	for _, row := range open {
		if err := tx.EndDeadline(ctx, row.ID, false, "not_applicable", now); err != nil {
			return nil, err
		}
		changes[string(row.Kind)] = map[string]any{"status": string(deadline.Cancelled)}
	}
	m.DueAt, m.DueKind = nil, ""
	if e := deadline.Earliest(want); e != nil {
		due := *e.DueAt
		m.DueAt, m.DueKind = &due, string(e.Kind)
	}
	return changes, nil
}

// startClock starts a deadline; a new matter's (newMatter) is written later, with
// other writes in one round trip where the store can (nobody reads its id).
func (s *Service) startClock(ctx context.Context, tx *store.Tx, m *casework.Matter, w deadline.Deadline, newMatter bool, now time.Time) error {
	row := store.DeadlineRow{MatterID: m.ID, Deadline: w, Rule: w.Kind.Rule(), CreatedAt: now, UpdatedAt: now}
	insert := func() error { return tx.InsertDeadline(ctx, &row) }
	if newMatter {
		insert = func() error { return tx.InsertDeadlineLater(ctx, row) }
	}
	if err := insert(); err != nil {
		return err
	}
	return s.flagMissing(ctx, tx, m, w, now)
}

// flagMissing announces once, to the office, that a deadline cannot be counted because the
// State Council notice for its year is not loaded (R-L43).
func (s *Service) flagMissing(ctx context.Context, tx *store.Tx, m *casework.Matter, w deadline.Deadline, now time.Time) error {
	if w.MissingYear == 0 {
		return nil
	}
	return calendarMissingAlert(ctx, tx, w.MissingYear, now)
}

func calendarMissingAlert(ctx context.Context, tx *store.Tx, year int, now time.Time) error {
	payload := map[string]any{"year": year}
	exists, err := tx.UnreadAlertExists(ctx, AlertCalendarMissing, payload)
	if err != nil || exists {
		return err
	}
	return tx.AddAlert(ctx, &store.Alert{Kind: AlertCalendarMissing, Payload: payload, CreatedAt: now})
}

func cancelReason(m *casework.Matter) string {
	if m.State == casework.Closed {
		return "closed"
	}
	return "not_applicable"
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

func timeOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.In(calendar.Shanghai).Format(time.RFC3339)
}

// escalating reports whether a breach of this kind moves the matter up (R-S3).
func escalating(set Settings, k deadline.Kind) bool { return slices.Contains(set.Clocks.EscalateOn, k) }
