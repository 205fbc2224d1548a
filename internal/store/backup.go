package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrNotSQLite refuses what only an embedded database can do; PostgreSQL is
// backed up with its own tools (pg_dump, see docs/BACKUP.md).
var ErrNotSQLite = errors.New("store: only the embedded SQLite database is copied this way; back up PostgreSQL with pg_dump (docs/BACKUP.md)")

// CopyTo writes a consistent copy of the whole SQLite database to path, which
// must not exist, while the office keeps serving: VACUUM INTO reads one
// snapshot (WAL mode lets writers go on meanwhile) and writes a compact,
// self-contained database file with every committed change up to that
// snapshot and none after it.
func (s *Store) CopyTo(ctx context.Context, path string) error {
	if s.dialect != SQLite {
		return ErrNotSQLite
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: copy: %s exists", path)
	}
	conn, err := s.r.DB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	defer conn.Close()
	// The readers are query_only; VACUUM INTO writes only its new file.
	if _, err := conn.ExecContext(ctx, "PRAGMA query_only = 0"); err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA query_only = 1")
	if _, err := conn.ExecContext(ctx, "VACUUM INTO $1", path); err != nil {
		os.Remove(path)
		return fmt.Errorf("store: copy: %w", err)
	}
	return nil
}

// CheckFile opens a SQLite database file read-only and runs its integrity
// check: what restore asks of a file before it becomes the office's database.
func CheckFile(ctx context.Context, path string) error {
	s, err := openSQLiteFile(path)
	if err != nil {
		return err
	}
	defer s.Close()
	var res string
	if err := s.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("store: check %s: %w", path, err)
	}
	if res != "ok" {
		return fmt.Errorf("store: check %s: %s", path, res)
	}
	var n int
	if err := s.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil {
		return fmt.Errorf("store: check %s: not a weiquan database: %w", path, err)
	}
	return nil
}
