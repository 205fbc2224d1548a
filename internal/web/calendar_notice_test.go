package web_test

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"weiquan/internal/calendar"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// notice2027Text is a made-up but well-formed notice for 2027 in the State Council's wording,
// for loading tests only.
const notice2027Text = `国务院办公厅关于2027年部分节假日安排的通知
　　经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周五）至3日（周日）放假，共3天。
　　二、春节：2月6日（周六）至13日（周六）放假调休，共8天。2月20日（周六）上班。
　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。`

// TestPasteStateCouncilNotice_R_L42_R_L43: an admin pastes a notice's text; weiquan proposes
// the year beside the notice's sentences, loads nothing until confirmed, then loads it with
// the notice's address as every day's source. A notice it cannot read comes back with what
// it could not read, and nothing is written (issue 14, point 5).
func TestPasteStateCouncilNotice_R_L42_R_L43(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		b := c.as(t, "admin")
		ctx := context.Background()
		src := "https://www.gov.cn/zhengce/test-2027.htm"
		years := func() int { ys, _ := c.st.CalendarYears(ctx); return len(ys) }

		bad := strings.Replace(notice2027Text, "2月20日（周六）上班", "2月22日（周六）上班", 1)
		r := b.post("/admin/calendar/notice", url.Values{"notice": {bad}, "source": {src}})
		if r.status != 422 || !strings.Contains(r.body, `id="notice-errors"`) || !strings.Contains(r.body, "括号里的星期与日期不符") ||
			!strings.Contains(r.body, "2月22日") {
			t.Fatalf("unreadable notice: %d\n%.2000s", r.status, r.body)
		}
		if r := b.post("/admin/calendar/notice", url.Values{"notice": {"明年放假另行通知"}, "source": {"gov.cn"}}); r.status != 422 ||
			!strings.Contains(r.body, "找不到年份") || !strings.Contains(r.body, `id="f-source-err"`) {
			t.Errorf("no year, no source: %d", r.status)
		}
		if years() != 3 {
			t.Fatal("a refused notice loaded something")
		}

		r = b.post("/admin/calendar/notice", url.Values{"notice": {notice2027Text}, "source": {src}})
		if r.status != 200 {
			t.Fatalf("proposal: %d\n%.1500s", r.status, r.body)
		}
		for _, want := range []string{"2027年放假安排（待确认）", `id="notice-days"`, "2027-02-20", "周六", "调休上班", "二、春节:2月6日(周六)至13日(周六)放假调休,共8天", `id="confirm-notice"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("proposal lacks %q", want)
			}
		}
		if years() != 3 {
			t.Fatal("a proposal loaded the year before it was confirmed")
		}
		if r := b.post("/admin/calendar/notice/confirm", url.Values{"notice": {notice2027Text}, "source": {src}, "year": {"2028"}}); r.status != 422 {
			t.Errorf("a confirmation for another year: %d", r.status)
		}
		r = b.post("/admin/calendar/notice/confirm", url.Values{"notice": {notice2027Text}, "source": {src}, "year": {"2027"}})
		if r.status != 303 || !strings.HasPrefix(r.location, "/admin/calendar?loaded=2027") {
			t.Fatalf("confirm: %d %s", r.status, r.location)
		}
		days, _ := c.st.CalendarDays(ctx)
		n := 0
		for _, d := range days {
			if d.Date.Year == 2027 {
				n++
				if d.Source != src {
					t.Errorf("source not kept: %+v", d)
				}
			}
		}
		if n != 12 {
			t.Errorf("2027 has %d days, want 12", n)
		}

		// The real 2026 notice, pasted, proposes exactly the shipped year.
		text, _ := os.ReadFile("../calendar/testdata/notices/2026.txt")
		r = b.post("/admin/calendar/notice", url.Values{"notice": {string(text)}, "source": {"https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"}})
		if r.status != 200 || !strings.Contains(r.body, "已经载入过") || strings.Count(r.body, `<td class="mono">2026-`) != 39 {
			t.Errorf("2026: %d, %d days", r.status, strings.Count(r.body, `<td class="mono">2026-`))
		}
		_ = calendar.Holiday
	})
}
