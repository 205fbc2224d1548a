package service

import (
	"context"
	"errors"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// intakeRoute carries what routing decided for a new matter to its intake event.
type intakeRoute struct {
	r    routing
	data map[string]any
}

// beforeInsert routes a new matter (R-S2, R-L11) and sets its on-site and nearest due times.
func (s *Service) beforeInsert(ctx context.Context, tx *store.Tx, m *casework.Matter, env clockEnvironment) (intakeRoute, error) {
	r, data, err := s.routeIntake(ctx, tx, m, env.set)
	if err != nil {
		return intakeRoute{}, err
	}
	want, err := s.wantClocks(ctx, tx, m, env)
	if err != nil {
		return intakeRoute{}, err
	}
	if e := deadline.Earliest(want); e != nil {
		due := *e.DueAt
		m.DueAt, m.DueKind = &due, string(e.Kind)
	}
	return intakeRoute{r: r, data: data}, nil
}

// afterInsert starts the new matter's clocks and queues an unreachable platform merchant (R-L40).
func (s *Service) afterInsert(ctx context.Context, tx *store.Tx, m *casework.Matter, env clockEnvironment, ir intakeRoute, now time.Time) error {
	env.newMatter = true // m was inserted just now, in tx
	if _, err := s.syncClocks(ctx, tx, m, env, now); err != nil {
		return err
	}
	if ir.r.unreachable != nil {
		return unreachableAlert(ctx, tx, m, ir.r.unreachable, now)
	}
	return nil
}

// pending is what prepareAction found for afterAction.
type pending struct {
	target *casework.Matter // the earlier report of a merge
}

// prepareAction fills in what an action needs from outside the matter: the level and
// station an escalation goes to (R-S3), the report a later one is merged into (R-L24).
func (s *Service) prepareAction(ctx context.Context, tx *store.Tx, u *auth.User, m *casework.Matter, a casework.Action, in *casework.ActionInput) (pending, error) {
	var p pending
	switch a {
	case casework.Escalate:
		lvl, st, err := s.escalationTarget(ctx, tx, m)
		if err != nil {
			return p, err
		}
		in.ToLevel, in.StationID = lvl, st
	case casework.Merge:
		in.Into = strings.TrimSpace(in.Into)
		if in.Into == "" || in.Into == m.Number {
			return p, nil // Apply names the problem
		}
		t, err := tx.LockMatter(ctx, in.Into)
		if errors.Is(err, store.ErrNotFound) {
			return p, nil
		} else if err != nil {
			return p, err
		}
		sc, err := s.userScope(ctx, u)
		if err != nil {
			return p, err
		}
		if !Visible(sc, &t) {
			return p, nil
		}
		if t.Kind != casework.Report || !(t.State == casework.Received || t.State == casework.Verifying) || t.ReceivedAt.After(m.ReceivedAt) {
			return p, invalid.New("into", invalid.Conflict) // only into an earlier report still being verified
		}
		in.IntoID, p.target = &t.ID, &t
	}
	return p, nil
}

// afterAction does, in the action's transaction, what follows from it for the clocks: pauses
// start and end, a correction may raise the level, the other report of a merge restarts, the
// new station of an escalation is told; then the matter's deadlines are brought in line. It
// returns further timeline events to append after the action's own.
func (s *Service) afterAction(ctx context.Context, tx *store.Tx, u *auth.User, m *casework.Matter, a casework.Action,
	in casework.ActionInput, ev *casework.Event, p pending, now time.Time) ([]casework.Event, error) {
	env, err := s.clockEnv(ctx, tx)
	if err != nil {
		return nil, err
	}
	ac := actor(u)
	var more []casework.Event
	switch a {
	case casework.Pause:
		err = tx.StartPause(ctx, m.ID, in.ReasonCode, now, ac.ID)
	case casework.Resume, casework.Terminate:
		err = tx.EndPause(ctx, m.ID, now, ac.ID)
	case casework.Escalate:
		err = escalatedAlert(ctx, tx, m, *ev, now)
	case casework.Update:
		more, err = s.afterUpdate(ctx, tx, m, ev, env, now)
	case casework.Merge:
		err = s.mergeInto(ctx, tx, m, p.target, in, ac, env, now)
	}
	if err != nil {
		return nil, err
	}
	changes, err := s.syncClocks(ctx, tx, m, env, now)
	if err != nil {
		return nil, err
	}
	if len(changes) > 0 {
		if ev.Data == nil {
			ev.Data = map[string]any{}
		}
		ev.Data["deadlines"] = changes
	}
	return more, nil
}

// afterUpdate starts the on-site promise when a visit is found necessary, and re-routes a
// corrected matter: up (an escalation by the system, reason "criteria") when the criteria now
// ask for a higher level, to its new area's station when the area changed — never down (R-S3).
func (s *Service) afterUpdate(ctx context.Context, tx *store.Tx, m *casework.Matter, ev *casework.Event, env clockEnvironment, now time.Time) ([]casework.Event, error) {
	diff, _ := ev.Data["changes"].(map[string][2]any)
	if _, ok := diff["needs_visit"]; ok && !m.NeedsVisit && m.ArrivedAt == nil {
		m.OnSiteDueAt = nil // no visit, no promise; the change is on the timeline
	}
	if _, ok := diff["needs_visit"]; ok && m.NeedsVisit && m.OnSiteDueAt == nil && m.Kind == casework.Complaint {
		minutes, err := promise(ctx, tx, m)
		if err != nil {
			return nil, err
		}
		due := now.Add(time.Duration(minutes) * time.Minute) // a visit promised from when it was found necessary
		m.OnSiteDueAt = &due
	}
	routed := false
	for _, k := range []string{"amount_in_dispute", "consumers", "subcategory", "merchant_id", "area_id"} {
		_, ok := diff[k]
		routed = routed || ok
	}
	if !routed || m.State == casework.Closed {
		return nil, nil
	}
	r, err := s.routeFor(ctx, tx, m, env.set, dispatch.Level(m.Level))
	if err != nil {
		return nil, err
	}
	if _, ok := diff["merchant_id"]; ok && r.unreachable != nil {
		if err := unreachableAlert(ctx, tx, m, r.unreachable, now); err != nil {
			return nil, err
		}
	}
	if r.level.Rank() > dispatch.Level(m.Level).Rank() {
		esc, err := casework.Apply(m, casework.SystemActor, casework.Escalate,
			casework.ActionInput{ReasonCode: casework.EscalateCriteria, ToLevel: string(r.level), StationID: r.station}, now)
		if err != nil {
			return nil, err
		}
		esc.Data["tier"] = r.why
		return []casework.Event{esc}, escalatedAlert(ctx, tx, m, esc, now)
	}
	if _, ok := diff["area_id"]; ok && !sameID(m.StationID, r.station) && r.station != nil {
		ev.Data["station_id"] = [2]any{idOrNil(m.StationID), *r.station}
		m.StationID = r.station
	}
	return nil, nil
}

// mergeInto restarts the earlier report's verification from the later one's receipt when it
// brings new facts (R-L24), with an entry on the earlier report's timeline.
func (s *Service) mergeInto(ctx context.Context, tx *store.Tx, m, t *casework.Matter, in casework.ActionInput, ac casework.Actor, env clockEnvironment, now time.Time) error {
	data := map[string]any{"from": m.Number, "new_facts": in.NewFacts}
	if in.NewFacts && (t.RestartedAt == nil || m.ReceivedAt.After(*t.RestartedAt)) && m.ReceivedAt.After(t.ReceivedAt) {
		r := m.ReceivedAt
		t.RestartedAt = &r
		data["restarted_from"] = timeOrNil(&r)
	}
	changes, err := s.syncClocks(ctx, tx, t, env, now)
	if err != nil {
		return err
	}
	if len(changes) > 0 {
		data["deadlines"] = changes
	}
	t.UpdatedAt = now
	if err := tx.UpdateMatter(ctx, t); err != nil {
		return err
	}
	tev := casework.Event{MatterID: t.ID, At: now, ActorID: ac.ID, ActorName: ac.Name, Action: casework.MergedIn, From: t.State, To: t.State, Data: data}
	return tx.AppendEvent(ctx, &tev)
}

func sameID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func idOrNil(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}
