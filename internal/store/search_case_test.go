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

// TestSearchFoldsOnlyASCIIOnEveryPath: a search folds the case of A–Z only,
// as its recheck does (SQLite's LIKE; PostgreSQL's ILIKE over the text, which
// takes the "C" collation of matters.number), and every way of answering it
// lists exactly that — the full scan, the walk, and the indexes it hands over
// to (PostgreSQL's matter_pairs looked its word up lowered under the
// database's collation, 'ＯＰ' as 'ｏｐ', and missed 'ＯＰＰＯ手机'; SQLite's
// full scan took its trigram index's full folding for a match, 'äpfel' found
// 'Äpfel', which its two-step search did not; SQLite's pair index stored
// 'ᲐᲑ' (Georgian capitals, newer than its tokenizer's tables) lowered by Go
// and looked it up as typed, and missed it). Fullwidth letters, 'Ä', 'K'
// (Kelvin) and 'Ა' are found in their own case, ASCII letters in any. Both
// databases.
func TestSearchFoldsOnlyASCIIOnEveryPath(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		facts := []string{"ＯＰＰＯ手机屏幕碎裂", "ｏｐｐｏ手机充不上电", "OPPO手机黑屏", "Äpfel faul", "äpfel frisch", "ÄPFEL verdorben", "\u212Aelvin温度计", "ᲐᲑᲒ格鲁吉亚"}
		var ms []*casework.Matter
		for i, f := range facts {
			ms = append(ms, &casework.Matter{Consumer: casework.Party{Name: "王五", Phone: fmt.Sprintf("139%08d", i)},
				MerchantName: "好又多超市", Facts: f, ReceivedAt: t0.Add(time.Duration(i) * time.Minute)})
		}
		for i := range 10 { // newer than all of them: the walk's first window
			ms = append(ms, &casework.Matter{Consumer: casework.Party{Name: "李四", Phone: fmt.Sprintf("138%08d", i)},
				MerchantName: "好又多超市", Facts: "牛奶过期", ReceivedAt: t0.Add(time.Hour)})
		}
		insertMatters(t, s, ms...)
		if err := store.FeedSearchForTest(ctx, s); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string][]int{
			"ＯＰＰＯ": {0}, "ｏｐｐｏ": {1}, "Ｏｐｐｏ": nil, "ＯＰ": {0}, "ｏｐ": {1}, "Ｏｐ": nil,
			"Oppo": {2}, "oppo": {2}, "OP": {2}, "oP": {2},
			"Äpfel": {3, 5}, "äpfel": {4}, "ÄPFEL": {3, 5}, "äPFEL": {4}, "Äp": {3, 5}, "äp": {4}, "ÄP": {3, 5},
			"PF": {3, 4, 5}, "pfel": {3, 4, 5}, "apfel": nil, "ap": nil,
			"\u212Ae": {6}, "\u212Aelvin": {6}, "ke": nil, "kelvin": nil,
			"ᲐᲑ": {7}, "ᲐᲑᲒ": {7}, "აბ": nil, "აბგ": nil,
		} {
			var wantNums []string
			for _, i := range want {
				wantNums = append(wantNums, ms[i].Number)
			}
			slices.Sort(wantNums)
			for _, way := range []struct {
				name  string
				tune  [3]int64
				count int
			}{
				{"full scan", [3]int64{1024, 16384, 32768}, 0},
				{"walk", [3]int64{1024, 16384, 32768}, 100},
				{"index", [3]int64{1, 4096, -1}, 100}, // the newest matter walked, the rest from the index
			} {
				restore := store.SetSearchWalkForTest(way.tune[0], way.tune[1], way.tune[2])
				got, n, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Q: q, CountUpTo: way.count})
				restore()
				if err != nil {
					t.Fatalf("%s %q: %v", way.name, q, err)
				}
				if nums := sorted(numbers(got)); n != len(want) || !slices.Equal(nums, wantNums) {
					t.Errorf("%s %q: %d %v, want %v", way.name, q, n, nums, wantNums)
				}
			}
		}
	})
}
