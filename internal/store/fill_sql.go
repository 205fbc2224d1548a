package store

import (
	"fmt"
	"strings"
)

// The statements of Fill (fill.go): the matters, merchants, timeline, clocks
// and what the triggers would have derived, written in SQL so that millions
// of rows never pass through Go.

// fillDerived is what the triggers would have written for the matters after
// $1 (the last id before the fill), in one statement each (statements apart
// by ";\n"; those with $2 are run over ids ($1, $2] a chunk at a time): the
// months are added up from the days, not from the matters again.
type fillDerived struct{ name, sql string }

func fillDerivedSQL(d Dialect) []fillDerived {
	if d == Postgres {
		day := "to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
		key := "(day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard)"
		adds := " n = t.n + excluded.n, recovered = t.recovered + excluded.recovered, rated = t.rated + excluded.rated, rating_sum = t.rating_sum + excluded.rating_sum"
		return []fillDerived{
			{"rollups by day and by month", `CREATE TEMP TABLE fill_rollup AS
				SELECT ` + day + ` AS day, area_path, (area_id IS NULL)::INTEGER AS unplaced, COALESCE(station_id, 0) AS station_id, kind, channel,
					category, (state = 'closed')::INTEGER AS closed, outcome, COUNT(*) AS n, SUM(recovered) AS recovered,
					COUNT(satisfaction) AS rated, COALESCE(SUM(satisfaction), 0) AS rating_sum
				FROM matters WHERE id > $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
				INSERT INTO matter_rollup AS t SELECT day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, 0,
					n, recovered, rated, rating_sum FROM fill_rollup
				ON CONFLICT ` + key + ` DO UPDATE SET` + adds + `;
				INSERT INTO matter_rollup_month AS t SELECT substr(day, 1, 7), area_path, unplaced, station_id, kind, channel, category, closed,
					outcome, 0, SUM(n), SUM(recovered), SUM(rated), SUM(rating_sum) FROM fill_rollup GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
				ON CONFLICT (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET` + adds + `;
				DROP TABLE fill_rollup`},
			{"on-site rollup", `INSERT INTO onsite_rollup AS t
				SELECT ` + day + `, area_path, (area_id IS NULL)::INTEGER, COALESCE(station_id, 0), onsite_minutes(m), 0,
					COUNT(*), SUM(CASE WHEN on_site_kept = TRUE THEN 1 ELSE 0 END)
				FROM matters m WHERE id > $1 AND on_site_due_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5
				ON CONFLICT (day, area_path, unplaced, station_id, minutes, shard) DO UPDATE SET n = t.n + excluded.n, kept = t.kept + excluded.kept`},
			{"12345 rating rollup", `INSERT INTO hotline_rollup AS t
				SELECT ` + day + `, area_path, (area_id IS NULL)::INTEGER, COALESCE(station_id, 0), hotline_rating, 0, COUNT(*)
				FROM matters WHERE id > $1 AND hotline_rating <> '' GROUP BY 1, 2, 3, 4, 5
				ON CONFLICT (day, area_path, unplaced, station_id, rating, shard) DO UPDATE SET n = t.n + excluded.n`},
		}
	}
	day := "date(received_at, '+8 hours')"
	adds := " n = n + excluded.n, recovered = recovered + excluded.recovered, rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum"
	return []fillDerived{
		{"rollups by day and by month", `CREATE TEMP TABLE fill_rollup AS
			SELECT ` + day + ` AS day, area_path, area_id IS NULL AS unplaced, COALESCE(station_id, 0) AS station_id, kind, channel, category,
				state = 'closed' AS closed, outcome, COUNT(*) AS n, SUM(recovered) AS recovered, COUNT(satisfaction) AS rated,
				COALESCE(SUM(satisfaction), 0) AS rating_sum
			FROM matters WHERE id > $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
			INSERT INTO matter_rollup SELECT day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, 0,
				n, recovered, rated, rating_sum FROM fill_rollup WHERE true
			ON CONFLICT (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET` + adds + `;
			INSERT INTO matter_rollup_month SELECT substr(day, 1, 7), area_path, unplaced, station_id, kind, channel, category, closed, outcome, 0,
				SUM(n), SUM(recovered), SUM(rated), SUM(rating_sum) FROM fill_rollup GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
			ON CONFLICT (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET` + adds + `;
			DROP TABLE fill_rollup`},
		{"on-site rollup", `INSERT INTO onsite_rollup
			SELECT ` + day + `, area_path, area_id IS NULL, COALESCE(station_id, 0),
				CASE WHEN arrived_at IS NULL THEN -1 ELSE MAX(0, (unixepoch(arrived_at) - unixepoch(received_at)) / 60) END,
				0, COUNT(*), SUM(CASE WHEN on_site_kept = TRUE THEN 1 ELSE 0 END)
			FROM matters WHERE id > $1 AND on_site_due_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT (day, area_path, unplaced, station_id, minutes, shard) DO UPDATE SET n = n + excluded.n, kept = kept + excluded.kept`},
		{"12345 rating rollup", `INSERT INTO hotline_rollup
			SELECT ` + day + `, area_path, area_id IS NULL, COALESCE(station_id, 0), hotline_rating, 0, COUNT(*)
			FROM matters WHERE id > $1 AND hotline_rating <> '' GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT (day, area_path, unplaced, station_id, rating, shard) DO UPDATE SET n = n + excluded.n`},
		{"search index (trigram)", `INSERT INTO matters_fts (rowid, number, consumer_name, consumer_phone, merchant_name, facts)
			SELECT id, number, consumer_name, consumer_phone, merchant_name, facts FROM matters WHERE id > $1 AND id <= $2`},
		{"search index (pairs)", `INSERT INTO matters_bigram (rowid, grams)
			SELECT id, wq_bigrams(number, consumer_name, consumer_phone, merchant_name, facts) FROM matters WHERE id > $1 AND id <= $2`},
	}
}

