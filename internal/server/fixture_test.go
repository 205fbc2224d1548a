package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"weiquan/internal/api/open311"
	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/desk"
	"weiquan/internal/dispatch"
	"weiquan/internal/mediation"
	"weiquan/internal/merchant"
	"weiquan/internal/notify"
	"weiquan/internal/portal"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/web"
)

// roles are the principals every route is held against: each role of the office,
// a merchant, a liaison, the public, and staff of another area.
var roles = []string{"admin", "supervisor", "operator", "mediator", "judge", "merchant", "liaison", "anonymous", "other"}

// office is a small county with a complaint split from a report, a file, an alert,
// spare objects the admin routes may change, and everything mounted as `serve` does.
type office struct {
	s          *store.Store
	svc        *service.Service
	web        *web.Handler
	portal     *portal.Handler
	srv        *httptest.Server
	users      map[string]auth.User
	complaint  casework.Matter
	report     casework.Matter
	attachment int64
	document   int64 // an issued document of the complaint
	meeting    int64 // a joint meeting, and its decision tied to no matter
	decision   int64
	alert      int64
	apiKey     int64
	apiKey2    int64
	orderNo    string // a 12345 work order whose matter lies in the office's area
	orderCase  string // that matter's number
	spare      auth.User
	area       dispatch.Area
	station    dispatch.Station
	shop       merchant.Merchant
	now        time.Time
}

const password = "zhe-shi-ce-shi-mi-ma"

