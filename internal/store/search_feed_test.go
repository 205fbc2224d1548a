package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestSearchFedOnceATransaction: SQLite's search tables get a transaction's
// new matters when it commits (migration 0077), with the values they have
// then; what the search finds is exactly what it found when every insert fed
// them at once — a matter edited or deleted in the transaction that made it,
// one edited later, the commands of a group-commit batch, and a command of a
// batch that failed (its matter must not be found) — and both FTS5 indexes
// pass their integrity checks. PostgreSQL, whose search has no such tables,
// must find the same.
func TestSearchFedOnceATransaction(t *testing.T) {
	defer store.SetFeedForTest(256, time.Hour)() // fed when the test says
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		add := func(tx *store.Tx, name, facts string) (*casework.Matter, error) {
			m := &casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Received,
				RuleSet: casework.Order121, Version: 1, Consumers: 1, ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0,
				Consumer: casework.Party{Name: name, Phone: "13800000000"}, MerchantName: "好又多超市", Facts: facts}
			return m, tx.InsertMatter(ctx, m)
		}
		var second *casework.Matter
		err := s.Tx(ctx, func(tx *store.Tx) error {
			first, err := add(tx, "甲一", "空调漏水")
			if err != nil {
				return err
			}
			cur, err := tx.LockMatterID(ctx, first.ID)
			if err != nil {
				return err
			}
			cur.Facts = "冰箱不制冷" // edited before the search tables ever saw it
			if err := tx.UpdateMatter(ctx, &cur); err != nil {
				return err
			}
			if second, err = add(tx, "乙二", "洗衣机噪音"); err != nil {
				return err
			}
			gone, err := add(tx, "丙三", "电视黑屏")
			if err != nil {
				return err
			}
			return tx.ExecForTest(ctx, "DELETE FROM matters WHERE id = $1", gone.ID) // deleted before it was fed
		})
		if err != nil {
			t.Fatal(err)
		}
		err = s.Tx(ctx, func(tx *store.Tx) error { // an edit of a matter already in the search tables
			cur, err := tx.LockMatterID(ctx, second.ID)
			if err != nil {
				return err
			}
			cur.Facts = "热水器漏电"
			return tx.UpdateMatter(ctx, &cur)
		})
		if err != nil {
			t.Fatal(err)
		}
		// Commands arriving together share a transaction; every fifth fails after its insert.
		var wg sync.WaitGroup
		failed := errors.New("refused")
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := s.Tx(ctx, func(tx *store.Tx) error {
					if _, err := add(tx, fmt.Sprintf("批%02d", i), fmt.Sprintf("预付卡跑路第%02d号", i)); err != nil {
						return err
					}
					if i%5 == 0 {
						return failed
					}
					return nil
				})
				if (i%5 == 0) != errors.Is(err, failed) {
					t.Errorf("command %d: %v", i, err)
				}
			}()
		}
		wg.Wait()
		defer store.SetSearchWalkForTest(1, 4096, -1)() // straight to the search tables, not the walk
		var batch []string
		for i := 0; i < 40; i++ {
			if i%5 != 0 {
				batch = append(batch, fmt.Sprintf("批%02d", i))
			}
		}
		cases := []struct {
			q    string
			want []string
		}{
			{"冰箱不制冷", []string{"甲一"}}, {"冰箱", []string{"甲一"}}, {"空调漏水", nil}, {"空调", nil},
			{"热水器漏电", []string{"乙二"}}, {"漏电", []string{"乙二"}}, {"洗衣机噪音", nil}, {"噪音", nil},
			{"电视黑屏", nil}, {"黑屏", nil}, {"丙三", nil},
			{"预付卡跑路", batch}, {"跑路", batch}, {"第00号", nil}, {"第05号", nil}, {"第07号", []string{"批07"}},
		}
		// Fewer than feedAt matters: on SQLite they wait in search_pending,
		// where both searches (the exact count and the two steps) find them.
		if s.Dialect() == store.SQLite {
			if n, err := store.CountForTest(ctx, s, "SELECT COUNT(*) FROM search_pending"); err != nil || n == 0 {
				t.Fatalf("pending before the feed: %d %v", n, err)
			}
		}
		for _, c := range cases {
			if got := search(t, s, c.q); !slices.Equal(got, c.want) {
				t.Errorf("pending: search %q: %v, want %v", c.q, got, c.want)
			}
			if got := searchBounded(t, s, c.q); !slices.Equal(got, c.want) {
				t.Errorf("pending: bounded search %q: %v, want %v", c.q, got, c.want)
			}
		}
		if err := store.FeedSearchForTest(ctx, s); err != nil {
			t.Fatal(err)
		}
		if n, err := store.CountForTest(ctx, s, "SELECT COUNT(*) FROM search_pending"); s.Dialect() == store.SQLite && (err != nil || n != 0) {
			t.Fatalf("pending after the feed: %d %v", n, err)
		}
		for _, c := range cases {
			if got := search(t, s, c.q); !slices.Equal(got, c.want) {
				t.Errorf("fed: search %q: %v, want %v", c.q, got, c.want)
			}
			if got := searchBounded(t, s, c.q); !slices.Equal(got, c.want) {
				t.Errorf("fed: bounded search %q: %v, want %v", c.q, got, c.want)
			}
		}
		if s.Dialect() == store.SQLite {
			for _, q := range []string{"INSERT INTO matters_fts (matters_fts, rank) VALUES ('integrity-check', 1)",
				"INSERT INTO matters_bigram (matters_bigram) VALUES ('integrity-check')"} {
				if err := store.ExecForBench(ctx, s, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
		}
	})
}