// fillEventsSQL writes the timelines of the matters with ids in ($1, $2]:
// every receipt first, then every closing, as intake and the close action
// write them (the close leaves the state that was the outcome).
func fillEventsSQL(d Dialect) []string {
	data := `'{"channel":"' || channel || '","kind":"' || kind || '","level":"' || level || '","rule_set":"' || rule_set || '"}'`
	return []string{
		`INSERT INTO events (matter_id, at, actor_name, action, from_state, to_state, note, data)
		SELECT id, received_at, '系统 / system', 'intake', '', 'received', '', ` + data + `
		FROM matters WHERE id > $1 AND id <= $2 ORDER BY id`,
		`INSERT INTO events (matter_id, at, actor_name, action, from_state, to_state, note, data)
		SELECT id, closed_at, '系统 / system', 'close', outcome, 'closed', '', ''
		FROM matters WHERE id > $1 AND id <= $2 AND state = 'closed' ORDER BY id`,
	}
}

// fillDeadlinesSQL writes the clocks of the matters with ids in ($1, $2], as
// intake and the steps after it leave them: a complaint's acceptance (met the
// day after receipt) and its mediation (running until the matter's deadline
// while it is open, met at the closing once closed), a report's verification
// (met at its closing). The supervisor's board and the KPIs read these at
// scale.
func fillDeadlinesSQL(d Dialect) []string {
	plus := func(col string, days int) string {
		if d == Postgres {
			return fmt.Sprintf("(%s + INTERVAL '%d days')", col, days)
		}
		return fmt.Sprintf("(strftime('%%Y-%%m-%%d %%H:%%M:%%S', %s, '+%d days') || '+00:00')", col, days)
	}
	day := func(col string) string {
		if d == Postgres {
			return "to_char(" + col + " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
		}
		return "date(" + col + ", '+8 hours')"
	}
	// An open clock already past its reminder or its due time is written as
	// the clock worker would have left it (reminded, breached), so that a
	// server started on a filled office does not fire them all at once.
	now := "(strftime('%Y-%m-%d %H:%M:%S', 'now') || '+00:00')"
	if d == Postgres {
		now = "now()"
	}
	cols := "INSERT INTO deadlines (matter_id, kind, rule, start_at, due_date, due_at, remind_at, met_at, created_at, updated_at, area_path, area_id, station_id)"
	mediationDue := "CASE WHEN state = 'closed' THEN " + plus("received_at", 60) + " ELSE due_at END"
	return []string{
		cols + `
		SELECT id, 'acceptance', 'R-L6', received_at, ` + day(plus("received_at", 9)) + `, ` + plus("received_at", 9) + `, ` + plus("received_at", 8) + `,
			` + plus("received_at", 1) + `, received_at, ` + plus("received_at", 1) + `, area_path, area_id, station_id
		FROM matters WHERE id > $1 AND id <= $2 AND kind = 'complaint' ORDER BY id`,
		`INSERT INTO deadlines (matter_id, kind, rule, start_at, due_date, due_at, remind_at, met_at, created_at, updated_at,
			area_path, area_id, station_id, reminded_at, breached_at)
		SELECT id, 'mediation', 'R-L18', ` + plus("received_at", 1) + `, ` + day(mediationDue) + `, ` + mediationDue + `,
			` + plus(mediationDue, -3) + `, closed_at, ` + plus("received_at", 1) + `, COALESCE(closed_at, ` + plus("received_at", 1) + `),
			area_path, area_id, station_id, CASE WHEN state <> 'closed' AND ` + plus("due_at", -3) + ` < ` + now + ` THEN ` + plus("due_at", -3) + ` END,
			CASE WHEN state <> 'closed' AND due_at < ` + now + ` THEN due_at END
		FROM matters WHERE id > $1 AND id <= $2 AND kind = 'complaint' ORDER BY id`,
		cols + `
		SELECT id, 'report_verification', 'R-L24', received_at, ` + day(plus("received_at", 21)) + `, ` + plus("received_at", 21) + `,
			` + plus("received_at", 18) + `, closed_at, received_at, COALESCE(closed_at, received_at), area_path, area_id, station_id
		FROM matters WHERE id > $1 AND id <= $2 AND kind = 'report' ORDER BY id`,
	}
}

