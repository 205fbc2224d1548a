package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestHeldPairsAndRollupsEqualTheTriggers: the matters a PostgreSQL
// writer's batch inserts with their pairs and rollup counts written by the
// batch itself (held.go, migration 0082) end up with exactly what the
// triggers would have written — the pairs equal wq_pairs of the row's lowered
// text as the trigger computes it (capitals in and outside ASCII, spaces,
// Chinese, a character outside the BMP, a long account), and the rollups
// recount from the matters (RollupDrift: days cut in Asia/Shanghai, its
// summer time of 1988, the last microsecond of a month, closed, rated,
// recovered, placed and unplaced, a station) — also when the same command or
// a later one of the batch edits or deletes the matter, and beside an on-site
// complaint the trigger still counts. The batches are made by 16 writers at
// once and by BatchForTest; the test checks that the held path was taken.
func TestHeldPairsAndRollupsEqualTheTriggers(t *testing.T) {
	s := testdb.Postgres(t)
	ctx := context.Background()
	svc := service.New(s, time.Now)
	city := fillAreas(t, svc)
	st := dispatch.Station{Name: "城关所", AreaID: city.ID, HostType: dispatch.HostMarket, Active: true}
	if err := svc.SaveStation(ctx, &st); err != nil {
		t.Fatal(err)
	}
	facts := []string{"牛奶过期", "Milk 过期 OK", "退款😀不退", "ÄÖ Ünïcode БЕЛЫЙ ＡＢＣ ＯＰＰＯ手机 Äpfel \u212Aelvin ᲐᲑ full-width", strings.Repeat("消费者反映商家拒绝退款。", 40), "a", ""}
	times := []time.Time{
		t0,
		time.Date(2025, 3, 31, 15, 59, 59, 999999000, time.UTC), // 23:59:59.999999 on 31 March in Shanghai
		time.Date(2025, 3, 31, 16, 0, 0, 0, time.UTC),           // 1 April
		time.Date(1988, 7, 1, 15, 30, 0, 0, time.UTC),           // summer time: already 2 July in Shanghai
		time.Date(2025, 12, 31, 16, 0, 0, 1000, time.UTC),
	}
	base := heldBefore()
	var n int
	mk := func(i int) casework.Matter {
		at := times[i%len(times)]
		m := casework.Matter{Number: fmt.Sprintf("HQ%04d", i), Kind: casework.Complaint, Channel: casework.Hotline12315,
			State: casework.Received, RuleSet: casework.Order121, Version: 1, Consumers: 1, ReceivedAt: at, CreatedAt: at, UpdatedAt: at,
			Facts: facts[i%len(facts)], Consumer: casework.Party{Name: "王 Wu", Phone: "1390000" + fmt.Sprint(1000+i)},
			MerchantName: "好又多 Super 超市"}
		switch i % 6 {
		case 1:
			m.Kind, m.Channel = casework.Report, casework.Letter
		case 2:
			m.State, m.Outcome, m.Recovered = casework.Closed, casework.OutcomeAgreement, 12345
			five := 5
			m.Satisfaction = &five
		case 3:
			m.Category = casework.Services
			m.AreaID, m.AreaPath, m.StationID = &city.ID, city.Path, &st.ID
		case 4:
			m.AreaPath = "/1/" // an area's path kept without its id: unplaced
		case 5:
			m.Category = casework.Goods
			three := 3
			m.Satisfaction = &three
		}
		if i%17 == 0 { // on site: the trigger counts it
			due := at.Add(30 * time.Minute)
			m.OnSiteDueAt = &due
		}
		return m
	}
	// 16 at once, so that the writers take them in batches.
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	ids := make(chan int64, 200)
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < 160; i += 16 {
				m := mk(i)
				err := s.Tx(ctx, func(tx *store.Tx) error {
					if i%3 == 0 {
						_, err := tx.InsertMatterThenCandidates(ctx, &m, store.CandidatesAsk{MerchantName: m.MerchantName, Since: m.ReceivedAt.Add(-time.Hour), Limit: 5})
						return err
					}
					return tx.InsertMatter(ctx, &m)
				})
				if err != nil {
					errs <- fmt.Errorf("%s: %w", m.Number, err)
					return
				}
				ids <- m.ID
			}
		}()
	}
	wg.Wait()
	close(errs)
	close(ids)
	for err := range errs {
		t.Fatal(err)
	}
	var all []int64
	for id := range ids {
		all = append(all, id)
	}
	n += len(all)
	// In one batch: a matter edited by the command that inserted it, one
	// edited and one deleted by a later command, one inserted then deleted.
	a, b, c, d := mk(1001), mk(1002), mk(1003), mk(1004)
	berrs, ok := store.BatchForTest(s,
		func(tx *store.Tx) error {
			if err := tx.InsertMatter(ctx, &a); err != nil {
				return err
			}
			a.Facts, a.State, a.Category = "改过的 Facts", casework.Closed, casework.Goods
			return tx.UpdateMatter(ctx, &a)
		},
		func(tx *store.Tx) error { return tx.InsertMatter(ctx, &b) },
		func(tx *store.Tx) error { return tx.InsertMatter(ctx, &c) },
		func(tx *store.Tx) error {
			b.Facts, b.Recovered = "后来 Edited", 777
			if err := tx.UpdateMatter(ctx, &b); err != nil {
				return err
			}
			if err := store.ExecForTest(ctx, tx, "DELETE FROM matters WHERE id = $1", c.ID); err != nil {
				return err
			}
			if err := tx.InsertMatter(ctx, &d); err != nil {
				return err
			}
			return store.ExecForTest(ctx, tx, "DELETE FROM matters WHERE id = $1", d.ID)
		})
	if !ok {
		t.Fatal("the batch did not commit")
	}
	for i, err := range berrs {
		if err != nil {
			t.Fatalf("command %d: %v", i, err)
		}
	}
	all = append(all, a.ID, b.ID)
	n += 4
	// Every matter inserted except the on-site ones went the batch's way.
	onSite := 0
	for _, i := range append([]int{1001, 1002, 1003, 1004}, func() (is []int) {
		for i := range 160 {
			is = append(is, i)
		}
		return is
	}()...) {
		if mk(i).OnSiteDueAt != nil {
			onSite++
		}
	}
	if got := heldBefore() - base; got != int64(n-onSite) {
		t.Fatalf("%d matters' pairs and rollups written by their batch, want %d", got, n-onSite)
	}
	for _, id := range all {
		if eq, err := store.TriggerPairsForTest(ctx, s, id); err != nil || !eq {
			t.Errorf("matter %d: pairs differ from the trigger's (%v)", id, err)
		}
	}
	for _, id := range []int64{c.ID, d.ID} {
		if k, err := store.CountForTest(ctx, s, fmt.Sprintf("SELECT COUNT(*) FROM matter_pairs WHERE matter_id = %d", id)); err != nil || k != 0 {
			t.Errorf("deleted matter %d keeps %d pairs rows (%v)", id, k, err)
		}
	}
	if drift, err := s.RollupDrift(ctx); err != nil || len(drift) > 0 {
		t.Fatalf("drift %v %v", drift, err)
	}
}

