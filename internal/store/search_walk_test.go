package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestSearchWalkNotMisledByANewestBurst: the walk judges a word's rate from
// the newest windows; when those are a burst unlike the rest (here the
// newest 300 matters, all about prepaid cards), a word found in most older
// matters looked rare and was handed to the index, which then gave up nearly
// every row (at 1 M on PostgreSQL 5–7 s a town's search). The walk now checks
// windows spread over the rest before it hands over: the common word keeps
// walking, a word rare everywhere still goes to the index, and both list what
// the full scan lists. Both databases.
func TestSearchWalkNotMisledByANewestBurst(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var ms []*casework.Matter
		for i := 0; i < 1300; i++ {
			facts := "购买的电饭煲有质量问题，要求退货"
			if i%50 == 0 {
				facts = "燃气灶点不着火，售后推诿"
			}
			if i >= 1000 {
				facts = "预付卡余额无法退还，商家已关门"
			}
			ms = append(ms, &casework.Matter{Consumer: casework.Party{Name: fmt.Sprintf("消费者%d", i), Phone: fmt.Sprintf("139%08d", i)},
				MerchantName: "好又多超市", Facts: facts, AreaPath: fmt.Sprintf("/1/%d/", 2+i%3),
				ReceivedAt: t0.Add(time.Duration(i) * time.Minute)})
		}
		insertMatters(t, s, ms...)
		defer store.SetSearchWalkForTest(16, 64, 100)()
		town := store.Scope{PathLo: "/1/3/", PathHi: "/1/30"}
		for _, tc := range []struct {
			q       string
			indexed bool // whether the index should be asked
		}{
			{"质量问题", false}, // in three quarters of the matters, none of the newest 300
			{"点不着火", true},  // in one in fifty: rare everywhere
		} {
			all, n, err := s.Matters(ctx, store.MatterFilter{Scope: town, Q: tc.q, Limit: 2000})
			if err != nil {
				t.Fatal(err)
			}
			before := store.SearchChunksForTest(s)
			got, gn, err := s.Matters(ctx, store.MatterFilter{Scope: town, Q: tc.q, Limit: 10, CountUpTo: 20})
			if err != nil {
				t.Fatal(err)
			}
			if asked := store.SearchChunksForTest(s) > before; asked != tc.indexed {
				t.Errorf("%q: index asked %v, want %v", tc.q, asked, tc.indexed)
			}
			want := numbers(all)[:min(10, len(all))]
			if gn != min(n, 21) || !slices.Equal(numbers(got), want) {
				t.Errorf("%q: %d %v, full scan %d %v", tc.q, gn, numbers(got), n, want)
			}
		}
	})
}

// TestIndexCheaper: the walk's weighing of its rest (store.IndexCheaper).
func TestIndexCheaper(t *testing.T) {
	for _, tc := range []struct {
		name                         string
		found, walked, words, sample int64
		left, rest, budget           int64
		want                         bool
	}{
		{"rare word: the walk would read everything, the index little", 0, 3000, 3, 3000, 1001, 1_000_000, 32768, true},
		{"common word, wide scope: the walk ends soon", 1500, 3000, 1800, 3000, 1001, 1_000_000, 32768, false},
		{"common word, narrow scope: the index would hand over more than the walk reads", 30, 3000, 1800, 3000, 1001, 1_000_000, 32768, false},
		{"few rows left: under the budget, walk", 0, 3000, 0, 3000, 1001, 20_000, 32768, false},
		{"nothing sampled: walk", 0, 0, 0, 0, 1001, 1_000_000, 32768, false},
		{"word nowhere in the sample: the index", 0, 3000, 0, 3000, 1001, 1_000_000, 32768, true},
	} {
		got := store.IndexCheaperForTest(tc.found, tc.walked, tc.words, tc.sample, tc.left, tc.rest, tc.budget)
		if got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
