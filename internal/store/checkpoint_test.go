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

// waitCheckpointed waits until the store's checkpointer — never the writer —
// has run after `after` checkpoints and found every frame of the WAL copied.
func waitCheckpointed(t *testing.T, s *store.Store, after int64) {
	t.Helper()
	ctx := context.Background()
	_, pages, err := store.CheckpointsForTest(ctx, s)
	if err != nil || pages != 0 {
		t.Fatalf("the writer checkpoints by itself every %d pages (want 0: never), %v", pages, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, _, _ := store.CheckpointsForTest(ctx, s)
		log, done := store.LastCheckpointForTest(s)
		if n > after && log > 0 && log == done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s: %d checkpoints (%d before), the last copied %d of %d WAL frames", n, after, done, log)
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
	ran := func() int64 { n, _, _ := store.CheckpointsForTest(ctx, s); return n - before }
	// At least 400 ms (four of the checkpointer's pauses), until two have run
	// (a slow disk's syncs can make one take long), at most 5 s.
	for i := 0; i < 50 || time.Since(start) < 400*time.Millisecond || ran() < 2 && time.Since(start) < 5*time.Second; i++ {
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
	waitCheckpointed(t, s, mid)
	for _, id := range ids {
		if _, err := s.Matter(ctx, id); err != nil {
			t.Fatalf("matter %d after the checkpoints: %v", id, err)
		}
	}
	if ok, err := store.IntegrityForTest(ctx, s); err != nil || ok != "ok" {
		t.Fatalf("integrity %q %v", ok, err)
	}
}

// TestCheckpointsAfterCommitsOutsideTheWriter: a commit that does not pass
// through the writers' transactions (a fill, a migration) is copied into the
// database file too, by the checkpointer's idle round.
func TestCheckpointsAfterCommitsOutsideTheWriter(t *testing.T) {
	s := testdb.SQLite(t)
	ctx := context.Background()
	// Whatever opening the office kicked off is done first: no checkpoint for
	// a while (but less than the idle round's second).
	before, _, err := store.CheckpointsForTest(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	for settled := time.Now(); time.Since(settled) < 300*time.Millisecond; time.Sleep(10 * time.Millisecond) {
		if n, _, _ := store.CheckpointsForTest(ctx, s); n != before {
			before, settled = n, time.Now()
		}
	}
	if err := store.ExecForBench(ctx, s, `CREATE TABLE outside (id INTEGER PRIMARY KEY, body TEXT);
		WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000)
		INSERT INTO outside SELECT i, hex(randomblob(200)) FROM c`); err != nil {
		t.Fatal(err)
	}
	waitCheckpointed(t, s, before)
}
