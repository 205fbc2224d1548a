package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

func numbers(ms []casework.Matter) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Number
	}
	return out
}

// TestTwoStepSearchFindsWhatTheFullScanFinds: the search on a bounded count —
// the newest-first walk testing each row, handing over to an index that gives
// ids a chunk at a time when its words are rare — lists exactly the matters
// the old full scan lists — two-character words through the pair index
// (SQLite's matters_bigram, PostgreSQL's matter_pairs), longer ones through
// trigrams, several words, ASCII in either case, punctuation, within the
// viewer's scope and the other filters — newest first, page after page, and
// stops counting past its bound, however early or late the walk hands over.
// Both databases.
func TestTwoStepSearchFindsWhatTheFullScanFinds(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var ms []*casework.Matter
		facts := []string{"购买的牛奶已过保质期", "手机质量问题，屏幕碎裂", "预付卡商家跑路", "牛奶质量问题 ABC 退款", "理发店办卡 abc"}
		for i := 0; i < 600; i++ {
			m := &casework.Matter{Consumer: casework.Party{Name: fmt.Sprintf("消费者%d", i), Phone: fmt.Sprintf("139%08d", i)},
				MerchantName: []string{"好又多超市", "华为专卖店", "美发沙龙"}[i%3], Facts: facts[i%len(facts)],
				ReceivedAt: t0.Add(time.Duration(i) * time.Minute)}
			if i%4 != 0 {
				m.AreaPath = fmt.Sprintf("/1/%d/", 2+i%3)
			}
			if i%7 == 0 {
				m.Kind = casework.Report
			}
			ms = append(ms, m)
		}
		insertMatters(t, s, ms...)
		town := store.Scope{PathLo: "/1/3/", PathHi: "/1/30"}
		county := store.Scope{PathLo: "/1/", PathHi: "/10", Unplaced: true}
		// The walk alone (600 matters fit its first window); small windows,
		// common words walked and rare ones handed over to the index, early
		// or late; the index from the first row on, whatever the words.
		for _, tune := range [][3]int64{{2048, 16384, 32768}, {16, 64, 40000}, {16, 64, 100}, {1, 4096, -1}} {
			restore := store.SetSearchWalkForTest(tune[0], tune[1], tune[2])
			words := []string{"牛奶", "质量问题", "牛奶 质量", "abc", "ABC", "Ab", "奶", "跑路 好又多", "不存在", "超市", "13900000012", "a", "，屏", "碎裂", "卡 跑路"}
			if tune[0] != 2048 {
				words = []string{"牛奶", "质量问题", "Ab", "奶", "不存在", "，屏", "卡 跑路"} // each kind of word, to keep CI short
			}
			searchesAgree(t, s, town, county, tune[0] != 16, words)
			restore()
		}
		// The pair index follows edits of the searched fields.
		m := ms[1]
		err := s.Tx(ctx, func(tx *store.Tx) error {
			cur, err := tx.LockMatterID(ctx, m.ID)
			if err != nil {
				return err
			}
			cur.Facts = "空调漏水"
			return tx.UpdateMatter(ctx, &cur)
		})
		if err != nil {
			t.Fatal(err)
		}
		defer store.SetSearchWalkForTest(1, 4096, -1)() // straight to the pair index
		for q, want := range map[string]bool{"漏水": true, "空调": true} {
			got, _, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Q: q, CountUpTo: 100})
			if err != nil || (len(got) == 1) != want {
				t.Fatalf("after edit, %q: %v %v", q, numbers(got), err)
			}
		}
		got, _, _ := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Q: "屏幕", CountUpTo: 100})
		if slices.Contains(numbers(got), m.Number) {
			t.Fatal("the old facts are still found")
		}
	})
}

