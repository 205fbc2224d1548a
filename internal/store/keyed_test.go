package store_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
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

// TestSessionLookupsGatheredPostgres: lookups asked together go in one
// statement, and each is answered as its own lookup would be — live, expired,
// too old, idle too long, unknown, a stopped user, the same session twice with
// different limits — and concurrent lookups through SessionUser get their own
// answers, a session another instance ended refused at the next.
func TestSessionLookupsGatheredPostgres(t *testing.T) {
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
	now := time.Now().UTC().Truncate(time.Second)
	live := auth.User{Username: "gathered", DisplayName: "gathered", Role: auth.Admin, Active: true, CreatedAt: now}
	stopped := auth.User{Username: "gathered-stopped", DisplayName: "stopped", Role: auth.Operator, Active: false, CreatedAt: now}
	if err := a.Tx(ctx, func(tx *store.Tx) error {
		for _, u := range []*auth.User{&live, &stopped} {
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
		}
		for _, s := range []struct {
			hash    string
			user    int64
			created time.Time
			expires time.Time
		}{
			{"g-live", live.ID, now.Add(-time.Minute), now.Add(time.Hour)},
			{"g-expired", live.ID, now.Add(-2 * time.Hour), now.Add(-time.Hour)},
			{"g-old", live.ID, now.Add(-48 * time.Hour), now.Add(time.Hour)},
			{"g-stopped", stopped.ID, now.Add(-time.Minute), now.Add(time.Hour)},
		} {
			if err := tx.CreateSession(ctx, s.hash, s.user, s.created, s.expires); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	day := now.Add(-24 * time.Hour)
	asks := []store.SessionLookupForTest{
		{"g-live", now, day, day},
		{"g-expired", now, day, day},
		{"g-old", now, day, day},
		{"g-stopped", now, day, day},
		{"g-none", now, day, day},
		{"g-live", now, day, now}, // seen a minute ago: idle too long for a limit of now
		{"g-live", now, now, day}, // began before now
		{"g-live", now, day, day},
	}
	want := []bool{true, false, false, false, false, false, false, true}
	users, errs := store.LookSessionsForTest(a, asks)
	for i, w := range want {
		switch {
		case w && (errs[i] != nil || users[i].ID != live.ID || users[i].Username != "gathered" || users[i].Role != auth.Admin):
			t.Errorf("lookup %d (%s): %+v %v, want the live user", i, asks[i].Hash, users[i], errs[i])
		case !w && !errors.Is(errs[i], store.ErrNotFound):
			t.Errorf("lookup %d (%s): %+v %v, want not found", i, asks[i].Hash, users[i], errs[i])
		}
		one, _, err := a.SessionUser(ctx, asks[i].Hash, asks[i].Now, asks[i].StartedAfter, asks[i].SeenAfter)
		if (err == nil) != w || (w && one.ID != users[i].ID) {
			t.Errorf("lookup %d (%s) alone: %+v %v", i, asks[i].Hash, one, err)
		}
	}
	var wg sync.WaitGroup
	var bad atomic.Int64
	for round := range 2 {
		for i := range 64 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				k := i % len(asks)
				got, _, err := a.SessionUser(ctx, asks[k].Hash, asks[k].Now, asks[k].StartedAfter, asks[k].SeenAfter)
				if w := want[k] && round == 0; (err == nil) != w || (w && got.ID != live.ID) || (!w && !errors.Is(err, store.ErrNotFound)) {
					bad.Add(1)
				}
			}()
		}
		wg.Wait()
		if round == 0 { // the other instance ends the live session
			if err := b.Tx(ctx, func(tx *store.Tx) error { return tx.DeleteSession(ctx, "g-live", now) }); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := bad.Load(); n > 0 {
		t.Fatalf("%d of 128 concurrent lookups answered wrong", n)
	}
}
