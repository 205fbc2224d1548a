package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/collective"
	"weiquan/internal/deadline"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// intakeLike is a command as intake makes them: it reads the config stamp,
// inserts a matter and appends its timeline event (three statements, the
// stamp read once a batch) — with late, the matter's insert pipelined with
// detection's candidates and the event and a deadline as held writes
// (late.go) — then fails as fail says: "" not at all, "go" with an
// error of its own after writing, "sql" with a statement's error, "late"
// with its held deadline's (a matter that does not exist).
func intakeLike(ctx context.Context, number, fail string, late bool, after *int) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		if _, err := tx.ConfigStamp(ctx); err != nil {
			return err
		}
		m := casework.Matter{Number: number, Kind: casework.Complaint, Channel: casework.Hotline12315,
			State: casework.Received, RuleSet: casework.Order121, Version: 1, Consumers: 1,
			ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0, Facts: "牛奶过期", MerchantName: "牛奶店"}
		if late {
			// an earlier complaint against the merchant is found with the insert
			cs, err := tx.InsertMatterThenCandidates(ctx, &m, store.CandidatesAsk{MerchantName: "牛奶店", Since: t0.Add(-time.Hour), Limit: 10})
			if err != nil {
				return err
			}
			// The matter itself is among them (not necessarily first: the
			// candidates' statement sees what the other writers committed
			// after this insert took its id).
			if !slices.ContainsFunc(cs, func(c collective.Matter) bool { return c.ID == m.ID }) {
				return fmt.Errorf("%s: candidates %v do not hold the matter itself", number, cs)
			}
		} else if err := tx.InsertMatter(ctx, &m); err != nil {
			return err
		}
		ev := casework.Event{MatterID: m.ID, At: t0, Action: casework.Intake, To: m.State}
		if late {
			if err := tx.AppendEventLater(ctx, ev); err != nil {
				return err
			}
			d := store.DeadlineRow{MatterID: m.ID, Deadline: deadline.Deadline{Kind: deadline.Acceptance, Start: t0}, Rule: "R-L6", CreatedAt: t0, UpdatedAt: t0}
			if fail == "late" {
				d.MatterID = -1 // no such matter: the held insert fails when it is sent
			}
			if err := tx.InsertDeadlineLater(ctx, d); err != nil {
				return err
			}
		} else if err := tx.AppendEvent(ctx, &ev); err != nil {
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
// for 4 commands); held writes (an intake's timeline entry and deadline) go
// with the COMMIT, and the matter's insert with detection's candidates — the
// first of them carrying BEGIN, the stamp and the shard too (pgOpen), so a
// batch of pipelined intakes costs one round trip each and the COMMIT.
func TestBatchRoundTripsPostgres(t *testing.T) {
	s := testdb.Postgres(t)
	ctx := context.Background()
	for _, c := range []struct {
		late bool
		want int64
	}{{false, 2 + 4*2}, {true, 1 + 4*1}, {true, 1 + 4*1}} {
		var after int
		fns := make([]func(*store.Tx) error, 4)
		numbers := make([]string, len(fns))
		for i := range fns {
			numbers[i] = fmt.Sprintf("RT%d-%d", i, store.WriterStatementsForTest(s))
			fns[i] = intakeLike(ctx, numbers[i], "", c.late, &after)
		}
		before := store.WriterStatementsForTest(s)
		errs, ok := store.BatchForTest(s, fns...)
		got := store.WriterStatementsForTest(s) - before
		if !ok || errors.Join(errs...) != nil {
			t.Fatalf("batch: %v %v", ok, errs)
		}
		if got != c.want {
			t.Errorf("late %v: a batch of 4 commands sent %d statements, want %d", c.late, got, c.want)
		}
		if after != 4 {
			t.Fatalf("AfterCommit ran %d times for 4 commands", after)
		}
		for _, n := range numbers {
			m, err := s.MatterByNumber(ctx, n)
			if err != nil {
				t.Fatalf("%s: %v", n, err)
			}
			if tl, err := s.Timeline(ctx, m.ID); err != nil || len(tl) != 1 {
				t.Fatalf("%s: timeline %d %v", n, len(tl), err)
			}
			if ds, err := store.OpenDeadlinesForTest(ctx, s, m.ID); c.late && (err != nil || ds != 1) {
				t.Fatalf("%s: %d open deadlines %v", n, ds, err)
			}
		}
	}
}

// TestBatchFailureAttributed: in a batch run without savepoints, a
// command failing with its own error, a statement's error or the error of a
// write it held (sent after later commands had run) fails alone, with its
// own error; the commands before it (rolled back with it)
// and after it are stored once, each with its one timeline event and one
// AfterCommit. Both databases (SQLite's writer keeps its savepoints).
func TestBatchFailureAttributed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var after int
		fails := []string{"", "", "sql", "", "late", "", "go", ""}
		fns := make([]func(*store.Tx) error, len(fails))
		for i, f := range fails {
			fns[i] = intakeLike(ctx, fmt.Sprintf("FA%d", i), f, i%2 == 0 || f == "late", &after)
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
			case "late":
				if errs[i] == nil || !strings.Contains(errs[i].Error(), "store: insert deadline") {
					t.Fatalf("%s: %v, want its held deadline's error", number, errs[i])
				}
			}
			if f != "" {
				if _, err := s.MatterByNumber(ctx, number); !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("failed %s left its matter: %v", number, err)
				}
			}
		}
		if after != 5 {
			t.Fatalf("AfterCommit ran %d times for 5 commits", after)
		}
		// The last command's held write fails when it goes with the COMMIT.
		errs, ok = store.BatchForTest(s, intakeLike(ctx, "FB0", "", true, &after), intakeLike(ctx, "FB1", "late", true, &after))
		if !ok || errs[0] != nil || errs[1] == nil || !strings.Contains(errs[1].Error(), "store: insert deadline") {
			t.Fatalf("held write failing at the commit: %v %v", ok, errs)
		}
		if _, err := s.MatterByNumber(ctx, "FB1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("FB1 left its matter: %v", err)
		}
		if after != 6 {
			t.Fatalf("AfterCommit ran %d times for 6 commits", after)
		}
		_, total, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}})
		if err != nil || total != 6 {
			t.Fatalf("%d matters stored for 6 commits (%v)", total, err)
		}
	})
}

