package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// scenario is one request through the whole handler stack, as one user.
type scenario struct {
	name     string
	user     string // "" is an anonymous browser
	method   string
	path     string
	form     url.Values
	status   int
	contains []string
	lacks    []string
	location string // prefix of the redirect target
}

func (sc scenario) run(t *testing.T, c *county) resp {
	t.Helper()
	b := c.anon(t)
	if sc.user != "" {
		b = c.as(t, sc.user)
	}
	var r resp
	if sc.method == "POST" {
		r = b.post(sc.path, sc.form)
	} else {
		r = b.get(sc.path)
	}
	if r.status != sc.status {
		t.Errorf("%s: %s %s as %q: status %d, want %d\n%.600s", sc.name, sc.method, sc.path, sc.user, r.status, sc.status, r.body)
	}
	if sc.location != "" && !strings.HasPrefix(r.location, sc.location) {
		t.Errorf("%s: redirect to %q, want %q…", sc.name, r.location, sc.location)
	}
	for _, s := range sc.contains {
		if !strings.Contains(r.body, s) {
			t.Errorf("%s: body lacks %q", sc.name, s)
		}
	}
	for _, s := range sc.lacks {
		if strings.Contains(r.body, s) {
			t.Errorf("%s: body shows %q", sc.name, s)
		}
	}
	return r
}

// matters registers the scenario matters: a complaint in the city proper that
// also reports a violation (two linked matters), and one in the township.
func (c *county) matters(t *testing.T) (city, report, township casework.Matter) {
	t.Helper()
	in := complaintIn(c)
	in.AlsoReport, in.ReportFacts = true, "超市销售不合格电饭煲"
	ms := c.intake(t, c.operator, in)
	tw := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Visit,
		Consumer: casework.Party{Name: "李四", Phone: "13912345678"}, MerchantID: &c.meifa.ID, AreaID: &c.matouCun.ID, Facts: "预付卡无法退款"})
	return ms[0], ms[1], tw[0]
}

// TestPagesAndRoles_R_P4_R_P5: who may open which page, on both databases —
// sign-in redirects, 403 for a wrong role, 404 for a matter outside one's
// area, personal data masked where the role does not need it.
func TestPagesAndRoles_R_P4_R_P5(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		city, report, township := c.matters(t)
		m := "/matters/" + city.Number
		for _, sc := range []scenario{
			{name: "anonymous home", path: "/", status: 303, location: "/login"},
			{name: "anonymous queue", path: "/queue", status: 303, location: "/login?next=%2Fqueue"},
			{name: "anonymous case", path: m, status: 303, location: "/login?next="},
			{name: "anonymous login page", path: "/login", status: 200, contains: []string{"登录", `name="username"`, `action="/login"`, `method="post"`}},
			{name: "anonymous static", path: "/static/app.css", status: 200},
			{name: "unknown static", path: "/static/nope.css", status: 404},
			{name: "unknown page", user: "zuoxi", path: "/no/such/page", status: 404, contains: []string{"找不到页面"}},
			{name: "operator home is intake", user: "zuoxi", path: "/", status: 303, location: "/intake"},
			{name: "mediator home is the queue", user: "tiaojie1", path: "/", status: 303, location: "/queue"},
			{name: "signed-in login page", user: "zuoxi", path: "/login", status: 303, location: "/intake"},
			{name: "operator intake", user: "zuoxi", path: "/intake", status: 200, contains: []string{`action="/intake"`, `method="post"`, "12315热线"}},
			{name: "merchant may not take intake", user: "haoyouduo", path: "/intake", status: 403, contains: []string{"无权访问"}},
			{name: "merchant may not post intake", user: "haoyouduo", method: "POST", path: "/intake", form: url.Values{}, status: 403},
			{name: "mediator may not administer", user: "tiaojie1", path: "/admin/areas", status: 403},
			{name: "operator may not list users", user: "zuoxi", path: "/admin/users", status: 403},
			{name: "supervisor may not create keys", user: "fuzeren", method: "POST", path: "/admin/apikeys", form: url.Values{"name": {"x"}}, status: 403},
			{name: "admin areas", user: "admin", path: "/admin/areas", status: 200, contains: []string{"瑞昌市", "码头村"}},
			{name: "operator nav has no admin", user: "zuoxi", path: "/queue", status: 200, lacks: []string{`href="/admin/`}},
			{name: "admin nav has admin", user: "admin", path: "/queue", status: 200, contains: []string{`href="/admin/areas"`, `href="/admin/apikeys"`}},
			{name: "the board and the reports show", user: "fuzeren", path: "/queue", status: 200, contains: []string{`href="/board"`, "督办看板", `href="/reports"`, "统计报表"}},
			{name: "a mediator's navigation has no board", user: "tiaojie1", path: "/queue", status: 200, lacks: []string{`href="/board"`}},
			{name: "own station sees the matter", user: "tiaojie1", path: m, status: 200, contains: []string{city.Number, "13800138000"}},
			{name: "other station gets 404", user: "tiaojie2", path: m, status: 404},
			{name: "other station's queue lacks it", user: "tiaojie2", path: "/queue", status: 200, contains: []string{township.Number}, lacks: []string{city.Number}},
			{name: "county staff see both", user: "fuzeren", path: "/queue", status: 200, contains: []string{city.Number, township.Number, report.Number}},
			{name: "queue masks phones", user: "zuoxi", path: "/queue", status: 200, contains: []string{"138****8000"}, lacks: []string{"13800138000"}},
			{name: "case page shows the phone to staff", user: "zuoxi", path: m, status: 200, contains: []string{`href="tel:13800138000"`, "湓城街道西湖社区 3 栋"}},
			{name: "merchant sees its complaint, masked", user: "haoyouduo", path: m, status: 200, contains: []string{"138****8000", "张*"}, lacks: []string{"13800138000", "张三", "西湖社区 3 栋", "王坐席"}},
			{name: "merchant never sees the report (R-L25)", user: "haoyouduo", path: "/matters/" + report.Number, status: 404},
			{name: "merchant does not see other merchants", user: "haoyouduo", path: "/matters/" + township.Number, status: 404},
			{name: "merchant's queue", user: "haoyouduo", path: "/queue", status: 200, contains: []string{city.Number}, lacks: []string{report.Number, township.Number}},
			{name: "unknown number", user: "admin", path: "/matters/20260101-999999", status: 404},
			{name: "merchant may not act", user: "haoyouduo", method: "POST", path: m + "/actions/note", form: url.Values{"note": {"x"}}, status: 403},
			{name: "other station may not act", user: "tiaojie2", method: "POST", path: m + "/actions/note", form: url.Values{"note": {"x"}}, status: 404},
			{name: "case page offers the role's actions", user: "zuoxi", path: m, status: 200, contains: []string{`id="act-accept"`, `id="act-note"`, `id="upload-form"`}, lacks: []string{`id="act-reject"`, `id="act-check_in"`}},
			{name: "supervisor may reject", user: "fuzeren", path: m, status: 200, contains: []string{`id="act-reject"`, "R16-1"}},
			{name: "merchant has no actions", user: "haoyouduo", path: m, status: 200, lacks: []string{`<form method="post" action="/matters/`}},
			{name: "linked report shown", user: "zuoxi", path: m, status: 200, contains: []string{report.Number}},
			{name: "merchant record", user: "zuoxi", path: m, status: 200, contains: []string{"共被投诉 2 次", "/queue?state=all&amp;merchant="}},
		} {
			sc.run(t, c)
		}
	})
}

