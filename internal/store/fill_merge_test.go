package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestFillMergesWithStatistics_SQLite: an office is created empty, so the
// statistics SQLite keeps say its search tables' pages are two rows. If the
// fill merged the segments it wrote with those statistics, FTS5's delete of
// merged pages ("DELETE … WHERE id >= ? AND id <= ?", once a step) would be
// planned as a scan of the whole table — the 10 M fill's merge that never
// ended. The fill analyses first: the delete is a range of the rowid.
func TestFillMergesWithStatistics_SQLite(t *testing.T) {
	ctx := context.Background()
	s := testdb.SQLite(t)
	fillAreas(t, service.New(s, time.Now))
	var plans []string
	defer store.MergePlanForTest(func(plan string) { plans = append(plans, plan) })()
	defer store.FillSearchBufferForTest(64 << 10)()
	if err := s.Fill(ctx, 0, 3000, 2025, nil); err != nil {
		t.Fatal(err)
	}
	if len(plans) != 1 {
		t.Fatalf("the merge was looked at %d times", len(plans))
	}
	if !strings.Contains(plans[0], "INTEGER PRIMARY KEY") || strings.HasPrefix(plans[0], "SCAN") {
		t.Errorf("FTS5's delete of merged pages before the merge: %q, want a search of the rowid range", plans[0])
	}
}

// TestOptimizeRefreshesTheSearchTables_SQLite: the hourly Optimize brings the
// statistics of the search tables' own tables (which only FTS5 inside SQLite
// reads) up to date, not only those of tables the writer's statements used.
func TestOptimizeRefreshesTheSearchTables_SQLite(t *testing.T) {
	ctx := context.Background()
	s := testdb.SQLite(t)
	fillAreas(t, service.New(s, time.Now))
	defer store.FillSearchBufferForTest(64 << 10)()
	if err := s.Fill(ctx, 0, 3000, 2025, nil); err != nil {
		t.Fatal(err)
	}
	if err := store.StaleSearchStatisticsForTest(ctx, s); err != nil {
		t.Fatal(err)
	}
	if stat, err := store.SearchStatisticsForTest(ctx, s); err != nil || stat != "2" {
		t.Fatalf("stale statistics: %q %v", stat, err)
	}
	s.Optimize(ctx, false)
	stat, err := store.SearchStatisticsForTest(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := strconv.Atoi(strings.Fields(stat)[0]); err != nil || n < 20 {
		t.Errorf("the trigram table's pages after the hourly Optimize: %q rows", stat)
	}
}
