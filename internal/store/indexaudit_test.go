package store

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestIndexAudit reads the plan of every statement a traced test run executed
// (WEIQUAN_SQL_TRACE, see stmttrace.go) on a filled office and writes which
// statements use which index: the method of docs/EXPLAIN.md, "Which indexes
// earn their cost".
//
//	WEIQUAN_INDEX_AUDIT_TRACE=trace.jsonl WEIQUAN_SCALE_DATA=DIR WEIQUAN_INDEX_AUDIT_OUT=audit.md go test ./internal/store/ -run TestIndexAudit
//	WEIQUAN_INDEX_AUDIT_TRACE=trace.jsonl WEIQUAN_SCALE_DB=postgres://… WEIQUAN_INDEX_AUDIT_OUT=audit.md go test ./internal/store/ -run TestIndexAudit
//
// SQLite: EXPLAIN QUERY PLAN with every parameter NULL. Built without STAT4,
// SQLite's plan does not depend on the values bound, so this is the plan of
// every run of the statement. PostgreSQL: the generic plan of the prepared
// statement (plan_cache_mode=force_generic_plan, every parameter NULL), the
// plan for values it does not know; the store runs custom plans, which may
// prefer a sequential scan for a value that matches most rows.
func TestIndexAudit(t *testing.T) {
	trace, out := os.Getenv("WEIQUAN_INDEX_AUDIT_TRACE"), os.Getenv("WEIQUAN_INDEX_AUDIT_OUT")
	dir, url := os.Getenv("WEIQUAN_SCALE_DATA"), os.Getenv("WEIQUAN_SCALE_DB")
	if trace == "" || out == "" || (dir == "" && url == "") {
		t.Skip("set WEIQUAN_INDEX_AUDIT_TRACE, WEIQUAN_INDEX_AUDIT_OUT and WEIQUAN_SCALE_DATA or WEIQUAN_SCALE_DB")
	}
	ctx := context.Background()
	s, err := Open(ctx, Options{DataDir: dir, URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stmts, err := readTrace(trace, string(s.dialect))
	if err != nil {
		t.Fatal(err)
	}
	indexes, err := auditIndexes(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	uses := map[string][]int{} // index → statements
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d distinct statements\n\n", s.dialect, len(stmts))
	var failed int
	for i, q := range stmts {
		plan, err := auditPlan(ctx, s, q)
		fmt.Fprintf(&b, "### S%d\n\n```sql\n%s\n```\n", i+1, strings.TrimSpace(q))
		if err != nil {
			failed++
			fmt.Fprintf(&b, "no plan: %v\n\n", err)
			continue
		}
		fmt.Fprintf(&b, "```\n%s```\n\n", plan)
		for _, ix := range planIndexes(plan) {
			if !slices.Contains(uses[ix], i+1) {
				uses[ix] = append(uses[ix], i+1)
			}
		}
	}
	var head strings.Builder
	fmt.Fprintf(&head, "| index | table | statements using it |\n|---|---|---|\n")
	for _, ix := range indexes {
		var ids []string
		for _, n := range uses[ix.name] {
			ids = append(ids, "S"+strconv.Itoa(n))
		}
		fmt.Fprintf(&head, "| %s | %s | %d: %s |\n", ix.name, ix.table, len(ids), strings.Join(ids, " "))
	}
	fmt.Fprintf(&head, "\n%d statements without a plan (temporary tables, DDL)\n\n", failed)
	if err := os.WriteFile(out, []byte(head.String()+b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d statements, %d without a plan, written to %s", len(stmts), failed, out)
}

// readTrace returns the distinct statements of a dialect in the trace that can
// read an index: not transaction control, not a batch of several statements.
func readTrace(path, dialect string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	seen := map[string]bool{}
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var rec struct{ D, Q string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, err
		}
		q := strings.TrimSpace(rec.Q)
		verb := strings.ToUpper(strings.Fields(q + " x")[0])
		if rec.D != dialect || seen[q] || !cacheable(q) {
			continue
		}
		switch verb {
		case "SELECT", "WITH", "UPDATE", "DELETE", "INSERT":
		default:
			continue
		}
		if verb == "INSERT" && !strings.Contains(strings.ToUpper(q), "SELECT") && !strings.Contains(strings.ToUpper(q), "ON CONFLICT") {
			continue // a plain INSERT … VALUES reads no index of its own
		}
		seen[q] = true
		out = append(out, q)
	}
	slices.Sort(out)
	return out, sc.Err()
}

type auditIndex struct{ name, table string }

// auditIndexes lists the indexes of the schema, the ones a uniqueness rule
// makes (primary keys, UNIQUE) included.
func auditIndexes(ctx context.Context, s *Store) ([]auditIndex, error) {
	q := "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, name"
	if s.dialect == Postgres {
		q = "SELECT indexname, tablename FROM pg_indexes WHERE schemaname = current_schema() ORDER BY tablename, indexname"
	}
	rows, err := s.r.DB.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []auditIndex
	for rows.Next() {
		var ix auditIndex
		if err := rows.Scan(&ix.name, &ix.table); err != nil {
			return nil, err
		}
		out = append(out, ix)
	}
	return out, rows.Err()
}

var dollarParam = regexp.MustCompile(`\$(\d+)`)

// auditPlan is the plan of q with every parameter NULL (see TestIndexAudit).
func auditPlan(ctx context.Context, s *Store, q string) (string, error) {
	n := 0
	for _, m := range dollarParam.FindAllStringSubmatch(q, -1) {
		k, _ := strconv.Atoi(m[1])
		n = max(n, k)
	}
	args := make([]any, n)
	if s.dialect == SQLite {
		return explain(ctx, s, q, args...)
	}
	conn, err := s.r.DB.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET plan_cache_mode = force_generic_plan"); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SET plan_cache_mode = force_custom_plan")
	if _, err := conn.ExecContext(ctx, "PREPARE audit AS "+q); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "DEALLOCATE audit")
	exec := "EXPLAIN (COSTS OFF) EXECUTE audit"
	if n > 0 {
		exec += "(" + strings.TrimSuffix(strings.Repeat("NULL, ", n), ", ") + ")"
	}
	rows, err := conn.QueryContext(ctx, exec)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		b.WriteString(line + "\n")
	}
	return b.String(), rows.Err()
}

var planIndex = regexp.MustCompile(`(?:USING (?:COVERING )?INDEX|Index (?:Only )?Scan (?:Backward )?using|Bitmap Index Scan on) ([A-Za-z0-9_]+)`)

// planIndexes names the indexes a plan reads.
func planIndexes(plan string) []string {
	var out []string
	for _, m := range planIndex.FindAllStringSubmatch(plan, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestIndexAuditTimes times, on a filled office, the statements whose plan
// changed when migration 0070 dropped its indexes: run it on a copy of the
// office made before the migration and on one after (docs/EXPLAIN.md).
//
//	WEIQUAN_INDEX_AUDIT_TIMES=1 WEIQUAN_SCALE_DATA=DIR go test ./internal/store/ -run TestIndexAuditTimes -v
func TestIndexAuditTimes(t *testing.T) {
	dir := os.Getenv("WEIQUAN_SCALE_DATA")
	if dir == "" || os.Getenv("WEIQUAN_INDEX_AUDIT_TIMES") == "" {
		t.Skip("set WEIQUAN_INDEX_AUDIT_TIMES and WEIQUAN_SCALE_DATA")
	}
	ctx := context.Background()
	s, err := Open(ctx, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	year0, year1 := "2024-12-31 16:00:00+00:00", "2025-12-31 16:00:00+00:00"
	march0, march1 := "2025-02-28 16:00:00+00:00", "2025-03-31 16:00:00+00:00"
	county := "((area_path >= $1 AND area_path < $2) OR area_id IS NULL)"
	for _, c := range []struct {
		name string
		q    string
		args []any
	}{
		{"closed in 2025, bounded count", "SELECT COUNT(*) FROM (SELECT 1 FROM matters WHERE state IN ($1) AND received_at >= $2 AND received_at < $3 LIMIT 10001) n",
			[]any{"closed", year0, year1}},
		{"mediating in 2025, bounded count", "SELECT COUNT(*) FROM (SELECT 1 FROM matters WHERE state IN ($1) AND received_at >= $2 AND received_at < $3 LIMIT 10001) n",
			[]any{"mediating", year0, year1}},
		{"closed in 2025, page", "SELECT " + matterCols + " FROM matters WHERE state IN ($1) AND received_at >= $2 AND received_at < $3 ORDER BY received_at DESC, id DESC LIMIT 25 OFFSET 0",
			[]any{"closed", year0, year1}},
		{"mediating in 2025, page", "SELECT " + matterCols + " FROM matters WHERE state IN ($1) AND received_at >= $2 AND received_at < $3 ORDER BY received_at DESC, id DESC LIMIT 25 OFFSET 0",
			[]any{"mediating", year0, year1}},
		{"closed in March, count", "SELECT COUNT(*) FROM matters WHERE state = $3 AND received_at >= $1 AND received_at < $2",
			[]any{march0, march1, "closed"}},
		{"county's March, count", "SELECT COUNT(*) FROM matters WHERE " + county + " AND received_at >= $3 AND received_at < $4",
			[]any{"/1/", "/10", march0, march1}},
		{"county's 2025, count", "SELECT COUNT(*) FROM matters WHERE " + county + " AND received_at >= $3 AND received_at < $4",
			[]any{"/1/", "/10", year0, year1}},
		{"county's March, bounded count", "SELECT COUNT(*) FROM (SELECT 1 FROM matters WHERE " + county + " AND received_at >= $3 AND received_at < $4 LIMIT 10001) n",
			[]any{"/1/", "/10", march0, march1}},
	} {
		plan, err := explain(ctx, s, c.q, c.args...)
		if err != nil {
			t.Fatal(err)
		}
		var d []time.Duration
		for i := 0; i < 9; i++ {
			t0 := time.Now()
			rows, err := s.r.QueryContext(ctx, c.q, c.args...)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for rows.Next() {
				n++
			}
			rows.Close()
			if i >= 2 {
				d = append(d, time.Since(t0))
			}
		}
		slices.Sort(d)
		t.Logf("%s: p50 %.1f ms, max %.1f ms\n%s", c.name, float64(d[len(d)/2].Microseconds())/1000, float64(d[len(d)-1].Microseconds())/1000, plan)
	}
}
