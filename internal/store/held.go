package store

import (
	"cmp"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"weiquan/internal/casework"
)

// A new matter's pairs and rollups, written by the batch (issue 13, branch
// pgintake4). On PostgreSQL the two triggers of matters (migrations 0011–0014,
// 0081) were a third of the server's CPU an intake: the pairs ≈ 110 µs a row
// (the text split into characters, a window, an aggregate), the rollups
// ≈ 135 µs (the day's and the month's upserts, each one row, for every matter
// inserted). In a writer's batch (groupcommit_pg.go) a complaint's insert now
// carries its pairs, computed here as the trigger computes them, in the same
// statement (a data-modifying WITH), and its rollup counts are added up in Go
// over the batch and sent once for each distinct row with the batch's COMMIT
// (late.go). The statement names the new matter in weiquan.held (a setting
// local to the transaction), and the two triggers leave that one matter's
// INSERT alone (migration 0082). Everything else keeps the triggers: an
// update, a delete, an import, the fill, SQL by hand, SQLite, a lone
// transaction, the savepoint fallback of a batch, and a matter the trigger
// would also count on site (on_site_due_at set: onsite_rollup is left to it).
//
// Exactness: the pairs' text is lowercased as the trigger's lower() does it —
// the concatenation takes the "C" collation of matters.number, so only A–Z are
// lowered — and split into code points as string_to_table(t, NULL) does; the
// day is to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD').
// Rollup counts are sums, so adding them at the commit rather than at the
// insert changes nothing a later statement of the batch can see, except a
// statement that reads the rollups itself: the held rows are sent before any
// statement naming matter_rollup (lateWrites.needs). held_test.go checks both
// against the triggers.

// shanghaiZone is the zone of the rollups' days as PostgreSQL cuts them (migration 0011), with its
// summer time of 1986–1991, which the fixed zone of the reports (shanghai) leaves out.
var shanghaiZone = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai") // time/tzdata is linked in (internal/calendar)
	if err != nil {
		panic(err)
	}
	return l
}()

// pairsText is the text whose pairs the trigger keeps, lowercased as it does:
// A–Z only (collation "C").
func pairsText(m *casework.Matter) string {
	return lowerASCII(m.Number + " " + m.Consumer.Name + " " + m.Consumer.Phone + " " + m.MerchantName + " " + m.Facts)
}

// rollupKey is a row of matter_rollup without its shard (migration 0011).
type rollupKey struct {
	day, areaPath                    string
	unplaced, closed                 int
	station                          int64
	kind, channel, category, outcome string
}

type rollupSum struct{ n, recovered, rated, ratingSum int64 }

// heldRollup is the row a new matter adds to, and what it adds; ok is false
// when the trigger must count it (on-site promise, a year to_char would spell
// otherwise).
func heldRollup(m *casework.Matter) (rollupKey, rollupSum, bool) {
	at := m.ReceivedAt.In(shanghaiZone)
	if m.OnSiteDueAt != nil || at.Year() < 1000 || at.Year() > 9999 {
		return rollupKey{}, rollupSum{}, false
	}
	k := rollupKey{day: at.Format("2006-01-02"), areaPath: m.AreaPath, kind: string(m.Kind), channel: string(m.Channel),
		category: string(m.Category), outcome: string(m.Outcome)}
	if m.AreaID == nil {
		k.unplaced = 1
	}
	if m.StationID != nil {
		k.station = *m.StationID
	}
	if m.State == casework.Closed {
		k.closed = 1
	}
	v := rollupSum{n: 1, recovered: int64(m.Recovered)}
	if m.Satisfaction != nil {
		v.rated, v.ratingSum = 1, int64(*m.Satisfaction)
	}
	return k, v, true
}

// heldRollups are the rollup counts of a batch's new matters, added up.
type heldRollups struct {
	shard   int
	days    map[rollupKey]rollupSum
	matters int64 // matters counted in this transaction
}

// heldMatters counts the matters whose pairs and rollups a committed batch
// wrote itself (held_test.go checks that its inserts took this way).
var heldMatters atomic.Int64

// heldRollupsFail makes the rollups a batch sends fail when they are run
// (SetHeldRollupsFailForTest), as a deadlock would.
var heldRollupsFail atomic.Bool

func (h *heldRollups) add(k rollupKey, v rollupSum) {
	if h.days == nil {
		h.days = map[rollupKey]rollupSum{}
	}
	h.days[k] = h.days[k].plus(v)
	h.matters++
}

