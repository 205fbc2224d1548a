package service

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"weiquan/internal/notify"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestOutboxDeliversOnceAcrossInstances (issue 14): two instances deliver the same outbox at
// once; every message is sent exactly once, each attempt recorded; a channel without a
// sender waits, its attempts unspent.
func TestOutboxDeliversOnceAcrossInstances(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)
		err := s.Tx(ctx, func(tx *store.Tx) error {
			for i := range 40 {
				ch := notify.Hotline
				if i%10 == 9 {
					ch = notify.SMS // no sender yet
				}
				m := notify.Message{Kind: "test", Channel: ch, Recipient: "RC", Body: "x", CreatedAt: now}
				if err := tx.AddMessage(ctx, &m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		sent := map[int64]int{}
		sender := notify.SenderFunc(func(_ context.Context, m notify.Message) (string, error) {
			mu.Lock()
			defer mu.Unlock()
			sent[m.ID]++
			return "HTTP 200", nil
		})
		var wg sync.WaitGroup
		results := make([]DeliveryResult, 2)
		errs := make([]error, 2)
		for i := range 2 {
			svc := New(s, func() time.Time { return now })
			svc.SetSender(notify.Hotline, sender)
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = svc.Deliver(ctx, now)
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		if len(sent) != 36 || results[0].Sent+results[1].Sent != 36 {
			t.Fatalf("sent %d distinct, counted %+v", len(sent), results)
		}
		for id, n := range sent {
			if n != 1 {
				t.Errorf("message %d sent %d times", id, n)
			}
			if atts, _ := s.MessageAttempts(ctx, id); len(atts) != 1 || !atts[0].OK {
				t.Errorf("message %d attempts %+v", id, atts)
			}
		}
		due, _ := s.DueMessages(ctx, now, 100)
		if len(due) != 4 || due[0].Attempts != 0 || due[0].Channel != notify.SMS {
			t.Errorf("waiting without a sender: %d", len(due))
		}
	})
}
