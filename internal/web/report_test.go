package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/dispatch"
	"weiquan/internal/ledger/ledgertest"
	"weiquan/internal/report"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// ledgerYear puts the office's 2025 in the county by importing the generated ledger of known
// figures (ledgertest), gives three of its matters satisfaction ratings (5, 4 and 3), and adds
// the working fortnight of clockScene (on-site promises kept, late and missed) in June 2026.
func (c *county) ledgerYear(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	xiafan := dispatch.Area{Name: "夏畈镇", ParentID: &c.root.ID, Level: dispatch.Township, Kind: dispatch.KindTownship}
	if err := c.svc.CreateArea(ctx, &xiafan); err != nil {
		t.Fatal(err)
	}
	data, err := ledgertest.CSV(ledgertest.Year(2025, ledgertest.Total, "RC-"), "utf-8", true)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.svc.Import(ctx, auth.As(&c.admin), service.ImportRequest{Name: "瑞昌市2025年台账.csv", Data: data})
	if err != nil || !res.Committed || res.Imported != ledgertest.Total {
		t.Fatalf("import: %v %+v", err, res)
	}
	ms, _, err := c.st.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		rating := 5 - i
		err := c.st.Tx(ctx, func(tx *store.Tx) error {
			m, err := tx.LockMatter(ctx, m.Number)
			if err != nil {
				return err
			}
			m.Satisfaction = &rating
			return tx.UpdateMatter(ctx, &m)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	c.clockScene(t, c.now)
}

var figureLink = regexp.MustCompile(`href="(/reports/matters\?[^"]*)" data-n="(\d+)"`)

// TestReportPage_C11: supervisors and admins get the report of a period — the current
// month unless they pick another —, every figure of the summary with its definition, every
// channel even when none came by it, rates as percentages, money to the fen, charts as SVG
// with their values written out; other roles get 403, and a wrong period is an inline error.
func TestReportPage_C11(t *testing.T) {
	c := fixture(t)
	c.ledgerYear(t)
	year := "/reports?period=year&year=2025"
	for _, x := range []scenario{
		{name: "anonymous is sent to sign in", path: "/reports", status: 303, location: "/login?next=%2Freports"},
		{name: "operators have no reports", user: "zuoxi", path: "/reports", status: 403},
		{name: "mediators have no reports", user: "tiaojie1", path: "/reports", status: 403},
		{name: "merchants have no reports", user: "haoyouduo", path: "/reports", status: 403},
		{name: "nor their downloads", user: "zuoxi", path: "/reports/summary.xlsx?from=2025-01-01&to=2025-12-31", status: 403},
		{name: "nor the lists", user: "tiaojie1", path: "/reports/matters?from=2025-01-01&to=2025-12-31", status: 403},
		{name: "the reports are in the navigation", user: "fuzeren", path: "/queue", status: 200, contains: []string{`href="/reports"`, "统计报表"}},
		{name: "but not a mediator's", user: "tiaojie1", path: "/queue", status: 200, lacks: []string{`href="/reports"`}},
		{name: "the current month by default", user: "fuzeren", path: "/reports", status: 200,
			contains: []string{"消费维权统计报表（2026-06-01 至 2026-06-30）", "瑞昌市市场监督管理局", `value="month" id="period-month" checked`, `value="2026-06"`,
				`id="fig-on_site-count"`, "到场用时中位数（分钟）", "9 分钟", `aria-current="page"`}},
		{name: "the year 2025", user: "fuzeren", path: year, status: 200, contains: []string{
			"消费维权统计报表（2025-01-01 至 2025-12-31）", `value="year" id="period-year" checked`,
			`data-n="1754" class="fig-link">1754</a>`, ">¥798,765.43</a>", `data-n="1718" class="fig-link">97.9%</a>`,
			`data-n="1190" class="fig-link">93.3%</a>`, "投诉 1326 · 举报 380 · 咨询 48",
			report.Definitions()["recovered_amount"].ZH, report.Definitions()["on_site.p90_minutes"].ZH,
			`id="fig-by_channel-web"`, "网站/移动端", `id="fig-by_channel-transfer_department"`,
			`data-n="0" class="fig-link">0</a>`, "未定位", "夏畈镇", "码头镇", "未分类",
			"<svg viewBox=", `role="group"`, `<title id="chart-by_month-t">按月份</title>`, "1月", "12月",
			"12315热线：1420 · 81%", "4.00 分", `id="export-report-xlsx"`, "/reports/summary.xlsx?from=2025-01-01&amp;to=2025-12-31",
			"/reports/matters.csv?from=2025-01-01&amp;to=2025-12-31", "制表人", "（单位盖章）"},
			lacks: []string{"report.def.", "reportui."}},
		{name: "a quarter", user: "admin", path: "/reports?period=quarter&year=2025&quarter=2", status: 200,
			contains: []string{"2025-04-01 至 2025-06-30", `<option value="2" selected>`, "4月", "6月"}, lacks: []string{">7月<"}},
		{name: "a custom period", user: "fuzeren", path: "/reports?period=custom&from=2025-12-01&to=2026-01-31", status: 200,
			contains: []string{"2025-12-01 至 2026-01-31", "2025", "2026"}},
		{name: "a figure's from and to alone mean a custom period", user: "fuzeren", path: "/reports?from=2025-03-01&to=2025-03-31", status: 200,
			contains: []string{`value="custom" id="period-custom" checked`, "2025-03-01 至 2025-03-31"}},
		{name: "an area", user: "fuzeren", path: year + "&area=" + itoa(c.matou.ID), status: 200,
			contains: []string{"统计范围：瑞昌市 › 码头镇", "码头镇 （本级）", `data-n="585" class="fig-link">585</a>`}},
		{name: "no rating gives a dash", user: "fuzeren", path: "/reports?period=month&month=2025-02", status: 200,
			contains: []string{`data-n="0" class="fig-link">—</a>`}},
		{name: "a bad month is an inline error", user: "fuzeren", path: "/reports?period=month&month=2026-13", status: 422,
			contains: []string{`id="error-summary"`, `id="f-month-err"`, `value="2026-13"`, "2026-06-01 至 2026-06-30"}},
		{name: "a bad year", user: "fuzeren", path: "/reports?period=year&year=20x5", status: 422, contains: []string{`id="f-year-err"`, "年份"}},
		{name: "a bad quarter", user: "fuzeren", path: "/reports?period=quarter&year=2025&quarter=5", status: 422, contains: []string{`id="f-quarter-err"`}},
		{name: "a period that ends before it starts", user: "fuzeren", path: "/reports?period=custom&from=2025-06-30&to=2025-06-01", status: 422,
			contains: []string{`id="f-to-err"`, `value="2025-06-30"`, "2026-06-01 至 2026-06-30"}},
		{name: "a custom period needs both ends", user: "fuzeren", path: "/reports?period=custom&from=2025-06-01", status: 422, contains: []string{`id="f-to-err"`}},
		{name: "an unknown kind of period", user: "fuzeren", path: "/reports?period=weekly", status: 422, contains: []string{`href="#f-period"`, "统计周期"}},
		{name: "ten years", user: "fuzeren", path: "/reports?period=custom&from=2016-01-01&to=2025-12-31", status: 200,
			contains: []string{"2016-01-01 至 2025-12-31", `data-n="1754" class="fig-link">1754</a>`, "2016", "2025年12月：148"}},
		{name: "an unknown area", user: "fuzeren", path: "/reports?area=99999", status: 422, contains: []string{`id="f-area-err"`, "2026-06-01 至 2026-06-30"}},
	} {
		x.run(t, c)
	}
}

// TestReportFigureLinks_C11: every figure of the report — each count, each line of each
// breakdown, and the numerator of each rate and sum — links to a list holding exactly as many
// matters as the figure counts, on SQLite and PostgreSQL; each list's export holds them too.
func TestReportFigureLinks_C11(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		c.ledgerYear(t)
		b := c.as(t, "fuzeren")
		for _, period := range []string{"period=custom&from=2025-01-01&to=2026-06-30", "period=year&year=2025&area=" + itoa(c.matou.ID), "period=month&month=2026-06"} {
			page := b.get("/reports?" + period)
			if page.status != 200 {
				t.Fatalf("%s: %d", period, page.status)
			}
			links := figureLink.FindAllStringSubmatch(page.body, -1)
			if len(links) < 38 {
				t.Fatalf("%s: only %d figure links", period, len(links))
			}
			seen := map[string]string{}
			for _, l := range links {
				href := strings.ReplaceAll(l[1], "&amp;", "&")
				if n, ok := seen[href]; ok {
					if n != l[2] {
						t.Errorf("%s: %s says %s and %s", period, href, n, l[2])
					}
					continue
				}
				seen[href] = l[2]
				list := b.get(href)
				if got := listCount(list.body); list.status != 200 || got != l[2] {
					t.Errorf("%s: %s lists %s matters (status %d), the figure counts %s", period, href, got, list.status, l[2])
				}
			}
			if period[:13] == "period=custom" {
				// The whole period's list downloads with one line per matter.
				csv := b.get(strings.Replace(strings.ReplaceAll(links[0][1], "&amp;", "&"), "/reports/matters?", "/reports/matters.csv?", 1))
				if lines := strings.Count(csv.body, "\r\n"); strconv.Itoa(lines-1) != links[0][2] {
					t.Errorf("the list's CSV has %d lines for %s matters", lines, links[0][2])
				}
			}
		}
		// The figures are those the ledger was made with.
		sum, err := c.svc.Summary(context.Background(), auth.As(&c.supervisor), report.Params{From: calendar.Date{Year: 2025, Month: 1, Day: 1}, To: calendar.Date{Year: 2025, Month: 12, Day: 31}})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Total != ledgertest.Total || sum.Agreements != ledgertest.Agreements || sum.RecoveredAmount != ledgertest.RecoveredFen || sum.Satisfaction.Count != 3 {
			t.Fatalf("summary: %+v", sum)
		}
	})
}

