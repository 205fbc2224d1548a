package calendar

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Notice is what the text of a State Council holiday notice (国务院办公厅关于YYYY年部分节假日
// 安排的通知) says: its year, and for each holiday its days off and the weekend days worked.
// It is a proposal: an admin reads it beside the notice and confirms it before it is loaded.
type Notice struct {
	Year  int          `json:"year"`
	Items []NoticeItem `json:"items"`
	Days  []Day        `json:"days"` // every day off and make-up working day, in date order, with the source given
}

// NoticeItem is one numbered paragraph: "二、春节：1月28日（农历除夕、周二）至2月4日（…）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。"
type NoticeItem struct {
	Name     string `json:"name"`
	Text     string `json:"text"`
	Off      []Date `json:"off"`
	Workdays []Date `json:"workdays"`
}

// NoticeError is one thing in a notice's text that could not be read; Item is the numbered
// paragraph (0 for the notice as a whole).
type NoticeError struct {
	Item   int    `json:"item"`
	Code   string `json:"code"` // year, items, range, date, weekday, total, off, duplicate, year_of_date
	Detail string `json:"detail"`
}

func (e NoticeError) Error() string {
	return fmt.Sprintf("calendar: notice item %d: %s %s", e.Item, e.Code, e.Detail)
}

// NoticeErrors lists every problem found; ParseNotice returns it when there is any.
type NoticeErrors []NoticeError

func (e NoticeErrors) Error() string {
	parts := make([]string, len(e))
	for i, x := range e {
		parts[i] = x.Error()
	}
	return strings.Join(parts, "; ")
}

// maxNotice bounds the text read; a notice is about 1,500 characters.
const maxNotice = 64 << 10

var (
	// The notices are printed with full-width punctuation; copies from news sites often
	// have half-width, and spaces or line breaks anywhere.
	noticeFold = strings.NewReplacer("（", "(", "）", ")", "：", ":", "，", ",", "；", ";", "～", "至", "~", "至",
		"—", "至", "－", "至", "星期天", "周日", "星期日", "周日", "星期", "周", "礼拜", "周", "\u3000", "", " ", "", "\t", "", "\r", "")
	noticeYear  = regexp.MustCompile(`关于(\d{4})年(?:部分)?节假日安排|现将(\d{4})年`)
	noticeItem  = regexp.MustCompile(`(?m)(?:^|\n|。)([一二三四五六七八九十]{1,3})、([^:\n。]{1,16}):`)
	noticeParen = regexp.MustCompile(`\([^()]*\)`)
	noticeDate  = regexp.MustCompile(`^(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日$`)
	noticeCount = regexp.MustCompile(`共(\d{1,2})天`)
	noticeWeek  = regexp.MustCompile(`周([一二三四五六日天])`)
	noticeEnd   = regexp.MustCompile(`\n(?:鼓励|节假日期间|国务院办公厅)`)
)

var weekdays = map[string]time.Weekday{"一": time.Monday, "二": time.Tuesday, "三": time.Wednesday, "四": time.Thursday,
	"五": time.Friday, "六": time.Saturday, "日": time.Sunday, "天": time.Sunday}

// ParseNotice reads a notice's text as the State Council words it and proposes its days,
// each with source as its source. It reads the year from the title or the opening
// sentence, then each numbered holiday: the days off ("1月1日放假", "4月4日至6日放假",
// "9月30日至10月8日放假调休"), the weekend days worked ("…上班"), and checks the weekdays
// the notice gives and its "共N天" against the dates. Anything it cannot read is an error:
// nothing is proposed from a notice it only partly understood.
func ParseNotice(text, source string) (Notice, error) {
	var n Notice
	var errs NoticeErrors
	if len(text) > maxNotice {
		return n, NoticeErrors{{Code: "too_long", Detail: strconv.Itoa(maxNotice)}}
	}
	t := noticeFold.Replace(strings.ReplaceAll(text, "\r\n", "\n"))
	if m := noticeYear.FindStringSubmatch(t); m != nil {
		y := m[1]
		if y == "" {
			y = m[2]
		}
		n.Year, _ = strconv.Atoi(y)
	}
	if n.Year < 2000 || n.Year > 2100 {
		return n, NoticeErrors{{Code: "year", Detail: "关于YYYY年部分节假日安排的通知 / 现将YYYY年…"}}
	}
	if loc := noticeEnd.FindStringIndex(t); loc != nil {
		t = t[:loc[0]]
	}
	marks := noticeItem.FindAllStringSubmatchIndex(t, -1)
	if len(marks) == 0 {
		return n, NoticeErrors{{Code: "items", Detail: "一、元旦：…"}}
	}
	seen := map[Date]string{}
	for i, mk := range marks {
		end := len(t)
		if i+1 < len(marks) {
			end = marks[i+1][0] + 1
		}
		item := NoticeItem{Name: t[mk[4]:mk[5]], Text: strings.TrimSpace(strings.Trim(t[mk[0]:end], "。\n"))}
		body := t[mk[1]:end]
		errs = append(errs, n.readItem(i+1, &item, body)...)
		for _, d := range item.Off {
			if other, dup := seen[d]; dup {
				errs = append(errs, NoticeError{Item: i + 1, Code: "duplicate", Detail: d.String() + " " + other})
			}
			seen[d] = item.Name
			n.Days = append(n.Days, Day{Date: d, Kind: Holiday, Name: item.Name, Source: source})
		}
		for _, d := range item.Workdays {
			if other, dup := seen[d]; dup {
				errs = append(errs, NoticeError{Item: i + 1, Code: "duplicate", Detail: d.String() + " " + other})
			}
			seen[d] = item.Name
			n.Days = append(n.Days, Day{Date: d, Kind: Workday, Name: item.Name, Source: source})
		}
		n.Items = append(n.Items, item)
	}
	if len(errs) > 0 {
		return n, errs
	}
	sortDays(n.Days)
	return n, nil
}

// readItem reads one numbered paragraph's sentences.
func (n *Notice) readItem(no int, item *NoticeItem, body string) NoticeErrors {
	var errs NoticeErrors
	fail := func(code, detail string) { errs = append(errs, NoticeError{Item: no, Code: code, Detail: detail}) }
	offSentences := 0
	for _, s := range strings.Split(strings.ReplaceAll(body, "\n", ""), "。") {
		switch {
		case strings.Contains(s, "放假"):
			offSentences++
			head, _, _ := strings.Cut(s, "放假")
			days, e := n.readSpan(head)
			if e != "" {
				fail(e, s)
				continue
			}
			item.Off = append(item.Off, days...)
			if m := noticeCount.FindStringSubmatch(s); m != nil {
				if c, _ := strconv.Atoi(m[1]); c != len(days) {
					fail("total", fmt.Sprintf("共%d天 ≠ %d", c, len(days)))
				}
			}
		case strings.HasSuffix(s, "上班"):
			for _, part := range strings.Split(strings.TrimSuffix(s, "上班"), "、") {
				part = strings.Trim(part, ",;")
				if part == "" {
					continue
				}
				d, e := n.readDate(part, 0)
				if e != "" {
					fail(e, part)
					continue
				}
				item.Workdays = append(item.Workdays, d)
			}
		}
	}
	if offSentences == 0 {
		fail("off", item.Text)
	}
	return errs
}

// readSpan reads "M月D日(…)" or "M月D日(…)至[M月]D日(…)" and returns every day of it.
func (n *Notice) readSpan(s string) ([]Date, string) {
	s = strings.Trim(s, ",;")
	from, to, isRange := strings.Cut(s, "至")
	first, e := n.readDate(from, 0)
	if e != "" {
		return nil, e
	}
	if !isRange {
		return []Date{first}, ""
	}
	last, e := n.readDate(to, first.Month)
	if e != "" {
		return nil, e
	}
	if last.Year == first.Year && last.Month < first.Month && !strings.Contains(to, "年") {
		last.Year++ // "12月30日至1月1日"
	}
	if !first.Before(last) || first.AddDays(31).Before(last) {
		return nil, "range"
	}
	var out []Date
	for d := first; !last.Before(d); d = d.AddDays(1) {
		out = append(out, d)
	}
	return out, ""
}

// readDate reads "[YYYY年][M月]D日(农历…、周二)"; a day without a month is in month.
// The weekday in brackets, when given, must be the date's.
func (n *Notice) readDate(s string, month time.Month) (Date, string) {
	s = strings.Trim(s, ",;")
	var notes []string
	for _, p := range noticeParen.FindAllString(s, -1) {
		notes = append(notes, p)
	}
	bare := noticeParen.ReplaceAllString(s, "")
	m := noticeDate.FindStringSubmatch(bare)
	if m == nil {
		return Date{}, "date"
	}
	y, mo, dd := n.Year, month, 0
	if m[1] != "" {
		y, _ = strconv.Atoi(m[1])
		if y < n.Year-1 || y > n.Year {
			return Date{}, "year_of_date"
		}
	}
	if m[2] != "" {
		v, _ := strconv.Atoi(m[2])
		mo = time.Month(v)
	}
	dd, _ = strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || dd < 1 || dd > 31 {
		return Date{}, "date"
	}
	d := Date{Year: y, Month: mo, Day: dd}
	if !d.valid() { // 2月30日
		return Date{}, "date"
	}
	for _, note := range notes {
		if w := noticeWeek.FindStringSubmatch(note); w != nil && weekdays[w[1]] != d.Weekday() {
			return Date{}, "weekday"
		}
	}
	return d, ""
}

func sortDays(days []Day) {
	slices.SortFunc(days, func(a, b Day) int { return a.Date.Compare(b.Date) })
}

// Check holds the proposal to the rules of an uploaded table (CheckCSV): a make-up
// working day must fall on a weekend, every row needs its source, and so on.
func (n Notice) Check() []RowError {
	var b strings.Builder
	b.WriteString(strings.Join(header, ",") + "\n")
	for _, d := range n.Days {
		fmt.Fprintf(&b, "%s,%s,%s,%s\n", d.Date, d.Kind, csvField(d.Name), csvField(d.Source))
	}
	_, errs := CheckCSV(strings.NewReader(b.String()), n.Year)
	return errs
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
