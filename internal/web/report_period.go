package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

// Period kinds of the report's picker.
const (
	periodMonth   = "month"
	periodQuarter = "quarter"
	periodYear    = "year"
	periodCustom  = "custom"
)

var periodKinds = []string{periodMonth, periodQuarter, periodYear, periodCustom}

// reportPeriod is the period a report counts and how it was picked.
type reportPeriod struct {
	Kind     string
	From, To calendar.Date
}

// readPeriod reads the picker: period=month&month=YYYY-MM, period=quarter&year=YYYY&quarter=1–4,
// period=year&year=YYYY, or period=custom&from=…&to=… (from and to alone mean custom, as a
// figure's link carries them). Nothing given is the current month; a mistake is a field
// error and the current month is counted instead.
func readPeriod(q url.Values, today calendar.Date, errs *invalid.Errors) reportPeriod {
	kind := q.Get("period")
	if kind == "" {
		kind = periodMonth
		if q.Get("from") != "" || q.Get("to") != "" {
			kind = periodCustom
		}
	}
	from, to := monthOf(today)
	fallback := reportPeriod{Kind: kind, From: from, To: to}
	n := len(*errs)
	var p reportPeriod
	switch kind {
	case periodMonth:
		p = fallback
		if v := strings.TrimSpace(q.Get("month")); v != "" {
			t, err := time.Parse("2006-01", v)
			if err != nil || !yearOK(t.Year()) {
				errs.Add("month", invalid.Format)
				break
			}
			p.From, p.To = monthOf(calendar.Date{Year: t.Year(), Month: t.Month(), Day: 1})
		}
	case periodQuarter:
		y := readYear(q, today.Year, errs)
		qn := (int(today.Month)-1)/3 + 1
		if v := strings.TrimSpace(q.Get("quarter")); v != "" {
			if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 4 {
				qn = n
			} else {
				errs.Add("quarter", invalid.OneOf, "values", "1, 2, 3, 4")
			}
		}
		p = reportPeriod{Kind: kind, From: quarterStart(y, qn)}
		_, p.To = monthOf(calendar.Date{Year: y, Month: time.Month(qn * 3), Day: 1})
	case periodYear:
		y := readYear(q, today.Year, errs)
		p = reportPeriod{Kind: kind, From: calendar.Date{Year: y, Month: time.January, Day: 1}, To: calendar.Date{Year: y, Month: time.December, Day: 31}}
	case periodCustom:
		p = reportPeriod{Kind: kind}
		for _, f := range []struct {
			name string
			d    *calendar.Date
		}{{"from", &p.From}, {"to", &p.To}} {
			v := strings.TrimSpace(q.Get(f.name))
			d, err := calendar.ParseDate(v)
			switch {
			case v == "":
				errs.Add(f.name, invalid.Required)
			case err != nil || !yearOK(d.Year):
				errs.Add(f.name, invalid.Format)
			default:
				*f.d = d
			}
		}
	default:
		errs.Add("period", invalid.OneOf, "values", strings.Join(periodKinds, ", "))
		fallback.Kind = periodMonth
	}
	if len(*errs) > n {
		return fallback
	}
	return p
}

func readYear(q url.Values, def int, errs *invalid.Errors) int {
	v := strings.TrimSpace(q.Get("year"))
	if v == "" {
		return def
	}
	y, err := strconv.Atoi(v)
	if err != nil || !yearOK(y) {
		errs.Add("year", invalid.Format)
		return def
	}
	return y
}

func yearOK(y int) bool { return y >= 2000 && y <= 2100 }

func quarterStart(y, q int) calendar.Date {
	return calendar.Date{Year: y, Month: time.Month((q-1)*3 + 1), Day: 1}
}

// form is the picker's fields as they describe the period.
func (p reportPeriod) form() url.Values {
	return url.Values{"period": {p.Kind}, "month": {p.From.String()[:7]}, "year": {strconv.Itoa(p.From.Year)},
		"quarter": {strconv.Itoa((int(p.From.Month)-1)/3 + 1)}, "from": {p.From.String()}, "to": {p.To.String()}}
}

// reportPresets are one-click periods: this and last month, quarter and year.
func reportPresets(lang string, q url.Values, today calendar.Date, cur reportPeriod) []periodPreset {
	thisM, _ := monthOf(today)
	lastM, _ := monthOf(thisM.AddDays(-1))
	qn := (int(today.Month)-1)/3 + 1
	lastQY, lastQ := today.Year, qn-1
	if lastQ == 0 {
		lastQY, lastQ = today.Year-1, 4
	}
	month := func(d calendar.Date) url.Values {
		return url.Values{"period": {periodMonth}, "month": {d.String()[:7]}}
	}
	quarter := func(y, n int) url.Values {
		return url.Values{"period": {periodQuarter}, "year": {strconv.Itoa(y)}, "quarter": {strconv.Itoa(n)}}
	}
	year := func(y int) url.Values { return url.Values{"period": {periodYear}, "year": {strconv.Itoa(y)}} }
	var out []periodPreset
	for _, p := range []struct {
		key string
		v   url.Values
	}{
		{"board.period.this_month", month(thisM)}, {"board.period.last_month", month(lastM)},
		{"reportui.period.this_quarter", quarter(today.Year, qn)}, {"reportui.period.last_quarter", quarter(lastQY, lastQ)},
		{"board.period.this_year", year(today.Year)}, {"reportui.period.last_year", year(today.Year - 1)},
	} {
		var ignore invalid.Errors
		got := readPeriod(p.v, today, &ignore)
		for _, k := range []string{"area", "station"} {
			if q.Get(k) != "" {
				p.v.Set(k, q.Get(k))
			}
		}
		out = append(out, periodPreset{Label: tr(lang, p.key), URL: "/reports?" + p.v.Encode(),
			Active: got.Kind == cur.Kind && got.From == cur.From && got.To == cur.To})
	}
	return out
}
