package store_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestCaseNumbersOfOneInstance_R_P2: numbers drawn one after the other run
// 000001, 000002, …; a command that fails after drawing gives its number to
// the next; sixty intakes at once get sixty distinct numbers, none skipped;
// a store closed and opened again goes on where it stopped. On PostgreSQL the
// numbers come from blocks the store reserved (numbers.go), so this is what
// the blocks must not change for a single instance.
func TestCaseNumbersOfOneInstance_R_P2(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			ctx := context.Background()
			o := store.Options{DataDir: t.TempDir()}
			if db == "postgres" {
				o.URL = testdb.PostgresURL(t)
			}
			s, err := store.Open(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { s.Close() }()
			seqs := func(from, to int) []string {
				var out []string
				for i := from; i <= to; i++ {
					out = append(out, casework.FormatNumber(casework.NumberSeries(casework.Complaint, t0), int64(i)))
				}
				return out
			}
			var got []string
			for range 3 {
				got = append(got, intakeNumber(t, s))
			}
			boom := errors.New("refused after drawing")
			if err := s.Tx(ctx, func(tx *store.Tx) error {
				if _, err := insertNew(ctx, tx); err != nil {
					return err
				}
				return boom
			}); !errors.Is(err, boom) {
				t.Fatalf("failing command: %v", err)
			}
			got = append(got, intakeNumber(t, s))
			if want := seqs(1, 4); !slices.Equal(got, want) {
				t.Fatalf("numbers %v, want %v", got, want)
			}
			var mu sync.Mutex
			var wg sync.WaitGroup
			got = nil
			for range 60 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					n := intakeNumber(t, s)
					mu.Lock()
					got = append(got, n)
					mu.Unlock()
				}()
			}
			wg.Wait()
			slices.Sort(got)
			if want := seqs(5, 64); !slices.Equal(got, want) {
				t.Fatalf("sixty at once: %v, want %v", got, want)
			}
			s.Close()
			if s, err = store.Open(ctx, o); err != nil {
				t.Fatal(err)
			}
			if n := intakeNumber(t, s); n != seqs(65, 65)[0] {
				t.Fatalf("after reopening: %s, want %s", n, seqs(65, 65)[0])
			}
		})
	}
}

// TestCaseNumbersOfTwoInstances_R_P2: two stores on one PostgreSQL database
// (two instances behind a balancer) drawing at once, while commands that hold
// the counter row as a ledger import does draw too: every number is given once and every
// acknowledged matter is stored under it.
func TestCaseNumbersOfTwoInstances_R_P2(t *testing.T) {
	ctx := context.Background()
	u := testdb.PostgresURL(t)
	var stores []*store.Store
	for range 2 {
		s, err := store.Open(ctx, store.Options{URL: u})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for i := range 80 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := intakeNumber(t, stores[i%2])
			mu.Lock()
			seen[n]++
			mu.Unlock()
		}()
	}
	// A command holding the day's counter row, as a ledger import does, that
	// then draws itself: neither it nor the others wait for ever.
	series := casework.NumberSeries(casework.Complaint, t0)
	for _, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var m casework.Matter
			err := s.Tx(ctx, func(tx *store.Tx) error {
				if err := tx.Exec(ctx, `INSERT INTO case_counters (day, last) VALUES ($1, 5)
					ON CONFLICT (day) DO UPDATE SET last = case_counters.last + 5`, series); err != nil {
					return err
				}
				time.Sleep(100 * time.Millisecond)
				var err error
				m, err = insertNew(ctx, tx)
				return err // a deadlock's victim is run again alone
			})
			if err != nil {
				t.Errorf("holding the counter: %v", err)
				return
			}
			mu.Lock()
			seen[m.Number]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	for n, c := range seen {
		if c != 1 {
			t.Errorf("%s given %d times", n, c)
		}
		if _, err := stores[0].MatterByNumber(ctx, n); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	if len(seen) != 82 {
		t.Fatalf("%d numbers for 82 intakes", len(seen))
	}
}

// insertNew inserts a complaint received at t0 that draws its number.
func insertNew(ctx context.Context, tx *store.Tx) (casework.Matter, error) {
	m := casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315,
		State: casework.Received, RuleSet: casework.Order121, Version: 1, Consumers: 1,
		ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0, Facts: "牛奶过期"}
	err := tx.InsertMatter(ctx, &m)
	return m, err
}

// intakeNumber stores one new complaint and returns its number.
func intakeNumber(t *testing.T, s *store.Store) string {
	t.Helper()
	var m casework.Matter
	if err := s.Tx(context.Background(), func(tx *store.Tx) error {
		var err error
		m, err = insertNew(context.Background(), tx)
		return err
	}); err != nil {
		t.Errorf("intake: %v", err)
		return "failed"
	}
	if m.Number == "" {
		t.Errorf("intake: no number")
	}
	return m.Number
}
