package service

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/desk"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// deskRoles take calls on the hotline desk.
var deskRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator}

// callHub tells the operators' browsers of calls as they ring. On PostgreSQL a call is
// signalled to every instance of the office (store.ChannelCalls), and each instance listens
// while one of its browsers watches; on SQLite the one instance tells its own browsers.
type callHub struct {
	mu     sync.Mutex
	subs   map[chan desk.Call]struct{}
	cancel context.CancelFunc // stops this instance's listener; nil when none runs
}

func (h *callHub) publish(c desk.Call) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- c:
		default: // a browser that does not read is skipped, never waited for
		}
	}
}

// listen starts this instance's listener for the first browser to watch and waits, a
// little, until it is in place, so no call rung after the page opened is missed.
func (s *Service) listenForCalls() {
	if !s.store.Signals() || s.calls.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.calls.cancel = cancel
	ready := make(chan struct{})
	go s.store.Listen(ctx, store.ChannelCalls, func() { close(ready) }, func(payload string) {
		var c desk.Call
		if err := json.Unmarshal([]byte(payload), &c); err == nil {
			s.calls.publish(c)
		}
	})
	s.calls.mu.Unlock()
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
	}
	s.calls.mu.Lock()
}

// RecordCall keeps what the telephony part reports of a call and tells the desk's browsers
// once it is stored. Only the office's own tooling (the SIP user agent) reports calls; an
// event without a number or call id is refused and nothing is written.
func (s *Service) RecordCall(ctx context.Context, p auth.Principal, e desk.Event) (desk.Call, error) {
	if !p.System {
		return desk.Call{}, ErrForbidden
	}
	if err := e.Validate(); err != nil {
		return desk.Call{}, err
	}
	var c desk.Call
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		c, err = tx.RecordCall(ctx, e)
		if err != nil {
			return err
		}
		b, _ := json.Marshal(c)
		if signalled, err := tx.Signal(ctx, store.ChannelCalls, string(b)); err != nil {
			return err
		} else if !signalled {
			tx.AfterCommit(func() { s.calls.publish(c) })
		}
		if c.MatterID == nil || e.State == desk.Ringing {
			return nil
		}
		// The matter taken from the call learns when it was answered or ended.
		ev := casework.Event{MatterID: *c.MatterID, At: s.now(), ActorName: casework.SystemActor.Name, Action: casework.Call,
			Data: map[string]any{"call_id": c.CallID, "state": string(e.State), "at": e.At.UTC().Format(time.RFC3339)}}
		return tx.AppendEvent(ctx, &ev)
	})
	return c, err
}

// WatchCalls gives a desk operator's browser the calls as they ring, answer and end, until
// stop is called.
func (s *Service) WatchCalls(p auth.Principal) (<-chan desk.Call, func(), error) {
	if p.User == nil || !slices.Contains(deskRoles, p.User.Role) {
		return nil, nil, ErrForbidden
	}
	ch := make(chan desk.Call, 16)
	s.calls.mu.Lock()
	if s.calls.subs == nil {
		s.calls.subs = map[chan desk.Call]struct{}{}
	}
	s.calls.subs[ch] = struct{}{}
	s.listenForCalls()
	s.calls.mu.Unlock()
	stop := func() {
		s.calls.mu.Lock()
		delete(s.calls.subs, ch)
		if len(s.calls.subs) == 0 && s.calls.cancel != nil {
			s.calls.cancel()
			s.calls.cancel = nil
		}
		s.calls.mu.Unlock()
	}
	return ch, stop, nil
}

// RingingCalls lists the calls ringing now (rung in the last few minutes), for a desk page
// opened while a call rings.
func (s *Service) RingingCalls(ctx context.Context, p auth.Principal) ([]desk.Call, error) {
	if p.User == nil || !slices.Contains(deskRoles, p.User.Role) {
		return nil, ErrForbidden
	}
	return s.store.RingingCalls(ctx, s.now().Add(-5*time.Minute))
}

