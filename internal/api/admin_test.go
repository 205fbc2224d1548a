package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

func TestAdminEndpoints(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		city := itoa(f.city.ID)
		f.run(t, []scenario{
			{name: "operator may not create areas", user: "op", method: "POST", path: "/api/v1/areas", body: `{"name":"x","level":"village"}`, status: 403},
			{name: "area under a missing parent", user: "admin", method: "POST", path: "/api/v1/areas", body: `{"name":"x","level":"village","parent_id":999}`, status: 422,
				contains: []string{`"field":"parent_id"`}},
			{name: "a village cannot hold a county", user: "admin", method: "POST", path: "/api/v1/areas", body: `{"name":"x","level":"province","parent_id":` + city + `}`, status: 422,
				contains: []string{`"field":"level"`}},
			{name: "create a community", user: "admin", method: "POST", path: "/api/v1/areas",
				body: `{"name":"湓城社区","level":"village","kind":"urban","parent_id":` + city + `}`, status: 201, contains: []string{`"path":"/` + city + `/`}},
			{name: "find areas by name", user: "op", method: "GET", path: "/api/v1/areas?q=湓城", status: 200, contains: []string{"湓城社区"}},
			{name: "update an area", user: "admin", method: "PUT", path: "/api/v1/areas/" + city, body: `{"name":"瑞昌市","level":"county","kind":"urban","on_site_minutes":20}`, status: 200,
				contains: []string{`"on_site_minutes":20`}},
			{name: "missing area", user: "op", method: "GET", path: "/api/v1/areas/999", status: 404},
			{name: "bad area id", user: "op", method: "GET", path: "/api/v1/areas/abc", status: 404},
			{name: "station needs a host type", user: "admin", method: "POST", path: "/api/v1/stations", body: `{"name":"x","area_id":` + city + `}`, status: 422,
				contains: []string{`"field":"host_type"`}},
			{name: "create a market station", user: "admin", method: "POST", path: "/api/v1/stations",
				body: `{"name":"农贸市场12315联络站","area_id":` + city + `,"host_type":"market"}`, status: 201, contains: []string{`"active":true`}},
			{name: "invalid USCC is never stored (R-L41)", user: "op", method: "POST", path: "/api/v1/merchants",
				body: `{"name":"某店","uscc":"91350100M000100Y4Z","type":"enterprise"}`, status: 422, contains: []string{`"field":"uscc"`, `"code":"checksum"`, "校验位不正确"}},
			{name: "duplicate USCC", user: "op", method: "POST", path: "/api/v1/merchants",
				body: `{"name":"另一家","uscc":"914403001922038216","type":"enterprise"}`, status: 422, contains: []string{`"code":"duplicate"`}},
			{name: "individual business without USCC", user: "op", method: "POST", path: "/api/v1/merchants",
				body: `{"name":"老王水果摊","type":"individual","address":"码头镇菜市场"}`, status: 201},
			{name: "cluster shop needs its custody company", user: "op", method: "POST", path: "/api/v1/merchants",
				body: `{"name":"意正浓百货店","type":"online_shop","cluster_registered":true,"platform":"某电商平台"}`, status: 422, contains: []string{`"field":"custody_id"`}},
			{name: "search merchants", user: "op", method: "GET", path: "/api/v1/merchants?q=好又多", status: 200, contains: []string{`"total":1`}},
			{name: "merchant role may not list merchants", user: "shop", method: "GET", path: "/api/v1/merchants", status: 403},
			{name: "users are admin only", user: "super", method: "GET", path: "/api/v1/users", status: 403},
			{name: "list users hides hashes", user: "admin", method: "GET", path: "/api/v1/users", status: 200, absent: []string{"argon2"}},
			{name: "short password", user: "admin", method: "POST", path: "/api/v1/users", body: `{"username":"new","role":"operator","password":"short"}`, status: 422,
				contains: []string{`"field":"password"`}},
			{name: "duplicate user name", user: "admin", method: "POST", path: "/api/v1/users", body: `{"username":"op","role":"operator","password":"long enough"}`, status: 422,
				contains: []string{`"code":"duplicate"`}},
			{name: "admin cannot demote themself", user: "admin", method: "PUT", path: "/api/v1/users/" + itoa(f.users["admin"].ID),
				body: `{"username":"admin","role":"operator"}`, status: 422},
			{name: "deactivate a user", user: "admin", method: "PUT", path: "/api/v1/users/" + itoa(f.users["medB"].ID),
				body: `{"username":"medB","role":"mediator","station_id":` + itoa(f.stationB.ID) + `,"active":false}`, status: 200},
			{name: "a deactivated user's session ends", user: "medB", method: "GET", path: "/api/v1/me", status: 401},
			{name: "create an API key", user: "admin", method: "POST", path: "/api/v1/apikeys", body: `{"name":"12345热线中心"}`, status: 201, contains: []string{`"key":"`}},
			{name: "API key needs a name", user: "admin", method: "POST", path: "/api/v1/apikeys", body: `{"name":""}`, status: 422},
			{name: "revoke a missing key", user: "admin", method: "DELETE", path: "/api/v1/apikeys/999", status: 404},
			{name: "admin records in Asia/Shanghai (R-P7)", user: "op", method: "GET", path: "/api/v1/areas/" + city, status: 200, contains: []string{"+08:00"}},
			{name: "wrong method is 405", user: "op", method: "PATCH", path: "/api/v1/matters", status: 405, contains: []string{`"code":"method"`}},
			{name: "bad sort", user: "op", method: "GET", path: "/api/v1/matters?sort=price", status: 422, contains: []string{`"field":"sort"`, "due, received"}},
			{name: "bad open", user: "op", method: "GET", path: "/api/v1/matters?open=maybe", status: 422, contains: []string{`"field":"open"`}},
			{name: "bad state names the values", user: "op", method: "GET", path: "/api/v1/matters?state=flying", header: map[string]string{"Accept-Language": "en"}, status: 422,
				contains: []string{"State must be one of: received"}, absent: []string{"{values}"}},
			{name: "reasons for Order 20", user: "op", method: "GET", path: "/api/v1/reasons?rule_set=order20", status: 200, contains: []string{"R15-6"}, absent: []string{"R16-1"}},
		})
	})
}

// FuzzIntakeBody: whatever a client sends to the intake endpoint, the answer is never a 5xx (R-P3).
func FuzzIntakeBody(f *testing.F) {
	f.Add(`{"kind":"complaint","channel":"web","consumer":{"name":"张三","phone":"13800138000"},"facts":"x"}`)
	f.Add(`{"kind":"inquiry","channel":"letter","facts":"问","amount_in_dispute":"1e9","received_at":"2026-01-01T00:00:00Z"}`)
	f.Add(`{"consumer":null,"merchant_id":-1,"area_id":0,"lat":91}`)
	f.Add(`[]`)
	fx := newFixture(f, testdb.SQLite(f))
	h := fx.srv.Config.Handler
	tok := fx.tokens["op"]
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/api/v1/matters", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%q -> %d %s", body, rec.Code, rec.Body)
		}
		if rec.Code != http.StatusCreated && !strings.Contains(rec.Body.String(), `"errors"`) {
			t.Fatalf("%q -> %d without errors body", body, rec.Code)
		}
	})
}
