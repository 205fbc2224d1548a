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

func importRows(n int, prefix string, day time.Time) ([]casework.Matter, []casework.Event) {
	var ms []casework.Matter
	var evs []casework.Event
	for i := 0; i < n; i++ {
		ms = append(ms, casework.Matter{Kind: casework.Inquiry, Channel: casework.Letter, State: casework.Received, RuleSet: casework.Order20,
			ReceivedAt: day.Add(time.Duration(i) * time.Minute), CreatedAt: t0, UpdatedAt: t0, Version: 1, Consumers: 1,
			SourceID: fmt.Sprintf("%s%03d", prefix, i)})
		evs = append(evs, casework.Event{At: t0, ActorName: "test", Action: casework.Import, To: casework.Received, Data: map[string]any{"row": i + 2}})
	}
	return ms, evs
}

// TestImportMattersSkipsWhatIsThere: rows already stored (by an import that ran
// beside this one, say) are skipped inside the batch; the others get numbers
// of their received day, in order, and one event each.
func TestImportMattersSkipsWhatIsThere(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		day := time.Date(2021, 3, 1, 1, 0, 0, 0, time.UTC)
		first, fev := importRows(3, "S-", day)
		err := s.Tx(ctx, func(tx *store.Tx) error {
			_, _, err := tx.ImportMatters(ctx, &store.Import{FileName: "a.csv", At: t0}, first[1:2], fev[1:2])
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		ms, evs := importRows(45, "S-", day) // more than one SQLite batch; S-001 is already there
		imp := store.Import{FileName: "b.csv", Rows: 45, At: t0}
		var ins, skip int
		err = s.Tx(ctx, func(tx *store.Tx) error {
			ins, skip, err = tx.ImportMatters(ctx, &imp, ms, evs)
			return err
		})
		if err != nil || ins != 44 || skip != 1 || imp.ID == 0 {
			t.Fatalf("import: %d %d %v", ins, skip, err)
		}
		if ms[0].Number != "20210301-000002" || ms[2].Number != "20210301-000004" {
			t.Fatalf("numbers %s %s", ms[0].Number, ms[2].Number)
		}
		m, err := s.Matter(ctx, ms[44].ID)
		if err != nil || m.SourceID != "S-044" {
			t.Fatalf("matter of the last row: %+v %v", m, err)
		}
		tl, err := s.Timeline(ctx, ms[44].ID)
		if err != nil || len(tl) != 1 || fmt.Sprint(tl[0].Data["row"]) != "46" || fmt.Sprint(tl[0].Data["import_id"]) != fmt.Sprint(imp.ID) {
			t.Fatalf("timeline %+v %v", tl, err)
		}
		if tl, _ := s.Timeline(ctx, first[1].ID); len(tl) != 1 {
			t.Fatalf("the skipped row's matter got a second event: %+v", tl)
		}
		list, err := s.Imports(ctx, 10)
		if err != nil || len(list) != 2 || list[0].Imported != 44 || list[0].Skipped != 1 || list[0].FileName != "b.csv" {
			t.Fatalf("imports %+v %v", list, err)
		}
	})
}

// TestImportFeedsSearchAsIntakeDoes: an import fills the search tables once,
// at its end, instead of through the insert triggers (migration 0077); the
// same rows entered by intake before and after it are found by exactly the
// same words — trigrams, pairs, phones, ASCII — and on SQLite the trigram
// index agrees with its content table.
func TestImportFeedsSearchAsIntakeDoes(t *testing.T) {
	testdb.Each(t, importFeedsSearchAsIntakeDoes)
}

// TestBulkImportFeedsSearchAsIntakeDoes: the same, the import written in bulk
// on SQLite (bulkImport: more rows than the matters before it).
func TestBulkImportFeedsSearchAsIntakeDoes(t *testing.T) {
	defer store.SetBulkImportMinForTest(1)()
	importFeedsSearchAsIntakeDoes(t, testdb.SQLite(t))
}

