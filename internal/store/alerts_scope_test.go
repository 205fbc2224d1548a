package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestAlertsReadTheirScopeFromThemselves: the staff's alerts are read off the
// alerts' own copy of their matter's place (migration 0086) and must show
// exactly what the read through the matters showed — the same alerts in the
// same order, the same totals, the same single alerts visible — for the whole
// office, a root area with its unplaced matters and the alerts of no matter,
// a town, a village, a station's area, a merchant, staff with no area and a
// court; unread, undelivered, of a kind; on every path (a range sorted, a wide
// scope walked newest first, counts bounded); after matters moved to another
// town, to the village and out of any area (the trigger carries their alerts
// along), after alerts were read and delivered. Alerts addressed to a user
// outside their scope and alerts of no matter are among the newest, so that a
// scope clause left out changes the first page. Both databases.
func TestAlertsReadTheirScopeFromThemselves(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := service.New(s, time.Now)
		fillAreas(t, svc)
		if err := s.Fill(ctx, 0, 3000, 2026, nil); err != nil {
			t.Fatal(err)
		}
		if n, _ := store.CountForTest(ctx, s, "SELECT COUNT(*) FROM outbox"); n < 1000 {
			t.Fatalf("the fill wrote %d alerts for 3000 matters", n)
		}
		town3, err := s.Area(ctx, 3)
		if err != nil {
			t.Fatal(err)
		}
		village := dispatch.Area{ParentID: &town3.ID, Name: "村甲", Level: dispatch.Village}
		if err := svc.CreateArea(ctx, &village); err != nil {
			t.Fatal(err)
		}
		st := dispatch.Station{AreaID: village.ID, Name: "村甲站", HostType: dispatch.HostTownship, Active: true}
		now := time.Now().UTC()
		staff := auth.User{Username: "town3", DisplayName: "镇三", Role: auth.Operator, AreaID: &town3.ID, Active: true, CreatedAt: now}
		other := auth.User{Username: "other", DisplayName: "别人", Role: auth.Operator, Active: true, CreatedAt: now}
		merchant := auth.User{Username: "shop", DisplayName: "商家", Role: auth.Merchant, Active: true, CreatedAt: now}
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateStation(ctx, &st); err != nil {
				return err
			}
			for _, u := range []*auth.User{&staff, &other, &merchant} {
				if err := tx.CreateUser(ctx, u); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		// Matters moved to another town, to the village and out of any area: their alerts follow.
		for id := int64(1); id <= 3000; id += 11 {
			m, err := s.Matter(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			switch id % 3 {
			case 0:
				m.AreaID, m.AreaPath, m.StationID = &village.ID, village.Path, &st.ID
			case 1:
				a, err := s.Area(ctx, 5)
				if err != nil {
					t.Fatal(err)
				}
				m.AreaID, m.AreaPath, m.StationID = &a.ID, a.Path, nil
			default:
				m.AreaID, m.AreaPath, m.StationID = nil, "", nil
			}
			if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.UpdateMatter(ctx, &m) }); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := store.CountForTest(ctx, s, `SELECT COUNT(*) FROM outbox o JOIN matters m ON m.id = o.matter_id
			WHERE o.area_path <> m.area_path OR COALESCE(o.area_id, 0) <> COALESCE(m.area_id, 0)`); n != 0 {
			t.Fatalf("%d alerts do not carry their matter's place after the moves", n)
		}
		// New alerts, the newest of all: addressed to staff, to the merchant and to no one, about matters
		// in and out of town 3 and about none; some read, some delivered.
		var mine []int64
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			for i := int64(0); i < 40; i++ {
				matter := 2990 - i*13 // towns 2 … 11, the village, unplaced
				a := store.Alert{Kind: service.AlertReminder, MatterID: &matter, CreatedAt: now, Payload: map[string]any{"i": i}}
				switch i % 5 {
				case 0:
					a.UserID = &staff.ID
				case 1:
					a.UserID = &merchant.ID
				case 2:
					a.MatterID, a.UserID = nil, &staff.ID
				case 3:
					a.MatterID, a.Kind = nil, service.AlertCalendarMissing
				}
				if err := tx.AddAlert(ctx, &a); err != nil {
					return err
				}
				if a.UserID != nil && *a.UserID == staff.ID {
					mine = append(mine, a.ID)
				}
				if i%4 == 1 {
					if err := tx.MarkAlertRead(ctx, a.ID, other.ID, now); err != nil {
						return err
					}
				}
				if i%3 == 1 {
					if err := tx.MarkAlertDelivered(ctx, a.ID, now); err != nil {
						return err
					}
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if n, _ := store.CountForTest(ctx, s, fmt.Sprintf(`SELECT COUNT(*) FROM outbox WHERE user_id = %d
			AND (matter_id IS NULL OR area_path < '/1/3/' OR area_path >= '/1/30')`, staff.ID)); n == 0 {
			t.Fatal("no alert addressed to town 3's staff outside town 3: the case proves nothing")
		}
		exec := func(q string) {
			t.Helper()
			if err := store.ExecForBench(ctx, s, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		exec("UPDATE outbox SET read_at = created_at WHERE id % 7 = 0 AND read_at IS NULL")
		exec("UPDATE outbox SET delivered_at = created_at WHERE id % 5 = 0 AND delivered_at IS NULL")
		// One matter moves again after its alerts were read.
		if m, err := s.Matter(ctx, 2990); err == nil {
			m.AreaID, m.AreaPath = &village.ID, village.Path
			if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.UpdateMatter(ctx, &m) }); err != nil {
				t.Fatal(err)
			}
		} else {
			t.Fatal(err)
		}

		county := store.Scope{PathLo: "/1/", PathHi: "/10", Unplaced: true}
		town := store.Scope{PathLo: "/1/3/", PathHi: "/1/30"}
		vlo, vhi := dispatch.SubtreeRange(village.Path)
		vil := store.Scope{PathLo: vlo, PathHi: vhi}
		court := st.ID
		scopes := map[string]store.AlertFilter{
			"the office":                 {Scope: store.Scope{All: true}, UserID: other.ID},
			"the county and unplaced":    {Scope: county, UserID: other.ID},
			"a town, its staff":          {Scope: town, UserID: staff.ID},
			"a town, someone else":       {Scope: town, UserID: other.ID},
			"a village (its station)":    {Scope: vil, UserID: staff.ID},
			"a merchant":                 {Scope: store.Scope{MerchantID: new(int64)}, UserID: merchant.ID},
			"staff with no area":         {Scope: store.Scope{}, UserID: staff.ID},
			"a court":                    {Scope: store.Scope{Court: &court, CourtMatters: []int64{3, 6}}, UserID: staff.ID},
			"nothing addressed, no area": {Scope: store.Scope{}, UserID: other.ID},
		}
		variants := map[string]func(*store.AlertFilter){
			"":              func(*store.AlertFilter) {},
			", unread":      func(f *store.AlertFilter) { f.Unread = true },
			", undelivered": func(f *store.AlertFilter) { f.Undelivered = true },
			", reminders":   func(f *store.AlertFilter) { f.Kind = service.AlertReminder },
		}
		seen := map[string]bool{}
		for _, sorted := range []int{5000, 60, 3} {
			restore := store.AlertSortedForTest(sorted)
			for name, base := range scopes {
				for vname, v := range variants {
					for _, page := range [][3]int{{30, 0, 0}, {30, 30, 10_000}, {7, 14, 40}, {500, 0, 25}} {
						f := base
						v(&f)
						f.Limit, f.Offset, f.CountUpTo = page[0], page[1], page[2]
						at := fmt.Sprintf("%s%s (sorted up to %d, limit %d offset %d, counted up to %d)", name, vname, sorted, f.Limit, f.Offset, f.CountUpTo)
						want, wantN, err := store.AlertsThroughMattersForTest(ctx, s, f)
						if err != nil {
							t.Fatal(err)
						}
						got, gotN, err := s.Alerts(ctx, f)
						if err != nil {
							t.Fatalf("%s: %v", at, err)
						}
						n, err := s.CountAlerts(ctx, f)
						if err != nil {
							t.Fatalf("%s: %v", at, err)
						}
						expect := wantN
						if f.CountUpTo > 0 && wantN > f.CountUpTo {
							expect = f.CountUpTo + 1
						}
						if gotN != expect || n != expect {
							t.Errorf("%s: total %d, badge %d, want %d (%d match)", at, gotN, n, expect, wantN)
						}
						if ids(got) != ids(want) {
							t.Errorf("%s:\n got %s\nwant %s", at, ids(got), ids(want))
						}
						for i := range got {
							if i < len(want) && got[i].Number != want[i].Number {
								t.Errorf("%s: alert %d of matter %q, want %q", at, got[i].ID, got[i].Number, want[i].Number)
							}
						}
						if wantN > 0 {
							seen[name] = true
						}
					}
				}
			}
			restore()
		}
		for name := range scopes {
			if !seen[name] && name != "nothing addressed, no area" && name != "a court" {
				t.Errorf("%s: the oracle shows no alert; the case proves nothing", name)
			}
		}
		// One alert: visible exactly when the oracle lists it.
		for name, f := range scopes {
			f.Limit = 500
			visible := map[int64]bool{}
			for f.Offset = 0; ; f.Offset += 500 {
				page, _, err := store.AlertsThroughMattersForTest(ctx, s, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range page {
					visible[a.ID] = true
				}
				if len(page) < 500 {
					break
				}
			}
			top, _ := store.CountForTest(ctx, s, "SELECT MAX(id) FROM outbox")
			for id := top; id > 0; id -= 17 {
				_, err := s.Alert(ctx, id, f)
				if (err == nil) != visible[id] {
					t.Errorf("%s: alert %d: %v, visible %v", name, id, err, visible[id])
				}
			}
			for _, id := range mine {
				if _, err := s.Alert(ctx, id, f); (err == nil) != visible[id] || (f.UserID == staff.ID && err != nil) {
					t.Errorf("%s: alert %d addressed to town 3's staff: %v", name, id, err)
				}
			}
		}
		// Marking all as read marks what the unread list showed, no more.
		f := scopes["a town, its staff"]
		f.Unread, f.Limit = true, 500
		_, before, err := store.AlertsThroughMattersForTest(ctx, s, f)
		if err != nil {
			t.Fatal(err)
		}
		all := scopes["the office"]
		all.Unread = true
		_, unreadAll, _ := store.AlertsThroughMattersForTest(ctx, s, all)
		var marked int
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			var err error
			marked, err = tx.MarkAlertsRead(ctx, scopes["a town, its staff"], staff.ID, now)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		_, unreadAfter, _ := store.AlertsThroughMattersForTest(ctx, s, all)
		if marked != before || before == 0 || unreadAfter != unreadAll-before {
			t.Errorf("read all: marked %d of %d unread in scope; unread in the office %d -> %d", marked, before, unreadAll, unreadAfter)
		}
	})
}

func ids(as []store.Alert) string {
	var b strings.Builder
	for _, a := range as {
		fmt.Fprintf(&b, "%d ", a.ID)
	}
	return b.String()
}

// TestAlertsUseTheirIndexes_SQLite: the alerts page and the unread badge read
// the alerts' own indexes (migration 0086), never the matters of their scope:
// the office's and the county's pages walk the outbox newest first (its rowid
// order, or outbox_unread for the unread ones) and their counts stop at the
// bound; a town's count is its range of outbox_place (outbox_unread_place)
// and the user's alerts of outbox_user; a village's page is sorted from the
// same ranges. And whether a standing condition was already announced reads
// outbox_unread_kind, not the whole outbox.
func TestAlertsUseTheirIndexes_SQLite(t *testing.T) {
	ctx := context.Background()
	s := testdb.SQLite(t)
	fillAreas(t, service.New(s, time.Now))
	if err := s.Fill(ctx, 0, 30_000, 2026, nil); err != nil {
		t.Fatal(err)
	}
	s.Optimize(ctx, true)
	county := store.Scope{PathLo: "/1/", PathHi: "/10", Unplaced: true}
	town := store.Scope{PathLo: "/1/3/", PathHi: "/1/30"}
	village := store.Scope{PathLo: "/1/3/7/", PathHi: "/1/3/70"}
	const walk, walkUnread = "SCAN o\n", "SCAN o USING COVERING INDEX outbox_unread\n"
	for _, c := range []struct {
		name  string
		f     store.AlertFilter
		parts map[string]string
	}{
		{"the office", store.AlertFilter{Scope: store.Scope{All: true}},
			map[string]string{"count": "SCAN o USING COVERING INDEX", "page": walk}},
		{"the office, unread", store.AlertFilter{Scope: store.Scope{All: true}, Unread: true},
			map[string]string{"count": walkUnread, "page": "SCAN o USING INDEX outbox_unread\n"}},
		{"the county", store.AlertFilter{Scope: county, UserID: 1},
			map[string]string{"count": "SCAN o\n", "page": walk}},
		{"the county, unread (the badge)", store.AlertFilter{Scope: county, UserID: 1, Unread: true},
			map[string]string{"count": walkUnread, "page": "SCAN o USING INDEX outbox_unread\n"}},
		{"a town (2,000 alerts: sorted)", store.AlertFilter{Scope: town, UserID: 1},
			map[string]string{"count": "SEARCH o USING COVERING INDEX outbox_place (area_path>? AND area_path<?)",
				"page": "SEARCH o USING COVERING INDEX outbox_place (area_path>? AND area_path<?)\nUSE TEMP B-TREE FOR ORDER BY\nRIGHT\nSEARCH o USING COVERING INDEX outbox_user (user_id=?)\nSCAN x\nSEARCH o USING INTEGER PRIMARY KEY"}},
		{"a town, unread (the badge)", store.AlertFilter{Scope: town, UserID: 1, Unread: true},
			map[string]string{"count": "SEARCH o USING COVERING INDEX outbox_unread_place (area_path>? AND area_path<?)"}},
		{"a village", store.AlertFilter{Scope: village, UserID: 1},
			map[string]string{"count": "SEARCH o USING COVERING INDEX outbox_user (user_id=?)"}},
		{"a merchant", store.AlertFilter{Scope: store.Scope{MerchantID: new(int64)}, UserID: 1},
			map[string]string{"count": "SEARCH o USING COVERING INDEX outbox_user (user_id=?)"}},
	} {
		for _, countUpTo := range []int{10_000, 0} {
			c.f.CountUpTo, c.f.Limit = countUpTo, 30
			plans, err := store.AlertPlansForTest(ctx, s, c.f)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			for part, has := range c.parts {
				p := plans[part]
				if p == "" && part == "page" {
					continue // nothing to list
				}
				if part == "page" && has == walk && strings.Contains(p, "B-TREE") {
					t.Errorf("%s, page: a walk newest first sorts nothing; plan:\n%s", c.name, p)
				}
				if !strings.Contains(p, has) || strings.Contains(p, "matters") && !strings.Contains(p, "SEARCH m USING INTEGER PRIMARY KEY") {
					t.Errorf("%s (counted up to %d), %s: want %q, no read of the scope's matters; plan:\n%s", c.name, countUpTo, part, has, p)
				}
			}
		}
	}
	// A town's page past sortedAlerts walks the outbox newest first.
	restore := store.AlertSortedForTest(100)
	plans, err := store.AlertPlansForTest(ctx, s, store.AlertFilter{Scope: town, UserID: 1, CountUpTo: 10_000, Limit: 30})
	restore()
	if err != nil {
		t.Fatal(err)
	}
	if p := plans["page"]; !strings.HasPrefix(p, walk) || strings.Contains(p, "B-TREE") {
		t.Errorf("a town past the sorted size, page: want a walk newest first; plan:\n%s", p)
	}
	p, err := store.UnreadAlertExistsPlanForTest(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p, "SEARCH outbox USING INDEX outbox_unread_kind (kind=?") {
		t.Errorf("UnreadAlertExists: want outbox_unread_kind; plan:\n%s", p)
	}
}

// TestAlertWithALongPayload: an alert's payload may carry a note or an error
// of any length; writing it and asking whether it is still unread work on both
// databases (an index over the payload would refuse it on PostgreSQL).
func TestAlertWithALongPayload(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var note strings.Builder // text that does not compress: PostgreSQL compresses long index entries
		for i := range 3000 {
			note.WriteRune(rune(0x4e00 + (i*7919)%20000))
		}
		payload := map[string]any{"note": note.String()}
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			return tx.AddAlert(ctx, &store.Alert{Kind: "merchant_unreachable", Payload: payload, CreatedAt: time.Now()})
		}); err != nil {
			t.Fatalf("a 9 KB payload: %v", err)
		}
		if ok, err := s.UnreadAlertExists(ctx, "merchant_unreachable", payload); err != nil || !ok {
			t.Errorf("unread alert with the long payload: %v %v", ok, err)
		}
		if ok, err := s.UnreadAlertExists(ctx, "merchant_unreachable", map[string]any{"note": "别的"}); err != nil || ok {
			t.Errorf("another payload: %v %v", ok, err)
		}
	})
}