// TestNoStateChangeOnGet: every page the workbench serves changes nothing when
// fetched, and state changes come only through POST forms; cross-site POSTs are refused.
func TestNoStateChangeOnGet(t *testing.T) {
	c := fixture(t)
	city, _, _ := c.matters(t)
	count := func() (int, int) {
		var ms, evs int
		db := c.st
		_, ms, _ = db.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}})
		tl, _ := db.Timeline(context.Background(), city.ID)
		evs = len(tl)
		return ms, evs
	}
	c.clockScene(t, c.now)
	unread := func() int { n, _ := c.svc.UnreadAlerts(context.Background(), auth.As(&c.admin)); return n }
	m0, e0 := count()
	u0 := unread()
	b := c.as(t, "admin")
	for _, p := range []string{"/", "/intake", "/queue", "/matters/" + city.Number, "/intake/" + city.Number,
		"/matters/" + city.Number + "/actions/accept", "/matters/" + city.Number + "/actions/close", "/logout", "/lang?lang=en",
		"/profile", "/profile/password", "/admin/areas", "/admin/stations", "/admin/users", "/admin/merchants", "/admin/apikeys",
		"/admin/users/" + itoa(c.operator.ID) + "/deactivate", "/suggest/merchants?q=好", "/suggest/areas?q=码头", "/suggest/repeat?phone=13800138000",
		"/board", "/alerts", "/alerts/read", "/alerts/1/read", "/admin/calendar", "/admin/calendar/2026", "/admin/calendar/2026/csv",
		"/admin/settings", "/admin/settings/clocks", "/admin/settings/tiers",
		"/reports", "/reports?period=year&year=2026", "/reports/matters?from=2026-06-01&to=2026-06-30", "/reports/summary.xlsx", "/reports/summary.csv",
		"/reports/matters.xlsx", "/reports/matters.csv", "/imports", "/imports/preview", "/imports/commit", "/imports/result/00"} {
		if r := b.get(p); r.status >= 500 {
			t.Errorf("GET %s: %d", p, r.status)
		}
	}
	if m1, e1 := count(); m1 != m0 || e1 != e0 {
		t.Fatalf("GETs changed state: matters %d→%d, events %d→%d", m0, m1, e0, e1)
	}
	if u1 := unread(); u1 != u0 || u0 == 0 {
		t.Fatalf("GETs changed the unread alerts: %d→%d", u0, u1)
	}
	if u, _ := c.st.UserByName(context.Background(), "zuoxi"); !u.Active {
		t.Fatal("GET deactivated a user")
	}
	if u, _ := c.st.UserByName(context.Background(), "admin"); u.Lang != "zh-CN" {
		t.Fatal("GET changed the language")
	}
	if r := b.get("/queue"); r.status != 200 {
		t.Fatal("GET /logout signed out")
	}
	// A form posted from another site is refused (CSRF) and changes nothing.
	req, _ := http.NewRequest("POST", c.srv.URL+"/matters/"+city.Number+"/actions/accept", strings.NewReader(""))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	if r := b.do(req); r.status != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d", r.status)
	}
	if m, _ := c.st.MatterByNumber(context.Background(), city.Number); m.State != casework.Received {
		t.Fatalf("cross-site POST changed the matter: %s", m.State)
	}
	// Every form of the case page posts.
	page := b.get("/matters/" + city.Number).body
	forms := regexp.MustCompile(`<form [^>]*>`).FindAllString(page, -1)
	for _, f := range forms {
		if !strings.Contains(f, `method="post"`) {
			t.Errorf("form without POST: %s", f)
		}
	}
	if len(forms) < 4 {
		t.Errorf("only %d forms on the case page", len(forms))
	}
}

