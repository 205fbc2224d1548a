package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestConfigStampFollowsCalendarAndSettings: the stamp by which commands keep
// the calendar and settings cached (migration 0078) changes with every change
// of either — a setting saved, a calendar year replaced, a day edited by hand
// in SQL as another instance or an operator might — and with nothing else.
// Both databases.
func TestConfigStampFollowsCalendarAndSettings(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		stamp := func() string {
			t.Helper()
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
		do := func(fn func(tx *store.Tx) error) {
			t.Helper()
			if err := s.Tx(ctx, fn); err != nil {
				t.Fatal(err)
			}
		}
		now := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
		a := stamp()
		if b := stamp(); b != a {
			t.Fatalf("stamp moved with no change: %s → %s", a, b)
		}
		do(func(tx *store.Tx) error { // an unrelated write
			return tx.AddAlert(ctx, &store.Alert{Kind: "test", CreatedAt: now})
		})
		if b := stamp(); b != a {
			t.Fatalf("stamp moved with an unrelated write: %s → %s", a, b)
		}
		do(func(tx *store.Tx) error { return tx.SaveSetting(ctx, "collective.window_days", "30", nil, now) })
		b := stamp()
		if b == a {
			t.Fatal("stamp unchanged after a setting was saved")
		}
		day, err := calendar.ParseDate("2027-01-01")
		if err != nil {
			t.Fatal(err)
		}
		days := []calendar.Day{{Date: day, Kind: calendar.Holiday, Name: "元旦"}}
		do(func(tx *store.Tx) error { return tx.ReplaceCalendarYear(ctx, 2027, days, 250, "test", now) })
		c := stamp()
		if c == b {
			t.Fatal("stamp unchanged after a calendar year was replaced")
		}
		if err := store.ExecForBench(ctx, s, "UPDATE calendar_days SET name = 'New Year' WHERE date = '2027-01-01'"); err != nil {
			t.Fatal(err)
		}
		if d := stamp(); d == c {
			t.Fatal("stamp unchanged after a calendar day was edited in SQL")
		}
	})
}

// TestConfigStampInOneBatch: commands sharing one group-commit transaction
// see the stamp move when one of them saves a setting, and move back when
// that command fails and is rolled back (PostgreSQL keeps the stamp for a
// batch; SQLite reads it each time). Both databases.
func TestConfigStampInOneBatch(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
		seen := make([]string, 5)
		read := func(i int) func(*store.Tx) error {
			return func(tx *store.Tx) error {
				var err error
				seen[i], err = tx.ConfigStamp(ctx)
				return err
			}
		}
		save := func(i int, value string, fail bool) func(*store.Tx) error {
			return func(tx *store.Tx) error {
				if _, err := tx.ConfigStamp(ctx); err != nil {
					return err
				}
				if err := tx.SaveSetting(ctx, "collective.window_days", value, nil, now); err != nil {
					return err
				}
				if err := read(i)(tx); err != nil || !fail {
					return err
				}
				return errors.New("refused after saving")
			}
		}
		reads := store.StampReadsForTest()
		errs, ok := store.BatchForTest(s, read(0), save(1, "30", false), read(2), save(3, "40", true), read(4))
		// SQLite's batch reads the stamp once and again only after a command
		// that saved a setting or rolled back: 4 reads for its 7 asks.
		if n := store.StampReadsForTest() - reads; s.Dialect() == store.SQLite && n != 4 {
			t.Errorf("the batch read the stamp %d times (want 4 of 7)", n)
		}
		if !ok || errs[0] != nil || errs[1] != nil || errs[2] != nil || errs[3] == nil || errs[4] != nil {
			t.Fatalf("batch: %v %v", ok, errs)
		}
		if seen[1] == seen[0] || seen[2] != seen[1] || seen[3] == seen[2] || seen[4] != seen[2] {
			t.Fatalf("stamps before, after a save, after, in a failed save, after it: %v", seen)
		}
	})
}