// TestHeldRollupsFailing: when the rollups a batch added up fail as they are
// sent with its COMMIT (a deadlock, say; here a division by zero after them),
// no one command owns the failure: nothing of the batch is kept, and through
// the writers each command runs again alone and is stored once, counted by
// the triggers. A command failing on its own in a batch leaves the rollups
// of the others right.
func TestHeldRollupsFailing(t *testing.T) {
	s := testdb.Postgres(t)
	ctx := context.Background()
	var after int
	insert := func(number string) func(*store.Tx) error {
		return intakeLike(ctx, number, "", true, &after)
	}
	restore := store.SetHeldRollupsFailForTest()
	_, ok := store.BatchForTest(s, insert("RF0"), insert("RF1"), insert("RF2"))
	if ok {
		restore()
		t.Fatal("a batch whose rollups failed was decided")
	}
	for _, n := range []string{"RF0", "RF1", "RF2"} {
		if _, err := s.MatterByNumber(ctx, n); err == nil {
			restore()
			t.Fatalf("%s kept from a batch whose rollups failed", n)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine int // AfterCommit runs in this goroutine
			errs[i] = s.Tx(ctx, intakeLike(ctx, fmt.Sprintf("RG%d", i), "", true, &mine))
		}()
	}
	wg.Wait()
	restore()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("RG%d: %v", i, err)
		}
		if _, err := s.MatterByNumber(ctx, fmt.Sprintf("RG%d", i)); err != nil {
			t.Fatalf("RG%d acknowledged, not stored: %v", i, err)
		}
	}
	berrs, ok := store.BatchForTest(s, insert("RH0"), intakeLike(ctx, "RH1", "go", true, &after), insert("RH2"))
	if !ok || berrs[0] != nil || berrs[1] == nil || berrs[2] != nil {
		t.Fatalf("batch with a failing command: %v %v", ok, berrs)
	}
	if drift, err := s.RollupDrift(ctx); err != nil || len(drift) > 0 {
		t.Fatalf("drift %v %v", drift, err)
	}
	_, total, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}})
	if err != nil || total != 10 {
		t.Fatalf("%d matters stored, want 10 (%v)", total, err)
	}
}

func heldBefore() int64 { return store.HeldMattersForTest() }

// TestTextPairsAsRunes: the pairs found as substrings of the text (no copy
// each) are those of its runes, as wq_pairs splits it, for random texts of
// spaces, ASCII, Chinese, a character outside the BMP, U+FFFD and bytes that
// are not UTF-8.
func TestTextPairsAsRunes(t *testing.T) {
	alphabet := []string{" ", "a", "Z", "1", "牛", "奶", "过", "😀", "\uFFFD", "\xff", "\xe4\xb8", "，"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		text := b.String()
		runes := []rune(text)
		want := []string{}
		for i := 0; i+1 < len(runes); i++ {
			if runes[i] != ' ' && runes[i+1] != ' ' {
				want = append(want, string(runes[i:i+2]))
			}
		}
		slices.Sort(want)
		want = slices.Compact(want)
		if got := store.TextPairsForTest(text); !slices.Equal(got, want) {
			t.Fatalf("%q: %q, want %q", text, got, want)
		}
	}
}

// BenchmarkTextPairs: the pairs of an intake's text as the load files them
// (number, consumer, phone, shop, facts), computed in Go for the batch (held.go).
func BenchmarkTextPairs(b *testing.B) {
	text := "20261208-000123 消费者 13800001234 好又多超市12号店 购买的牛奶已过保质期，花费123元，要求退货并赔偿。"
	b.ReportAllocs()
	for b.Loop() {
		_ = store.TextPairsForTest(text)
	}
}