// fillMerchantsSQL writes $1 merchants: shops, enterprises and online shops
// of the ten towns.
func fillMerchantsSQL(d Dialect, y int) string {
	at := fmt.Sprintf("'%04d-12-31 16:00:00+00:00'", y-2)
	counter := "WITH RECURSIVE c(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM c WHERE k + 1 < $1) SELECT k FROM c"
	if d == Postgres {
		at = fmt.Sprintf("TIMESTAMPTZ '%04d-12-31 16:00:00+00'", y-2)
		counter = "SELECT generate_series(0, $1::BIGINT - 1) AS k"
	}
	return `INSERT INTO merchants (name, type, address, area_id, phone, platform, created_at, updated_at)
	SELECT ` + fillMerchantName("k") + `,
		CASE WHEN k % 10 = 9 THEN 'online_shop' WHEN k % 3 = 0 THEN 'individual' ELSE 'enterprise' END,
		'瑞昌市' || (k % 97 + 1) || '号', 2 + k % 10, '0792' || (4000000 + k),
		CASE WHEN k % 10 = 9 THEN '淘宝' ELSE '' END, ` + at + `, ` + at + `
	FROM (` + counter + `) c ORDER BY k`
}

// fillMerchantName is the name of merchant k (0-based), in SQL.
func fillMerchantName(k string) string {
	return `substr('恒鑫福兴隆华盛泰永安', CAST(1 + (` + k + ` / 10) % 10 AS INTEGER), 1) || substr('达源丰和顺昌美佳利新', CAST(1 + (` + k + ` / 100) % 10 AS INTEGER), 1) ||
		CASE ` + k + ` % 10 WHEN 0 THEN '超市' WHEN 1 THEN '家电城' WHEN 2 THEN '手机店' WHEN 3 THEN '服装店' WHEN 4 THEN '餐馆'
			WHEN 5 THEN '健身中心' WHEN 6 THEN '装饰公司' WHEN 7 THEN '汽车租赁' WHEN 8 THEN '电器维修部' ELSE '网店' END || '第' || ` + k + ` || '店'`
}

