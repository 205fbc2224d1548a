package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/notify"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestAlertsInbox: the outbox as an inbox (issue 4 point 6): each person sees the alerts of
// their scope newest first, unread ones marked, with links to the matters; marking one or all
// as read is a POST that lowers the badge every page shows.
func TestAlertsInbox(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		sc := c.clockScene(t, c.now)
		ctx := context.Background()
		all, total, err := c.svc.Alerts(ctx, auth.As(&c.supervisor), service.AlertQuery{})
		if err != nil || total < 3 {
			t.Fatalf("the scene made %d alerts: %v", total, err)
		}
		mine, _, _ := c.svc.Alerts(ctx, auth.As(&c.mediatorMT), service.AlertQuery{})
		theirs := -1
		for _, a := range all {
			if a.Number != "" && !strings.Contains(fmtAlerts(mine), a.Number) {
				theirs = int(a.ID)
			}
		}
		if theirs < 0 {
			t.Fatal("no alert outside the township station's scope")
		}
		for _, x := range []scenario{
			{name: "supervisor's inbox", user: "fuzeren", path: "/alerts", status: 200,
				contains: []string{"提醒", `class="alert alert-breach unread"`, `href="/matters/` + sc.overdueReport + `"`, "举报核查已超期", "已升级至", "标为已读", `action="/alerts/read"`}},
			{name: "badge on another page", user: "fuzeren", path: "/queue", status: 200, contains: []string{`id="unread-badge">` + itoa(int64(total)) + `<`, `href="/alerts"`}},
			{name: "a township mediator sees the township's alerts only", user: "tiaojie2", path: "/alerts", status: 200,
				lacks: []string{`href="/matters/` + sc.overdueReport + `"`, `href="/matters/` + sc.close + `"`}},
			{name: "merchants have no inbox", user: "haoyouduo", path: "/alerts", status: 403},
			{name: "merchants have no badge", user: "haoyouduo", path: "/queue", status: 200, lacks: []string{`id="alerts-link"`}},
			{name: "anonymous is sent to sign in", path: "/alerts", status: 303, location: "/login?next=%2Falerts"},
			{name: "another station's alert is not found", user: "tiaojie2", method: "POST", path: "/alerts/" + itoa(int64(theirs)) + "/read", form: url.Values{}, status: 404},
			{name: "no such alert", user: "fuzeren", method: "POST", path: "/alerts/999999/read", form: url.Values{}, status: 404},
			{name: "not a number", user: "fuzeren", method: "POST", path: "/alerts/abc/read", form: url.Values{}, status: 404},
			{name: "merchants may not mark", user: "haoyouduo", method: "POST", path: "/alerts/read", form: url.Values{}, status: 403},
		} {
			x.run(t, c)
		}
		// Newest first.
		page := c.as(t, "fuzeren").get("/alerts").body
		ids := regexp.MustCompile(`id="alert-(\d+)"`).FindAllStringSubmatch(page, -1)
		for i := 1; i < len(ids); i++ {
			if len(ids[i][1]) > len(ids[i-1][1]) || len(ids[i][1]) == len(ids[i-1][1]) && ids[i][1] > ids[i-1][1] {
				t.Fatalf("not newest first: %v", ids)
			}
		}
		// Mark one read: back to the page it was on, one fewer unread, no longer highlighted.
		b := c.as(t, "fuzeren")
		first := ids[0][1]
		r := b.post("/alerts/"+first+"/read", url.Values{"back": {"/alerts?unread=1"}})
		if r.status != 303 || r.location != "/alerts?unread=1" {
			t.Fatalf("mark read: %d %q", r.status, r.location)
		}
		if r := b.post("/alerts/"+first+"/read", url.Values{"back": {"https://evil.example/"}}); r.status != 303 || r.location != "/alerts" {
			t.Fatalf("mark read with a foreign back link: %d %q", r.status, r.location)
		}
		page = b.get("/alerts").body
		if !strings.Contains(page, `id="unread-badge">`+itoa(int64(total-1))+`<`) || strings.Contains(page, `unread" id="alert-`+first+`"`) {
			t.Fatal("the read alert still counts or shows as unread")
		}
		if only := b.get("/alerts?unread=1").body; strings.Contains(only, `id="alert-`+first+`"`) {
			t.Fatal("the unread filter shows a read alert")
		}
		// Another person's reading counts for the office: the alert is read for everyone.
		if n, _ := c.svc.UnreadAlerts(ctx, auth.As(&c.admin)); n >= total {
			t.Fatalf("admin still has %d unread of %d", n, total)
		}
		// Mark all read.
		r = b.post("/alerts/read", url.Values{})
		if r.status != 303 || !strings.HasPrefix(r.location, "/alerts?marked=") {
			t.Fatalf("read all: %d %q", r.status, r.location)
		}
		page = b.get(r.location).body
		if strings.Contains(page, `id="unread-badge"`) || strings.Contains(page, "alert-breach unread") || !strings.Contains(page, "条提醒标为已读") {
			t.Fatal("after reading all, unread alerts remain")
		}
		if only := b.get("/alerts?unread=1").body; !strings.Contains(only, "没有未读提醒") {
			t.Fatal("the unread filter is not empty")
		}
	})
}

