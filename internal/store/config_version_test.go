package store_test

import (
	"context"
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
