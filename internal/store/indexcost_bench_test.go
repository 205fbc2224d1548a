package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// droppedIndexes are the indexes migration 0070 dropped, as they were made.
var droppedIndexes = []string{
	"CREATE INDEX matters_state ON matters(state, received_at)",
	"CREATE INDEX matters_area_state ON matters(area_path, state)",
	"CREATE INDEX matters_due ON matters(due_at) WHERE due_at IS NOT NULL",
	"CREATE INDEX outbox_created ON outbox(created_at, id)",
}

// BenchmarkDroppedIndexesWriteCost measures what the indexes migration 0070
// dropped cost a matter's insert on SQLite: 100 inserts a transaction into an
// office of 50,000 filled matters, with the four indexes made again and
// without them, alternately in one process. Figures in BENCHMARKS.md.
//
//	go test ./internal/store/ -run XXX -bench DroppedIndexesWriteCost -benchtime 3000x -count 3
func BenchmarkDroppedIndexesWriteCost(b *testing.B) {
	ctx := context.Background()
	s := testdb.SQLite(b)
	if err := store.FillForBench(ctx, s, 50_000, 2025); err != nil {
		b.Fatal(err)
	}
	n := 0
	insert := func(b *testing.B) {
		cpu0 := processCPU()
		for i := 0; i < b.N; i += 100 {
			if err := s.Tx(ctx, func(tx *store.Tx) error {
				for j := i; j < min(i+100, b.N); j++ {
					n++
					now := time.Now()
					due := now.Add(15 * 24 * time.Hour)
					m := &casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Received,
						RuleSet: casework.Order121, Version: 1, Consumers: 1, ReceivedAt: now, CreatedAt: now, UpdatedAt: now, DueAt: &due,
						AreaPath: fmt.Sprintf("/1/%d/", 2+n%10), Consumer: casework.Party{Name: fmt.Sprintf("张%d", n), Phone: fmt.Sprintf("139%08d", n)},
						MerchantName: fmt.Sprintf("好又多超市第%d分店", n%300),
						Facts:        fmt.Sprintf("消费者反映在该店购买的牛奶已过保质期，要求退货并按规定赔偿，商家拒绝处理。第%d件。", n)}
					var err error
					if m.Number, err = tx.NextNumber(ctx, "T"); err == nil {
						err = tx.InsertMatter(ctx, m)
					}
					if err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
	}
	for round := 0; round < 2; round++ {
		for _, q := range droppedIndexes {
			if err := store.ExecForBench(ctx, s, q); err != nil {
				b.Fatal(err)
			}
		}
		b.Run("with the four", insert)
		for _, q := range droppedIndexes {
			name := strings.Fields(q)[2]
			if err := store.ExecForBench(ctx, s, "DROP INDEX "+name); err != nil {
				b.Fatal(err)
			}
		}
		b.Run("without", insert)
	}
}