// TestAlertsPages: the inbox pages past 30 alerts and keeps the filter across pages.
func TestAlertsPages(t *testing.T) {
	c := fixture(t)
	c.clockScene(t, c.now)
	ctx := context.Background()
	for i := 0; i < 40; i++ {
		err := c.st.Tx(ctx, func(tx *store.Tx) error {
			return tx.AddAlert(ctx, &notify.Alert{Kind: service.AlertCalendarMissing, Payload: map[string]any{"year": 2030 + i}, CreatedAt: c.now})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	b := c.as(t, "admin")
	p1 := b.get("/alerts?unread=1").body
	if strings.Count(p1, `class="alert `) != 30 || !strings.Contains(p1, `href="/alerts?page=2&amp;unread=1"`) {
		t.Fatalf("first page: %d alerts", strings.Count(p1, `class="alert `))
	}
	if p2 := b.get("/alerts?page=2&unread=1").body; !strings.Contains(p2, `rel="prev"`) || strings.Count(p2, `class="alert `) == 0 {
		t.Fatal("second page")
	}
}

func fmtAlerts(list []notify.Alert) string {
	var b strings.Builder
	for _, a := range list {
		b.WriteString(a.Number + " ")
	}
	return b.String()
}

// TestAlertsPastTheCountBound: past service.MaxCounted alerts the inbox stops
// counting (issue 13): its total reads "more than 10000" in either language,
// the badge "10000+", the unread chip and the read-all button say "more than"
// too, and the pages go on past the bound.
func TestAlertsPastTheCountBound(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		ctx := context.Background()
		if err := c.st.Tx(ctx, func(tx *store.Tx) error {
			for i := 0; i <= service.MaxCounted; i++ {
				if err := tx.AddAlert(ctx, &notify.Alert{Kind: service.AlertCalendarMissing, Payload: map[string]any{"year": 3000 + i}, CreatedAt: c.now}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		b := c.as(t, "fuzeren")
		page := b.get("/alerts").body
		for _, want := range []string{`id="unread-badge">10000+<`, "超过 10000 条", "未读 超过 10000", "全部标为已读（超过 10000）"} {
			if !strings.Contains(page, want) {
				t.Errorf("the inbox lacks %q", want)
			}
		}
		if p := b.get("/alerts?page=334").body; !strings.Contains(p, `id="alert-`) || !strings.Contains(p, "第 334 页") || strings.Contains(p, "/ 334 页") {
			t.Error("page 334 past the bound: missing, or its pager claims a number of pages")
		}
		if r := b.post("/lang", url.Values{"lang": {"en"}, "back": {"/alerts"}}); r.status != 303 {
			t.Fatalf("lang: %d", r.status)
		}
		page = b.get("/alerts").body
		for _, want := range []string{`id="unread-badge">10000+<`, "more than 10000 alerts", "Unread over 10000", "Mark all as read (over 10000)"} {
			if !strings.Contains(page, want) {
				t.Errorf("the English inbox lacks %q", want)
			}
		}
	})
}