// heldRollupUpsert is the upsert of the held counts into one rollup table:
// matter_rollup by day or matter_rollup_month by month (its period column).
func heldRollupUpsert(table, period string) string {
	return `INSERT INTO ` + table + ` (` + period + `, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard,
	n, recovered, rated, rating_sum)
	SELECT d, a, u, s, k, c, g, x, o, $10::int, n, r, t, q FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::text[],
		$6::text[], $7::text[], $8::int[], $9::text[], $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[])
		AS h(d, a, u, s, k, c, g, x, o, n, r, t, q)
	ON CONFLICT (` + period + `, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
		n = ` + table + `.n + excluded.n, recovered = ` + table + `.recovered + excluded.recovered,
		rated = ` + table + `.rated + excluded.rated, rating_sum = ` + table + `.rating_sum + excluded.rating_sum`
}

var (
	heldRollupDay   = heldRollupUpsert("matter_rollup", "day")
	heldRollupMonth = heldRollupUpsert("matter_rollup_month", "month")
)

// plus is the sum of two counts of one rollup row.
func (s rollupSum) plus(v rollupSum) rollupSum {
	return rollupSum{s.n + v.n, s.recovered + v.recovered, s.rated + v.rated, s.ratingSum + v.ratingSum}
}

// statements are the day's and the month's upserts of what is held, one
// row each distinct key, in the keys' order (so two transactions lock the
// rows they share in one order); none when nothing is held. It empties h.
func (h *heldRollups) statements() (queries []string, args [][]any) {
	if len(h.days) == 0 {
		return nil, nil
	}
	months := map[rollupKey]rollupSum{}
	for k, v := range h.days {
		k.day = k.day[:7]
		months[k] = months[k].plus(v)
	}
	days := h.days
	h.days = nil
	queries, args = []string{heldRollupDay, heldRollupMonth}, [][]any{rollupArgs(days, h.shard), rollupArgs(months, h.shard)}
	if heldRollupsFail.Load() {
		queries, args = append(queries, "SELECT 1 / (random() * 0)::INTEGER"), append(args, nil)
	}
	return queries, args
}

func rollupArgs(rows map[rollupKey]rollupSum, shard int) []any {
	keys := make([]rollupKey, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b rollupKey) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.areaPath, b.areaPath), cmp.Compare(a.unplaced, b.unplaced),
			cmp.Compare(a.station, b.station), cmp.Compare(a.kind, b.kind), cmp.Compare(a.channel, b.channel),
			cmp.Compare(a.category, b.category), cmp.Compare(a.closed, b.closed), cmp.Compare(a.outcome, b.outcome))
	})
	var d, a, kind, ch, cat, out []string
	var u, x []int32
	var s, n, r, t, q []int64
	for _, k := range keys {
		v := rows[k]
		d, a, kind, ch, cat, out = append(d, k.day), append(a, k.areaPath), append(kind, k.kind), append(ch, k.channel),
			append(cat, k.category), append(out, k.outcome)
		u, x, s = append(u, int32(k.unplaced)), append(x, int32(k.closed)), append(s, k.station)
		n, r, t, q = append(n, v.n), append(r, v.recovered), append(t, v.rated), append(q, v.ratingSum)
	}
	return []any{d, a, u, s, kind, ch, cat, x, out, int32(shard), n, r, t, q}
}

// insertMatterHeld is the insert of a numbered matter together with its
// pairs, naming it in weiquan.held so that the triggers leave its insert to
// the batch (migration 0082); it returns the id and the setting's value.
func insertMatterHeld(m *casework.Matter) (string, []any) {
	q, args := insertMatterQuery(m)
	q = "WITH m AS (" + q + ")\n\t\tINSERT INTO matter_pairs SELECT id, $" + strconv.Itoa(len(args)+1) + ` FROM m
		ON CONFLICT (matter_id) DO UPDATE SET pairs = excluded.pairs
		RETURNING matter_id, set_config('weiquan.held', matter_id::text, true)`
	return q, append(args, textPairs(pairsText(m)))
}

// heldInsert tells whether this transaction writes m's pairs and rollups
// itself (a PostgreSQL writer's batch, a matter the trigger would count as
// the batch does), and if so notes its rollup counts once it is inserted.
func (t *Tx) heldInsert(m *casework.Matter) (note func(), ok bool) {
	if t.tx.late == nil || t.dialect != Postgres {
		return nil, false
	}
	k, v, ok := heldRollup(m)
	if !ok {
		return nil, false
	}
	return func() { t.tx.late.rollups.add(k, v) }, true
}

// scanHeld reads what insertMatterHeld returns.
func scanHeld(row interface{ Scan(...any) error }, m *casework.Matter) error {
	var held string
	return row.Scan(&m.ID, &held)
}