func newOffice(t *testing.T, s *store.Store) *office {
	t.Helper()
	ctx := context.Background()
	o := &office{s: s, users: map[string]auth.User{}, now: time.Date(2026, 6, 16, 1, 30, 0, 0, time.UTC)}
	o.svc = service.New(s, func() time.Time { return o.now })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	city := dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
	must(o.svc.CreateArea(ctx, &city))
	pencheng := dispatch.Area{ParentID: &city.ID, Name: "湓城街道", Level: dispatch.Township, Kind: dispatch.KindUrban}
	must(o.svc.CreateArea(ctx, &pencheng))
	matou := dispatch.Area{ParentID: &city.ID, Name: "码头镇", Level: dispatch.Township, Kind: dispatch.KindTownship}
	must(o.svc.CreateArea(ctx, &matou))
	o.area = dispatch.Area{ParentID: &pencheng.ID, Name: "西湖社区", Level: dispatch.Village, Kind: dispatch.KindUrban}
	must(o.svc.CreateArea(ctx, &o.area))
	o.station = dispatch.Station{AreaID: pencheng.ID, Name: "湓城街道消费维权服务站", HostType: dispatch.HostTownship, Active: true}
	must(o.svc.SaveStation(ctx, &o.station))
	stMatou := dispatch.Station{AreaID: matou.ID, Name: "码头镇消费维权服务站", HostType: dispatch.HostTownship, Active: true}
	must(o.svc.SaveStation(ctx, &stMatou))
	o.shop = merchant.Merchant{Name: "瑞昌市好又多超市有限公司", USCC: "914403001922038216", Type: merchant.Enterprise, Address: "湓城街道人民路88号", AreaID: &pencheng.ID}
	must(o.svc.SaveMerchant(ctx, &o.shop))
	add := func(name string, role auth.Role, area *int64, station *int64, mer *int64) auth.User {
		u := auth.User{Username: name, DisplayName: name, Role: role, AreaID: area, StationID: station, MerchantID: mer, Lang: "zh-CN", Active: true}
		must(o.svc.CreateUser(ctx, &u, password))
		o.users[name] = u
		return u
	}
	add("admin", auth.Admin, nil, nil, nil)
	add("supervisor", auth.Supervisor, &city.ID, nil, nil)
	add("operator", auth.Operator, &city.ID, nil, nil)
	add("mediator", auth.Mediator, nil, &o.station.ID, nil)
	// The judge sits in the court, a station of its own; the court delegated the fixture's
	// complaint, the only matter the judge may see (issue 10 item 8).
	courtSt := dispatch.Station{AreaID: city.ID, Name: "瑞昌市人民法院", HostType: dispatch.HostCentre, Active: true}
	must(o.svc.SaveStation(ctx, &courtSt))
	add("judge", auth.Judge, nil, &courtSt.ID, nil)
	add("merchant", auth.Merchant, nil, nil, &o.shop.ID)
	add("liaison", auth.Liaison, &city.ID, nil, nil)
	add("other", auth.Supervisor, &matou.ID, nil, nil) // heads another township
	o.spare = add("spare", auth.Operator, &city.ID, nil, nil)
	op := o.users["operator"]
	ms, err := o.svc.Intake(ctx, auth.As(&op), casework.IntakeInput{Kind: casework.Complaint, AlsoReport: true, Channel: casework.Visit,
		Consumer:   casework.Party{Name: "张三丰", Phone: "13812345678", Address: "湓城街道西湖小区5栋2单元", IDNumber: "360481199001011231"},
		MerchantID: &o.shop.ID, AreaID: &o.area.ID, Facts: "在该超市买到过期奶粉", Request: "退货并赔偿",
		ReportFacts: "超市销售过期食品"})
	must(err)
	o.complaint, o.report = ms[0], ms[1]
	sup := o.users["supervisor"]
	mt, err := o.svc.RecordMeeting(ctx, auth.As(&sup), court.Meeting{HeldOn: calendar.DateOf(o.now), Title: "预付式消费联席会议",
		Departments: []string{"市市场监管局", "市公安局"}, Minutes: "通报情况。",
		Decisions: []court.MeetingDecision{{Text: "排查预付卡商户", Owner: "市市场监管局", DueOn: calendar.DateOf(o.now).AddDays(30)}}})
	must(err)
	o.meeting, o.decision = mt.ID, mt.Decisions[0].ID
	must(s.Tx(ctx, func(tx *store.Tx) error {
		d := court.Delegation{MatterID: o.complaint.ID, CourtStationID: &courtSt.ID, CourtName: courtSt.Name, Stage: court.PreFiling,
			DelegatedOn: calendar.DateOf(o.now), AcceptDue: calendar.DateOf(o.now).AddDays(3), CreatedAt: o.now}
		return tx.InsertCourtDelegation(ctx, &d, nil)
	}))
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
	a, err := o.svc.Attach(ctx, auth.As(&op), o.complaint.Number, "小票.png", png, "")
	must(err)
	o.attachment = a.ID
	doc := store.DocumentRow{MatterID: o.complaint.ID, Kind: mediation.AcceptanceNotice, Lang: "zh-CN", Version: 1, HTML: []byte("<!doctype html><p>受理通知</p>"),
		HTMLSHA256: "x", PDF: []byte("%PDF-1.4\n%%EOF\n"), PDFSHA256: "y", IssuedAt: o.now}
	must(s.Tx(ctx, func(tx *store.Tx) error { return tx.InsertDocument(ctx, &doc) }))
	o.document = doc.ID
	must(s.Tx(ctx, func(tx *store.Tx) error {
		al := notify.Alert{Kind: service.AlertBreach, MatterID: &o.complaint.ID, Number: o.complaint.Number, CreatedAt: o.now,
			Payload: map[string]any{"deadline": "acceptance", "due_at": "2026-06-20T00:00:00Z"}}
		return tx.AddAlert(ctx, &al)
	}))
	alerts, _, err := o.svc.Alerts(ctx, auth.As(&op), service.AlertQuery{Limit: 1})
	must(err)
	o.alert = alerts[0].ID
	_, k, err := o.svc.CreateAPIKey(ctx, "spare client")
	must(err)
	o.apiKey = k.ID
	_, k, err = o.svc.CreateAPIKey(ctx, "another spare client")
	must(err)
	o.apiKey2 = k.ID
	wo, err := o.svc.ReceiveFromCentre(ctx, auth.Principal{System: true, Hotline: true}, map[string]any{"order_no": "RC-AUTHZ-1",
		"state": "dispatched", "content": "超市售卖过期牛奶", "caller_name": "王女士", "caller_phone": "13907920000"})
	must(err)
	_, err = o.svc.Act(ctx, auth.As(&op), wo.MatterNumber, casework.Update, casework.ActionInput{Changes: &casework.Changes{AreaID: &o.area.ID}})
	must(err)
	o.orderNo, o.orderCase = wo.OrderNo, wo.MatterNumber
	_, err = o.svc.RecordCall(ctx, auth.System, desk.Event{CallID: "authz-call-1", Caller: "13812345678", State: desk.Ringing, At: o.now})
	must(err)
	o.web = web.New(o.svc)
	o.portal = portal.New(o.svc, portal.Options{})
	o.srv = httptest.NewServer(server.New(o.svc, open311.New(o.svc), o.web, o.portal))
	t.Cleanup(o.srv.Close)
	return o
}

// token opens a fresh session for a role, so a route that signs out spends only its own.
func (o *office) token(t *testing.T, role string) string {
	t.Helper()
	u, ok := o.users[role]
	if !ok {
		return ""
	}
	tok := auth.NewToken()
	err := o.s.Tx(context.Background(), func(tx *store.Tx) error {
		return tx.CreateSession(context.Background(), auth.HashToken(tok), u.ID, o.now, o.now.Add(time.Hour))
	})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// answer is what one request got.
type answer struct {
	status   int
	location string
	body     string
}

var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// call sends one request as a role, with the session as a cookie (the workbench) or a
// bearer token (the API); the public sends neither.
func (o *office) call(t *testing.T, role, method, path, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, o.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if method != http.MethodGet {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if strings.HasPrefix(path, "/api/") {
			req.Header.Set("Content-Type", "application/json")
		}
	}
	if tok := o.token(t, role); tok != "" {
		if strings.HasPrefix(path, "/api/") {
			req.Header.Set("Authorization", "Bearer "+tok)
		} else {
			req.AddCookie(&http.Cookie{Name: "weiquan_session", Value: tok})
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return answer{status: resp.StatusCode, location: resp.Header.Get("Location"), body: b.String()}
}
