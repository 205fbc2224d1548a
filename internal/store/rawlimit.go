package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// RawLimit measures the physical limit of the machine's database beside a
// load run: n durable single-row inserts of ~1 KB rows, one row per
// transaction, from c writers, into a table with no index but its key — no
// service, no HTTP, no matter logic. On SQLite a fresh file in dir with the
// store's own settings (WAL, synchronous=NORMAL), written through one
// connection as the store writes; on PostgreSQL a table of its own in the
// database, dropped afterwards.
func RawLimit(ctx context.Context, o Options, n, c int) (float64, error) {
	var s *Store
	var err error
	if o.URL != "" {
		s, err = openPostgres(o.URL)
	} else {
		s, err = openSQLite(o.DataDir)
	}
	if err != nil {
		return 0, err
	}
	defer s.Close()
	table := fmt.Sprintf("raw_limit_%d", time.Now().UnixNano())
	if _, err := s.w.ExecContext(ctx, "CREATE TABLE "+table+" (id BIGINT PRIMARY KEY, body TEXT NOT NULL)"); err != nil {
		return 0, fmt.Errorf("store: raw limit: %w", err)
	}
	defer s.w.ExecContext(context.Background(), "DROP TABLE "+table)
	body := strings.Repeat("消费者反映购买的商品存在质量问题", 22) // ~1 KB
	var next atomic.Int64
	var wg sync.WaitGroup
	var first error
	var mu sync.Mutex
	start := time.Now()
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(n) {
					return
				}
				if err := s.rawRow(ctx, table, i, body); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return 0, fmt.Errorf("store: raw limit: %w", first)
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// rawRow is one durable single-row transaction of RawLimit.
func (s *Store) rawRow(ctx context.Context, table string, i int64, body string) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO "+table+" (id, body) VALUES ($1, $2)", i, body); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.committed() // checkpointed as the store's own commits are
	return nil
}
