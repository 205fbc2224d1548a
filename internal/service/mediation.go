package service

import (
	"context"
	"slices"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/document"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// Who takes the steps of mediation: the office records consent, callbacks and answers for
// parties; mediators hold sessions, reach and sign agreements, issue documents.
var (
	mediationOffice = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Judge}
	mediationHands  = []auth.Role{auth.Admin, auth.Supervisor, auth.Mediator, auth.Judge}
)

// Setting keys of mediation.
const (
	SettingMediation = "mediation"
	SettingOffice    = "office"
)

// DefaultOffice is the issuing body documents and notices name until an admin sets the real one.
func DefaultOffice() document.Office {
	return document.Office{Name: "县市场监督管理局", SealText: "县市场监督管理局"}
}

// step is one mediation command on a matter locked and found visible in its transaction: it
// changes what it must and returns the timeline event to append (nil: the command appended its own).
type step func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error)

// onMatter runs a mediation command: the role, the matter locked and in the user's scope, the
// step, its timeline event — all in one transaction. It returns the matter as the step left it.
func (s *Service) onMatter(ctx context.Context, p auth.Principal, number string, roles []auth.Role, fn step) (casework.Matter, error) {
	u := p.User
	if u == nil || !slices.Contains(roles, u.Role) {
		return casework.Matter{}, ErrForbidden
	}
	sc, err := s.userScope(ctx, u)
	if err != nil {
		return casework.Matter{}, err
	}
	now := s.now()
	var m casework.Matter
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		if m, err = tx.LockMatter(ctx, number); err != nil {
			return err
		}
		if !Visible(sc, &m) {
			return store.ErrNotFound
		}
		return s.runStep(ctx, tx, u, &m, fn, now)
	})
	return m, err
}

// runStep runs a step on a matter locked in tx: the step, the clocks it moves, its timeline event.
func (s *Service) runStep(ctx context.Context, tx *store.Tx, u *auth.User, m *casework.Matter, fn step, now time.Time) error {
	env, err := s.clockEnv(ctx, tx)
	if err != nil {
		return err
	}
	ev, err := fn(tx, u, m, env, now)
	if err != nil {
		return err
	}
	changes, err := s.syncClocks(ctx, tx, m, env, now) // what the step recorded may start, meet or move a clock
	if err != nil {
		return err
	}
	if len(changes) > 0 {
		m.UpdatedAt = now
		if err := tx.UpdateMatter(ctx, m); err != nil {
			return err
		}
		if ev != nil {
			if ev.Data == nil {
				ev.Data = map[string]any{}
			}
			ev.Data["deadlines"] = changes
		}
	}
	if ev == nil {
		return nil
	}
	return tx.AppendEvent(ctx, ev)
}

// event is a timeline entry of a mediation step that leaves the matter's state as it is.
func event(u *auth.User, m *casework.Matter, a casework.Action, now time.Time, data map[string]any) *casework.Event {
	ac := actor(u)
	return &casework.Event{MatterID: m.ID, At: now, ActorID: ac.ID, ActorName: ac.Name, Action: a, From: m.State, To: m.State, Data: data}
}

// mediationSettings reads the office's mediation settings in a transaction.
func mediationSettings(ctx context.Context, tx *store.Tx) (mediation.Settings, document.Office, error) {
	set, err := settingsTx(ctx, tx)
	return set.Mediation, set.Office, err
}