// searchBounded is search through the two steps (a bounded count, the walk
// handing over to the index at once).
func searchBounded(t *testing.T, s *store.Store, q string) []string {
	t.Helper()
	ms, _, err := s.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}, Q: q, Limit: 100, CountUpTo: 1000})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.Consumer.Name)
	}
	slices.Sort(out)
	return out
}

// TestSearchFedWhenIdleOrMany: SQLite's writer feeds the search tables what
// is pending once it has had nothing to do for feedIdle, and a commit feeds
// them itself once feedAt matters are pending — the matters are searchable
// throughout (TestSearchFedOnceATransaction).
func TestSearchFedWhenIdleOrMany(t *testing.T) {
	ctx := context.Background()
	pending := func(s *store.Store) int64 {
		n, err := store.CountForTest(ctx, s, "SELECT COUNT(*) FROM search_pending")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	three := func() []*casework.Matter {
		return []*casework.Matter{{Facts: "空调漏水"}, {Facts: "冰箱不制冷"}, {Facts: "热水器漏电"}}
	}
	t.Run("idle", func(t *testing.T) {
		defer store.SetFeedForTest(1000, 10*time.Millisecond)()
		s := testdb.SQLite(t)
		insertMatters(t, s, three()...)
		deadline := time.Now().Add(10 * time.Second)
		for pending(s) > 0 {
			if time.Now().After(deadline) {
				t.Fatal("the idle writer never fed the search tables")
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
	t.Run("many", func(t *testing.T) {
		defer store.SetFeedForTest(5, time.Hour)()
		s := testdb.SQLite(t)
		insertMatters(t, s, three()...)
		if n := pending(s); n != 3 {
			t.Fatalf("pending after 3 matters: %d, want 3", n)
		}
		insertMatters(t, s, three()...)
		if n := pending(s); n != 0 {
			t.Fatalf("pending after 6 matters (feedAt 5): %d, want 0", n)
		}
		defer store.SetSearchWalkForTest(1, 4096, -1)()
		if got := searchBounded(t, s, "冰箱不制冷"); len(got) != 2 {
			t.Fatalf("found %d, want 2", len(got))
		}
	})
}
