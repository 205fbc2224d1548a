package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// intakeLike is a command as intake makes them: it reads the config stamp,
// inserts a matter and appends its timeline event (three statements, the
// stamp read once a batch), then fails as fail says: "" not at all, "go"
// with an error of its own after writing, "sql" with a statement's error.
func intakeLike(ctx context.Context, number, fail string, after *int) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		if _, err := tx.ConfigStamp(ctx); err != nil {
			return err
		}
		m := casework.Matter{Number: number, Kind: casework.Complaint, Channel: casework.Hotline12315,
			State: casework.Received, RuleSet: casework.Order121, Version: 1, Consumers: 1,
			ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0, Facts: "牛奶过期"}
		if err := tx.InsertMatter(ctx, &m); err != nil {
			return err
		}
		ev := casework.Event{MatterID: m.ID, At: t0, Action: casework.Intake, To: m.State}
		if err := tx.AppendEvent(ctx, &ev); err != nil {
			return err
		}
		switch fail {
		case "go":
			return errors.New("refused after writing " + number)
		case "sql":
			dup := m
			dup.ID = 0
			if err := tx.InsertMatter(ctx, &dup); err != nil {
				return err
			}
		}
		tx.AfterCommit(func() { *after++ })
		return nil
	}
}

// TestBatchRoundTripsPostgres: a PostgreSQL batch whose commands all succeed
// costs their own statements and two round trips — the config stamp, BEGIN
// and the rollup shard in one message, then COMMIT — with no savepoint
// (before: BEGIN, the shard with the first savepoint, the stamp, a
// savepoint's release and set for every further command, COMMIT: 4 + 3 more
// for 4 commands).
func TestBatchRoundTripsPostgres(t *testing.T) {
	s := testdb.Postgres(t)
	ctx := context.Background()
	var after int
	fns := make([]func(*store.Tx) error, 4)
	for i := range fns {
		fns[i] = intakeLike(ctx, fmt.Sprintf("RT%d", i), "", &after)
	}
	before := store.WriterStatementsForTest(s)
	errs, ok := store.BatchForTest(s, fns...)
	got := store.WriterStatementsForTest(s) - before
	if !ok || errors.Join(errs...) != nil {
		t.Fatalf("batch: %v %v", ok, errs)
	}
	if want := int64(2 + 4*2); got != want {
		t.Fatalf("a batch of 4 commands of 2 statements each sent %d statements, want %d", got, want)
	}
	if after != 4 {
		t.Fatalf("AfterCommit ran %d times for 4 commands", after)
	}
	for i := range fns {
		if _, err := s.MatterByNumber(ctx, fmt.Sprintf("RT%d", i)); err != nil {
			t.Fatalf("RT%d: %v", i, err)
		}
	}
}

// TestBatchFailureAttributedPostgres: in a batch run without savepoints, a
// command failing with its own error or with a statement's error fails
// alone, with its own error; the commands before it (rolled back with it)
// and after it are stored once, each with its one timeline event and one
// AfterCommit. Both databases (SQLite's writer keeps its savepoints).
func TestBatchFailureAttributed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var after int
		fails := []string{"", "", "sql", "", "go", ""}
		fns := make([]func(*store.Tx) error, len(fails))
		for i, f := range fails {
			fns[i] = intakeLike(ctx, fmt.Sprintf("FA%d", i), f, &after)
		}
		errs, ok := store.BatchForTest(s, fns...)
		if !ok {
			t.Fatal("the batch did not commit")
		}
		for i, f := range fails {
			number := fmt.Sprintf("FA%d", i)
			switch f {
			case "":
				if errs[i] != nil {
					t.Fatalf("%s: %v", number, errs[i])
				}
				m, err := s.MatterByNumber(ctx, number)
				if err != nil {
					t.Fatalf("%s acknowledged but not stored: %v", number, err)
				}
				if tl, err := s.Timeline(ctx, m.ID); err != nil || len(tl) != 1 {
					t.Fatalf("%s: timeline %d %v", number, len(tl), err)
				}
			case "sql":
				if !errors.Is(errs[i], store.ErrDuplicate) {
					t.Fatalf("%s: %v, want its duplicate", number, errs[i])
				}
			case "go":
				if errs[i] == nil || errs[i].Error() != "refused after writing "+number {
					t.Fatalf("%s: %v, want its own error", number, errs[i])
				}
			}
			if f != "" {
				if _, err := s.MatterByNumber(ctx, number); !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("failed %s left its matter: %v", number, err)
				}
			}
		}
		if after != 4 {
			t.Fatalf("AfterCommit ran %d times for 4 commits", after)
		}
		_, total, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}})
		if err != nil || total != 4 {
			t.Fatalf("%d matters stored for 4 commits (%v)", total, err)
		}
	})
}
