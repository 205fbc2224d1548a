package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/dispatch"
	"weiquan/internal/merchant"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// fixture is a small county: a city, two townships, a station in each, a user of every role.
type fixture struct {
	svc      *service.Service
	srv      *httptest.Server
	tokens   map[string]string // by user name
	city     dispatch.Area
	townA    dispatch.Area
	townB    dispatch.Area
	stationA dispatch.Station
	stationB dispatch.Station
	merchant merchant.Merchant
	users    map[string]auth.User
}

const testPassword = "correct horse 马"

func newFixture(t testing.TB, s *store.Store) *fixture {
	t.Helper()
	ctx := context.Background()
	svc := service.New(s, func() time.Time { return time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC) })
	f := &fixture{svc: svc, tokens: map[string]string{}, users: map[string]auth.User{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.city = dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
	must(svc.CreateArea(ctx, &f.city))
	f.townA = dispatch.Area{ParentID: &f.city.ID, Name: "码头镇", Level: dispatch.Township, Kind: dispatch.KindTownship}
	must(svc.CreateArea(ctx, &f.townA))
	f.townB = dispatch.Area{ParentID: &f.city.ID, Name: "白杨镇", Level: dispatch.Township, Kind: dispatch.KindTownship}
	must(svc.CreateArea(ctx, &f.townB))
	f.stationA = dispatch.Station{AreaID: f.townA.ID, Name: "码头镇消费维权服务站", HostType: dispatch.HostTownship, Active: true}
	must(svc.SaveStation(ctx, &f.stationA))
	f.stationB = dispatch.Station{AreaID: f.townB.ID, Name: "白杨镇消费维权服务站", HostType: dispatch.HostTownship, Active: true}
	must(svc.SaveStation(ctx, &f.stationB))
	f.merchant = merchant.Merchant{Name: "码头镇好又多超市", USCC: "914403001922038216", Type: merchant.Enterprise, Address: "码头镇中心街8号"}
	must(svc.SaveMerchant(ctx, &f.merchant))
	add := func(name string, role auth.Role, area *dispatch.Area, station *dispatch.Station) {
		u := auth.User{Username: name, DisplayName: name, Role: role, Active: true}
		if area != nil {
			u.AreaID = &area.ID
		}
		if station != nil {
			u.StationID = &station.ID
		}
		if role == auth.Merchant {
			u.MerchantID = &f.merchant.ID
		}
		must(svc.CreateUser(ctx, &u, testPassword))
		f.users[name] = u
	}
	add("admin", auth.Admin, nil, nil)
	add("super", auth.Supervisor, &f.city, nil)
	add("op", auth.Operator, &f.city, nil)
	add("medA", auth.Mediator, nil, &f.stationA)
	add("medB", auth.Mediator, nil, &f.stationB)
	add("shop", auth.Merchant, nil, nil)
	add("liaison", auth.Liaison, &f.city, nil)
	f.srv = httptest.NewServer(server.New(svc))
	t.Cleanup(f.srv.Close)
	for name := range f.users {
		f.tokens[name] = f.login(t, name)
	}
	return f
}

func (f *fixture) login(t testing.TB, name string) string {
	t.Helper()
	status, body := f.do(t, "", "POST", "/api/v1/session", `{"username":"`+name+`","password":"`+testPassword+`"}`, nil)
	if status != http.StatusCreated {
		t.Fatalf("login %s: %d %s", name, status, body)
	}
	var resp struct{ Token string }
	_ = json.Unmarshal([]byte(body), &resp)
	return resp.Token
}

// do sends a request as a user ("" for none) and returns status and body.
func (f *fixture) do(t testing.TB, user, method, path, body string, header map[string]string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+f.tokens[user])
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// intake registers a complaint in township A as the operator and returns its number.
func (f *fixture) intake(t *testing.T, extra string) string {
	t.Helper()
	body := `{"kind":"complaint","channel":"hotline_12315","consumer":{"name":"张三","phone":"13800138000","address":"码头镇码头村3组"},
		"merchant_id":` + itoa(f.merchant.ID) + `,"area_id":` + itoa(f.townA.ID) + `,"facts":"在该超市买到过期牛奶两箱","request":"退货并赔偿","amount_in_dispute":"120.00"` + extra + `}`
	status, resp := f.do(t, "op", "POST", "/api/v1/matters", body, nil)
	if status != http.StatusCreated {
		t.Fatalf("intake: %d %s", status, resp)
	}
	var out struct{ Matters []struct{ Number string } }
	_ = json.Unmarshal([]byte(resp), &out)
	return out.Matters[0].Number
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

type scenario struct {
	name     string
	user     string
	method   string
	path     string
	body     string
	header   map[string]string
	status   int
	contains []string
	absent   []string
}

func (f *fixture) run(t *testing.T, sc []scenario) {
	t.Helper()
	for _, s := range sc {
		status, body := f.do(t, s.user, s.method, s.path, s.body, s.header)
		if status != s.status {
			t.Errorf("%s: %s %s as %q = %d, want %d\n%s", s.name, s.method, s.path, s.user, status, s.status, body)
			continue
		}
		for _, c := range s.contains {
			if !strings.Contains(body, c) {
				t.Errorf("%s: body lacks %q\n%s", s.name, c, body)
			}
		}
		for _, c := range s.absent {
			if strings.Contains(body, c) {
				t.Errorf("%s: body has %q\n%s", s.name, c, body)
			}
		}
	}
}

func TestSessionAndHealth(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		f.run(t, []scenario{
			{name: "health", method: "GET", path: "/healthz", status: 200, contains: []string{"ok"}},
			{name: "wrong password", method: "POST", path: "/api/v1/session", body: `{"username":"op","password":"nope"}`, status: 401, contains: []string{"用户名或密码不正确"}},
			{name: "wrong password en", method: "POST", path: "/api/v1/session", body: `{"username":"op","password":"nope"}`, header: map[string]string{"Accept-Language": "en"}, status: 401, contains: []string{"Wrong user name or password"}},
			{name: "unknown user", method: "POST", path: "/api/v1/session", body: `{"username":"ghost","password":"nope"}`, status: 401},
			{name: "missing fields", method: "POST", path: "/api/v1/session", body: `{}`, status: 422, contains: []string{`"field":"username"`, `"field":"password"`}},
			{name: "me", user: "op", method: "GET", path: "/api/v1/me", status: 200, contains: []string{`"role":"operator"`}, absent: []string{"argon2", "password"}},
			{name: "no token", method: "GET", path: "/api/v1/me", status: 401},
			{name: "bad token", method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "Bearer nope"}, status: 401},
			{name: "unknown route", user: "op", method: "GET", path: "/api/v1/nothing", status: 404, contains: []string{`"errors"`}},
		})
		// Signing out ends the session.
		tok := f.login(t, "super")
		f.tokens["super2"] = tok
		f.run(t, []scenario{
			{name: "logout", user: "super2", method: "DELETE", path: "/api/v1/session", status: 204},
			{name: "after logout", user: "super2", method: "GET", path: "/api/v1/me", status: 401},
		})
	})
}