var listCountRe = regexp.MustCompile(`id="list-count" data-n="(\d+)"`)

func listCount(body string) string {
	m := listCountRe.FindStringSubmatch(body)
	if m == nil {
		return "?"
	}
	return m[1]
}

// TestReportList_C11: the list page reads every filter a figure's query uses, says them in
// words, pages through long lists, masks phones (R-P5) and refuses a bad filter inline.
func TestReportList_C11(t *testing.T) {
	c := fixture(t)
	c.ledgerYear(t)
	q := "/reports/matters?from=2025-01-01&to=2025-12-31"
	for _, x := range []scenario{
		{name: "agreements", user: "fuzeren", path: q + "&outcome=agreement", status: 200,
			contains: []string{`data-n="1190"`, "共 1190 件", "登记时间 2025-01-01 至 2025-12-31", "处理结果：达成调解协议", "第 1 / 24 页", "原编号 RC-", "¥671.23", "139****"},
			lacks:    []string{"13900000"}},
		{name: "concluded mediations", user: "fuzeren", path: q + "&outcome=agreement&outcome=terminated", status: 200, contains: []string{`data-n="1276"`, "达成调解协议、终止调解"}},
		{name: "unclassified", user: "fuzeren", path: q + "&category=none", status: 200, contains: []string{`data-n="428"`, "类别：未分类"}},
		{name: "not placed", user: "fuzeren", path: q + "&unplaced=1", status: 200, contains: []string{`data-n="584"`, "没有地区（未定位）"}},
		{name: "the area itself", user: "fuzeren", path: q + "&area=" + itoa(c.matou.ID) + "&area_exact=1", status: 200, contains: []string{`data-n="585"`, "地区：码头镇（仅本级）"}},
		{name: "rated", user: "fuzeren", path: "/reports/matters?rated=1", status: 200, contains: []string{`data-n="3"`, "有满意度评分"}},
		{name: "on-site promises kept", user: "fuzeren", path: "/reports/matters?on_site=kept", status: 200, contains: []string{`data-n="1"`, "按时到场"}},
		{name: "second page", user: "fuzeren", path: q + "&outcome=agreement&page=2", status: 200, contains: []string{"第 2 / 24 页", `rel="prev"`}},
		{name: "a bad filter", user: "fuzeren", path: q + "&on_site=maybe&category=toys", status: 422, contains: []string{`id="error-summary"`}, lacks: []string{`id="list-count"`}},
		{name: "a bad date", user: "fuzeren", path: "/reports/matters?from=2025-02-30", status: 422, contains: []string{"起始日期"}},
		{name: "a station's list", user: "admin", path: "/reports/matters?station=" + itoa(c.stMatou.ID), status: 200, contains: []string{"站点：码头镇消费维权服务站"}},
	} {
		x.run(t, c)
	}
}

