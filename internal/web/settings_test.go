package web_test

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/deadline"
	"weiquan/internal/dispatch"
	"weiquan/internal/money"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

func clockForm() url.Values {
	return url.Values{"reply_12345_workdays": {"3"}, "remind_on_site_minutes": {"8"}, "remind_workdays": {"2"},
		"order121_weekends_off": {"1"}, "escalate_on": {"on_site", "report_verification"}}
}

func tierForm() url.Values {
	return url.Values{"township_amount": {"3,000"}, "county_amount": {"30000.50"}, "township_consumers": {"3"}, "county_consumers": {"10"},
		"major_subcategories": {"汽车\r\n商品房、装修\n"}, "major_level": {"county"}, "outside_area_level": {"township"}, "online_shop_level": {""}}
}

// TestSettingsAdmin_R_S2_R_S3: an admin sets reminder lead times, the 12345 reply period, the
// deadlines whose breach escalates, and the tier criteria; mistakes come back beside their
// fields with what was typed, and nothing is saved until the whole group is right.
func TestSettingsAdmin_R_S2_R_S3(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		bad := func(f url.Values, kv ...string) url.Values {
			g := url.Values{}
			for k, v := range f {
				g[k] = slices.Clone(v)
			}
			for i := 0; i+1 < len(kv); i += 2 {
				g.Set(kv[i], kv[i+1])
			}
			return g
		}
		for _, x := range []scenario{
			{name: "the settings as they stand", user: "admin", path: "/admin/settings", status: 200,
				contains: []string{`action="/admin/settings/clocks"`, `action="/admin/settings/tiers"`, `name="remind_on_site_minutes" value="5"`,
					`name="reply_12345_workdays" value="5"`, `value="on_site" checked`, `value="mediation" checked`, `value="violation_clue">`,
					`name="township_amount" value="5000.00"`, "汽车\n商品房</textarea>", `<option value="county" selected>`}},
			{name: "supervisors may not", user: "fuzeren", path: "/admin/settings", status: 403},
			{name: "mediators may not post", user: "tiaojie1", method: "POST", path: "/admin/settings/clocks", form: clockForm(), status: 403},
			{name: "anonymous", path: "/admin/settings", status: 303, location: "/login"},
			{name: "lead time out of range", user: "admin", method: "POST", path: "/admin/settings/clocks",
				form: bad(clockForm(), "remind_workdays", "11", "reply_12345_workdays", "五"), status: 422,
				contains: []string{`id="f-remind-workdays-err"`, "法定期限提前提醒（工作日）只能是：0–10", `id="f-reply-12345-workdays-err"`, "格式不正确",
					`name="remind_workdays" value="11"`, `name="reply_12345_workdays" value="五"`, `value="report_verification" checked`, `name="township_amount" value="5000.00"`}},
			{name: "an unknown kind of deadline", user: "admin", method: "POST", path: "/admin/settings/clocks",
				form: bad(clockForm(), "escalate_on", "everything"), status: 422, contains: []string{`id="f-escalate-on-err"`}},
			{name: "a blank lead time", user: "admin", method: "POST", path: "/admin/settings/clocks",
				form: bad(clockForm(), "remind_on_site_minutes", " "), status: 422, contains: []string{`id="f-remind-on-site-minutes-err"`, "必填"}},
			{name: "county below township", user: "admin", method: "POST", path: "/admin/settings/tiers",
				form: bad(tierForm(), "county_amount", "1000", "county_consumers", "2"), status: 422,
				contains: []string{`id="f-county-amount-err"`, "县级处理金额起点不能低于乡镇标准", `id="f-county-consumers-err"`, `name="county_amount" value="1000"`}},
			{name: "negative amount and unknown level", user: "admin", method: "POST", path: "/admin/settings/tiers",
				form: bad(tierForm(), "township_amount", "-5", "major_level", "province", "township_consumers", "many"), status: 422,
				contains: []string{`id="f-township-amount-err"`, "不能为负数", `id="f-major-level-err"`, `id="f-township-consumers-err"`}},
		} {
			x.run(t, c)
		}
		set, _ := c.svc.Settings(context.Background(), auth.System)
		if set.Clocks.RemindWorkdays != 1 || set.Tiers.TownshipAmount != 5_000_00 {
			t.Fatalf("a refused form saved something: %+v", set)
		}
		b := c.as(t, "admin")
		if r := b.post("/admin/settings/clocks", clockForm()); r.status != 303 || !strings.HasPrefix(r.location, "/admin/settings?saved=") {
			t.Fatalf("clocks: %d %q\n%.500s", r.status, r.location, r.body)
		}
		r := b.post("/admin/settings/tiers", tierForm())
		if r.status != 303 {
			t.Fatalf("tiers: %d\n%.500s", r.status, r.body)
		}
		if page := b.get(r.location).body; !strings.Contains(page, "已保存：分级处理标准") {
			t.Error("no saved notice")
		}
		set, _ = c.svc.Settings(context.Background(), auth.System)
		want := deadline.Settings{Reply12345Workdays: 3, WeekendsAreOff: true, RemindOnSiteMinutes: 8, RemindWorkdays: 2,
			EscalateOn: []deadline.Kind{deadline.OnSite, deadline.ReportVerification}}
		if got := set.Clocks; got.Reply12345Workdays != want.Reply12345Workdays || !got.WeekendsAreOff || got.RemindOnSiteMinutes != 8 ||
			got.RemindWorkdays != 2 || !slices.Equal(got.EscalateOn, want.EscalateOn) {
			t.Errorf("clocks saved as %+v", got)
		}
		tr := set.Tiers
		if tr.TownshipAmount != money.Fen(3_000_00) || tr.CountyAmount != money.Fen(30_000_50) || tr.TownshipConsumers != 3 || tr.CountyConsumers != 10 ||
			!slices.Equal(tr.MajorSubcategories, []string{"汽车", "商品房", "装修"}) || tr.MajorLevel != dispatch.County ||
			tr.OutsideAreaLevel != dispatch.Township || tr.OnlineShopLevel != "" {
			t.Errorf("tiers saved as %+v", tr)
		}
		// Unticking every box switches escalation on breach off.
		f := clockForm()
		f.Del("escalate_on")
		f.Del("order121_weekends_off")
		if r := b.post("/admin/settings/clocks", f); r.status != 303 {
			t.Fatalf("untick all: %d", r.status)
		}
		if set, _ = c.svc.Settings(context.Background(), auth.System); len(set.Clocks.EscalateOn) != 0 || set.Clocks.WeekendsAreOff {
			t.Errorf("unticked boxes kept: %+v", set.Clocks)
		}
	})
}
