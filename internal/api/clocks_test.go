package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/dispatch"
	"weiquan/internal/merchant"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.Shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// office is a running API on a small county with one user per role.
type office struct {
	t               *testing.T
	srv             *httptest.Server
	svc             *service.Service
	clock           *clock
	tokens          map[auth.Role]string
	county, village dispatch.Area
	centre, villSt  dispatch.Station
}

func newOffice(t *testing.T, s *store.Store) *office {
	o := &office{t: t, clock: &clock{t: at(t, "2026-05-06 10:00")}, tokens: map[auth.Role]string{}}
	o.svc = service.New(s, o.clock.now)
	ctx := context.Background()
	o.county = dispatch.Area{Name: "湖口县", Level: dispatch.County, Kind: dispatch.KindUrban}
	must(t, o.svc.CreateArea(ctx, &o.county))
	town := dispatch.Area{Name: "流泗镇", Level: dispatch.Township, ParentID: &o.county.ID}
	must(t, o.svc.CreateArea(ctx, &town))
	o.village = dispatch.Area{Name: "红星村", Level: dispatch.Village, ParentID: &town.ID}
	must(t, o.svc.CreateArea(ctx, &o.village))
	o.centre = dispatch.Station{AreaID: o.county.ID, Name: "联调中心", HostType: dispatch.HostCentre, Active: true}
	must(t, o.svc.SaveStation(ctx, &o.centre))
	townSt := dispatch.Station{AreaID: town.ID, Name: "流泗镇维权服务站", HostType: dispatch.HostTownship, Active: true}
	must(t, o.svc.SaveStation(ctx, &townSt))
	o.villSt = dispatch.Station{AreaID: o.village.ID, Name: "红星村联络站", HostType: dispatch.HostCommunity, Active: true}
	must(t, o.svc.SaveStation(ctx, &o.villSt))
	o.srv = httptest.NewServer(server.New(o.svc))
	t.Cleanup(o.srv.Close)
	shop := merchant.Merchant{Name: "某超市", USCC: "914403001922038216"}
	must(t, o.svc.SaveMerchant(ctx, &shop))
	for _, role := range []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Merchant} {
		u := auth.User{Username: string(role) + "1", Role: role, Lang: "zh-CN", Active: true}
		switch role {
		case auth.Merchant:
			u.MerchantID = &shop.ID
		case auth.Admin:
		default:
			u.AreaID = &o.county.ID
		}
		must(t, o.svc.CreateUser(ctx, &u, "clocks-test-pass"))
		var resp struct{ Token string }
		o.call("", "POST", "/api/v1/session", `{"username":"`+u.Username+`","password":"clocks-test-pass"}`, 201, &resp)
		o.tokens[role] = resp.Token
	}
	return o
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// call sends a request as a role ("" for none), checks the status and decodes JSON into out; it returns the body.
func (o *office) call(role auth.Role, method, path, body string, status int, out any) string {
	o.t.Helper()
	req, _ := http.NewRequest(method, o.srv.URL+path, strings.NewReader(body))
	if strings.HasPrefix(body, "{") {
		req.Header.Set("Content-Type", "application/json")
	} else if body != "" {
		req.Header.Set("Content-Type", "text/csv")
	}
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+o.tokens[auth.Role(role)])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		o.t.Fatalf("%s %s as %s: status %d, want %d: %s", method, path, role, resp.StatusCode, status, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			o.t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return string(b)
}

type errorBody struct {
	Errors []struct{ Field, Code, Message string }
}

func TestSettingsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		var set service.Settings
		o.call(auth.Supervisor, "GET", "/api/v1/settings", "", 200, &set)
		if set.Clocks.Reply12345Workdays != 5 || set.Tiers.CountyAmount != 50_000_00 {
			t.Fatalf("defaults %+v", set)
		}
		o.call(auth.Admin, "PUT", "/api/v1/settings/clocks", `{"reply_12345_workdays": 3}`, 200, &set)
		if set.Clocks.Reply12345Workdays != 3 || set.Clocks.RemindOnSiteMinutes != 5 || len(set.Clocks.EscalateOn) != 3 {
			t.Fatalf("a partial update lost other fields: %+v", set.Clocks)
		}
		o.call(auth.Admin, "PUT", "/api/v1/settings/tiers", `{"major_subcategories": ["汽车", "商品房", "装修"]}`, 200, &set)
		if len(set.Tiers.MajorSubcategories) != 3 || set.Tiers.TownshipConsumers != 5 {
			t.Fatalf("tiers %+v", set.Tiers)
		}
		var eb errorBody
		o.call(auth.Admin, "PUT", "/api/v1/settings/clocks?lang=en", `{"remind_workdays": -1}`, 422, &eb)
		if eb.Errors[0].Field != "remind_workdays" || !strings.Contains(eb.Errors[0].Message, "Statutory reminder") {
			t.Fatalf("422 body %+v", eb)
		}
		o.call(auth.Admin, "PUT", "/api/v1/settings/clocks", `{"nope": 1}`, 400, nil)
		o.call(auth.Admin, "PUT", "/api/v1/settings/other", `{}`, 404, nil)
		o.call(auth.Operator, "PUT", "/api/v1/settings/clocks", `{"reply_12345_workdays": 9}`, 403, nil)
		o.call("", "GET", "/api/v1/settings", "", 401, nil)
	})
}