// CallerCard is what the desk shows while a call rings: the caller's earlier matters within
// the operator's scope, masked as lists are (reports only for those who may know their
// reporter), their open deadlines and the merchants involved.
type CallerCard struct {
	Call      desk.Call
	Matters   []casework.Matter
	Deadlines map[string][]deadline.Row // by case number: the deadlines still running
	Merchants []string
}

// cardMatters bounds how many earlier matters a card shows.
const cardMatters = 10

// CallerCard reads the card of a call for a desk operator.
func (s *Service) CallerCard(ctx context.Context, p auth.Principal, callID string) (CallerCard, error) {
	if p.User == nil || !slices.Contains(deskRoles, p.User.Role) {
		return CallerCard{}, ErrForbidden
	}
	v, err := s.viewerOf(ctx, p)
	if err != nil {
		return CallerCard{}, err
	}
	c, err := s.store.Call(ctx, callID)
	if err != nil {
		return CallerCard{}, err
	}
	card := CallerCard{Call: c, Deadlines: map[string][]deadline.Row{}}
	list, err := s.store.MattersOfPhone(ctx, c.Caller, 50)
	if err != nil {
		return card, err
	}
	for i := range list {
		m := &list[i]
		if !v.sees(m) {
			continue
		}
		sg := v.sight(m)
		if m.Kind == casework.Report && !sg.Reporter {
			continue // R-L25: a reporter is known only to those who may know them
		}
		if len(card.Matters) == cardMatters {
			break
		}
		card.Matters = append(card.Matters, maskMatter(*m, sg, true))
		if name := strings.TrimSpace(m.MerchantName); name != "" && !slices.Contains(card.Merchants, name) {
			card.Merchants = append(card.Merchants, name)
		}
		if m.State == casework.Closed {
			continue
		}
		rows, err := s.store.MatterDeadlines(ctx, m.ID)
		if err != nil {
			return card, err
		}
		for _, d := range rows {
			if d.Open() {
				card.Deadlines[m.Number] = append(card.Deadlines[m.Number], d)
			}
		}
	}
	return card, nil
}

// IntakeCall registers a matter taken on the telephone and keeps the call's id, times and
// recording reference on it, in the same transaction: the call is linked to the matter and
// its timeline says so. A call already taken, or unknown, refuses the intake.
func (s *Service) IntakeCall(ctx context.Context, p auth.Principal, in casework.IntakeInput, callID string) ([]casework.Matter, error) {
	u := p.User
	if u == nil || !slices.Contains(deskRoles, u.Role) {
		return nil, ErrForbidden
	}
	now := s.now()
	in.Normalize()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	var ms []casework.Matter
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		c, err := tx.Call(ctx, callID)
		if errors.Is(err, store.ErrNotFound) {
			return invalid.New("call_id", invalid.NotFound)
		} else if err != nil {
			return err
		}
		if c.MatterID != nil {
			return invalid.New("call_id", invalid.Duplicate)
		}
		if ms, err = s.intakeTx(ctx, tx, u, in, now); err != nil {
			return err
		}
		if err := tx.TakeCall(ctx, callID, ms[0].ID); err != nil {
			return err
		}
		data := map[string]any{"call_id": c.CallID, "caller": c.Caller, "rang_at": c.RangAt.Format(time.RFC3339)}
		if c.AnsweredAt != nil {
			data["answered_at"] = c.AnsweredAt.Format(time.RFC3339)
		}
		if c.EndedAt != nil {
			data["ended_at"] = c.EndedAt.Format(time.RFC3339)
		}
		if c.Extension != "" {
			data["extension"] = c.Extension
		}
		if c.RecordingRef != "" {
			data["recording_ref"] = c.RecordingRef
		}
		ac := actor(u)
		ev := casework.Event{MatterID: ms[0].ID, At: now, ActorID: ac.ID, ActorName: ac.Name, Action: casework.Call,
			From: ms[0].State, To: ms[0].State, Data: data}
		return tx.AppendEvent(ctx, &ev)
	})
	if err != nil {
		return nil, err
	}
	return ms, nil
}