// TestReportExports_C11: the report and the counted matters download as .xlsx and .csv with
// the session cookie alone, with the right types, in the page's language; CSV with a BOM.
func TestReportExports_C11(t *testing.T) {
	c := fixture(t)
	c.ledgerYear(t)
	b := c.as(t, "fuzeren")
	period := "?from=2025-01-01&to=2025-12-31"
	for _, x := range []struct {
		path, ctype, file string
		want              []string
	}{
		{"/reports/summary.xlsx" + period, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "weiquan-report-2025-01-01-2025-12-31.xlsx", []string{"PK"}},
		{"/reports/summary.csv" + period, "text/csv; charset=utf-8", "weiquan-report-2025-01-01-2025-12-31.csv", []string{"\uFEFF", "受理总量,1754,", "挽回经济损失（元）,798765.43,", "网站/移动端,0"}},
		{"/reports/matters.xlsx" + period + "&outcome=agreement", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "weiquan-matters.xlsx", []string{"PK"}},
		{"/reports/matters.csv" + period + "&outcome=agreement", "text/csv; charset=utf-8", "weiquan-matters.csv", []string{"\uFEFF案件编号,来源编号", "达成调解协议", "671.23"}},
	} {
		r := b.get(x.path)
		if r.status != 200 || r.header.Get("Content-Type") != x.ctype || !strings.Contains(r.header.Get("Content-Disposition"), `attachment; filename="`+x.file+`"`) {
			t.Errorf("%s: %d %q %q", x.path, r.status, r.header.Get("Content-Type"), r.header.Get("Content-Disposition"))
			continue
		}
		for _, w := range x.want {
			if !strings.Contains(r.body, w) {
				t.Errorf("%s lacks %q", x.path, w)
			}
		}
	}
	if r := b.get("/reports/matters.csv" + period + "&outcome=agreement"); strings.Count(r.body, "\r\n") != 1191 {
		t.Errorf("the agreements' CSV has %d lines", strings.Count(r.body, "\r\n"))
	}
	if r := b.get("/reports/summary.csv?from=2025-13-01&to=2025-12-31"); r.status != 422 || !strings.Contains(r.body, "起始日期") {
		t.Errorf("a bad period: %d", r.status)
	}
	// In English for a user who chose it.
	if r := b.post("/lang", url.Values{"lang": {"en"}, "back": {"/reports"}}); r.status != 303 {
		t.Fatal(r.status)
	}
	if r := b.get("/reports/summary.csv" + period); !strings.Contains(r.body, "Total matters,1754,") {
		t.Errorf("English CSV: %.200s", r.body)
	}
}

