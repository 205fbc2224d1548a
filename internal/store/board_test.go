package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"weiquan/internal/dispatch"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestBoardReadsItsScopeFromTheClocks: the supervisor's board reads its scope
// off the clocks' own copy of their matter's place (migration 0085) and must
// show exactly what the board read through the matters shows — the same
// clocks in the same order, the same counts — for the whole office, a root
// area with its unplaced matters, a town, an area and a station chosen on the
// board, a kind; on every path (a town's range sorted, a wide scope walked in
// the board's order, counts bounded); after matters moved to another town, to
// a station and out of any area (the trigger carries their clocks along),
// after clocks were paused, lost their due time (R-L43) or ended. A count past
// the bound reads "more than" it. Both databases.
func TestBoardReadsItsScopeFromTheClocks(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := service.New(s, time.Now)
		fillAreas(t, svc)
		if err := s.Fill(ctx, 0, 3000, 2026, nil); err != nil {
			t.Fatal(err)
		}
		exec := func(q string) {
			t.Helper()
			if err := store.ExecForBench(ctx, s, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		// Stations in two towns; matters moved to a station, to another town and out of any area.
		var stations []int64
		for _, area := range []int64{3, 5} {
			st := dispatch.Station{AreaID: area, Name: fmt.Sprintf("站%d", area), HostType: dispatch.HostTownship, Active: true}
			if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.CreateStation(ctx, &st) }); err != nil {
				t.Fatal(err)
			}
			stations = append(stations, st.ID)
		}
		moved := 0
		for id := int64(1); id <= 3000; id += 7 {
			m, err := s.Matter(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			switch id % 3 {
			case 0: // to town 3's station
				a, err := s.Area(ctx, 3)
				if err != nil {
					t.Fatal(err)
				}
				m.AreaID, m.AreaPath, m.StationID = &a.ID, a.Path, &stations[0]
			case 1: // to town 5, no station
				a, err := s.Area(ctx, 5)
				if err != nil {
					t.Fatal(err)
				}
				m.AreaID, m.AreaPath, m.StationID = &a.ID, a.Path, nil
			default: // out of any area
				m.AreaID, m.AreaPath, m.StationID = nil, "", nil
			}
			if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.UpdateMatter(ctx, &m) }); err != nil {
				t.Fatal(err)
			}
			moved++
		}
		if n, _ := store.CountForTest(ctx, s, `SELECT COUNT(*) FROM deadlines d JOIN matters m ON m.id = d.matter_id
			WHERE d.area_path <> m.area_path OR COALESCE(d.area_id, 0) <> COALESCE(m.area_id, 0) OR COALESCE(d.station_id, 0) <> COALESCE(m.station_id, 0)`); n != 0 {
			t.Fatalf("%d clocks do not carry their matter's place after %d moves", n, moved)
		}
		exec("UPDATE deadlines SET paused_at = start_at WHERE id % 13 = 0 AND met_at IS NULL AND cancelled_at IS NULL")
		exec("UPDATE deadlines SET due_at = NULL, remind_at = NULL WHERE id % 17 = 0 AND met_at IS NULL AND cancelled_at IS NULL")
		exec("UPDATE deadlines SET cancelled_at = start_at WHERE id % 19 = 0 AND met_at IS NULL AND cancelled_at IS NULL")

		county := store.Scope{PathLo: "/1/", PathHi: "/10", Unplaced: true}
		town3 := store.Scope{PathLo: "/1/3/", PathHi: "/1/30"}
		st3, st5 := stations[0], stations[1]
		filters := map[string]store.ClockFilter{
			"the office":                {Scope: store.Scope{All: true}},
			"the county and unplaced":   {Scope: county},
			"a town":                    {Scope: town3},
			"a town, a station":         {Scope: town3, StationID: &st3},
			"a town, another's station": {Scope: town3, StationID: &st5},
			"the county, a town":        {Scope: county, AreaPath: "/1/5/"},
			"the county, a station":     {Scope: county, StationID: &st3},
			"the office, a kind":        {Scope: store.Scope{All: true}, Kind: "mediation"},
			"a town, a kind":            {Scope: town3, Kind: "mediation"},
			"nothing":                   {Scope: store.Scope{}},
		}
		now := time.Now()
		for _, bounds := range [][2]int{{10_000, 5000}, {100, 50}, {30, 5}} {
			restore := store.BoardBoundsForTest(bounds[0], bounds[1])
			for name, f := range filters {
				for _, limit := range []int{1000, 7} {
					f.Limit = limit
					want, wantC, err := store.ClocksThroughMattersForTest(ctx, s, f, now)
					if err != nil {
						t.Fatal(err)
					}
					got, gotC, err := s.Clocks(ctx, f, now)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					at := fmt.Sprintf("%s (bound %d, sorted up to %d, page %d)", name, bounds[0], bounds[1], limit)
					wide := f.AreaPath == "" && (f.Scope.All || f.Scope.Unplaced)
					check := func(what string, got, want int) {
						t.Helper()
						switch {
						case wide && want > bounds[0]:
							if got != bounds[0]+1 || gotC.Bound != bounds[0] || !gotC.More(got) {
								t.Errorf("%s: %s %d (bound %d) where %d run: want more than %d", at, what, got, gotC.Bound, want, bounds[0])
							}
						case got != want:
							t.Errorf("%s: %s %d, want %d", at, what, got, want)
						}
					}
					check("running", gotC.Running, wantC.Running)
					check("overdue", gotC.Overdue, wantC.Overdue)
					check("paused", gotC.Paused, wantC.Paused)
					check("calendar missing", gotC.Missing, wantC.Missing)
					if !wide && gotC.Bound != 0 {
						t.Errorf("%s: a narrow scope's counts are bounded (%d)", at, gotC.Bound)
					}
					if len(got) != len(want) {
						t.Errorf("%s: %d clocks, want %d", at, len(got), len(want))
						continue
					}
					for i := range got {
						if got[i].Row.ID != want[i].Row.ID || got[i].Number != want[i].Number {
							t.Errorf("%s: clock %d is %d (%s), want %d (%s)", at, i, got[i].Row.ID, got[i].Number, want[i].Row.ID, want[i].Number)
							break
						}
					}
					if name != "nothing" && name != "a town, another's station" && len(want) == 0 {
						t.Errorf("%s: the oracle shows no clock; the case proves nothing", at)
					}
				}
			}
			restore()
		}
	})
}