func importFeedsSearchAsIntakeDoes(t *testing.T, s *store.Store) {
	{
		ctx := context.Background()
		const n = 90
		facts := []string{"购买的牛奶已过保质期", "手机质量问题，屏幕碎裂", "预付卡商家跑路", "牛奶质量问题 ABC 退款", "理发店办卡 abc", ""}
		row := func(i int) casework.Matter {
			return casework.Matter{Consumer: casework.Party{Name: fmt.Sprintf("消费者%03d", i), Phone: fmt.Sprintf("139%08d", i*7)},
				MerchantName: []string{"好又多超市", "华为专卖店", "美发沙龙", ""}[i%4], Facts: facts[i%len(facts)]}
		}
		intake := func(lo, hi int) {
			var ms []*casework.Matter
			for i := lo; i < hi; i++ {
				m := row(i)
				m.Consumer.Name = fmt.Sprintf("登记%03d", i)
				ms = append(ms, &m)
			}
			insertMatters(t, s, ms...)
		}
		intake(0, n/2)
		ms, evs := importRows(n, "I-", time.Date(2021, 3, 1, 1, 0, 0, 0, time.UTC))
		for i := range ms {
			r := row(i)
			ms[i].Consumer, ms[i].MerchantName, ms[i].Facts = r.Consumer, r.MerchantName, r.Facts
			ms[i].Consumer.Name = fmt.Sprintf("导入%03d", i)
		}
		restore := store.SetImportFeedRowsForTest(7) // several statements, the last one short
		err := s.Tx(ctx, func(tx *store.Tx) error {
			_, _, err := tx.ImportMatters(ctx, &store.Import{FileName: "s.csv", Rows: n, At: t0}, ms, evs)
			return err
		})
		restore()
		if err != nil {
			t.Fatal(err)
		}
		intake(n/2, n)                                  // the triggers work again after the import
		defer store.SetSearchWalkForTest(1, 4096, -1)() // straight to the search tables
		for _, q := range []string{"牛奶", "质量问题", "牛奶 质量", "abc", "ABC", "奶", "跑路 好又多", "超市", "13900000014", "，屏", "碎裂", "卡 跑路", "华为专卖", "导入", "登记"} {
			got, _, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Q: q, Limit: 1000, CountUpTo: 10_000})
			if err != nil {
				t.Fatal(q, err)
			}
			byWay := map[string][]string{}
			for _, m := range got {
				way, i := m.Consumer.Name[:6], m.Consumer.Name[6:]
				byWay[way] = append(byWay[way], i)
			}
			imported, entered := sorted(byWay["导入"]), sorted(byWay["登记"])
			switch q {
			case "导入":
				if len(imported) != n || len(entered) != 0 {
					t.Fatalf("%q: %d imported, %d entered", q, len(imported), len(entered))
				}
			case "登记":
				if len(entered) != n || len(imported) != 0 {
					t.Fatalf("%q: %d imported, %d entered", q, len(imported), len(entered))
				}
			default:
				if len(imported) == 0 || !slices.Equal(imported, entered) {
					t.Fatalf("%q: imported rows %v, the same rows entered %v", q, imported, entered)
				}
			}
		}
		if s.Dialect() == store.SQLite {
			if err := store.FeedSearchForTest(ctx, s); err != nil { // the last intakes may still be pending
				t.Fatal(err)
			}
			for _, q := range []string{"INSERT INTO matters_fts (matters_fts, rank) VALUES ('integrity-check', 1)",
				"INSERT INTO matters_bigram (matters_bigram) VALUES ('integrity-check')"} {
				if err := store.ExecForBench(ctx, s, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
		}
	}
}

// TestBulkImportRebuildsIndexes: an SQLite import that outgrows the matters
// before it drops their plain indexes and creates them again before it
// commits, with the planner's statistics they had; rolled back, it leaves
// them as they were.
func TestBulkImportRebuildsIndexes(t *testing.T) {
	s := testdb.SQLite(t)
	ctx := context.Background()
	day := time.Date(2021, 3, 1, 1, 0, 0, 0, time.UTC)
	ms, evs := importRows(5, "B-", day)
	if err := s.Tx(ctx, func(tx *store.Tx) error {
		_, _, err := tx.ImportMatters(ctx, &store.Import{FileName: "a.csv", At: t0}, ms, evs)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := store.ExecForBench(ctx, s, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	idx0, stat0, err := store.MatterIndexesForTest(ctx, s)
	if err != nil || len(idx0) < 10 || len(stat0) < 10 {
		t.Fatalf("before: %d indexes, %d statistics, %v", len(idx0), len(stat0), err)
	}
	defer store.SetBulkImportMinForTest(1)()
	same := func(when string) {
		t.Helper()
		idx, stat, err := store.MatterIndexesForTest(ctx, s)
		if err != nil || !slices.Equal(idx, idx0) || !slices.Equal(stat, stat0) {
			t.Fatalf("%s: indexes %v\nwere %v\nstatistics %v\nwere %v (%v)", when, idx, idx0, stat, stat0, err)
		}
		if ok, err := store.IntegrityForTest(ctx, s); err != nil || ok != "ok" {
			t.Fatalf("%s: integrity %q %v", when, ok, err)
		}
	}
	ms, evs = importRows(30, "C-", day) // more rows than the 5 there: written in bulk
	boom := fmt.Errorf("boom")
	err = s.Tx(ctx, func(tx *store.Tx) error {
		if _, _, err := tx.ImportMatters(ctx, &store.Import{FileName: "b.csv", At: t0}, ms, evs); err != nil {
			return err
		}
		return boom
	})
	if err != boom {
		t.Fatalf("rolled back: %v", err)
	}
	same("rolled back")
	ms, evs = importRows(30, "C-", day)
	var ins int
	if err := s.Tx(ctx, func(tx *store.Tx) error {
		ins, _, err = tx.ImportMatters(ctx, &store.Import{FileName: "b.csv", At: t0}, ms, evs)
		return err
	}); err != nil || ins != 30 {
		t.Fatalf("import: %d %v", ins, err)
	}
	same("committed")
	// Its WAL is copied into the database behind the commit, not by the writer.
	ck, _, err := store.CheckpointsForTest(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	waitCheckpointed(t, s, ck-1)
	// The rebuilt indexes hold the new rows: the day's matters are found by the received-time index.
	plans, err := store.PlansForTest(ctx, s, store.MatterFilter{Scope: store.Scope{All: true}})
	if err != nil {
		t.Fatal(err)
	}
	got, n, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Limit: 100, CountUpTo: 1000})
	if err != nil || len(got) != 35 || n != 35 {
		t.Fatalf("matters after: %d (%d) %v; plans %v", len(got), n, err, plans)
	}
}