var untranslated = regexp.MustCompile(`\b(web|field|err|state|action|kind|channel|role|level|host|category|outcome|board|deadline|deadline_status|cancel_reason|escalate_reason|pause_reason|clue_result|dispute_outcome|tier|jurisdiction|report|reportui|ledger|export)\.[a-z][a-z0-9_.]*[a-z0-9]\b`)

// TestEveryPageInBothLanguages_R_P6: every page renders in zh-CN and English
// with no catalogue key left showing.
func TestEveryPageInBothLanguages_R_P6(t *testing.T) {
	c := fixture(t)
	city, _, _ := c.matters(t)
	sc := c.clockScene(t, c.now)
	pages := []string{"/board", "/board?from=bad", "/alerts", "/alerts?unread=1", "/admin/calendar", "/admin/calendar/2026", "/admin/settings",
		"/matters/" + sc.kept, "/matters/" + sc.paused, "/matters/" + sc.missed, "/matters/" + sc.report, "/intake", "/queue", "/queue?state=all", "/matters/" + city.Number, "/intake/" + city.Number, "/profile",
		"/admin/areas", "/admin/areas/new", "/admin/areas/" + itoa(c.matou.ID), "/admin/stations", "/admin/stations/new",
		"/admin/stations/" + itoa(c.stMatou.ID), "/admin/users", "/admin/users/new", "/admin/users/" + itoa(c.mediatorPC.ID),
		"/admin/merchants", "/admin/merchants/new", "/admin/merchants/" + itoa(c.haoyouduo.ID), "/admin/apikeys", "/no/such/page",
		"/reports", "/reports?period=quarter&year=2026&quarter=2", "/reports?period=month&month=2026-13", "/reports?area=" + itoa(c.matou.ID) + "&station=" + itoa(c.stMatou.ID),
		"/reports/matters?from=2026-06-01&to=2026-06-30&outcome=agreement&on_site=kept&category=none&unplaced=1&rated=1&state=closed",
		"/reports/matters?area=" + itoa(c.matou.ID) + "&area_exact=1&import=1&kind=complaint&channel=visit&station=" + itoa(c.stMatou.ID), "/reports/matters?on_site=sometimes", "/imports"}
	for _, lang := range []string{"zh-CN", "en"} {
		b := c.as(t, "admin")
		if r := b.post("/lang", url.Values{"lang": {lang}, "back": {"/queue"}}); r.status != 303 {
			t.Fatalf("switch to %s: %d", lang, r.status)
		}
		for _, p := range pages {
			r := b.get(p)
			if r.status != 200 && p != "/no/such/page" && p != "/board?from=bad" && p != "/reports?period=month&month=2026-13" && p != "/reports/matters?on_site=sometimes" {
				t.Errorf("%s %s: %d", lang, p, r.status)
			}
			if !strings.Contains(r.body, `<html lang="`+lang+`">`) {
				t.Errorf("%s %s: not in %s", lang, p, lang)
			}
			if k := untranslated.FindString(r.body); k != "" {
				t.Errorf("%s %s: untranslated %q", lang, p, k)
			}
		}
		r := c.anon(t).get("/login")
		if k := untranslated.FindString(r.body); k != "" {
			t.Errorf("login: untranslated %q", k)
		}
	}
	en := c.anon(t)
	req, _ := http.NewRequest("GET", c.srv.URL+"/login", nil)
	req.Header.Set("Accept-Language", "en-US,en;q=0.9")
	if r := en.do(req); !strings.Contains(r.body, "Sign in") {
		t.Error("an English browser does not get the English sign-in page")
	}
}
