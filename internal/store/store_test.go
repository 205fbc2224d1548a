package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

var t0 = time.Date(2026, 11, 30, 1, 2, 3, 456789000, time.UTC)

func TestAreasTreeAndStations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var city, town, village dispatch.Area
		err := s.Tx(ctx, func(tx *store.Tx) error {
			city = dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban, CreatedAt: t0}
			if err := tx.CreateArea(ctx, &city); err != nil {
				return err
			}
			town = dispatch.Area{ParentID: &city.ID, Name: "码头镇", Level: dispatch.Township, Kind: dispatch.KindTownship, CreatedAt: t0}
			if err := tx.CreateArea(ctx, &town); err != nil {
				return err
			}
			village = dispatch.Area{ParentID: &town.ID, Name: "码头村", Level: dispatch.Village, Kind: dispatch.KindTownship, CreatedAt: t0}
			return tx.CreateArea(ctx, &village)
		})
		if err != nil {
			t.Fatal(err)
		}
		if village.Path != fmt.Sprintf("/%d/%d/%d/", city.ID, town.ID, village.ID) {
			t.Fatalf("paths %q %q %q", city.Path, town.Path, village.Path)
		}
		got, err := s.Area(ctx, village.ID)
		if err != nil || got.Path != village.Path || got.CreatedAt != t0.Truncate(time.Microsecond) || *got.ParentID != town.ID {
			t.Fatalf("area round trip: %+v %v", got, err)
		}
		all, _ := s.Areas(ctx)
		if len(all) != 3 || all[0].ID != city.ID {
			t.Fatalf("areas: %+v", all)
		}
		found, _ := s.FindAreas(ctx, "码头", 10)
		if len(found) != 2 || found[0].ID != village.ID {
			t.Fatalf("find areas: %+v", found)
		}
		if _, err := s.Area(ctx, 999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing area: %v", err)
		}
	})
}

func TestMerchantUSCCUnique(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		m := merchant.Merchant{Name: "某某超市", USCC: "914403001922038216", Type: merchant.Enterprise, CreatedAt: t0, UpdatedAt: t0}
		if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.CreateMerchant(ctx, &m) }); err != nil {
			t.Fatal(err)
		}
		dup := m
		dup.ID = 0
		err := s.Tx(ctx, func(tx *store.Tx) error { return tx.CreateMerchant(ctx, &dup) })
		if errs, ok := invalid.As(err); !ok || !errs.Has("uscc") {
			t.Fatalf("duplicate USCC: %v", err)
		}
		// Two merchants without a USCC are fine.
		for i := 0; i < 2; i++ {
			x := merchant.Merchant{Name: "个体户", Type: merchant.Individual, CreatedAt: t0, UpdatedAt: t0}
			if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.CreateMerchant(ctx, &x) }); err != nil {
				t.Fatal(err)
			}
		}
		list, total, err := s.Merchants(ctx, store.MerchantFilter{Q: "9144030019"})
		if err != nil || total != 1 || list[0].Name != "某某超市" {
			t.Fatalf("search by USCC: %v %d %v", list, total, err)
		}
	})
}

// TestMatterNumbersUnderConcurrency_R_P2 draws numbers from many goroutines at once.
func TestMatterNumbersUnderConcurrency_R_P2(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const n = 40
		numbers := make(chan string, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				m := casework.Matter{Kind: casework.Inquiry, Channel: casework.Web, State: casework.Received, RuleSet: casework.Order121,
					ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0, Version: 1, Consumers: 1, Facts: "问"}
				err := s.Tx(ctx, func(tx *store.Tx) error { return tx.InsertMatter(ctx, &m) })
				if err != nil {
					t.Error(err)
					return
				}
				numbers <- m.Number
			}()
		}
		wg.Wait()
		close(numbers)
		seen := map[string]bool{}
		for num := range numbers {
			if seen[num] || !casework.LooksLikeNumber(num) || num[:8] != "20261130" {
				t.Fatalf("number %q repeated or malformed", num)
			}
			seen[num] = true
		}
		if len(seen) != n || !seen["20261130-000001"] || !seen["20261130-000040"] {
			t.Fatalf("numbers %v", seen)
		}
	})
}

