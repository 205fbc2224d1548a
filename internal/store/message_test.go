package store_test

import (
	"context"
	"testing"
	"time"

	"weiquan/internal/notify"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestMessages: a message is kept with its matter and comes due at its next attempt.
func TestMessages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 6, 16, 2, 0, 0, 0, time.UTC)
		msgs := []notify.Message{
			{Kind: "outcome_notice", Channel: notify.SMS, Recipient: "13800138000", Body: "您的投诉已办结", CreatedAt: now},
			{Kind: "hotline_reply", Channel: notify.Hotline, Recipient: "GD20260616001", Body: "已签收", CreatedAt: now,
				NextAttemptAt: now.Add(time.Hour), Payload: map[string]any{"state": "签收"}},
		}
		err := s.Tx(ctx, func(tx *store.Tx) error {
			for i := range msgs {
				if err := msgs[i].Validate(); err != nil {
					return err
				}
				if err := tx.AddMessage(ctx, &msgs[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		due, err := s.DueMessages(ctx, now, 10)
		if err != nil || len(due) != 1 || due[0].ID != msgs[0].ID || due[0].Status != notify.Pending || due[0].Lang != "zh-CN" {
			t.Fatalf("due now: %+v %v", due, err)
		}
		due, err = s.DueMessages(ctx, now.Add(2*time.Hour), 10)
		if err != nil || len(due) != 2 || due[1].Payload["state"] != "签收" {
			t.Fatalf("due later: %+v %v", due, err)
		}
		bad := notify.Message{Kind: "x", Channel: "pigeon", Body: "x"}
		if err := bad.Validate(); err == nil {
			t.Fatal("a message with no recipient on an unknown channel passed")
		}
	})
}