// TestHeldWritesSeenByLaterStatements: a held timeline entry and deadline
// (late.go) are sent before a later statement of the same transaction that
// names their table, so it reads them — in the command that held them and
// in a later command of the batch. Both databases (SQLite writes them at once).
func TestHeldWritesSeenByLaterStatements(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ids := make([]int64, 2)
		held := func(i int) func(*store.Tx) error {
			return func(tx *store.Tx) error {
				m := casework.Matter{Number: fmt.Sprintf("HW%d", i), Kind: casework.Complaint, Channel: casework.Hotline12315,
					State: casework.Received, RuleSet: casework.Order121, Version: 1, Consumers: 1,
					ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0, Facts: "牛奶过期"}
				if err := tx.InsertMatter(ctx, &m); err != nil {
					return err
				}
				ids[i] = m.ID
				if err := tx.AppendEventLater(ctx, casework.Event{MatterID: m.ID, At: t0, Action: casework.Intake, To: m.State}); err != nil {
					return err
				}
				return tx.InsertDeadlineLater(ctx, store.DeadlineRow{MatterID: m.ID, Deadline: deadline.Deadline{Kind: deadline.Acceptance, Start: t0},
					Rule: "R-L6", CreatedAt: t0, UpdatedAt: t0})
			}
		}
		check := func(tx *store.Tx, id int64) error {
			at, err := tx.LastEventAt(ctx, id, casework.Intake)
			if err != nil {
				return err
			}
			if at == nil || !at.Equal(t0) {
				return fmt.Errorf("matter %d: its held intake entry unseen (%v)", id, at)
			}
			ds, err := tx.OpenDeadlines(ctx, id)
			if err != nil {
				return err
			}
			if len(ds) != 1 {
				return fmt.Errorf("matter %d: %d open deadlines, want its held one", id, len(ds))
			}
			return nil
		}
		errs, ok := store.BatchForTest(s,
			func(tx *store.Tx) error {
				if err := held(0)(tx); err != nil {
					return err
				}
				return check(tx, ids[0]) // in the command that held them
			},
			held(1),
			func(tx *store.Tx) error { return check(tx, ids[1]) }) // in a later command
		if !ok || errors.Join(errs...) != nil {
			t.Fatalf("batch: %v %v", ok, errs)
		}
	})
}

