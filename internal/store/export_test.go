package store

import (
	"context"
)

// FillForBench writes n matters received through year y (see Store.Fill).
func FillForBench(ctx context.Context, s *Store, n, y int) error { return s.Fill(ctx, 0, n, y) }

// ExecForBench runs a statement on the writer, for benchmark variants (dropping an index).
func ExecForBench(ctx context.Context, s *Store, q string) error {
	_, err := s.w.ExecContext(ctx, q)
	return err
}
