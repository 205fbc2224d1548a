package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
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

// TestSearchPathsAgreeOnAnyCase: for texts and words drawn from letters with
// case variants inside and outside ASCII (fullwidth, Latin-1, Greek final
// sigma, Turkish dotted and dotless i, the Kelvin sign, capital sharp s,
// Georgian), the full scan, the walk and the indexes list the same matters
// for every word — two characters (the pair indexes) and three (trigrams).
// Both databases.
func TestSearchPathsAgreeOnAnyCase(t *testing.T) {
	classes := [][]rune{{'a', 'A'}, {'b', 'B'}, {'k', 'K', '\u212A'}, {'ａ', 'Ａ'}, {'ä', 'Ä'}, {'σ', 'Σ', 'ς'},
		{'i', 'I', 'İ', 'ı'}, {'ß', 'ẞ'}, {'ა', 'Ა'}, {'中'}}
	classOf := map[rune][]rune{}
	for _, c := range classes {
		for _, r := range c {
			classOf[r] = c
		}
	}
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rnd := rand.New(rand.NewPCG(13, 86))
		word := func(n int) string {
			var b []rune
			for range n {
				c := classes[rnd.IntN(len(classes))]
				b = append(b, c[rnd.IntN(len(c))])
			}
			return string(b)
		}
		var ms []*casework.Matter
		for i := range 200 {
			ms = append(ms, &casework.Matter{Consumer: casework.Party{Name: "王五", Phone: fmt.Sprintf("139%08d", i)},
				MerchantName: "好又多超市", Facts: word(3+rnd.IntN(5)) + " " + word(3+rnd.IntN(5)),
				ReceivedAt: t0.Add(time.Duration(i) * time.Minute)})
		}
		insertMatters(t, s, ms...)
		if err := store.FeedSearchForTest(ctx, s); err != nil {
			t.Fatal(err)
		}
		var words []string
		for range 60 {
			// A piece of a matter's facts with its letters' case changed at random.
			f := []rune(strings.Fields(ms[rnd.IntN(len(ms))].Facts)[rnd.IntN(2)])
			n := 2 + rnd.IntN(2)
			at := rnd.IntN(len(f) - n + 1)
			w := f[at : at+n]
			for i, r := range w {
				if c := classOf[r]; c != nil && rnd.IntN(2) == 0 {
					w[i] = c[rnd.IntN(len(c))]
				}
			}
			words = append(words, string(w))
		}
		found := 0
		for _, q := range words {
			var want []string
			for i, tune := range [][3]int64{{1024, 16384, 32768}, {1024, 16384, 32768}, {1, 4096, -1}, {16, 64, -1}} {
				restore := store.SetSearchWalkForTest(tune[0], tune[1], tune[2])
				count := 1000
				if i == 0 {
					count = 0 // the full scan
				}
				got, n, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Q: q, Limit: 1000, CountUpTo: count})
				restore()
				if err != nil {
					t.Fatalf("%q: %v", q, err)
				}
				nums := sorted(numbers(got))
				if n != len(nums) {
					t.Fatalf("%q tune %v: counted %d, listed %d", q, tune, n, len(nums))
				}
				if i == 0 {
					want = nums
					found += len(want)
				} else if !slices.Equal(nums, want) {
					t.Errorf("%q tune %v: %v, the full scan %v", q, tune, nums, want)
				}
			}
		}
		if found == 0 {
			t.Fatal("no word found anything: the test tests nothing")
		}
	})
}
