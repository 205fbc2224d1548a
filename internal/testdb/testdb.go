// Package testdb opens a fresh, migrated database for a test: SQLite in a temp
// folder, and PostgreSQL (a new schema per test) when WEIQUAN_TEST_POSTGRES
// holds a server URL. With WEIQUAN_REQUIRE_POSTGRES=1 (CI) a missing server fails.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"weiquan/internal/store"
)

// SQLite opens a new SQLite store in t.TempDir().
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), store.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	t.Cleanup(func() { checkRollup(t, s) })
	return s
}

// Postgres opens a store in a fresh schema of the test database.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	u := PostgresURL(t)
	s, err := store.Open(context.Background(), store.Options{URL: u})
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	t.Cleanup(func() { checkRollup(t, s) })
	return s
}

// checkRollup recounts the report's rollup from the matters when a test ends:
// whatever the test did — intakes, actions, imports, corrections — every
// figure must still equal the count over its matters, on both databases.
func checkRollup(t testing.TB, s *store.Store) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	drift, err := s.RollupDrift(ctx)
	if err != nil {
		if !strings.Contains(err.Error(), "closed") {
			t.Errorf("recount of the report rollup: %v", err)
		}
		return
	}
	for _, d := range drift {
		t.Errorf("the report rollup differs from the matters: %s", d)
	}
}

// Each runs fn once on SQLite and once on PostgreSQL, as subtests.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

var (
	prepOnce sync.Once
	prepErr  error
)

// PostgresURL returns the URL of a fresh, empty schema on the test server, dropped
// when the test ends. It skips — loudly — when no server is configured, and fails
// instead when WEIQUAN_REQUIRE_POSTGRES=1.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("WEIQUAN_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("WEIQUAN_REQUIRE_POSTGRES") == "1" {
			t.Fatal("WEIQUAN_REQUIRE_POSTGRES=1 but WEIQUAN_TEST_POSTGRES is empty: PostgreSQL tests cannot run")
		}
		t.Skip("SKIPPED: PostgreSQL not configured — set WEIQUAN_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/weiquan_test to run this test on PostgreSQL")
	}
	prepOnce.Do(func() { prepErr = prepare(base) })
	if prepErr != nil {
		t.Fatalf("prepare PostgreSQL test database: %v", prepErr)
	}
	schema := "t_" + randHex(8)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, _ = db.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

// prepare creates the test database (UTF-8, so pg_trgm sees Chinese) and the
// extensions every schema shares.
func prepare(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(u.Path, "/")
	if name == "" || strings.ContainsAny(name, `"';`) {
		return fmt.Errorf("test database name %q", name)
	}
	admin := *u
	admin.Path = "/postgres"
	adb, err := sql.Open("pgx", admin.String())
	if err != nil {
		return err
	}
	defer adb.Close()
	var exists bool
	if err := adb.QueryRow("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		_, err := adb.Exec(`CREATE DATABASE "` + name + `" ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`)
		if err != nil && !strings.Contains(err.Error(), "already exists") {
			return err
		}
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		return err
	}
	defer db.Close()
	// Test packages run at once, each in its own process: take a lock so that two of them
	// creating the extension in a new database do not collide on its unique name.
	conn, err := db.Conn(context.Background())
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "SELECT pg_advisory_lock(7315123)"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(7315123)")
	_, err = conn.ExecContext(context.Background(), "CREATE EXTENSION IF NOT EXISTS pg_trgm")
	if err != nil && !strings.Contains(err.Error(), "already exists") {
		return err
	}
	return nil
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