func TestCalendarAPI_R_L42_R_L43(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		var years struct {
			Items []struct{ Year, Days, Workdays int }
		}
		o.call(auth.Operator, "GET", "/api/v1/calendar", "", 200, &years)
		if len(years.Items) != 3 || years.Items[0].Workdays != 251 || years.Items[1].Workdays != 248 || years.Items[2].Workdays != 248 {
			t.Fatalf("years %+v", years)
		}
		csv := o.call(auth.Operator, "GET", "/api/v1/calendar/2026?format=csv", "", 200, nil)
		if !strings.HasPrefix(csv, "date,kind,name,source\n2026-01-01,holiday,") || !strings.Contains(csv, "2026-05-09,workday,劳动节") {
			t.Fatalf("csv %.200s", csv)
		}
		o.call(auth.Operator, "GET", "/api/v1/calendar/2027", "", 404, nil)
		var eb errorBody
		o.call(auth.Admin, "PUT", "/api/v1/calendar/2027", "date,kind,name,source\n2027-01-04,workday,x,y\n", 422, &eb)
		if eb.Errors[0].Field != "body" || eb.Errors[0].Code != "calendar_csv" || !strings.Contains(eb.Errors[0].Message, "日历文件有误") {
			t.Fatalf("a make-up workday on a Monday: %+v", eb)
		}
		o.call(auth.Admin, "PUT", "/api/v1/calendar/2027", "date,kind,name,source\n2026-10-01,holiday,国庆节,y\n", 422, nil)
		o.call(auth.Operator, "PUT", "/api/v1/calendar/2027", "date,kind,name,source\n2027-01-01,holiday,元旦,y\n", 403, nil)
		var res struct {
			Loaded []service.LoadedYear
		}
		o.call(auth.Admin, "PUT", "/api/v1/calendar/2027", "\uFEFFdate,kind,name,source\n2027-01-01,holiday,元旦,test\n", 200, &res)
		if len(res.Loaded) != 1 || res.Loaded[0].Year != 2027 || res.Loaded[0].Workdays != 260 {
			t.Fatalf("loaded %+v", res)
		}
	})
}

func TestClocksAlertsAndKPIsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		intake := `{"kind":"complaint","channel":"hotline_12315","area_id":` + itoa(o.village.ID) + `,"needs_visit":true,
			"consumer":{"name":"张三","phone":"13800138000","address":"红星村1号"},"merchant_name":"某超市","merchant_address":"人民路2号",
			"facts":"买到过期牛奶","request":"退货"}`
		var created struct {
			Matters []struct {
				Number, Level  string
				StationID      int64    `json:"station_id"`
				DueKind        string   `json:"due_kind"`
				AllowedActions []string `json:"allowed_actions"`
			}
		}
		o.call(auth.Operator, "POST", "/api/v1/matters", intake, 201, &created)
		m := created.Matters[0]
		if m.Level != "village" || m.StationID != o.villSt.ID || m.DueKind != "on_site" {
			t.Fatalf("created %+v", m)
		}
		for _, a := range m.AllowedActions {
			if a == "reply_12345" || a == "notify_parties" {
				t.Fatalf("offered %s on a new hotline complaint: %v", a, m.AllowedActions)
			}
		}
		var dl struct {
			Items []struct {
				Kind, Label, Status string
				Rule                string
				RemainingSeconds    *int64 `json:"remaining_seconds"`
				DueAt               string `json:"due_at"`
			}
		}
		o.call(auth.Mediator, "GET", "/api/v1/matters/"+m.Number+"/deadlines?lang=en", "", 200, &dl)
		if len(dl.Items) != 2 || dl.Items[0].Kind != "on_site" || dl.Items[0].Label != "On-site promise" || *dl.Items[0].RemainingSeconds != 1800 ||
			dl.Items[0].DueAt != "2026-05-06T10:30:00+08:00" || dl.Items[1].Rule != "R-L6" {
			t.Fatalf("deadlines %+v", dl)
		}
		var board struct {
			Counts store.ClockCounts
			Items  []struct {
				Number, Kind string
				StationName  string `json:"station_name"`
				Overdue      bool
			}
		}
		o.call(auth.Supervisor, "GET", "/api/v1/clocks", "", 200, &board)
		if board.Counts.Running != 2 || len(board.Items) != 2 || board.Items[0].Kind != "on_site" || board.Items[0].StationName != "红星村联络站" {
			t.Fatalf("board %+v", board)
		}
		o.call(auth.Merchant, "GET", "/api/v1/clocks", "", 403, nil)
		o.call(auth.Supervisor, "GET", "/api/v1/clocks?kind=nope", "", 422, nil)

		// Half an hour passes unattended: the promise breaks and the matter moves up (R-S1, R-S3).
		o.clock.set(at(t, "2026-05-06 10:26"))
		if r, err := o.svc.Scan(context.Background(), o.clock.now()); err != nil || r.Reminded != 1 {
			t.Fatalf("scan %+v %v", r, err)
		}
		o.clock.set(at(t, "2026-05-06 10:31"))
		if r, err := o.svc.Scan(context.Background(), o.clock.now()); err != nil || r.Breached != 1 {
			t.Fatalf("scan %+v %v", r, err)
		}
		o.call(auth.Supervisor, "GET", "/api/v1/clocks", "", 200, &board)
		if board.Counts.Overdue != 1 || !board.Items[0].Overdue {
			t.Fatalf("board after the breach %+v", board)
		}
		var alerts struct {
			Items []struct {
				ID      int64
				Kind    string
				Message string
				ReadAt  *string `json:"read_at"`
			}
			Total int
		}
		o.call(auth.Supervisor, "GET", "/api/v1/alerts?unread=1", "", 200, &alerts)
		kinds := map[string]string{}
		for _, a := range alerts.Items {
			kinds[a.Kind] = a.Message
		}
		if kinds["breach"] != m.Number+"：到场承诺已超期（2026-05-06 10:30）" || kinds["escalated"] != m.Number+"：已升级至乡镇/街道处理" {
			t.Fatalf("alerts %+v", alerts)
		}
		o.call(auth.Supervisor, "GET", "/api/v1/alerts?lang=en&kind=reminder", "", 200, &alerts)
		if alerts.Total != 1 || alerts.Items[0].Message != m.Number+": On-site promise is due 2026-05-06 10:30" {
			t.Fatalf("reminder %+v", alerts)
		}
		id := itoa(alerts.Items[0].ID)
		o.call(auth.Merchant, "POST", "/api/v1/alerts/"+id+"/read", "", 403, nil) // the office's internal reminders are no merchant's business
		o.call(auth.Supervisor, "POST", "/api/v1/alerts/"+id+"/read", "", 200, nil)
		o.call(auth.Supervisor, "GET", "/api/v1/alerts?unread=1&kind=reminder", "", 200, &alerts)
		if alerts.Total != 0 {
			t.Fatalf("read alert still unread: %+v", alerts)
		}
		o.call(auth.Operator, "POST", "/api/v1/alerts/"+id+"/delivered", "", 403, nil)
		o.call(auth.Admin, "POST", "/api/v1/alerts/"+id+"/delivered", "", 200, nil)
		o.call(auth.Admin, "POST", "/api/v1/alerts/99999/delivered", "", 404, nil)

		// Escalate by hand to the county, then once more is refused in the request's language.
		var after struct{ Level string }
		o.call(auth.Operator, "POST", "/api/v1/matters/"+m.Number+"/actions/escalate", `{"note":"金额较大，需县级处理"}`, 200, &after)
		if after.Level != "county" {
			t.Fatalf("level %s", after.Level)
		}
		var eb errorBody
		o.call(auth.Operator, "POST", "/api/v1/matters/"+m.Number+"/actions/escalate", `{"note":"再升"}`, 422, &eb)
		if eb.Errors[0].Field != "level" || eb.Errors[0].Code != "top_level" || !strings.Contains(eb.Errors[0].Message, "县级") {
			t.Fatalf("top level %+v", eb)
		}

		var k service.KPIs
		o.call(auth.Supervisor, "GET", "/api/v1/kpis?from=2026-05-01&to=2026-05-31", "", 200, &k)
		if k.OnSite.Due != 1 || k.OnSite.Overdue != 1 || k.OnSite.Rate.Rate == nil || *k.OnSite.Rate.Rate != 0 || k.Acceptance.Due != 0 {
			t.Fatalf("kpis %+v", k)
		}
		o.call(auth.Supervisor, "GET", "/api/v1/kpis?from=2026-05-01&to=2026-05-31&station="+itoa(o.villSt.ID), "", 200, &k)
		if k.OnSite.Due != 0 {
			t.Fatalf("the matter moved to the centre but counts at the village station: %+v", k.OnSite)
		}
		o.call(auth.Supervisor, "GET", "/api/v1/kpis?to=2026-05-31", "", 422, &eb)
		if eb.Errors[0].Field != "from" || eb.Errors[0].Code != "required" {
			t.Fatalf("missing from: %+v", eb)
		}
		o.call(auth.Supervisor, "GET", "/api/v1/kpis?from=2026-5-1&to=2026-05-31", "", 422, nil)
		o.call(auth.Supervisor, "GET", "/api/v1/kpis?from=2026-05-01&to=2026-05-31&area=999", "", 422, nil)
		o.call(auth.Merchant, "GET", "/api/v1/kpis?from=2026-05-01&to=2026-05-31", "", 403, nil)
	})
}
