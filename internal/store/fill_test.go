package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestFillKeepsTheSchemaAndWritesWhatTheTriggersWould: Fill drops the
// indexes, triggers (and on PostgreSQL foreign keys) of matters and events
// to insert in bulk; afterwards the catalog holds exactly the definitions it
// held before, the rollups equal the recount, the searches find what the
// full scan finds, every matter has its receipt and every closed one its
// closing on the timeline, and every merchant named is on record — on an
// empty office and on one that already holds matters. Both databases.
func TestFillKeepsTheSchemaAndWritesWhatTheTriggersWould(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := service.New(s, time.Now)
		fillAreas(t, svc)
		before, err := store.CatalogForTest(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		count := func(q string) int64 {
			t.Helper()
			n, err := store.CountForTest(ctx, s, q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return n
		}
		// Small segments, so that the fill leaves many to merge.
		defer store.FillSearchBufferForTest(64 << 10)()
		for _, batch := range [][2]int{{0, 3000}, {3000, 1000}} {
			if err := s.Fill(ctx, batch[0], batch[1], 2025, nil); err != nil {
				t.Fatal(err)
			}
			after, err := store.CatalogForTest(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(before, after) {
				for _, l := range before {
					if !slices.Contains(after, l) {
						t.Errorf("lost: %s", l)
					}
				}
				for _, l := range after {
					if !slices.Contains(before, l) {
						t.Errorf("new: %s", l)
					}
				}
				t.Fatal("the schema changed")
			}
			if n := count("SELECT COUNT(*) FROM matters"); n != int64(batch[0]+batch[1]) {
				t.Fatalf("%d matters", n)
			}
			if drift, err := s.RollupDrift(ctx); err != nil || len(drift) > 0 {
				t.Fatalf("rollups differ from the recount: %v %v", drift, err)
			}
			for what, q := range map[string]string{
				"without a receipt": `SELECT COUNT(*) FROM matters m WHERE NOT EXISTS
					(SELECT 1 FROM events e WHERE e.matter_id = m.id AND e.action = 'intake' AND e.at = m.received_at AND e.to_state = 'received')`,
				"closed without a closing": `SELECT COUNT(*) FROM matters m WHERE state = 'closed' AND NOT EXISTS
					(SELECT 1 FROM events e WHERE e.matter_id = m.id AND e.action = 'close' AND e.at = m.closed_at AND e.from_state = m.outcome)`,
				"closing before the receipt": `SELECT COUNT(*) FROM events c JOIN events r ON r.matter_id = c.matter_id AND r.action = 'intake'
					WHERE c.action = 'close' AND c.id < r.id`,
				"naming a merchant not on record": `SELECT COUNT(*) FROM matters m WHERE merchant_id IS NOT NULL AND NOT EXISTS
					(SELECT 1 FROM merchants k WHERE k.id = m.merchant_id AND k.name = m.merchant_name)`,
			} {
				if n := count(q); n != 0 {
					t.Errorf("%d matters %s", n, what)
				}
			}
			if n := count("SELECT COUNT(*) FROM events"); n != count("SELECT COUNT(*) FROM matters")+count("SELECT COUNT(*) FROM matters WHERE state = 'closed'") {
				t.Errorf("%d events", n)
			}
			// The clocks: a complaint's acceptance met and its mediation running
			// while it is open (due when the matter says), met at its closing
			// once closed; a report's verification met at its closing.
			for what, q := range map[string]string{
				"complaints without a met acceptance": `SELECT COUNT(*) FROM matters m WHERE kind = 'complaint' AND NOT EXISTS
					(SELECT 1 FROM deadlines d WHERE d.matter_id = m.id AND d.kind = 'acceptance' AND d.met_at > d.start_at)`,
				"open complaints without their running mediation": `SELECT COUNT(*) FROM matters m WHERE kind = 'complaint' AND state <> 'closed' AND NOT EXISTS
					(SELECT 1 FROM deadlines d WHERE d.matter_id = m.id AND d.kind = 'mediation' AND d.met_at IS NULL AND d.due_at = m.due_at)`,
				"closed complaints whose mediation was not met at the closing": `SELECT COUNT(*) FROM matters m WHERE kind = 'complaint' AND state = 'closed' AND NOT EXISTS
					(SELECT 1 FROM deadlines d WHERE d.matter_id = m.id AND d.kind = 'mediation' AND d.met_at = m.closed_at)`,
				"reports without their verification": `SELECT COUNT(*) FROM matters m WHERE kind = 'report' AND NOT EXISTS
					(SELECT 1 FROM deadlines d WHERE d.matter_id = m.id AND d.kind = 'report_verification' AND d.met_at = m.closed_at)`,
			} {
				if n := count(q); n != 0 {
					t.Errorf("%d %s", n, what)
				}
			}
			// Open clocks already past due are written as the worker leaves them.
			if n := count(`SELECT COUNT(*) FROM deadlines d JOIN matters m ON m.id = d.matter_id WHERE d.met_at IS NULL AND
				(d.breached_at IS NULL) <> (m.due_at >= ` + nowSQL(s) + `)`); n != 0 {
				t.Errorf("%d open clocks breached when not yet due, or due and not breached", n)
			}
			open := count("SELECT COUNT(*) FROM matters WHERE state <> 'closed'")
			_, counts, err := s.Clocks(ctx, store.ClockFilter{Scope: store.Scope{PathLo: "/1/", PathHi: "/10", Unplaced: true}}, time.Now())
			if err != nil || int64(counts.Running) != open || open == 0 {
				t.Errorf("the county's board: %+v for %d open matters, %v", counts, open, err)
			}
			// A town's board holds its own clocks and no other town's.
			townOpen := count("SELECT COUNT(*) FROM matters WHERE state <> 'closed' AND area_path >= '/1/3/' AND area_path < '/1/30'")
			items, counts, err := s.Clocks(ctx, store.ClockFilter{Scope: store.Scope{PathLo: "/1/3/", PathHi: "/1/30"}, Limit: 1000}, time.Now())
			if err != nil || int64(counts.Running) != townOpen || len(items) != int(townOpen) || townOpen == 0 || townOpen == open {
				t.Errorf("a town's board: %+v, %d items for %d of %d open matters, %v", counts, len(items), townOpen, open, err)
			}
			for _, k := range items {
				if k.AreaID == nil || *k.AreaID != 3 { // the town of /1/3/
					t.Fatalf("a town's board shows %s of area %v", k.Number, k.AreaID)
				}
			}
			if s.Dialect() == store.Postgres {
				// The pairs the fill copied in are those of wq_pairs, for every matter.
				if n := count(`SELECT COUNT(*) FROM matters m LEFT JOIN matter_pairs p ON p.matter_id = m.id
					CROSS JOIN LATERAL (SELECT wq_pairs(lower(number || ' ' || consumer_name || ' ' || consumer_phone || ' ' ||
						merchant_name || ' ' || facts)) AS w) w
					WHERE p.pairs IS NULL OR NOT (p.pairs @> w.w AND w.w @> p.pairs)`); n != 0 {
					t.Errorf("%d matters without their pairs", n)
				}
			}
			if s.Dialect() == store.SQLite {
				// The external-content trigram index holds exactly the rows of matters
				// (once any matter still pending, see feedSearch, is fed).
				if err := store.FeedSearchForTest(ctx, s); err != nil {
					t.Fatal(err)
				}
				if err := store.ExecForBench(ctx, s, "INSERT INTO matters_fts (matters_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
					t.Fatal(err)
				}
				// The fill merged each search table's segments (in steps, as
				// 'optimize' would at once): no crisis merge waits for the
				// office's first write.
				for _, tbl := range []string{"matters_fts", "matters_bigram"} {
					if n := count("SELECT COUNT(DISTINCT segid) FROM " + tbl + "_idx"); n > 2 {
						t.Errorf("%s: %d segments after the fill", tbl, n)
					}
				}
			}
			// The words of the measurements: found in most matters, in some, nowhere.
			town := store.Scope{PathLo: "/1/3/", PathHi: "/1/30"}
			county := store.Scope{PathLo: "/1/", PathHi: "/10", Unplaced: true}
			for _, tune := range [][3]int64{{2048, 16384, 32768}, {1, 4096, -1}} {
				restore := store.SetSearchWalkForTest(tune[0], tune[1], tune[2])
				for _, q := range []string{"质量", "质量问题", "装修", "押金不退", "牛奶", "牛奶过期"} {
					for _, sc := range []store.Scope{{All: true}, town, county} {
						f := store.MatterFilter{Scope: sc, Q: q}
						all, n := searchAll(t, s, f)
						f.CountUpTo = 10_000
						got, gn := searchAll(t, s, f)
						if gn != n || !slices.Equal(sorted(numbers(got)), sorted(numbers(all))) {
							t.Fatalf("%q in %+v: two-step %d %d, full scan %d %d", q, sc, gn, len(got), n, len(all))
						}
					}
				}
				restore()
			}
		}
		most := count("SELECT COUNT(*) FROM matters WHERE facts LIKE '%质量问题%'")
		if most < 2000 || count("SELECT COUNT(*) FROM matters WHERE facts LIKE '%牛奶%'") != 0 {
			t.Errorf("质量问题 in %d of 4000 matters", most)
		}
	})
}

// searchAll lists every matter a search finds, a thousand at a time.
func searchAll(t *testing.T, s *store.Store, f store.MatterFilter) ([]casework.Matter, int) {
	t.Helper()
	var out []casework.Matter
	f.Limit = 1000
	for {
		page, n, err := s.Matters(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page...)
		if len(page) < f.Limit {
			return out, n
		}
		f.Offset += f.Limit
	}
}

// fillAreas makes what Fill expects: a city (area 1) and its ten towns (2–11); it returns the city.
func fillAreas(tb testing.TB, svc *service.Service) dispatch.Area {
	tb.Helper()
	ctx := context.Background()
	city := dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
	if err := svc.CreateArea(ctx, &city); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		town := dispatch.Area{ParentID: &city.ID, Name: fmt.Sprintf("镇%02d", i), Level: dispatch.Township}
		if err := svc.CreateArea(ctx, &town); err != nil {
			tb.Fatal(err)
		}
	}
	return city
}

// nowSQL is the database's own now, as the fill compares with it.
func nowSQL(s *store.Store) string {
	if s.Dialect() == store.Postgres {
		return "now()"
	}
	return "(strftime('%Y-%m-%d %H:%M:%S', 'now') || '+00:00')"
}