// TestReportInEnglish_R_P6: the report speaks English to a user who chose it, definitions included.
func TestReportInEnglish_R_P6(t *testing.T) {
	c := fixture(t)
	c.ledgerYear(t)
	b := c.as(t, "admin")
	if r := b.post("/lang", url.Values{"lang": {"en"}, "back": {"/reports"}}); r.status != 303 {
		t.Fatal(r.status)
	}
	page := b.get("/reports?period=year&year=2025").body
	for _, w := range []string{"Consumer protection report (2025-01-01 to 2025-12-31)", "Total matters", report.Definitions()["completion_rate"].EN,
		"Completion rate", "97.9%", "¥798,765.43", "12315 hotline: 1420 · 81%", "Jan", "Dec", "Complaints 1326 · reports 380 · inquiries 48",
		"Prepared by:", "4.00 of 5", "Not placed"} {
		if !strings.Contains(page, w) {
			t.Errorf("English report lacks %q", w)
		}
	}
	list := b.get("/reports/matters?from=2025-01-01&to=2025-12-31&outcome=agreement").body
	for _, w := range []string{"1190 matters", "Outcome: Agreement reached", "Received 2025-01-01 to 2025-12-31"} {
		if !strings.Contains(list, w) {
			t.Errorf("English list lacks %q", w)
		}
	}
}