func TestMatterRoundTripAndVersion(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		closed := t0.Add(time.Hour)
		lat, lng, kept, sat := 29.68, 115.67, false, 4
		m := casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Received, RuleSet: casework.Order121,
			ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0, Version: 1, Consumers: 3, ClosedAt: &closed,
			Consumer:     casework.Party{Name: "张三", Phone: "13800138000", Address: "湓城街道", IDNumber: "11010519491231002X"},
			MerchantName: "某超市", Facts: "预付卡跑路", Request: "退款", AmountInDispute: 123456, SourceID: "ledger-1",
			Lat: &lat, Lng: &lng, OnSiteKept: &kept, Satisfaction: &sat, DueAt: &closed, DueKind: "on_site"}
		err := s.Tx(ctx, func(tx *store.Tx) error {
			if err := tx.InsertMatter(ctx, &m); err != nil {
				return err
			}
			ev := casework.Event{MatterID: m.ID, At: t0, ActorName: "坐席", Action: casework.Intake, To: casework.Received, Data: map[string]any{"channel": "hotline_12315"}}
			return tx.AppendEvent(ctx, &ev)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.MatterByNumber(ctx, m.Number)
		if err != nil {
			t.Fatal(err)
		}
		if got.Consumer != m.Consumer || got.AmountInDispute != 123456 || got.Consumers != 3 || got.SourceID != "ledger-1" ||
			!got.ReceivedAt.Equal(t0.Truncate(time.Microsecond)) || got.ClosedAt == nil || !got.ClosedAt.Equal(closed.Truncate(time.Microsecond)) ||
			*got.Lat != lat || *got.Lng != lng || *got.OnSiteKept != false || *got.Satisfaction != 4 || got.DueKind != "on_site" || got.ArrivedAt != nil {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, m)
		}
		// A stale version is refused, so two people cannot overwrite each other silently.
		stale := got
		err = s.Tx(ctx, func(tx *store.Tx) error {
			got.State = casework.Accepted
			return tx.UpdateMatter(ctx, &got)
		})
		if err != nil || got.Version != 2 {
			t.Fatalf("update: %v version %d", err, got.Version)
		}
		err = s.Tx(ctx, func(tx *store.Tx) error { return tx.UpdateMatter(ctx, &stale) })
		if !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale update: %v", err)
		}
		tl, err := s.Timeline(ctx, m.ID)
		if err != nil || len(tl) != 1 || tl[0].Data["channel"] != "hotline_12315" || tl[0].Action != casework.Intake {
			t.Fatalf("timeline %+v %v", tl, err)
		}
		// A duplicate source id is refused and the transaction leaves nothing behind.
		dup := m
		dup.ID, dup.Number = 0, ""
		err = s.Tx(ctx, func(tx *store.Tx) error { return tx.InsertMatter(ctx, &dup) })
		if !errors.Is(err, store.ErrDuplicate) {
			t.Fatalf("duplicate source: %v", err)
		}
		_, total, _ := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}})
		if total != 1 {
			t.Fatalf("total %d after refused insert", total)
		}
	})
}

func TestMatterScope_R_P4(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var root, a, a1, b dispatch.Area
		mk := func(tx *store.Tx, ar *dispatch.Area, parent *dispatch.Area, name string, lvl dispatch.Level) error {
			ar.Name, ar.Level, ar.Kind, ar.CreatedAt = name, lvl, dispatch.KindTownship, t0
			if parent != nil {
				ar.ParentID = &parent.ID
			}
			return tx.CreateArea(ctx, ar)
		}
		var merchID int64
		err := s.Tx(ctx, func(tx *store.Tx) error {
			_ = mk(tx, &root, nil, "县", dispatch.County)
			_ = mk(tx, &a, &root, "甲镇", dispatch.Township)
			_ = mk(tx, &a1, &a, "甲村", dispatch.Village)
			if err := mk(tx, &b, &root, "乙镇", dispatch.Township); err != nil {
				return err
			}
			mer := merchant.Merchant{Name: "店", Type: merchant.Individual, CreatedAt: t0, UpdatedAt: t0}
			if err := tx.CreateMerchant(ctx, &mer); err != nil {
				return err
			}
			merchID = mer.ID
			for _, ar := range []*dispatch.Area{&root, &a, &a1, &b, nil} {
				m := casework.Matter{Kind: casework.Complaint, Channel: casework.Web, State: casework.Received, RuleSet: casework.Order121,
					ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0, Version: 1, Consumers: 1, Facts: "x"}
				if ar != nil {
					m.AreaID, m.AreaPath = &ar.ID, ar.Path
				}
				if ar == &a1 {
					m.MerchantID = &mer.ID
				}
				if err := tx.InsertMatter(ctx, &m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		count := func(sc store.Scope) int {
			_, n, err := s.Matters(ctx, store.MatterFilter{Scope: sc})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		lo, hi := dispatch.SubtreeRange(a.Path)
		if n := count(store.Scope{PathLo: lo, PathHi: hi}); n != 2 {
			t.Errorf("甲镇 sees %d, want its own and its village's (2)", n)
		}
		lo, hi = dispatch.SubtreeRange(root.Path)
		if n := count(store.Scope{PathLo: lo, PathHi: hi, Unplaced: true}); n != 5 {
			t.Errorf("the county sees %d, want 5 including the unplaced one", n)
		}
		lo, hi = dispatch.SubtreeRange(b.Path)
		if n := count(store.Scope{PathLo: lo, PathHi: hi}); n != 1 {
			t.Errorf("乙镇 sees %d, want 1", n)
		}
		if n := count(store.Scope{MerchantID: &merchID}); n != 1 {
			t.Errorf("merchant sees %d, want 1", n)
		}
		if n := count(store.Scope{}); n != 0 {
			t.Errorf("empty scope sees %d", n)
		}
	})
}
