package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// auditRows are the entry ids the audit page lists, in order.
func auditRows(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<tr id="audit-(\d+)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestAuditPage_R_P8: an admin sees who read whose data and when, newest first, can
// filter by user, case, action, record type and period, page through and export it,
// and verify the chain on request; nobody else may see it.
func TestAuditPage_R_P8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		ctx := context.Background()
		m := c.intake(t, c.operator, complaintIn(c))[0]
		if _, err := c.svc.Case(ctx, auth.As(&c.operator), m.Number); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.Case(ctx, auth.As(&c.supervisor), m.Number); err != nil {
			t.Fatal(err)
		}
		actx := service.WithUser(ctx, &c.admin)
		for i := range 55 {
			a := dispatch.Area{Name: fmt.Sprintf("审计村%d", i), Level: dispatch.Village, Kind: dispatch.KindTownship, ParentID: &c.matou.ID}
			if err := c.svc.CreateArea(actx, &a); err != nil {
				t.Fatal(err)
			}
		}
		admin := c.as(t, "admin")

		r := admin.get("/admin/audit")
		if r.status != http.StatusOK {
			t.Fatalf("audit page: %d", r.status)
		}
		rows := auditRows(r.body)
		if len(rows) != 50 || atoi(t, rows[0]) <= atoi(t, rows[1]) || !strings.Contains(r.body, `href="/admin/audit"`) || !strings.Contains(r.body, "审计日志") {
			t.Fatalf("first page: %d rows", len(rows))
		}
		if !strings.Contains(r.body, `rel="next"`) || !strings.Contains(r.body, "尚未在工作台中校验过") {
			t.Fatal("no next page or no verification state on the page")
		}
		total := regexp.MustCompile(`data-n="(\d+)"`).FindStringSubmatch(r.body)[1]
		p2 := admin.get("/admin/audit?page=2")
		if got := auditRows(p2.body); len(got) == 0 || len(rows)+len(got) != atoi(t, total) || atoi(t, got[0]) >= atoi(t, rows[49]) {
			t.Fatalf("page 2: %v after %v of %s", got, rows[:3], total)
		}

		byUser := admin.get("/admin/audit?actor=zuoxi&action=read_personal")
		if n := len(auditRows(byUser.body)); n != 1 || !strings.Contains(byUser.body, m.Number) {
			t.Fatalf("filter by user: %d rows", n)
		}
		byCase := admin.get("/admin/audit?number=" + m.Number)
		if n := len(auditRows(byCase.body)); n != 2 || !strings.Contains(byCase.body, "fuzeren") || !strings.Contains(byCase.body, `href="/matters/`+m.Number+`"`) {
			t.Fatalf("filter by case: %d rows", n)
		}
		byEntity := admin.get("/admin/audit?entity=area&actor=admin")
		if n := len(auditRows(byEntity.body)); n != 50 || !strings.Contains(byEntity.body, `data-n="55"`) {
			t.Fatalf("filter by record type: %d rows", n)
		}
		day := c.now.Format("2006-01-02")
		if n := len(auditRows(admin.get("/admin/audit?action=read_personal&from=" + day + "&to=" + day).body)); n != 2 {
			t.Fatalf("period of today: %d rows", n)
		}
		if n := len(auditRows(admin.get("/admin/audit?action=read_personal&from=2026-06-17").body)); n != 0 {
			t.Fatalf("period from tomorrow: %d rows", n)
		}
		bad := admin.get("/admin/audit?from=2026-13-01&to=2026-01-01")
		if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, `id="f-from-err"`) {
			t.Fatalf("bad date: %d", bad.status)
		}
		if r := admin.get("/admin/audit?from=2026-06-10&to=2026-06-01"); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="f-to-err"`) {
			t.Fatalf("to before from: %d", r.status)
		}

		exp := admin.get("/admin/audit.csv?actor=zuoxi")
		if exp.status != http.StatusOK || !strings.HasPrefix(exp.header.Get("Content-Type"), "text/csv") || !strings.HasPrefix(exp.body, "\uFEFF") {
			t.Fatalf("csv: %d %q", exp.status, exp.header.Get("Content-Type"))
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(exp.body, "\uFEFF"))).ReadAll()
		if err != nil || len(recs) != 2 || recs[0][1] != "时间" || recs[1][2] != "zuoxi" || recs[1][4] != "read_personal" || recs[1][6] != m.Number {
			t.Fatalf("csv rows %q %v", recs, err)
		}
		if !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`).MatchString(recs[1][1]) || recs[1][1][11:16] != c.now.Format("15:04") {
			t.Fatalf("csv time %q is not Asia/Shanghai to the second", recs[1][1])
		}
		// The export itself is on record.
		if r := admin.get("/admin/audit?action=export&entity=audit"); len(auditRows(r.body)) != 1 || !strings.Contains(r.body, "zuoxi") {
			t.Fatal("the export was not audited")
		}

		v := admin.post("/admin/audit/verify", nil)
		if v.status != http.StatusSeeOther {
			t.Fatalf("verify: %d", v.status)
		}
		after := admin.get(v.location)
		if !strings.Contains(after.body, `data-ok="true"`) || !strings.Contains(after.body, "日志完整") {
			t.Fatal("verification outcome not shown")
		}
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			return tx.Exec(ctx, "UPDATE audit SET actor_name = 'nobody' WHERE action = 'read_personal' AND actor_name = 'zuoxi'")
		}); err != nil {
			t.Fatal(err)
		}
		admin.post("/admin/audit/verify", nil)
		if after := admin.get("/admin/audit"); !strings.Contains(after.body, `data-ok="false"`) || !strings.Contains(after.body, "无法用审计密钥验证") {
			t.Fatal("a changed entry is not reported on the page")
		}

		for _, who := range []string{"zuoxi", "fuzeren", "tiaojie1", "haoyouduo"} {
			b := c.as(t, who)
			for _, r := range []resp{b.get("/admin/audit"), b.get("/admin/audit.csv"), b.post("/admin/audit/verify", url.Values{})} {
				if r.status != http.StatusForbidden {
					t.Fatalf("%s: %d, want 403", who, r.status)
				}
			}
		}
		if r := c.anon(t).get("/admin/audit"); r.status != http.StatusSeeOther {
			t.Fatalf("anonymous: %d", r.status)
		}
	})
}

func atoi(t *testing.T, s string) int {
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
