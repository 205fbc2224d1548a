package service

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// DeliverInterval is how often the outbox worker looks for due messages.
const DeliverInterval = 5 * time.Second

// deliverBatch bounds how many messages one pass takes before it looks again.
const deliverBatch = 50

// outbox holds the senders of each channel and the retry policy; the next channels
// (SMS, e-mail, webhooks) only add a sender.
type outbox struct {
	mu      sync.RWMutex
	senders map[string]notify.Sender
	policy  notify.Policy
	lease   time.Duration // how long a claimed message is held before another worker may take it
	timeout time.Duration // how long one send may take
}

func newOutbox() *outbox {
	return &outbox{senders: map[string]notify.Sender{}, policy: notify.DefaultPolicy, lease: 2 * time.Minute, timeout: 30 * time.Second}
}

// SetSender makes sn deliver the messages of a channel.
func (s *Service) SetSender(channel string, sn notify.Sender) {
	s.outbox.mu.Lock()
	defer s.outbox.mu.Unlock()
	s.outbox.senders[channel] = sn
}

// SetDeliveryPolicy sets how often and how far apart messages are tried.
func (s *Service) SetDeliveryPolicy(p notify.Policy) {
	s.outbox.mu.Lock()
	defer s.outbox.mu.Unlock()
	if p.Attempts < 1 {
		p.Attempts = 1
	}
	s.outbox.policy = p
}

func (s *Service) senders() (map[string]notify.Sender, []string, notify.Policy) {
	s.outbox.mu.RLock()
	defer s.outbox.mu.RUnlock()
	chans := make([]string, 0, len(s.outbox.senders))
	for c := range s.outbox.senders {
		chans = append(chans, c)
	}
	slices.Sort(chans)
	return s.outbox.senders, chans, s.outbox.policy
}

// DeliveryResult counts what one pass of the outbox did.
type DeliveryResult struct {
	Sent, Failed, Dead int
}

// RunOutbox delivers due messages until ctx ends; serve runs it as a worker.
func (s *Service) RunOutbox(ctx context.Context) {
	t := time.NewTicker(DeliverInterval)
	defer t.Stop()
	for {
		if _, err := s.Deliver(ctx, s.now()); err != nil && ctx.Err() == nil {
			slog.Error("service: outbox", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Deliver tries every message due by now on a channel that has a sender. Each is claimed
// first with a conditional update, so one instance sends it while others pass it by; it
// is sent outside any transaction, then the attempt is recorded with the message's new
// state and a timeline entry on its matter. Messages of channels without a sender wait.
func (s *Service) Deliver(ctx context.Context, now time.Time) (DeliveryResult, error) {
	now = now.UTC().Truncate(time.Microsecond)
	var res DeliveryResult
	senders, chans, pol := s.senders()
	seen := map[int64]bool{}
	for {
		due, err := s.store.DueMessagesOn(ctx, now, chans, deliverBatch)
		if err != nil {
			return res, err
		}
		took := 0
		for _, m := range due {
			if seen[m.ID] {
				continue
			}
			seen[m.ID] = true
			var claimed bool
			err := s.store.Tx(ctx, func(tx *store.Tx) error {
				var err error
				claimed, err = tx.ClaimMessage(ctx, m.ID, now, now.Add(s.outbox.lease))
				return err
			})
			if err != nil {
				return res, err
			}
			if !claimed {
				continue
			}
			took++
			if err := s.attempt(ctx, senders[m.Channel], m, pol, now, &res); err != nil {
				return res, err
			}
		}
		if len(due) < deliverBatch || took == 0 {
			return res, nil
		}
	}
}

// attempt sends one claimed message and records what came of it.
func (s *Service) attempt(ctx context.Context, sn notify.Sender, m notify.Message, pol notify.Policy, now time.Time, res *DeliveryResult) error {
	sctx, cancel := context.WithTimeout(ctx, s.outbox.timeout)
	detail, sendErr := sn.Send(sctx, m)
	cancel()
	if sendErr != nil && ctx.Err() != nil {
		return ctx.Err() // shutting down: the claim runs out and the message is tried again
	}
	m.Attempts++
	a := store.Attempt{MessageID: m.ID, At: now, OK: sendErr == nil, Detail: detail}
	status := notify.Sent
	switch {
	case sendErr == nil:
		m.Status, m.SentAt, m.LastError = notify.Sent, &now, ""
		res.Sent++
	default:
		if a.Detail == "" {
			a.Detail = sendErr.Error()
		} else {
			a.Detail += " — " + sendErr.Error()
		}
		m.LastError = sendErr.Error()
		next, dead := pol.After(m.Attempts, now, notify.IsPermanent(sendErr))
		if dead {
			m.Status, status = notify.Dead, notify.Dead
			res.Dead++
		} else {
			m.Status, m.NextAttemptAt, status = notify.Pending, next, "failed"
			res.Failed++
		}
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.RecordAttempt(ctx, &m, a); err != nil {
			return err
		}
		if m.MatterID == nil {
			return nil
		}
		data := map[string]any{"message_id": m.ID, "kind": m.Kind, "channel": m.Channel, "attempt": m.Attempts,
			"status": status, "detail": a.Detail}
		if status == "failed" {
			data["next_attempt_at"] = m.NextAttemptAt
		}
		ev := casework.Event{MatterID: *m.MatterID, At: now, ActorName: casework.SystemActor.Name, Action: casework.Delivery, Data: data}
		if err := tx.AppendEvent(ctx, &ev); err != nil {
			return err
		}
		if status != notify.Dead {
			return nil
		}
		id := *m.MatterID
		return tx.AddAlert(ctx, &store.Alert{Kind: AlertMessageDead, MatterID: &id, CreatedAt: now,
			Payload: map[string]any{"message_id": m.ID, "kind": m.Kind, "channel": m.Channel, "error": m.LastError}})
	})
}
