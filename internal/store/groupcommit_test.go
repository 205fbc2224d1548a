package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestGroupCommitFailsAloneAndCommitsTheRest: 32 writers at once, every
// third command failing after it has written (its matter and its timeline
// event must vanish, nothing else), one inserting a duplicate case number; each
// command that returned nil is stored with its event and had its AfterCommit
// run once; none that failed did. Both databases (PostgreSQL runs each
// command in its own transaction over its pool).
func TestGroupCommitFailsAloneAndCommitsTheRest(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const writers, each = 32, 20
		var after atomic.Int64
		var mu sync.Mutex
		okNumbers, failedNumbers := map[string]bool{}, map[string]bool{}
		boom := errors.New("refused after writing")
		var wg sync.WaitGroup
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					number := fmt.Sprintf("G%02d-%03d", w, i)
					err := s.Tx(ctx, func(tx *store.Tx) error {
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
						if (w*each+i)%3 == 0 {
							return boom
						}
						if w == 7 && i == 5 { // the same number twice in one command: a database error mid-command
							dup := m
							dup.ID = 0
							if err := tx.InsertMatter(ctx, &dup); err != nil {
								return err
							}
						}
						tx.AfterCommit(func() { after.Add(1) })
						return nil
					})
					mu.Lock()
					if err == nil {
						okNumbers[number] = true
					} else {
						failedNumbers[number] = true
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if int(after.Load()) != len(okNumbers) {
			t.Fatalf("AfterCommit ran %d times for %d commits", after.Load(), len(okNumbers))
		}
		if len(failedNumbers) < writers*each/3 {
			t.Fatalf("only %d failed", len(failedNumbers))
		}
		for n := range okNumbers {
			m, err := s.MatterByNumber(ctx, n)
			if err != nil {
				t.Fatalf("acknowledged %s missing: %v", n, err)
			}
			if tl, err := s.Timeline(ctx, m.ID); err != nil || len(tl) != 1 {
				t.Fatalf("%s: timeline %d %v", n, len(tl), err)
			}
		}
		for n := range failedNumbers {
			if _, err := s.MatterByNumber(ctx, n); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("failed command %s left its matter: %v", n, err)
			}
		}
		if commits, commands := s.GroupStats(); s.Dialect() == store.SQLite && commits >= commands {
			t.Errorf("SQLite: %d commands in %d commits: no batch formed", commands, commits)
		} else {
			t.Logf("%d commands in %d commits", commands, commits)
		}
		_, total, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}})
		if err != nil || total != len(okNumbers) {
			t.Fatalf("%d matters stored, %d acknowledged (%v)", total, len(okNumbers), err)
		}
	})
}

// TestDeadlockVictimRunsAgainAlone: a command that fails as PostgreSQL's
// deadlock victim (40P01) — which batching can cause between commands that
// would each have run alone — is rolled back and run again, and its second
// run is what is stored, once, with one AfterCommit; one that keeps failing
// so fails after a bounded number of runs with its error. Both databases (the
// error is made here, so SQLite's writer is checked too).
func TestDeadlockVictimRunsAgainAlone(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const commands = 12
		var after atomic.Int64
		var wg sync.WaitGroup
		errs := make([]error, commands)
		runs := make([]atomic.Int64, commands)
		for c := 0; c < commands; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[c] = s.Tx(ctx, func(tx *store.Tx) error {
					run := runs[c].Add(1)
					m := casework.Matter{Number: fmt.Sprintf("D%02d", c), Kind: casework.Complaint, Channel: casework.Hotline12315,
						State: casework.Received, RuleSet: casework.Order121, Version: 1, Consumers: 1,
						ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0, Facts: "牛奶过期"}
					if err := tx.InsertMatter(ctx, &m); err != nil {
						return err
					}
					if run == 1 || c == 0 { // command 0 is a victim every time
						return fmt.Errorf("store: lock matter: %w", &pgconn.PgError{Code: "40P01", Message: "deadlock detected"})
					}
					tx.AfterCommit(func() { after.Add(1) })
					return nil
				})
			}()
		}
		wg.Wait()
		var pe *pgconn.PgError
		if !errors.As(errs[0], &pe) || pe.Code != "40P01" {
			t.Fatalf("the command that always loses: %v", errs[0])
		}
		if n := runs[0].Load(); n < 2 || n > 3 {
			t.Fatalf("the command that always loses ran %d times", n)
		}
		if _, err := s.MatterByNumber(ctx, "D00"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("the failed command left its matter: %v", err)
		}
		for c := 1; c < commands; c++ {
			if errs[c] != nil {
				t.Fatalf("command %d: %v after %d runs", c, errs[c], runs[c].Load())
			}
			if _, err := s.MatterByNumber(ctx, fmt.Sprintf("D%02d", c)); err != nil {
				t.Fatalf("command %d acknowledged but not stored: %v", c, err)
			}
		}
		if after.Load() != commands-1 {
			t.Fatalf("AfterCommit ran %d times for %d commits", after.Load(), commands-1)
		}
		_, total, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}})
		if err != nil || total != commands-1 {
			t.Fatalf("%d matters stored for %d commits (%v)", total, commands-1, err)
		}
	})
}
