package store

import (
	"context"
	"fmt"
)

// Fill writes n synthetic matters received through year y straight into the
// database, numbered from first+1, with one INSERT … SELECT over a counter per
// 100,000 rows: the fixture of the scale benchmarks and of `weiquan load
// --fill`, far faster than n prepared inserts. Areas 1 (the city) and 2–11
// (its towns) must exist. Roughly: 70 % complaints, 20 % reports, 10 %
// inquiries over 7 channels; 1 in 20 without an area; 1 complaint in 13 still
// open with a deadline; a quarter of complaints with an on-site promise; a
// third rated. Nothing but the matters is written: no timeline, no clocks.
func (s *Store) Fill(ctx context.Context, first, n, y int) error {
	const chunk = 100_000
	for lo := first; lo < first+n; lo += chunk {
		hi := min(lo+chunk, first+n)
		if err := s.Tx(ctx, func(tx *Tx) error {
			_, err := tx.tx.ExecContext(ctx, fillSQL(s.dialect, y), lo+1, hi, first+n)
			return err
		}); err != nil {
			return fmt.Errorf("store: fill: %w", err)
		}
	}
	if s.dialect == Postgres {
		// Autovacuum would vacuum and analyze in its own time; until it does,
		// the planner knows nothing of a million new rows (the queue's count
		// took seconds instead of milliseconds) and no page is marked all
		// visible, so every index-only scan reads the table too (a town's
		// open queue 0.6 s). The office a fill stands for is one autovacuum
		// has been through.
		for _, t := range []string{"matters", "matter_rollup", "matter_rollup_month", "onsite_rollup", "hotline_rollup", "matter_pairs"} {
			if _, err := s.w.ExecContext(ctx, "VACUUM (ANALYZE) "+t); err != nil {
				return fmt.Errorf("store: fill: %w", err)
			}
		}
	}
	return nil
}

// fillSQL is the INSERT … SELECT of Fill: $1..$2 the counter, $3 the total
// over which a year of minutes is spread.
func fillSQL(d Dialect, y int) string {
	base := fmt.Sprintf("%04d-12-31 16:00:00", y-1) // 00:00 on 1 January in Asia/Shanghai
	var at func(string) string
	var counter, phone, boolv, area, num string
	if d == Postgres {
		at = func(plus string) string {
			return "(TIMESTAMPTZ '" + base + "+00' + ((" + plus + ") * INTERVAL '1 minute'))"
		}
		counter = "SELECT generate_series($1::BIGINT, $2::BIGINT) AS i"
		phone = "'139' || lpad(i::TEXT, 8, '0')"
		boolv = "(i % 50) <= 30"
		area = "(2 + i % 10)::TEXT"
		num = "i::TEXT"
	} else {
		at = func(plus string) string {
			return "strftime('%Y-%m-%d %H:%M:%S', '" + base + "', '+' || (" + plus + ") || ' minutes') || '+00:00'"
		}
		counter = "WITH RECURSIVE c(i) AS (SELECT $1 UNION ALL SELECT i + 1 FROM c WHERE i < $2) SELECT i FROM c"
		phone = "'139' || substr('00000000' || i, -8)"
		boolv = "(i % 50) <= 30"
		area = "(2 + i % 10)"
		num = "i"
	}
	open := "kind = 'complaint' AND i % 13 = 0"
	return `INSERT INTO matters (number, kind, channel, state, outcome, rule_set, received_at, created_at, updated_at, closed_at, version,
		consumer_name, consumer_phone, merchant_name, area_id, area_path, category, amount_in_dispute, recovered, consumers,
		facts, request, on_site_due_at, arrived_at, on_site_kept, satisfaction, due_at, due_kind)
	SELECT 'B' || ` + num + `, kind,
		CASE i % 7 WHEN 0 THEN 'hotline_12315' WHEN 1 THEN 'platform_12315' WHEN 2 THEN 'web' WHEN 3 THEN 'letter'
			WHEN 4 THEN 'visit' WHEN 5 THEN 'transfer_12345' ELSE 'transfer_department' END,
		CASE WHEN ` + open + ` THEN 'mediating' ELSE 'closed' END,
		CASE WHEN ` + open + ` THEN '' WHEN kind = 'complaint' AND i % 5 = 0 THEN 'terminated'
			WHEN kind = 'complaint' THEN 'agreement' WHEN kind = 'report' THEN 'filed' ELSE 'answered' END,
		'order121', ` + at("m") + `, ` + at("m") + `, ` + at("m") + `,
		CASE WHEN ` + open + ` THEN NULL ELSE ` + at("m + 2880") + ` END, 1,
		'消费者' || (i % 997), ` + phone + `, '商户' || (i % 5000),
		CASE WHEN i % 20 = 0 THEN NULL ELSE 2 + i % 10 END,
		CASE WHEN i % 20 = 0 THEN '' ELSE '/1/' || ` + area + ` || '/' END,
		CASE WHEN kind <> 'complaint' THEN '' WHEN i % 2 = 0 THEN 'goods' ELSE 'services' END,
		10000 + i % 90000,
		CASE WHEN kind = 'complaint' AND i % 13 <> 0 AND i % 5 <> 0 THEN 100 + i % 100000 ELSE 0 END, 1,
		'消费者反映购买的商品存在质量问题，多次联系商家未果，要求退货退款并赔偿损失。第' || i || '件。', '退货退款',
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + at("m + 30") + ` END,
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + at("m + i % 50") + ` END,
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + boolv + ` END,
		CASE WHEN i % 3 = 0 THEN 1 + i % 5 END,
		CASE WHEN ` + open + ` THEN ` + at("m + 10080 + i % 7000") + ` END,
		CASE WHEN ` + open + ` THEN 'mediation' ELSE '' END
	FROM (SELECT i, CASE WHEN i % 10 < 7 THEN 'complaint' WHEN i % 10 < 9 THEN 'report' ELSE 'inquiry' END AS kind,
		(i * 525599) / $3 AS m FROM (` + counter + `) c) r`
}