// fillSQL is the INSERT … SELECT of the matters: $1..$2 the counter, $3 the
// total over which a year of minutes is spread, $4 the id before the first
// merchant of the fill, $5 how many merchants.
func fillSQL(d Dialect, y int) string {
	base := fmt.Sprintf("%04d-12-31 16:00:00", y-1) // 00:00 on 1 January in Asia/Shanghai
	var at func(string) string
	var counter, phone, boolv, area string
	if d == Postgres {
		at = func(plus string) string {
			return "(TIMESTAMPTZ '" + base + "+00' + ((" + plus + ") * INTERVAL '1 minute'))"
		}
		counter = "SELECT generate_series($1::BIGINT, $2::BIGINT) AS i"
		phone = "'139' || lpad(i::TEXT, 8, '0')"
		boolv = "(i % 50) <= 30"
		area = "(2 + i % 10)::TEXT"
	} else {
		at = func(plus string) string {
			return "strftime('%Y-%m-%d %H:%M:%S', '" + base + "', '+' || (" + plus + ") || ' minutes') || '+00:00'"
		}
		counter = "WITH RECURSIVE c(i) AS (SELECT $1 UNION ALL SELECT i + 1 FROM c WHERE i < $2) SELECT i FROM c"
		phone = "'139' || substr('00000000' || i, -8)"
		boolv = "(i % 50) <= 30"
		area = "(2 + i % 10)"
	}
	open := "kind = 'complaint' AND i % 13 = 0"
	// The merchant: u spreads i over 0 … 10006, and u² crowds the matters
	// onto the first merchants: the first share s of them takes √s of the
	// matters (10 % take 32 %, 1 % take 10 %).
	merchant := "(((i * 7919) % 10007) * ((i * 7919) % 10007) * $5 / 100140049)"
	goods := `CASE i % 8 WHEN 0 THEN '电动车' WHEN 1 THEN '空调' WHEN 2 THEN '手机' WHEN 3 THEN '羽绒服' WHEN 4 THEN '热水器'
		WHEN 5 THEN '笔记本电脑' WHEN 6 THEN '运动鞋' ELSE '冰箱' END`
	yuan := "(50 + (i * 37) % 19950)"
	facts := `CASE (i / 10) % 12
		WHEN 0 THEN '消费者反映购买的' || ` + goods + ` || '存在质量问题，多次联系商家未果，要求退货退款，涉及金额' || ` + yuan + ` || '元。'
		WHEN 1 THEN '消费者称' || ` + goods + ` || '使用不到一个月即出现质量问题，商家以人为损坏为由拒绝保修，涉及金额' || ` + yuan + ` || '元。'
		WHEN 2 THEN '网购' || ` + goods + ` || '收货后发现质量问题，平台客服推诿，要求退款' || ` + yuan + ` || '元并承担运费。'
		WHEN 3 THEN '消费者在店内购买的' || ` + goods + ` || '与宣传不符且有质量问题，要求三倍赔偿，金额' || ` + yuan + ` || '元。'
		WHEN 4 THEN ` + goods + ` || '维修后同一质量问题再次出现，商家拒绝更换，消费者要求退还维修费' || ` + yuan + ` || '元。'
		WHEN 5 THEN '消费者购买的' || ` + goods + ` || '在三包期内出现质量问题，商家要求自行寄往厂家检测，涉及' || ` + yuan + ` || '元。'
		WHEN 6 THEN '消费者称商家以次充好，' || ` + goods + ` || '存在明显质量问题，要求退一赔三，共计' || ` + yuan + ` || '元。'
		WHEN 7 THEN '消费者反映' || ` + goods + ` || '经检测质量不合格，要求商家承担检测费用及损失' || ` + yuan + ` || '元。'
		WHEN 8 THEN '消费者办理健身卡后门店停业，剩余' || ` + yuan + ` || '元预付款无法退还，要求退款。'
		WHEN 9 THEN '房屋装修工期延误两个月，装修公司拒绝按合同赔偿，涉及金额' || ` + yuan + ` || '元。'
		WHEN 10 THEN '租车归还后商家以车辆划痕为由押金不退，扣留押金' || ` + yuan + ` || '元。'
		ELSE '在餐馆就餐时发现菜品中有异物，要求商家道歉并赔偿' || ` + yuan + ` || '元。' END`
	request := `CASE (i / 10) % 12 WHEN 8 THEN '退还预付款' WHEN 9 THEN '按合同赔偿' WHEN 10 THEN '退还押金'
		WHEN 11 THEN '赔礼道歉并赔偿' ELSE '退货退款' END`
	name := `substr('王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗', CAST(1 + i % 20 AS INTEGER), 1) ||
		substr('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚', CAST(1 + (i / 20) % 21 AS INTEGER), 1) ||
		CASE WHEN i % 3 = 0 THEN '' ELSE substr('华红建国文英兰玉春海', CAST(1 + (i / 420) % 10 AS INTEGER), 1) END`
	return `INSERT INTO matters (number, kind, channel, state, outcome, rule_set, received_at, created_at, updated_at, closed_at, version,
		consumer_name, consumer_phone, merchant_id, merchant_name, area_id, area_path, category, amount_in_dispute, recovered, consumers,
		facts, request, on_site_due_at, arrived_at, on_site_kept, satisfaction, due_at, due_kind)
	SELECT 'B' || i, kind,
		CASE i % 7 WHEN 0 THEN 'hotline_12315' WHEN 1 THEN 'platform_12315' WHEN 2 THEN 'web' WHEN 3 THEN 'letter'
			WHEN 4 THEN 'visit' WHEN 5 THEN 'transfer_12345' ELSE 'transfer_department' END,
		CASE WHEN ` + open + ` THEN 'mediating' ELSE 'closed' END,
		CASE WHEN ` + open + ` THEN '' WHEN kind = 'complaint' AND i % 5 = 0 THEN 'terminated'
			WHEN kind = 'complaint' THEN 'agreement' WHEN kind = 'report' THEN 'filed' ELSE 'answered' END,
		'order121', ` + at("m") + `, ` + at("m") + `, ` + at("m") + `,
		CASE WHEN ` + open + ` THEN NULL ELSE ` + at("m + 2880") + ` END, 1,
		` + name + `, ` + phone + `,
		CASE WHEN i % 25 = 0 THEN NULL ELSE $4 + 1 + mk END,
		CASE WHEN i % 25 = 0 THEN '流动摊贩' ELSE ` + fillMerchantName("mk") + ` END,
		CASE WHEN i % 20 = 0 THEN NULL ELSE 2 + i % 10 END,
		CASE WHEN i % 20 = 0 THEN '' ELSE '/1/' || ` + area + ` || '/' END,
		CASE WHEN kind <> 'complaint' THEN '' WHEN i % 2 = 0 THEN 'goods' ELSE 'services' END,
		100 * ` + yuan + `,
		CASE WHEN kind = 'complaint' AND i % 13 <> 0 AND i % 5 <> 0 THEN 100 * ` + yuan + ` * (1 + i % 4) / 4 ELSE 0 END, 1,
		` + facts + `, ` + request + `,
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + at("m + 30") + ` END,
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + at("m + i % 50") + ` END,
		CASE WHEN kind = 'complaint' AND i % 4 = 0 THEN ` + boolv + ` END,
		CASE WHEN i % 3 = 0 THEN 1 + i % 5 END,
		CASE WHEN ` + open + ` THEN ` + at("m + 10080 + i % 7000") + ` END,
		CASE WHEN ` + open + ` THEN 'mediation' ELSE '' END
	FROM (SELECT i, CASE WHEN i % 10 < 7 THEN 'complaint' WHEN i % 10 < 9 THEN 'report' ELSE 'inquiry' END AS kind,
		(i * 525599) / $3 AS m, ` + merchant + ` AS mk FROM (` + counter + `) c) r`
}