// TestGuessedStampCheckedAtBeginPostgres: a PostgreSQL batch begins its
// transaction with its first statement, so a command asking the config stamp
// before it is given the stamp the store's batches last read; the begin
// checks it. When another instance changed a setting meanwhile, nothing of
// the batch is kept (each command runs again alone, with the stamp as its own
// transaction reads it); when nothing changed, the batch costs the pipelined
// insert (which carries BEGIN) and the COMMIT.
func TestGuessedStampCheckedAtBeginPostgres(t *testing.T) {
	u := testdb.PostgresURL(t)
	ctx := context.Background()
	open := func() *store.Store {
		s, err := store.Open(ctx, store.Options{URL: u})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	var after int
	if errs, ok := store.BatchForTest(a, intakeLike(ctx, "GS0", "", true, &after)); !ok || errs[0] != nil {
		t.Fatalf("first batch: %v %v", ok, errs)
	}
	stampOf := func(s *store.Store) string {
		var v string
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			var err error
			v, err = tx.ConfigStamp(ctx)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return v
	}
	old := stampOf(a)
	if err := b.Tx(ctx, func(tx *store.Tx) error {
		return tx.SaveSetting(ctx, "collective.window_days", "31", nil, time.Now().UTC())
	}); err != nil {
		t.Fatal(err)
	}
	var seen string
	intake := func(number string) func(*store.Tx) error {
		in := intakeLike(ctx, number, "", true, &after)
		return func(tx *store.Tx) error {
			var err error
			if seen, err = tx.ConfigStamp(ctx); err != nil {
				return err
			}
			return in(tx)
		}
	}
	if _, ok := store.BatchForTest(a, intake("GS1")); ok {
		t.Fatalf("a batch given stamp %s after another instance moved it committed", seen)
	}
	if seen != old {
		t.Fatalf("the command was given %s, want the stamp last read, %s", seen, old)
	}
	if _, err := a.MatterByNumber(ctx, "GS1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("GS1 kept from an undecided batch: %v", err)
	}
	if err := a.Tx(ctx, intake("GS1")); err != nil { // through the writers: again alone
		t.Fatal(err)
	}
	now := stampOf(b)
	if seen != now || now == old {
		t.Fatalf("the command ran with stamp %s, the database's is %s (was %s)", seen, now, old)
	}
	before := store.WriterStatementsForTest(a)
	if errs, ok := store.BatchForTest(a, intake("GS2")); !ok || errs[0] != nil {
		t.Fatalf("batch: %v %v", ok, errs)
	}
	if got := store.WriterStatementsForTest(a) - before; got != 2 || seen != now {
		t.Fatalf("a batch of one intake sent %d statements with stamp %s, want 2 with %s", got, seen, now)
	}
	for _, n := range []string{"GS0", "GS1", "GS2"} {
		if _, err := a.MatterByNumber(ctx, n); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
	}
}

// TestHeldRowsTogetherFailingPostgres: the held deadlines of a batch's
// commands go in one INSERT; when one of them fails, whose it is is not
// known, so the batch runs again with each held write alone: the failing
// command fails with its own error, the others are stored once.
func TestHeldRowsTogetherFailingPostgres(t *testing.T) {
	s := testdb.Postgres(t)
	ctx := context.Background()
	var after int
	fails := []string{"", "late", ""}
	fns := make([]func(*store.Tx) error, len(fails))
	for i, f := range fails {
		fns[i] = intakeLike(ctx, fmt.Sprintf("HT%d", i), f, true, &after)
	}
	singly := store.RanSinglyForTest()
	errs, ok := store.BatchForTest(s, fns...)
	if !ok {
		t.Fatal("the batch did not commit")
	}
	if n := store.RanSinglyForTest() - singly; n != 1 {
		t.Errorf("the batch ran again singly %d times, want once", n)
	}
	if errs[1] == nil || !strings.Contains(errs[1].Error(), "insert deadline") || errs[0] != nil || errs[2] != nil {
		t.Fatalf("errors %v, want the second command's deadline alone", errs)
	}
	for _, n := range []string{"HT0", "HT2"} {
		m, err := s.MatterByNumber(ctx, n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if tl, err := s.Timeline(ctx, m.ID); err != nil || len(tl) != 1 {
			t.Fatalf("%s: timeline %d %v", n, len(tl), err)
		}
		if ds, err := store.OpenDeadlinesForTest(ctx, s, m.ID); err != nil || ds != 1 {
			t.Fatalf("%s: %d open deadlines %v", n, ds, err)
		}
	}
	if _, err := s.MatterByNumber(ctx, "HT1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("HT1: %v", err)
	}
	if after != 2 {
		t.Fatalf("AfterCommit ran %d times for 2 commands kept", after)
	}
}
