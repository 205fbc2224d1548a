package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
)

// TestCollectiveCandidatesKeepTheirIndex: detection's read of the earlier
// complaints against a merchant not on record uses matters_merchant_name
// however the statistics stand. With stale statistics SQLite's planner took
// matters_merchant for "merchant_id IS NULL" and read every complaint of the
// window for each intake (660 µs an intake after 4,000 intakes in a
// `weiquan load --office` run; at a million, seconds). SQLite only: PostgreSQL plans by its own statistics
// of NULLs (TestIndexAudit reads its plans on a filled office).
func TestCollectiveCandidatesKeepTheirIndex(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	add := func(from, to int) {
		err := s.Tx(ctx, func(tx *Tx) error {
			for i := from; i < to; i++ {
				m := &casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Received,
					RuleSet: casework.Order121, Version: 1, Consumers: 1, ReceivedAt: t0.Add(time.Duration(i) * time.Minute),
					CreatedAt: t0, UpdatedAt: t0, Consumer: casework.Party{Name: "消费者", Phone: "13800000000"},
					MerchantName: fmt.Sprintf("好又多超市%d号店", i%1000), Facts: "购买的牛奶已过保质期"}
				if err := tx.InsertMatter(ctx, m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	add(0, 3000)
	// Statistics that flatter matters_merchant, as stale ones did in a
	// `weiquan load --office` run (sqlite_stat1 is the application's to
	// write; ANALYZE sqlite_schema makes SQLite read it again).
	for _, q := range []string{
		"ANALYZE",
		"UPDATE sqlite_stat1 SET stat = '3000 1 1' WHERE idx = 'matters_merchant'",
		"UPDATE sqlite_stat1 SET stat = '3000 30 1' WHERE idx = 'matters_merchant_name'",
		"ANALYZE sqlite_schema",
	} {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	since := t0.Add(24 * time.Hour)
	q, args := candidatesQuery(s.dialect, nil, "好又多超市7号店", since, 100)
	plan, err := explain(ctx, s, q, args...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan, "USING INDEX matters_merchant_name (merchant_name=? AND received_at>?)") {
		t.Errorf("candidates by name, plan:\n%s", plan)
	}
	// And it reads what it should: the 100 newest of that merchant since then.
	var got []int64
	err = s.Tx(ctx, func(tx *Tx) error {
		ms, err := tx.CollectiveCandidates(ctx, nil, "好又多超市7号店", since, 100)
		for _, m := range ms {
			got = append(got, m.ID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Of this name: i%1000 == 7, received at i minutes, since = 1,440: i = 2007.
	if len(got) != 1 {
		t.Fatalf("candidates: %d, want 1", len(got))
	}
	for i := 1; i < len(got); i++ {
		if got[i] >= got[i-1] {
			t.Fatalf("candidates not newest first: %v", got)
		}
	}
}