// fillAlertsSQL writes the staff's alerts (the outbox) about the matters with
// ids in ($1, $2], newest last, as the clock worker and the commands would
// have left them, about 0.7 an alert a matter:
//   - a reminder of the mediation clock for every other complaint (the day
//     after receipt) and for every open one past its reminder time;
//   - a breach for one complaint in eight (two days after receipt) and for
//     every open one past its due time;
//   - a callback task (R-L23) for one closed complaint in four, at its closing;
//   - an escalation (R-S3) for one matter in twenty;
//   - a verification reminder for one report in four;
//   - a merchant that cannot be reached for one complaint in forty, and a
//     message given up for one matter in a hundred.
//
// Which matters have which alerts goes by id / 10, as the matter's area goes by
// id % 10, so that every town has its share of each. Each carries its matter's
// place (migration 0086). Read and delivered within
// hours, but for an unread tail: one alert in fifty never read, and half of
// the open matters' alerts (a quarter of them not yet delivered either).
// Nothing later than the database's now is written.
func fillAlertsSQL(d Dialect) string {
	plus := func(col string, minutes int) string {
		if d == Postgres {
			return fmt.Sprintf("(%s + INTERVAL '%d minutes')", col, minutes)
		}
		return fmt.Sprintf("(strftime('%%Y-%%m-%%d %%H:%%M:%%S', %s, '%+d minutes') || '+00:00')", col, minutes)
	}
	iso := func(col string) string {
		if d == Postgres {
			return "to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
		}
		return "strftime('%Y-%m-%dT%H:%M:%SZ', " + col + ")"
	}
	now := "(strftime('%Y-%m-%d %H:%M:%S', 'now') || '+00:00')"
	if d == Postgres {
		now = "now()"
	}
	const day = 24 * 60
	open := "state <> 'closed'"
	kind := func(k, at, payload, cond string) string {
		return "SELECT '" + k + "' AS kind, id, " + payload + " AS payload, " + at + " AS at, " + open + " AS is_open, area_path, area_id" +
			" FROM matters WHERE id > $1 AND id <= $2 AND " + cond
	}
	mediation := func(due string) string {
		return `'{"deadline":"mediation","rule":"R-L18","due_at":"' || ` + iso(due) + ` || '"}'`
	}
	remindAt := "CASE WHEN " + open + " THEN " + plus("due_at", -3*day) + " ELSE " + plus("received_at", day) + " END"
	breachAt := "CASE WHEN " + open + " THEN due_at ELSE " + plus("received_at", 2*day) + " END"
	parts := []string{
		kind("reminder", remindAt, mediation("COALESCE(due_at, "+plus("received_at", 4*day)+")"), "kind = 'complaint' AND ((id / 10) % 2 = 0 OR "+open+")"),
		kind("breach", breachAt, mediation("COALESCE(due_at, "+plus("received_at", 2*day)+")"), "kind = 'complaint' AND ((id / 10) % 8 = 0 OR "+open+")"),
		kind("callback_task", "closed_at", `'{"callback_id":' || id || '}'`, "kind = 'complaint' AND NOT "+open+" AND (id / 10) % 4 = 1"),
		kind("escalated", plus("received_at", 60), `'{"level":["township","county"]}'`, "(id / 10) % 20 = 3"),
		kind("reminder", plus("received_at", 18*day), `'{"deadline":"report_verification","rule":"R-L24","due_at":"' || `+iso(plus("received_at", 21*day))+` || '"}'`,
			"kind = 'report' AND (id / 10) % 4 = 2"),
		kind("merchant_unreachable", plus("received_at", 3*day), `'{"merchant":"' || merchant_name || '"}'`, "kind = 'complaint' AND (id / 10) % 40 = 7"),
		kind("message_dead", plus("received_at", 30), `'{"kind":"receipt","channel":"sms","error":"号码不存在 / number does not exist"}'`, "(id / 10) % 100 = 11"),
	}
	unread := "(is_open AND (id / 10) % 2 = 0) OR ((id / 10) * 7 + length(kind)) % 50 = 0"
	return `INSERT INTO outbox (kind, matter_id, payload, created_at, read_at, delivered_at, area_path, area_id)
	SELECT kind, id, payload, at, CASE WHEN ` + unread + ` THEN NULL ELSE ` + plus("at", 120) + ` END,
		CASE WHEN is_open AND (id / 10) % 4 = 0 THEN NULL ELSE ` + plus("at", 1) + ` END, area_path, area_id
	FROM (` + strings.Join(parts, "\n\tUNION ALL ") + `) a WHERE at <= ` + now + ` ORDER BY at, id`
}
