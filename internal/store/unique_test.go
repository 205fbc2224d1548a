package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestUniqueByErrorCode: a unique violation is known by the database's error
// code (PostgreSQL 23505; SQLite's SQLITE_CONSTRAINT_UNIQUE and _PRIMARYKEY),
// also when wrapped; other constraint errors and a message that merely says so
// are not.
func TestUniqueByErrorCode(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		exec := func(q string) error { return store.ExecRaw(ctx, s, q) }
		if err := exec(`CREATE TABLE uq_test (id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER NOT NULL CHECK (n > 0))`); err != nil {
			t.Fatal(err)
		}
		if err := exec(`INSERT INTO uq_test (id, name, n) VALUES (1, 'a', 1)`); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name, q string
			unique  bool
		}{
			{"unique column", `INSERT INTO uq_test (id, name, n) VALUES (2, 'a', 1)`, true},
			{"primary key", `INSERT INTO uq_test (id, name, n) VALUES (1, 'b', 1)`, true},
			{"not null", `INSERT INTO uq_test (id, name) VALUES (3, 'c')`, false},
			{"check", `INSERT INTO uq_test (id, name, n) VALUES (4, 'd', -1)`, false},
			{"syntax", `INSERT INTO uq_test VALUES (`, false},
		}
		for _, c := range cases {
			err := exec(c.q)
			if err == nil {
				t.Fatalf("%s: no error", c.name)
			}
			if got := store.IsUnique(err); got != c.unique {
				t.Errorf("%s: isUnique = %v for %v", c.name, got, err)
			}
			if got := store.IsUnique(fmt.Errorf("store: wrapped: %w", err)); got != c.unique {
				t.Errorf("%s wrapped: isUnique = %v", c.name, got)
			}
		}
		for _, msg := range []string{"UNIQUE constraint failed: users.username", "ERROR: duplicate key (SQLSTATE 23505)"} {
			if store.IsUnique(errors.New(msg)) {
				t.Errorf("message text %q taken for a unique violation", msg)
			}
		}
		if store.IsUnique(nil) {
			t.Error("nil is a unique violation")
		}
	})
}
