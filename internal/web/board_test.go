package web_test

import (
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestBoard_R_L28: the board lists the live clocks of the viewer's scope, on-site promises
// first, with links, kinds, stations and countdowns; the figures of the month with their
// definitions; area, station and period pickers; inline errors for a bad period.
func TestBoard_R_L28(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		sc := c.clockScene(t, c.now)
		for _, x := range []scenario{
			{name: "supervisor sees every clock of the county", user: "fuzeren", path: "/board", status: 200,
				contains: []string{"督办看板", `id="on-site"`, `id="statutory"`, `href="/matters/` + sc.close + `"`, `href="/matters/` + sc.overdueReport + `"`,
					`href="/matters/` + sc.waiting + `"`, "到场承诺", "举报核查", "受理决定", "R-S1", "R-L24", "data-due=", "due-amber", "due-over",
					"湓城街道消费维权服务站", "按时受理决定率", "7 个工作日内", "到场承诺兑现率", "用时中位数", "2026-06-01 至 2026-06-30", `aria-current="page"`},
				lacks: []string{`href="/matters/` + sc.late + `"`}},
			{name: "paused clock shows as paused", user: "fuzeren", path: "/board", status: 200, contains: []string{"暂停", "自 2026-06-11"}},
			{name: "admin has the board in the navigation", user: "admin", path: "/queue", status: 200, contains: []string{`href="/board"`}},
			{name: "supervisor has the board in the navigation", user: "fuzeren", path: "/queue", status: 200, contains: []string{`href="/board"`, `href="/reports"`}},
			{name: "a mediator sees their station's clocks only, read-only", user: "tiaojie2", path: "/board", status: 200,
				contains: []string{sc.waiting}, lacks: []string{sc.close, sc.kept, `href="/board"`, "/actions/"}},
			{name: "merchants have no board", user: "haoyouduo", path: "/board", status: 403},
			{name: "anonymous is sent to sign in", path: "/board", status: 303, location: "/login?next=%2Fboard"},
			{name: "filtered to the township station", user: "fuzeren", path: "/board?station=" + itoa(c.stMatou.ID), status: 200,
				contains: []string{sc.waiting}, lacks: []string{`href="/matters/` + sc.close + `"`}},
			{name: "filtered to the city area", user: "fuzeren", path: "/board?area=" + itoa(c.pencheng.ID), status: 200,
				contains: []string{sc.close, sc.kept}, lacks: []string{`href="/matters/` + sc.missed + `"`}},
			{name: "last month has nothing due", user: "fuzeren", path: "/board?from=2026-05-01&to=2026-05-31", status: 200,
				contains: []string{"2026-05-01 至 2026-05-31", "本期间没有到期的时限"}},
			{name: "a bad date is an inline error", user: "fuzeren", path: "/board?from=2026-13-01", status: 422,
				contains: []string{`id="error-summary"`, `id="f-from-err"`, "起始日期格式不正确", "2026-06-01 至 2026-06-30"}},
			{name: "the period ends before it starts", user: "fuzeren", path: "/board?from=2026-06-30&to=2026-06-01", status: 422,
				contains: []string{`id="f-to-err"`}},
			{name: "an unknown area is an inline error", user: "fuzeren", path: "/board?area=99999", status: 422,
				contains: []string{`id="f-area-err"`, sc.close}},
		} {
			x.run(t, c)
		}
		b := c.as(t, "fuzeren")
		page := b.get("/board").body
		if i, j := strings.Index(page, `id="on-site"`), strings.Index(page, `id="statutory"`); i < 0 || j < i {
			t.Error("on-site promises are not listed before statutory deadlines")
		}
		if i, j := strings.Index(page, sc.missed), strings.Index(page, sc.close); i < 0 || j < i {
			t.Error("the missed promise is not listed before the one still running")
		}
	})
}

// TestBoardFigures_R_L28_R_S1: the on-time figures of a period count the deadlines that
// fell due in it: of three promises one was kept, one met late and one is still overdue;
// the arrivals took 9 and 41 minutes.
func TestBoardFigures_R_L28_R_S1(t *testing.T) {
	c := fixture(t)
	c.clockScene(t, c.now)
	page := c.as(t, "fuzeren").get("/board").body
	onSite := section(page, `id="kpi-on_site"`, "</article>")
	for _, want := range []string{"33.3%", "到期 3 件：按时 1，逾期完成 1，超期未办 1", "用时中位数 25 分钟 · 90% 在 37.8 分钟内（共 2 次到场）"} {
		if !strings.Contains(onSite, want) {
			t.Errorf("on-site figure lacks %q:\n%s", want, onSite)
		}
	}
	if !strings.Contains(page, `<article class="kpi kpi-over" id="kpi-on_site">`) {
		t.Error("a third of promises kept is not shown in red")
	}
	acc := section(page, `id="kpi-acceptance"`, "</article>")
	if !strings.Contains(acc, "100%") {
		t.Errorf("acceptance figure:\n%s", acc)
	}
}

func section(page, start, end string) string {
	i := strings.Index(page, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(page[i:], end)
	if j < 0 {
		return page[i:]
	}
	return page[i : i+j]
}

// TestClockPagesInEnglish_R_P6: the board, the inbox, the holiday schedule and the settings
// speak English to a user who chose it, definitions and row problems included.
func TestClockPagesInEnglish_R_P6(t *testing.T) {
	c := fixture(t)
	sc := c.clockScene(t, c.now)
	b := c.as(t, "admin")
	if r := b.post("/lang", url.Values{"lang": {"en"}, "back": {"/board"}}); r.status != 303 {
		t.Fatal(r.status)
	}
	for path, wants := range map[string][]string{
		"/board": {"KPI board", "On-site promise kept", "Share of complaints accepted or declined within 7 working days", "Running now",
			"On-site promises", "Statutory deadlines", "left", "This month", "Period: 2026-06-01 to 2026-06-30"},
		"/alerts":               {"Alerts", "Mark as read", "Missed", "was missed"},
		"/admin/calendar":       {"Official holiday schedule", "Working days", "Load or replace a year", "shipped with the release"},
		"/admin/calendar/2026":  {"Holidays of 2026", "248 working days", "Make-up working days", "February", "Mo"},
		"/admin/settings":       {"Clocks and reminders", "Handling levels", "Do not raise", "working days"},
		"/matters/" + sc.paused: {"Deadlines", "Paused", "paused since", "Mediation"},
	} {
		page := b.get(path).body
		for _, w := range wants {
			if !strings.Contains(page, w) {
				t.Errorf("%s in English lacks %q", path, w)
			}
		}
	}
	r := uploadCalendar(t, b, "2027", "bad.csv", "date,kind,name,source\n2027-02-10,workday,春节,x\n")
	if r.status != 422 || !strings.Contains(r.body, "2027-02-10 is not a weekend day") || !strings.Contains(r.body, "has 1 problems") {
		t.Errorf("row problems in English: %d", r.status)
	}
}
