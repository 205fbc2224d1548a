package api_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestAuditAPI_R_P8: GET /api/v1/audit answers admins only, with the same filters as the
// admin page, as JSON in Asia/Shanghai and as CSV; bad filters are 422. Every answer is
// checked against the OpenAPI document.
func TestAuditAPI_R_P8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		c := checker{doc: doc(t)}
		send := func(role auth.Role, path string, status int) string {
			t.Helper()
			return o.send(c, role, "GET", path, "", status)
		}
		var r struct{ Matters []struct{ Number string } }
		must(t, json.Unmarshal([]byte(o.send(c, auth.Operator, "POST", "/api/v1/matters",
			`{"kind":"complaint","channel":"hotline_12315","area_id":`+itoa(o.village.ID)+`,"consumer":{"name":"张三","phone":"13800138000"},"facts":"买到过期牛奶"}`, 201)), &r))
		number := r.Matters[0].Number
		send(auth.Operator, "/api/v1/matters/"+number, 200)   // a read of personal data: audited
		send(auth.Supervisor, "/api/v1/matters/"+number, 200) // and another

		type page struct {
			Items []struct {
				ID     int64
				At     string
				Actor  string
				Action string
				Entity string
				Ref    string
				Keyed  bool
			}
			Total, Page int
			PerPage     int `json:"per_page"`
		}
		list := func(path string) page {
			t.Helper()
			var p page
			must(t, json.Unmarshal([]byte(send(auth.Admin, path, 200)), &p))
			return p
		}
		all := list("/api/v1/audit")
		if all.Total < 8 || all.Page != 1 || all.PerPage != 50 || all.Items[0].Action != "read_personal" || all.Items[0].Actor != "supervisor1" ||
			all.Items[0].ID <= all.Items[1].ID || !all.Items[0].Keyed || !strings.HasSuffix(all.Items[0].At, "+08:00") {
			t.Fatalf("whole log: %+v", all)
		}
		if p := list("/api/v1/audit?number=" + number); p.Total != 2 || p.Items[1].Actor != "operator1" || p.Items[0].Ref != number {
			t.Fatalf("by case: %+v", p)
		}
		if p := list("/api/v1/audit?actor=operator1&action=read_personal&entity=matter"); p.Total != 1 {
			t.Fatalf("by user and action: %+v", p)
		}
		if p := list("/api/v1/audit?entity=area&per_page=2&page=2"); p.Total != 3 || len(p.Items) != 1 || p.Page != 2 || p.PerPage != 2 {
			t.Fatalf("paged: %+v", p)
		}
		if p := list("/api/v1/audit?from=2026-05-06&to=2026-05-06&action=read_personal"); p.Total != 2 {
			t.Fatalf("by period: %+v", p)
		}
		if p := list("/api/v1/audit?from=2026-05-07"); p.Total != 0 || p.Items == nil {
			t.Fatalf("a later period: %+v", p)
		}

		for _, path := range []string{"/api/v1/audit.csv?actor=operator1", "/api/v1/audit?actor=operator1&format=csv&lang=en"} {
			body := send(auth.Admin, path, 200)
			if !strings.HasPrefix(body, "\uFEFF") {
				t.Fatalf("%s: no BOM", path)
			}
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
			if err != nil || len(recs) != 2 || recs[1][2] != "operator1" || recs[1][6] != number || recs[1][9] != "1" {
				t.Fatalf("%s: %q %v", path, recs, err)
			}
		}
		if p := list("/api/v1/audit?action=export&entity=audit"); p.Total != 2 || p.Items[0].Actor != "admin1" {
			t.Fatalf("exports not audited: %+v", p)
		}

		for _, bad := range []string{"?from=2026-02-30", "?to=05/06/2026", "?from=2026-05-07&to=2026-05-06", "?per_page=0", "?page=x",
			"?format=xlsx", "?actor=" + strings.Repeat("x", 101)} {
			send(auth.Admin, "/api/v1/audit"+bad, 422)
		}
		send(auth.Admin, "/api/v1/audit.csv?from=nope", 422)
		for _, role := range []auth.Role{auth.Supervisor, auth.Operator, auth.Mediator, auth.Merchant} {
			send(role, "/api/v1/audit", 403)
			send(role, "/api/v1/audit.csv", 403)
		}
		send("", "/api/v1/audit", 401)
		send("", "/api/v1/audit.csv", 401)
	})
}
