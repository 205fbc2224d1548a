package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"weiquan/internal/collective"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestJoinCollectiveCaseEqualsDecodeAppendEncode: JoinCollectiveCase, which lets the
// database patch a case's evidence, leaves exactly the evidence that reading it,
// appending the link in Go and writing it back left — with links to add to, with the
// links full, and with none stored.
func TestJoinCollectiveCaseEqualsDecodeAppendEncode(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		links := func(n int) []collective.Link {
			var ls []collective.Link
			for i := 0; i < n; i++ {
				ls = append(ls, collective.Link{ID: int64(10 + i), Number: "T2026" + string(rune('0'+i)), Similarity: 0.333 + float64(i)/1000, SameKind: i%2 == 0})
			}
			return ls
		}
		link := collective.Link{ID: 99, Number: "T20260099", Similarity: 0.417}
		lastAt := t0.Add(5*time.Hour + 123*time.Nanosecond)
		now := t0.Add(6 * time.Hour)
		for _, tc := range []struct {
			name  string
			links []collective.Link
			max   int
		}{{"room", links(2), 3}, {"full", links(3), 3}, {"none", nil, 3}} {
			t.Run(tc.name, func(t *testing.T) {
				ev := collective.Evidence{Merchant: "某某超市 A&B <店>", Subcategory: "食品", WindowDays: 30, FirstAt: t0, LastAt: t0.Add(time.Hour),
					Links: tc.links, Terms: []string{"牛奶", "过期"}, MeanSim: 0.351}
				c := collective.Case{Status: collective.Proposed, MerchantName: ev.Merchant, MerchantKey: "name:某某超市", Evidence: ev,
					ProposedAt: t0, CreatedAt: t0, UpdatedAt: t0}
				var head collective.Case
				err := s.Tx(ctx, func(tx *store.Tx) error {
					if err := tx.InsertCollectiveCase(ctx, &c); err != nil {
						return err
					}
					var err error
					if head, err = tx.LockCollectiveStatus(ctx, c.ID); err != nil {
						return err
					}
					return tx.JoinCollectiveCase(ctx, c.ID, link, tc.max, lastAt, now)
				})
				if err != nil {
					t.Fatal(err)
				}
				if head.ID != c.ID || head.Status != collective.Proposed || head.MerchantName != c.MerchantName || len(head.Evidence.Links) != 0 {
					t.Fatalf("head: %+v", head)
				}
				want := ev
				if len(want.Links) < tc.max {
					want.Links = append(append([]collective.Link{}, want.Links...), link)
				}
				want.LastAt = lastAt
				got, err := s.CollectiveCase(ctx, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				// what the old path stored: the evidence through encoding/json and back
				old := c
				old.Evidence = want
				if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.InsertCollectiveCase(ctx, &old) }); err != nil {
					t.Fatal(err)
				}
				wantBack, err := s.CollectiveCase(ctx, old.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got.Evidence, wantBack.Evidence) {
					t.Fatalf("evidence\n got %+v\nwant %+v", got.Evidence, wantBack.Evidence)
				}
				if !got.UpdatedAt.Equal(now) {
					t.Fatalf("updated_at %v, want %v", got.UpdatedAt, now)
				}
			})
		}
		err := s.Tx(ctx, func(tx *store.Tx) error { return tx.JoinCollectiveCase(ctx, 424242, link, 3, lastAt, now) })
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing case: %v", err)
		}
	})
}
