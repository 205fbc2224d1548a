package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/hotline"
	"weiquan/internal/report"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestRollupReportEqualsTheCount: after a fill, state changes, outcomes,
// ratings, moves to another area and another day, and an import-like bulk
// insert, every figure the report reads from the rollup equals the COUNT over
// its matter list, for the whole office, a scope, a town, a station and single
// months; and the recount finds no drift. Both databases.
func TestRollupReportEqualsTheCount(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := service.New(s, time.Now)
		city := fillAreas(t, svc)
		if err := s.Fill(ctx, 0, 3000, 2025, nil); err != nil {
			t.Fatal(err)
		}
		st := dispatch.Station{Name: "城关所", AreaID: city.ID, HostType: dispatch.HostMarket, Active: true}
		if err := svc.SaveStation(ctx, &st); err != nil {
			t.Fatal(err)
		}
		station := st.ID
		// Corrections: every 7th matter changes state, outcome, amount, rating, area, day.
		err := s.Tx(ctx, func(tx *store.Tx) error {
			for id := int64(1); id <= 3000; id += 7 {
				m, err := tx.LockMatterID(ctx, id)
				if err != nil {
					return err
				}
				switch id % 4 {
				case 0:
					m.State, m.Outcome, m.Recovered = casework.Closed, casework.OutcomeAgreement, 4321
				case 1:
					m.State, m.Outcome = casework.Mediating, ""
				case 2:
					m.AreaID, m.AreaPath = nil, ""
					five := 5
					m.Satisfaction = &five
				case 3:
					m.Category = casework.Services
					m.Satisfaction = nil
				}
				// The on-site promise (R-S1): arrivals later, undone, promised anew, kept or not.
				switch id % 5 {
				case 0:
					if m.ArrivedAt != nil {
						later := m.ArrivedAt.Add(97 * time.Minute)
						m.ArrivedAt = &later
					}
				case 1:
					m.ArrivedAt, m.OnSiteKept = nil, nil
				case 2:
					due := m.ReceivedAt.Add(time.Hour)
					at := m.ReceivedAt.Add(41*time.Minute + 59*time.Second)
					yes := true
					m.OnSiteDueAt, m.ArrivedAt, m.OnSiteKept = &due, &at, &yes
				case 3:
					m.OnSiteDueAt, m.ArrivedAt, m.OnSiteKept = nil, nil, nil
				}
				if err := tx.UpdateMatter(ctx, &m); err != nil {
					return err
				}
			}
			return tx.Exec(ctx, "UPDATE matters SET received_at = received_at + INTERVAL '1 day' WHERE id % 11 = 0")
		})
		if s.Dialect() == store.SQLite && err != nil {
			// SQLite spells the day after differently.
			err = s.Tx(ctx, func(tx *store.Tx) error {
				return tx.Exec(ctx, "UPDATE matters SET received_at = strftime('%Y-%m-%d %H:%M:%S', received_at, '+1 day') || '+00:00' WHERE id % 11 = 0")
			})
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Fill(ctx, 3000, 500, 2025, nil); err != nil { // a second batch, as an import adds
			t.Fatal(err)
		}
		// The 12345 centre's work orders (R-L27): rated at the callback, rated
		// again, their matters then moved to another area or station.
		err = s.Tx(ctx, func(tx *store.Tx) error {
			for id := int64(5); id <= 3500; id += 7 {
				o := hotline.Order{OrderNo: fmt.Sprintf("GD%05d", id), MatterID: id, State: hotline.Dispatched,
					DispatchedAt: t0, UpdatedAt: t0}
				if id%3 != 0 {
					o.Rating = hotline.Ratings[id%3]
				}
				if err := tx.InsertWorkOrder(ctx, &o); err != nil {
					return err
				}
				if id%4 == 0 {
					o.Rating = hotline.Ratings[(id/4)%3]
					if id%8 == 0 {
						o.Rating = ""
					}
					if err := tx.UpdateWorkOrder(ctx, &o); err != nil {
						return err
					}
				}
				if id%5 == 0 {
					m, err := tx.LockMatterID(ctx, id)
					if err != nil {
						return err
					}
					m.AreaID, m.AreaPath = &city.ID, "/1/"
					if id%10 == 0 {
						m.StationID = &station
					}
					if err := tx.UpdateMatter(ctx, &m); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if drift, err := s.RollupDrift(ctx); err != nil || len(drift) > 0 {
			t.Fatalf("drift %v %v", drift, err)
		}
		year := report.Params{From: calendar.Date{Year: 2025, Month: 1, Day: 1}, To: calendar.Date{Year: 2025, Month: 12, Day: 31}}
		june := report.Params{From: calendar.Date{Year: 2025, Month: 6, Day: 1}, To: calendar.Date{Year: 2025, Month: 6, Day: 30}}
		// Partial months at both ends (days, whole months, days), and within one month.
		spring := report.Params{From: calendar.Date{Year: 2025, Month: 3, Day: 15}, To: calendar.Date{Year: 2025, Month: 8, Day: 10}}
		march := report.Params{From: calendar.Date{Year: 2025, Month: 3, Day: 5}, To: calendar.Date{Year: 2025, Month: 3, Day: 31}}
		endOfYear := report.Params{From: calendar.Date{Year: 2025, Month: 11, Day: 1}, To: calendar.Date{Year: 2026, Month: 1, Day: 3}}
		paths := []string{"", "/1/", "/1/2/", "/1/3/", "/1/11/"}
		for _, c := range []struct {
			name string
			p    report.Params
			f    func(*store.MatterFilter)
		}{
			{"year", year, func(*store.MatterFilter) {}},
			{"june", june, func(*store.MatterFilter) {}},
			{"spring", spring, func(*store.MatterFilter) {}},
			{"march", march, func(*store.MatterFilter) {}},
			{"end of year", endOfYear, func(*store.MatterFilter) {}},
			{"spring in a town", spring, func(f *store.MatterFilter) { f.AreaPath = "/1/4/" }},
			{"town scope", year, func(f *store.MatterFilter) { f.Scope = store.Scope{PathLo: "/1/3/", PathHi: "/1/30"} }},
			{"county scope with unplaced", year, func(f *store.MatterFilter) { f.Scope = store.Scope{PathLo: "/1/", PathHi: "/10", Unplaced: true} }},
			{"area", year, func(f *store.MatterFilter) { f.AreaPath = "/1/4/" }},
			{"station", year, func(f *store.MatterFilter) { f.StationID = &station }},
		} {
			start, end := c.p.Start(), c.p.End()
			f := store.MatterFilter{Scope: store.Scope{All: true}, From: &start, To: &end}
			c.f(&f)
			got, err := s.ReportCounts(ctx, f, paths, c.p.Months())
			if err != nil {
				t.Fatal(err)
			}
			want, err := store.ReportCountsFromMatters(ctx, s, f, paths, c.p.Months())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: rollup %+v\ncount %+v", c.name, got, want)
			}
			if len(want.Minutes) < 3 && c.name == "year" {
				t.Errorf("year: on-site histogram %+v", want.Minutes)
			}
			gotH, err := s.HotlineRatings(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			wantH, err := store.HotlineRatingsFromMatters(ctx, s, f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotH, wantH) {
				t.Errorf("%s: 12345 ratings from the rollup %v, from the work orders %v", c.name, gotH, wantH)
			}
			if c.name == "year" && len(wantH) != 3 {
				t.Errorf("year: 12345 ratings %v", wantH)
			}
			if c.name == "year" && got.Total < 3400 {
				t.Errorf("year total %d", got.Total)
			}
		}
	})
}

// TestHotlineRatingsBackfilledOnUpgrade: an office whose work orders were
// rated before migration 0012 (the ratings only on the work orders, none on
// the matters or in their rollup) gets them onto the matters and into the
// rollup once, after the migrations; the report then counts them. Both
// databases.
func TestHotlineRatingsBackfilledOnUpgrade(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := service.New(s, time.Now)
		fillAreas(t, svc)
		if err := s.Fill(ctx, 0, 300, 2025, nil); err != nil {
			t.Fatal(err)
		}
		// As before migration 0012: ratings written on the work orders alone.
		err := s.Tx(ctx, func(tx *store.Tx) error {
			for id := int64(1); id <= 300; id += 3 {
				err := tx.Exec(ctx, `INSERT INTO work_orders (order_no, matter_id, state, rating, dispatched_at, updated_at)
					VALUES ($1, $2, 'rated', $3, $4, $4)`, fmt.Sprintf("GD%04d", id), id, hotline.Ratings[id%3], t0)
				if err != nil {
					return err
				}
			}
			return tx.Exec(ctx, "INSERT INTO rollup_backfill VALUES ('hotline_rating')")
		})
		if err != nil {
			t.Fatal(err)
		}
		if drift, _ := s.RollupDrift(ctx); len(drift) == 0 {
			t.Fatal("the old office's ratings should be missing from the rollup before the backfill")
		}
		for i := 0; i < 2; i++ { // once, however many times the store opens
			if err := store.BackfillForTest(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if drift, err := s.RollupDrift(ctx); err != nil || len(drift) > 0 {
			t.Fatalf("after the backfill: %v %v", drift, err)
		}
		p := report.Params{From: calendar.Date{Year: 2025, Month: 1, Day: 1}, To: calendar.Date{Year: 2025, Month: 12, Day: 31}}
		start, end := p.Start(), p.End()
		got, err := s.HotlineRatings(ctx, store.MatterFilter{Scope: store.Scope{All: true}, From: &start, To: &end})
		if err != nil || got[hotline.Ratings[0]]+got[hotline.Ratings[1]]+got[hotline.Ratings[2]] != 100 {
			t.Fatalf("12345 ratings after the backfill: %v %v", got, err)
		}
	})
}