// searchesAgree checks the bounded search against the full scan for many
// words, scopes and kinds (TestTwoStepSearchFindsWhatTheFullScanFinds).
func searchesAgree(t *testing.T, s *store.Store, town, county store.Scope, paging bool, words []string) {
	t.Helper()
	ctx := context.Background()
	{
		for _, q := range words {
			for _, sc := range []store.Scope{{All: true}, town, county} {
				for _, kind := range []casework.Kind{"", casework.Report} {
					f := store.MatterFilter{Scope: sc, Q: q, Kind: kind, Limit: 1000}
					all, n, err := s.Matters(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					want := numbers(all)
					slices.Sort(want)
					f.CountUpTo = 10_000
					got, gn, err := s.Matters(ctx, f)
					if err != nil {
						t.Fatal(q, err)
					}
					if gn != n || !slices.Equal(sorted(numbers(got)), want) {
						t.Fatalf("%q in %+v kind %q: two-step %d %v, full scan %d %v", q, sc, kind, gn, len(got), n, len(want))
					}
					// Newest entered first, and pages follow one another.
					whole := numbers(got)
					end := len(got) + 7
					if !paging && len(got) > 14 {
						whole, end = whole[:14], 14 // the first two pages only
					}
					var paged []string
					for off := 0; off < end; off += 7 {
						f.Limit, f.Offset = 7, off
						page, _, err := s.Matters(ctx, f)
						if err != nil {
							t.Fatal(err)
						}
						paged = append(paged, numbers(page)...)
					}
					if !slices.Equal(paged, whole) {
						t.Fatalf("%q: pages %v, whole %v", q, paged, numbers(got))
					}
					for i := 1; i < len(got); i++ {
						if got[i].ID >= got[i-1].ID {
							t.Fatalf("%q: not newest first", q)
						}
					}
					if n > 5 {
						f.CountUpTo, f.Limit, f.Offset = 5, 3, 0
						if _, bn, _ := s.Matters(ctx, f); bn != 6 {
							t.Fatalf("%q: bounded count %d, want 6 (more than 5)", q, bn)
						}
					}
				}
			}
		}
	}
}

func sorted(s []string) []string { slices.Sort(s); return s }

// TestHotQueriesUseTheirIndexes_SQLite fails when a hot query stops using its
// index: the plans SQLite chooses (EXPLAIN QUERY PLAN) over 30,000 matters
// with the statistics PRAGMA optimize gathers, for the statements the store
// really runs. docs/EXPLAIN.md shows the same plans at a million.
func TestHotQueriesUseTheirIndexes_SQLite(t *testing.T) {
	ctx := context.Background()
	s := testdb.SQLite(t)
	svc := service.New(s, time.Now)
	fillAreas(t, svc)
	if err := s.Fill(ctx, 0, 30_000, 2025, nil); err != nil {
		t.Fatal(err)
	}
	s.Optimize(ctx, true)
	county := store.Scope{PathLo: "/1/", PathHi: "/10", Unplaced: true}
	town := store.Scope{PathLo: "/1/3/", PathHi: "/1/30"}
	type want struct{ part, has string }
	from, to := time.Date(2024, 12, 31, 16, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC)
	march, april := time.Date(2025, 2, 28, 16, 0, 0, 0, time.UTC), time.Date(2025, 3, 31, 16, 0, 0, 0, time.UTC)
	goods := casework.Goods
	// A town's list newest first with more than 2,000 matches walks matters_received.
	ms, _, err := s.Matters(ctx, store.MatterFilter{Scope: town, CountUpTo: 10_000, Limit: 25})
	if err != nil || len(ms) != 25 {
		t.Fatal(err, len(ms))
	}
	for i := 1; i < len(ms); i++ {
		if ms[i].ReceivedAt.After(ms[i-1].ReceivedAt) {
			t.Fatal("not newest first")
		}
	}
	for _, c := range []struct {
		name string
		f    store.MatterFilter
		want []want
	}{
		{"county open queue by deadline", store.MatterFilter{Scope: county, OpenOnly: true, ByDue: true, CountUpTo: 10_000},
			[]want{{"page", "USING INDEX matters_open_due"}, {"count", "USING INDEX matters_open_due"}}},
		{"town open queue by deadline", store.MatterFilter{Scope: town, OpenOnly: true, ByDue: true, CountUpTo: 10_000},
			[]want{{"page", "USING INDEX matters_open_due"}, {"count", "INDEX matters_open_area (area_path>? AND area_path<?)"}}},
		// A town's list newest first seeks the town's range and sorts it (see docs/EXPLAIN.md); its count is bounded.
		{"town list newest first", store.MatterFilter{Scope: town, CountUpTo: 10_000},
			[]want{{"count", "INDEX"}}},
		{"county list newest first", store.MatterFilter{Scope: county, CountUpTo: 10_000},
			[]want{{"page", "USING INDEX matters_received"}, {"count", "INDEX"}}},
		{"unplaced list", store.MatterFilter{Scope: store.Scope{All: true}, Unplaced: true, CountUpTo: 10_000},
			[]want{{"page", "INDEX"}, {"count", "INDEX"}}},
		// The lists behind the report's figures (every figure opens its list):
		// their bounded counts read an index of the period, never every
		// matter stored (docs/EXPLAIN.md, "Which indexes earn their cost").
		{"a month's list (figure by month)", store.MatterFilter{Scope: county, From: &march, To: &april, CountUpTo: 10_000},
			[]want{{"count", "INDEX"}}},
		{"closed in the year", store.MatterFilter{Scope: county, States: []casework.State{casework.Closed}, From: &from, To: &to, CountUpTo: 10_000},
			[]want{{"count", "INDEX"}}},
		{"terminated in the year", store.MatterFilter{Scope: county, Outcomes: []casework.Outcome{casework.OutcomeTerminated}, From: &from, To: &to, CountUpTo: 10_000},
			[]want{{"count", "INDEX"}}},
		{"letters about goods in the year", store.MatterFilter{Scope: county, Kind: casework.Complaint, Channel: casework.Letter, Category: &goods, From: &from, To: &to, CountUpTo: 10_000},
			[]want{{"count", "INDEX"}}},
		{"on-site promises kept in the year", store.MatterFilter{Scope: county, OnSite: "kept", From: &from, To: &to, CountUpTo: 10_000},
			[]want{{"count", "INDEX"}}},
		{"rated in the year", store.MatterFilter{Scope: county, Rated: true, From: &from, To: &to, CountUpTo: 10_000},
			[]want{{"count", "INDEX"}}},
		// A search walks the primary key newest first, a window of ids at a
		// time, the scope and every filter tested on each row; for a rare
		// word it turns to its index.
		{"two-character search", store.MatterFilter{Scope: county, Q: "质量", CountUpTo: 10_000},
			[]want{{"search", "VIRTUAL TABLE INDEX"}, {"walk", walkPlan}, {"walk count", walkPlan}}},
		{"four-character search", store.MatterFilter{Scope: county, Q: "质量问题", CountUpTo: 10_000},
			[]want{{"search", "VIRTUAL TABLE INDEX"}, {"walk", walkPlan}, {"walk count", walkPlan}}},
		{"town's search of reports", store.MatterFilter{Scope: town, Q: "质量问题", Kind: casework.Report, CountUpTo: 10_000},
			[]want{{"search", "VIRTUAL TABLE INDEX"}, {"walk", walkPlan}, {"walk count", walkPlan}}},
		{"town's search of open matters, one character", store.MatterFilter{Scope: town, Q: "质", OpenOnly: true, CountUpTo: 10_000},
			[]want{{"walk", walkPlan}, {"walk count", walkPlan}}},
	} {
		plans, err := store.PlansForTest(ctx, s, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, w := range c.want {
			p := plans[w.part]
			if !strings.Contains(p, w.has) || strings.Contains(p, "TEMP B-TREE") || hasBareScan(p) {
				t.Errorf("%s, %s: want %q without a full scan or a sort of all rows; plan:\n%s", c.name, w.part, w.has, p)
			}
		}
	}
	// The report's rollups: a range of days (months) of each primary key,
	// whatever the scope; a period with partial months at both ends reads
	// their days and the whole months between.
	midMarch, midAugust := time.Date(2025, 3, 14, 16, 0, 0, 0, time.UTC), time.Date(2025, 8, 9, 16, 0, 0, 0, time.UTC)
	days, months := "USING PRIMARY KEY (day>? AND day<?)", "SEARCH matter_rollup_month USING PRIMARY KEY (month>? AND month<?)"
	for name, c := range map[string]struct {
		f        store.MatterFilter
		wantDays bool
	}{
		"office":                  {store.MatterFilter{Scope: store.Scope{All: true}, From: &from, To: &to}, false},
		"county":                  {store.MatterFilter{Scope: county, From: &from, To: &to}, false},
		"town report":             {store.MatterFilter{Scope: store.Scope{All: true}, AreaPath: "/1/3/", From: &from, To: &to}, false},
		"mid-March to mid-August": {store.MatterFilter{Scope: county, From: &midMarch, To: &midAugust}, true},
	} {
		plans, err := store.RollupPlansForTest(ctx, s, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(plans) != 3 {
			t.Fatalf("%s: %d rollups", name, len(plans))
		}
		for table, p := range plans {
			ok := strings.Contains(p, "SEARCH "+table+" "+days)
			if table == "matter_rollup" {
				ok = strings.Contains(p, months) && strings.Contains(p, "SEARCH matter_rollup "+days) == c.wantDays
			}
			if !ok || hasBareScan(p) {
				t.Errorf("%s, %s: plan:\n%s", name, table, p)
			}
		}
	}
	for name, q := range map[string]string{
		"case page":   "SELECT id FROM matters WHERE number = 'B123'",
		"timeline":    "SELECT id FROM events WHERE matter_id = 5 ORDER BY id",
		"open clocks": "SELECT id FROM deadlines WHERE met_at IS NULL AND cancelled_at IS NULL AND breached_at IS NULL AND due_at <= '2026-01-01' ORDER BY due_at",
	} {
		p, err := store.PlanOfQuery(ctx, s, q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(p, "INDEX") || hasBareScan(p) {
			t.Errorf("%s: plan:\n%s", name, p)
		}
	}
}

// walkPlan is a search's window of the newest ids: a range of the primary key.
const walkPlan = "SEARCH matters USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"

// hasBareScan reports a SCAN of a table without an index.
func hasBareScan(plan string) bool {
	for _, l := range strings.Split(plan, "\n") {
		if strings.HasPrefix(l, "SCAN ") && !strings.Contains(l, "INDEX") && !strings.Contains(l, "(subquery") &&
			!strings.Contains(l, "json_each") && !strings.Contains(l, "CONSTANT ROW") && l != "SCAN n" && l != "SCAN r" { // n, r: the store's subqueries
			return true
		}
	}
	return false
}