// TestBoardUsesItsIndexes_SQLite: the supervisor's board reads the running
// clocks' own indexes (migration 0085), never the matters of its scope: the
// office's and the county's page walk deadlines_board in the board's order and
// their counts are bounded walks of it; a town's counts and page are its range
// of deadlines_board_area. Every statement reads its index alone (a covering
// index) for the scope — the page then fetches its 200 clocks and their matters
// by key. (The wide page's walk is a SCAN in the index's order that stops at
// the page's end.)
func TestBoardUsesItsIndexes_SQLite(t *testing.T) {
	ctx := context.Background()
	s := testdb.SQLite(t)
	fillAreas(t, service.New(s, time.Now))
	if err := s.Fill(ctx, 0, 30_000, 2026, nil); err != nil {
		t.Fatal(err)
	}
	s.Optimize(ctx, true)
	county := store.Scope{PathLo: "/1/", PathHi: "/10", Unplaced: true}
	town := store.Scope{PathLo: "/1/3/", PathHi: "/1/30"}
	for _, c := range []struct {
		name  string
		f     store.ClockFilter
		parts map[string]string
	}{
		{"the office", store.ClockFilter{Scope: store.Scope{All: true}},
			map[string]string{"bounded counts": "COVERING INDEX deadlines_board (", "page": "SCAN d USING COVERING INDEX deadlines_board\n"}},
		{"the county", store.ClockFilter{Scope: county},
			map[string]string{"bounded counts": "COVERING INDEX deadlines_board (", "page": "SCAN d USING COVERING INDEX deadlines_board\n"}},
		{"a town", store.ClockFilter{Scope: town},
			map[string]string{"count": "COVERING INDEX deadlines_board_area (area_path>? AND area_path<?)", "page": "COVERING INDEX deadlines_board_area (area_path>? AND area_path<?)"}},
		{"the county, a town chosen", store.ClockFilter{Scope: county, AreaPath: "/1/5/"},
			map[string]string{"count": "COVERING INDEX deadlines_board_area (area_path>? AND area_path<?)", "page": "COVERING INDEX deadlines_board_area (area_path>? AND area_path<?)"}},
	} {
		plans, err := store.BoardPlansForTest(ctx, s, c.f, time.Now())
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(plans) != len(c.parts) {
			t.Errorf("%s: statements %v, want %d", c.name, plans, len(c.parts))
		}
		for part, has := range c.parts {
			p := plans[part]
			if !strings.Contains(p, has) || strings.Contains(p, "SCAN matters") || strings.Contains(p, "SCAN m\n") || strings.Contains(p, "SCAN d\n") {
				t.Errorf("%s, %s: want %q, no scan of matters or of all clocks; plan:\n%s", c.name, part, has, p)
			}
		}
	}
}
