package store

import "context"

// IsUnique is isUnique, for the test that feeds it each database's real errors.
var IsUnique = isUnique

// ExecRaw runs one statement on the writer, for tests that need a database's own error.
func ExecRaw(ctx context.Context, s *Store, q string, args ...any) error {
	_, err := s.w.ExecContext(ctx, q, args...)
	return err
}
