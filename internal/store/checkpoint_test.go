package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// waitCheckpointed waits until every frame of the WAL has been copied into
// the database file by the store's checkpointer, never by the writer.
func waitCheckpointed(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	_, pages, err := store.CheckpointsForTest(ctx, s)
	if err != nil || pages != 0 {
		t.Fatalf("the writer checkpoints by itself every %d pages (want 0: never), %v", pages, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, _, _ := store.CheckpointsForTest(ctx, s)
		log, done, err := store.WALFramesForTest(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 && log == done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s: %d checkpoints, %d of %d WAL frames copied", n, done, log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestCheckpointsBesideTheWriter: SQLite's writer never copies its WAL into
// the database inside a commit (issue 13: the copy and its two syncs stalled
// every batch that reached 1,000 pages); the store does, from a connection of
// its own, soon after commits — so the WAL is copied while commands keep
// coming, and nothing committed is lost to it.
func TestCheckpointsBesideTheWriter(t *testing.T) {
	s := testdb.SQLite(t)
	ctx := context.Background()
	before, _, err := store.CheckpointsForTest(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	// Commits for longer than the checkpointer's pause: it runs between them.
	var ids []int64
	start := time.Now()
	for i := 0; time.Since(start) < 400*time.Millisecond || i < 50; i++ {
		m := &casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Received,
			RuleSet: casework.Order121, Version: 1, Consumers: 1, ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0,
			Consumer: casework.Party{Name: fmt.Sprintf("张%d", i), Phone: fmt.Sprintf("139%08d", i)},
			Facts:    fmt.Sprintf("购买的电饭煲第%d次出现故障，要求退货。", i)}
		if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.InsertMatter(ctx, m) }); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	mid, _, _ := store.CheckpointsForTest(ctx, s)
	if mid-before < 2 {
		t.Errorf("%d checkpoints while %d commits ran for %v (want them copied as they go)", mid-before, len(ids), time.Since(start))
	}
	waitCheckpointed(t, s)
	for _, id := range ids {
		if _, err := s.Matter(ctx, id); err != nil {
			t.Fatalf("matter %d after the checkpoints: %v", id, err)
		}
	}
	if ok, err := store.IntegrityForTest(ctx, s); err != nil || ok != "ok" {
		t.Fatalf("integrity %q %v", ok, err)
	}
}
