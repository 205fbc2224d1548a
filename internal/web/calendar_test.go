package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// notice2027 is a made-up but well-formed notice for 2027, for loading tests only.
const notice2027 = "\uFEFFdate,kind,name,source\r\n" +
	"2027-01-01,holiday,元旦,https://www.gov.cn/test-2027\r\n" +
	"2027-02-06,holiday,春节,https://www.gov.cn/test-2027\r\n" +
	"2027-02-07,holiday,春节,https://www.gov.cn/test-2027\r\n" +
	"2027-02-08,holiday,春节,https://www.gov.cn/test-2027\r\n" +
	"2027-02-09,holiday,春节,https://www.gov.cn/test-2027\r\n" +
	"2027-02-10,holiday,春节,https://www.gov.cn/test-2027\r\n" +
	"2027-02-11,holiday,春节,https://www.gov.cn/test-2027\r\n" +
	"2027-02-12,holiday,春节,https://www.gov.cn/test-2027\r\n" +
	"2027-02-20,workday,春节,https://www.gov.cn/test-2027\r\n" +
	"2027-10-01,holiday,国庆节,https://www.gov.cn/test-2027\r\n"

// uploadCalendar posts the calendar form with a year and a file.
func uploadCalendar(t *testing.T, b *client, year, name, body string) resp {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("year", year)
	if name != "" {
		fw, _ := w.CreateFormFile("calendar_file", name)
		fw.Write([]byte(body))
	}
	w.Close()
	req, _ := http.NewRequest("POST", b.c.srv.URL+"/admin/calendar", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

// TestCalendarAdmin_R_L42_R_L43: an admin sees the loaded years with their working days and
// notices, a year's holidays and make-up days, downloads a year as CSV, and loads a new year
// all or nothing — a bad file comes back with every faulty row and loads nothing; a good one
// recounts the running deadlines that waited for it.
func TestCalendarAdmin_R_L42_R_L43(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		// A complaint accepted in late November: its 60-day mediation period runs into 2027.
		c.now = time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
		in := complaintIn(c)
		m := c.intake(t, c.operator, in)[0]
		c.act(t, c.operator, m.Number, casework.Accept, casework.ActionInput{})
		for _, x := range []scenario{
			{name: "years with working days and notices", user: "admin", path: "/admin/calendar", status: 200,
				contains: []string{"法定节假日安排", `id="year-2024"`, "251", `id="year-2026"`, "248", "www.gov.cn › content_7047091.htm", "随系统发布",
					`enctype="multipart/form-data"`, `name="calendar_file"`, `value="2027"`, `id="calendar-warning"`, "只到 2026 年底"}},
			{name: "a year's holidays and make-up days", user: "admin", path: "/admin/calendar/2026", status: 200,
				contains: []string{"2026 年节假日安排", "全年 248 个工作日", "春节", "02-15 – 02-23", "02-14 (六), 02-28 (六)", `class="d-holiday" title="春节"`, `class="d-makeup"`}},
			{name: "a year not loaded", user: "admin", path: "/admin/calendar/2030", status: 404},
			{name: "not a year", user: "admin", path: "/admin/calendar/abc", status: 404},
			{name: "no csv of a year not loaded", user: "admin", path: "/admin/calendar/2030/csv", status: 404},
			{name: "supervisors may not load", user: "fuzeren", path: "/admin/calendar", status: 403},
			{name: "mediators may not see it", user: "tiaojie1", path: "/admin/calendar/2026", status: 403},
			{name: "operators may not post", user: "zuoxi", method: "POST", path: "/admin/calendar", form: url.Values{"year": {"2027"}}, status: 403},
			{name: "no file", user: "admin", method: "POST", path: "/admin/calendar", form: url.Values{"year": {"2027"}}, status: 422,
				contains: []string{`id="f-calendar-file-err"`, "节假日安排文件为必填项"}},
			{name: "the board warns the supervisor too", user: "fuzeren", path: "/board", status: 200, contains: []string{`id="calendar-warning"`}, lacks: []string{`href="/admin/calendar#notice"`}},
			{name: "the admin's board links to the loading form", user: "admin", path: "/board", status: 200, contains: []string{`href="/admin/calendar#notice"`, "缺少 2027 年节假日安排"}},
		} {
			x.run(t, c)
		}
		b := c.as(t, "admin")
		csv := b.get("/admin/calendar/2026/csv")
		if csv.status != 200 || !strings.HasPrefix(csv.body, "\uFEFFdate,kind,name,source\n2026-01-01,holiday,元旦,") ||
			!strings.Contains(csv.header.Get("Content-Disposition"), "holidays-2026.csv") {
			t.Fatalf("csv: %d %q %.80q", csv.status, csv.header.Get("Content-Disposition"), csv.body)
		}
		// A file with faults: each named on its line, nothing loaded.
		bad := strings.Replace(notice2027, "2027-02-20,workday", "2027-02-24,workday", 1) + "2026-12-31,holiday,元旦,x\r\nnonsense\r\n"
		r := uploadCalendar(t, b, "2027", "2027.csv", bad)
		if r.status != 422 {
			t.Fatalf("bad file: %d", r.status)
		}
		for _, want := range []string{`id="row-errors"`, "有 3 处错误", `<td class="mono">10</td><td>2027-02-24 不是周末`, `<td class="mono">12</td><td>2026-12-31 不在 2027 年`,
			`<td class="mono">13</td><td>应有 4 列`, `value="2027"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("bad file page lacks %q", want)
			}
		}
		if years, _ := c.st.CalendarYears(context.Background()); len(years) != 3 {
			t.Fatalf("a bad file loaded something: %v", years)
		}
		for _, x := range []struct{ year, name, body, want string }{
			{"", "2027.csv", notice2027, `id="f-year-err"`},
			{"1999", "2027.csv", notice2027, `id="f-year-err"`},
			{"2028", "2027.csv", notice2027, "不在 2028 年"},
			{"2027", "empty.csv", "", "节假日安排文件为必填项"},
			{"2027", "header.csv", "date,kind,name,source\n", "文件中没有任何日期"},
			{"2027", "photo.png", string(pngBytes), "第 1 行应为表头"},
		} {
			if r := uploadCalendar(t, b, x.year, x.name, x.body); r.status != 422 || !strings.Contains(r.body, x.want) {
				t.Errorf("upload %s %s: %d, want 422 with %q", x.year, x.name, r.status, x.want)
			}
		}
		big := "date,kind,name,source\n" + strings.Repeat("2027-01-01,holiday,元旦,"+strings.Repeat("x", 100)+"\n", 11000)
		if r := uploadCalendar(t, b, "2027", "big.csv", big); r.status != 422 || !strings.Contains(r.body, "过大") {
			t.Errorf("a file over 1 MB: %d", r.status)
		}
		// The good file: loaded, announced, listed, and the waiting deadline counted.
		r = uploadCalendar(t, b, "2027", "2027.csv", notice2027)
		if r.status != 303 || !strings.HasPrefix(r.location, "/admin/calendar?loaded=2027&moved=") || r.location == "/admin/calendar?loaded=2027&moved=0" {
			t.Fatalf("good file: %d %q\n%.400s", r.status, r.location, r.body)
		}
		page := b.get(r.location).body
		for _, want := range []string{"已导入 2027 年：10 条安排", `id="year-2027"`, "admin 于"} {
			if !strings.Contains(page, want) {
				t.Errorf("after loading, the page lacks %q", want)
			}
		}
		if strings.Contains(page, `id="calendar-warning"`) {
			t.Error("the warning stays after next year was loaded")
		}
		if p := b.get("/matters/" + m.Number).body; strings.Contains(p, "缺少 2027 年节假日安排") || !strings.Contains(p, "调解期限") {
			t.Error("the mediation deadline was not counted after loading 2027")
		}
	})
}

// TestCalendarWarning_R_L43: the board and the calendar page ask for next year's notice from
// November of the last loaded year, urgently once that year is over, and not before.
func TestCalendarWarning_R_L43(t *testing.T) {
	c := fixture(t)
	for _, x := range []struct {
		at         time.Time
		want, lack string
	}{
		{time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC), "", `id="calendar-warning"`},
		{time.Date(2026, 11, 1, 1, 0, 0, 0, time.UTC), "已导入的节假日安排只到 2026 年底", "尚未导入"},
		{time.Date(2027, 1, 4, 1, 0, 0, 0, time.UTC), "尚未导入 2027 年法定节假日安排", "只到"},
	} {
		c.now = x.at
		b := c.as(t, "admin") // a new session on the new day
		for _, p := range []string{"/board", "/admin/calendar"} {
			body := b.get(p).body
			if x.want != "" && !strings.Contains(body, x.want) {
				t.Errorf("%s on %s: no %q", p, x.at.Format("2006-01-02"), x.want)
			}
			if strings.Contains(body, x.lack) {
				t.Errorf("%s on %s: shows %q", p, x.at.Format("2006-01-02"), x.lack)
			}
		}
	}
}
