package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestSessionLookupPlannedOncePostgres: the session lookup every request
// makes is planned once and reused (it was planned for its arguments on
// every request on the readers' pool), and a session another instance ends
// is refused at the next lookup all the same.
func TestSessionLookupPlannedOncePostgres(t *testing.T) {
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
	now := time.Now().UTC()
	user := auth.User{Username: "planned", DisplayName: "planned", Role: auth.Admin, Active: true, CreatedAt: now}
	if err := a.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, &user); err != nil {
			return err
		}
		return tx.CreateSession(ctx, "hash-planned", user.ID, now, now.Add(time.Hour))
	}); err != nil {
		t.Fatal(err)
	}
	for range 12 {
		if _, _, err := a.SessionUser(ctx, "hash-planned", now, now.Add(-time.Hour), now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	generic, custom, err := store.KeyedPlansForTest(ctx, a, "FROM sessions s JOIN users u")
	if err != nil {
		t.Fatal(err)
	}
	if generic == 0 || custom > 6 {
		t.Fatalf("12 lookups: %d generic plans, %d custom ones", generic, custom)
	}
	if err := b.Tx(ctx, func(tx *store.Tx) error { return tx.DeleteSession(ctx, "hash-planned", now) }); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.SessionUser(ctx, "hash-planned", now, now.Add(-time.Hour), now.Add(-time.Hour)); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a session the other instance ended: %v", err)
	}
}
