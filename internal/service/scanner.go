package service

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// ScanInterval is how often the scanner looks for deadlines: often enough that reminders and
// breaches fire well within a minute of their instant.
const ScanInterval = 10 * time.Second

// scanBatch bounds how many deadlines one pass claims before it looks again.
const scanBatch = 200

// ScanResult counts what one pass of the scanner did.
type ScanResult struct {
	Reminded, Breached, Escalated int
}

// RunScanner fires reminders and breaches until ctx ends; serve runs it as a worker.
func (s *Service) RunScanner(ctx context.Context) {
	t := time.NewTicker(ScanInterval)
	defer t.Stop()
	for {
		if _, err := s.Scan(ctx, s.now()); err != nil && ctx.Err() == nil {
			slog.Error("service: deadline scan", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Scan fires every reminder and breach due by now. Each is claimed with a conditional update
// in its own transaction, together with its timeline entry, its alert and any escalation, so
// it fires exactly once — after a restart that spanned its due time too, and with several
// instances scanning one database.
func (s *Service) Scan(ctx context.Context, now time.Time) (ScanResult, error) {
	now = now.UTC().Truncate(time.Microsecond)
	var res ScanResult
	set, err := s.settings(ctx)
	if err != nil {
		return res, err
	}
	for {
		items, err := s.store.DueDeadlines(ctx, now, scanBatch)
		if err != nil {
			return res, err
		}
		fired := 0
		var failed error
		for _, it := range items {
			var r ScanResult
			err := s.store.Tx(ctx, func(tx *store.Tx) error {
				var err error
				r, err = s.fire(ctx, tx, it, set, now)
				return err
			})
			if err != nil {
				if ctx.Err() != nil {
					return res, err
				}
				failed = errors.Join(failed, err) // one bad matter must not hold up the others; the next pass retries it
				continue
			}
			res.Reminded, res.Breached, res.Escalated = res.Reminded+r.Reminded, res.Breached+r.Breached, res.Escalated+r.Escalated
			fired += r.Reminded + r.Breached
		}
		if failed != nil {
			return res, failed
		}
		if len(items) < scanBatch || fired == 0 {
			break
		}
	}
	if err := s.scanListings(ctx, now); err != nil {
		return res, err
	}
	if err := s.reviewHonours(ctx, now); err != nil {
		return res, err
	}
	return res, s.remindCalendar(ctx, now)
}

// fire claims one due item and announces it.
func (s *Service) fire(ctx context.Context, tx *store.Tx, it store.DueItem, set Settings, now time.Time) (ScanResult, error) {
	var res ScanResult
	m, err := tx.LockMatterID(ctx, it.MatterID) // lock the matter first, as commands do, so the two never deadlock
	if err != nil {
		return res, err
	}
	claim := tx.ClaimReminder
	if it.Breach {
		claim = tx.ClaimBreach
	}
	ok, err := claim(ctx, it.ID, now)
	if err != nil || !ok {
		return res, err
	}
	d, err := tx.Deadline(ctx, it.ID)
	if err != nil {
		return res, err
	}
	id, dl := m.ID, d.ID
	payload := map[string]any{"deadline": string(d.Kind), "rule": d.Rule, "due_at": timeOrNil(d.DueAt)}
	alert := store.Alert{Kind: AlertReminder, MatterID: &id, DeadlineID: &dl, StationID: m.StationID, UserID: m.AssigneeID,
		Payload: payload, CreatedAt: now}
	if !it.Breach {
		res.Reminded++
		if err := tx.AddAlert(ctx, &alert); err != nil {
			return res, err
		}
		return res, s.alertStaff(ctx, tx, &m, alert, now) // to the staff who want it by SMS or e-mail (staff_alerts.go)
	}
	res.Breached++
	alert.Kind = AlertBreach
	if err := tx.AddAlert(ctx, &alert); err != nil {
		return res, err
	}
	if err := s.alertStaff(ctx, tx, &m, alert, now); err != nil {
		return res, err
	}
	ev := casework.Event{MatterID: m.ID, At: now, ActorName: casework.SystemActor.Name, Action: casework.Breach,
		From: m.State, To: m.State, Data: payload}
	if err := tx.AppendEvent(ctx, &ev); err != nil {
		return res, err
	}
	if err := offerTermination(ctx, tx, m, d, now); err != nil {
		return res, err
	}
	if !escalating(set, d.Kind) || m.State == casework.Closed {
		return res, nil
	}
	escalated, err := s.escalateOnBreach(ctx, tx, &m, d.Kind, now)
	if escalated {
		res.Escalated++
	}
	return res, err
}

// escalateOnBreach moves the matter up one level because a deadline was missed (R-S1, R-S3);
// a matter already at the county stays there, its breach told all the same.
func (s *Service) escalateOnBreach(ctx context.Context, tx *store.Tx, m *casework.Matter, k deadline.Kind, now time.Time) (bool, error) {
	lvl, st, err := s.escalationTarget(ctx, tx, m)
	if err != nil || lvl == "" {
		return false, err
	}
	code := casework.EscalateDeadlineMissed
	if k == deadline.OnSite {
		code = casework.EscalateOnSiteMissed
	}
	ev, err := casework.Apply(m, casework.SystemActor, casework.Escalate,
		casework.ActionInput{ReasonCode: code, ToLevel: lvl, StationID: st}, now)
	var te *casework.TransitionError
	if errors.As(err, &te) {
		return false, nil // the matter's state allows no escalation
	}
	if err != nil {
		return false, err
	}
	ev.Data["deadline"] = string(k)
	if err := tx.UpdateMatter(ctx, m); err != nil {
		return false, err
	}
	if err := tx.AppendEvent(ctx, &ev); err != nil {
		return false, err
	}
	return true, escalatedAlert(ctx, tx, m, ev, now)
}

// remindCalendar asks the office, from October on, to load next year's State Council notice
// while it is missing (R-L43); the alert is made once and stands until read.
func (s *Service) remindCalendar(ctx context.Context, now time.Time) error {
	today := calendar.DateOf(now)
	if today.Month < time.October {
		return nil
	}
	years, err := s.store.CalendarYears(ctx)
	if err != nil {
		return err
	}
	for _, y := range years {
		if y.Year == today.Year+1 {
			return nil
		}
	}
	if asked, err := s.store.UnreadAlertExists(ctx, AlertCalendarMissing, map[string]any{"year": today.Year + 1}); err != nil || asked {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error { return calendarMissingAlert(ctx, tx, today.Year+1, now) })
}

// offerTermination tells the mediator, at the breach of the mediation period, that mediation
// may now be terminated with T5 (R-L18): an alert with the reason, never the termination itself.
func offerTermination(ctx context.Context, tx *store.Tx, m casework.Matter, d store.DeadlineRow, now time.Time) error {
	if d.Kind != deadline.Mediation {
		return nil
	}
	run := d.Deadline
	run.Status = deadline.Running
	o, ok := mediation.OfferTermination(m, run, now)
	if !ok {
		return nil
	}
	id, dl := m.ID, d.ID
	return tx.AddAlert(ctx, &store.Alert{Kind: AlertOfferTermination, MatterID: &id, DeadlineID: &dl, StationID: m.StationID, UserID: m.AssigneeID,
		Payload: map[string]any{"action": string(o.Action), "reason_code": o.Reason.Code, "reason_zh-CN": o.Reason.Text("zh-CN"),
			"reason_en": o.Reason.Text("en"), "due_at": timeOrNil(&o.DueAt)}, CreatedAt: now})
}
