package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/httpio"
	"weiquan/internal/merchant"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
	"weiquan/internal/web"
)

// password is every fixture user's password.
const password = "ceshi-mima-2026"

// county is a small fixture county: a city proper and a township, a village or
// community under each, a station in each, and people in every role.
type county struct {
	svc                         *service.Service
	st                          *store.Store // the database behind svc, for setting up and checking
	srv                         *httptest.Server
	root, pencheng, matou       dispatch.Area
	xihu, matouCun              dispatch.Area
	stPencheng, stMatou         dispatch.Station
	haoyouduo, meifa            merchant.Merchant
	admin, operator, supervisor auth.User
	mediatorPC, mediatorMT      auth.User
	merchantUser                auth.User
	now                         time.Time
}

// clock is the fixture's time: a working Tuesday morning in Asia/Shanghai.
var clock = time.Date(2026, 6, 16, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

// uscc makes a valid unified social credit code from 17 characters.
func uscc(base string) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	w := []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(chars, base[i]) * w[i]
	}
	return base + string(chars[(31-sum%31)%31])
}

func newCounty(t *testing.T, s *store.Store) *county {
	t.Helper()
	ctx := context.Background()
	c := &county{now: clock}
	c.svc = service.New(s, func() time.Time { return c.now })
	c.st = s
	area := func(a *dispatch.Area, parent *dispatch.Area, name string, lvl dispatch.Level, kind dispatch.Kind) {
		a.Name, a.Level, a.Kind = name, lvl, kind
		if parent != nil {
			a.ParentID = &parent.ID
		}
		if err := c.svc.CreateArea(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	area(&c.root, nil, "瑞昌市", dispatch.County, dispatch.KindUrban)
	area(&c.pencheng, &c.root, "湓城街道", dispatch.Township, dispatch.KindUrban)
	area(&c.matou, &c.root, "码头镇", dispatch.Township, dispatch.KindTownship)
	area(&c.xihu, &c.pencheng, "西湖社区", dispatch.Village, dispatch.KindUrban)
	area(&c.matouCun, &c.matou, "码头村", dispatch.Village, dispatch.KindTownship)
	station := func(st *dispatch.Station, a dispatch.Area, name string) {
		*st = dispatch.Station{AreaID: a.ID, Name: name, HostType: dispatch.HostTownship, Phone: "0792-4228315", Active: true}
		if err := c.svc.SaveStation(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	station(&c.stPencheng, c.pencheng, "湓城街道消费维权服务站")
	station(&c.stMatou, c.matou, "码头镇消费维权服务站")
	mer := func(m *merchant.Merchant, name, code, addr string) {
		*m = merchant.Merchant{Name: name, USCC: code, Type: merchant.Enterprise, Address: addr, AreaID: &c.pencheng.ID}
		if err := c.svc.SaveMerchant(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	mer(&c.haoyouduo, "瑞昌市好又多超市有限公司", uscc("91360481MA35L2X7Q"), "湓城街道人民路 88 号")
	mer(&c.meifa, "码头镇丽人美发店", uscc("92360481MA38K0H1R"), "码头镇码头街 12 号")
	user := func(u *auth.User, name, display string, role auth.Role, areaID, stationID, merchantID *int64) {
		*u = auth.User{Username: name, DisplayName: display, Role: role, AreaID: areaID, StationID: stationID, MerchantID: merchantID, Lang: "zh-CN", Active: true}
		if err := c.svc.CreateUser(ctx, u, password); err != nil {
			t.Fatal(err)
		}
	}
	user(&c.admin, "admin", "系统管理员", auth.Admin, nil, nil, nil)
	user(&c.operator, "zuoxi", "王坐席", auth.Operator, &c.root.ID, nil, nil)
	user(&c.supervisor, "fuzeren", "陈秘书长", auth.Supervisor, &c.root.ID, nil, nil)
	user(&c.mediatorPC, "tiaojie1", "刘调解", auth.Mediator, nil, &c.stPencheng.ID, nil)
	user(&c.mediatorMT, "tiaojie2", "赵调解", auth.Mediator, nil, &c.stMatou.ID, nil)
	user(&c.merchantUser, "haoyouduo", "好又多客服", auth.Merchant, nil, nil, &c.haoyouduo.ID)
	c.srv = httptest.NewServer(server.New(c.svc, web.New(c.svc)))
	t.Cleanup(c.srv.Close)
	return c
}

// fixture opens a county on a fresh SQLite store.
func fixture(t *testing.T) *county {
	t.Helper()
	return newCounty(t, testdb.SQLite(t))
}

// intake registers a matter directly through the service, as a given user.
func (c *county) intake(t *testing.T, u auth.User, in casework.IntakeInput) []casework.Matter {
	t.Helper()
	ms, err := c.svc.Intake(context.Background(), auth.As(&u), in)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func (c *county) act(t *testing.T, u auth.User, number string, a casework.Action, in casework.ActionInput) {
	t.Helper()
	if a == casework.StartMediation { // R-L14: both parties consent first
		c.consentBoth(t, number)
	}
	if a == casework.Close { // R-L20: an agreement closes once its document is issued
		c.issueRequired(t, number)
	}
	if _, err := c.svc.Act(context.Background(), auth.As(&u), number, a, in); err != nil {
		t.Fatalf("%s %s: %v", a, number, err)
	}
}

// setDue stands in for the clocks worker, which keeps a matter's nearest deadline.
func (c *county) setDue(t *testing.T, number string, due time.Time, kind string) {
	t.Helper()
	ctx := context.Background()
	err := c.st.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.LockMatter(ctx, number)
		if err != nil {
			return err
		}
		m.DueAt, m.DueKind = &due, kind
		if due.IsZero() { // no clock running
			m.DueAt, m.DueKind = nil, ""
		}
		if kind == "on_site" {
			m.OnSiteDueAt = &due
		}
		return tx.UpdateMatter(ctx, &m)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func complaintIn(c *county) casework.IntakeInput {
	return casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315,
		Consumer:   casework.Party{Name: "张三", Phone: "13800138000", Address: "湓城街道西湖社区 3 栋"},
		MerchantID: &c.haoyouduo.ID, AreaID: &c.xihu.ID, Facts: "购买的电饭煲有质量问题，商家拒绝退货", Request: "退货退款"}
}

// client is an HTTP client with its own cookies, signed in as one user.
type client struct {
	t      *testing.T
	c      *county
	client *http.Client
}

func (c *county) anon(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, c: c, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (c *county) as(t *testing.T, username string) *client {
	t.Helper()
	b := c.anon(t)
	tok, _, err := c.svc.Login(context.Background(), auth.Principal{}, username, password)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(c.srv.URL)
	b.client.Jar.SetCookies(u, []*http.Cookie{{Name: httpio.SessionCookie, Value: tok, Path: "/"}})
	return b
}

// resp is a response with its body read.
type resp struct {
	status   int
	body     string
	location string
	header   http.Header
}

func (b *client) do(req *http.Request) resp {
	b.t.Helper()
	res, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return resp{res.StatusCode, string(body), res.Header.Get("Location"), res.Header}
}

func (b *client) get(path string) resp {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.c.srv.URL+path, nil)
	return b.do(req)
}

func (b *client) post(path string, form url.Values) resp {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.c.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// consentBoth records both parties' consent to mediation by phone, as the operator does (R-L14).
func (c *county) consentBoth(t *testing.T, number string) {
	t.Helper()
	for _, side := range mediation.Sides {
		_, err := c.svc.RecordConsent(context.Background(), auth.As(&c.operator), number, mediation.Consent{Side: side,
			Purpose: mediation.ToMediation, Method: mediation.ByPhone, Said: "同意调解"})
		if err != nil && !invalid.IsConflict(err) {
			t.Fatalf("consent %s %s: %v", side, number, err)
		}
	}
}

// issueRequired issues the document an agreed complaint needs before closing (R-L20), if it is one.
func (c *county) issueRequired(t *testing.T, number string) {
	t.Helper()
	ctx, p := context.Background(), auth.As(&c.supervisor)
	m, err := c.svc.MatterFor(ctx, p, number)
	if err != nil || m.State != casework.Agreement {
		return
	}
	f, err := c.svc.Mediation(ctx, p, number)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.svc.IssueDocument(ctx, p, number, service.IssueInput{Kind: f.Required}); err != nil && !invalid.IsConflict(err) {
		t.Fatalf("issue %s for %s: %v", f.Required, number, err)
	}
}
