package store

import (
	"context"
	"fmt"
)

// FillForBench writes n matters received through year y straight into SQLite
// with one INSERT … SELECT over a recursive counter: the fixture of the report
// benchmark, far faster than n prepared inserts. Areas 1 (the city) and 2–11
// (its towns) must exist. Roughly: 70 % complaints, 20 % reports, 10 %
// inquiries; 1 in 20 without an area; a quarter of complaints with an
// on-site promise; a third rated.
func FillForBench(ctx context.Context, s *Store, n, y int) error {
	if s.dialect != SQLite {
		return fmt.Errorf("store: FillForBench is for SQLite")
	}
	base := fmt.Sprintf("%04d-12-31 16:00:00", y-1) // 00:00 on 1 January in Asia/Shanghai
	at := func(plusMinutes string) string {
		return "strftime('%Y-%m-%d %H:%M:%S', '" + base + "', '+' || (" + plusMinutes + ") || ' minutes') || '+00:00'"
	}
	minute := "(i * 525599) / $1"
	q := `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $1),
	r AS (SELECT i,
		CASE WHEN i % 10 < 7 THEN 'complaint' WHEN i % 10 < 9 THEN 'report' ELSE 'inquiry' END AS kind,
		` + minute + ` AS m FROM c)
	INSERT INTO matters (number, kind, channel, state, outcome, rule_set, received_at, created_at, updated_at, closed_at, version,
		consumer_name, consumer_phone, merchant_name, area_id, area_path, category, amount_in_dispute, recovered, consumers,
		facts, request, on_site_due_at, arrived_at, on_site_kept, satisfaction)
	SELECT 'B' || i, kind,
		CASE i % 7 WHEN 0 THEN 'hotline_12315' WHEN 1 THEN 'platform_12315' WHEN 2 THEN 'web' WHEN 3 THEN 'letter'
			WHEN 4 THEN 'visit' WHEN 5 THEN 'transfer_12345' ELSE 'transfer_department' END,
		CASE WHEN kind = 'complaint' AND i % 13 = 0 THEN 'mediating' ELSE 'closed' END,
		CASE WHEN kind = 'complaint' AND i % 13 = 0 THEN '' WHEN kind = 'complaint' AND i % 5 = 0 THEN 'terminated'
			WHEN kind = 'complaint' THEN 'agreement' WHEN kind = 'report' THEN 'filed' ELSE 'answered' END,
		'order121', ` + at("m") + `, ` + at("m") + `, ` + at("m") + `,
		CASE WHEN kind = 'complaint' AND i % 13 = 0 THEN NULL ELSE ` + at("m + 2880") + ` END, 1,
		'消费者' || (i % 997), '139' || substr('00000000' || i, -8), '商户' || (i % 5000),
		CASE WHEN i % 20 = 0 THEN NULL ELSE 2 + i % 10 END,
		CASE WHEN i % 20 = 0 THEN '' ELSE '/1/' || (2 + i % 10) || '/' END,
		CASE WHEN kind <> 'complaint' THEN '' WHEN i % 2 = 0 THEN 'goods' ELSE 'services' END,
		10000 + i % 90000,
		CASE WHEN kind = 'complaint' AND i % 13 <> 0 AND i % 5 <> 0 THEN 100 + i % 100000 ELSE 0 END, 1,
		'消费者反映购买的商品存在质量问题，多次联系商家未果，要求退货退款并赔偿损失。第' || i || '件。', '退货退款',
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + at("m + 30") + ` END,
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + at("m + i % 50") + ` END,
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN (i % 50) <= 30 END,
		CASE WHEN i % 3 = 0 THEN 1 + i % 5 END
	FROM r`
	return s.Tx(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, q, n)
		return err
	})
}

// ExecForBench runs a statement on the writer, for benchmark variants (dropping an index).
func ExecForBench(ctx context.Context, s *Store, q string) error {
	_, err := s.w.ExecContext(ctx, q)
	return err
}
