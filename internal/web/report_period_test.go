package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
	"weiquan/internal/ledger"
)

var today = calendar.Date{Year: 2026, Month: time.June, Day: 16}

// TestReadPeriod: each kind of period, the defaults, and every mistake named by its field.
func TestReadPeriod(t *testing.T) {
	for _, c := range []struct {
		query, kind, from, to, bad string
	}{
		{"", "month", "2026-06-01", "2026-06-30", ""},
		{"period=month&month=2024-02", "month", "2024-02-01", "2024-02-29", ""},
		{"period=quarter", "quarter", "2026-04-01", "2026-06-30", ""},
		{"period=quarter&year=2025&quarter=4", "quarter", "2025-10-01", "2025-12-31", ""},
		{"period=year&year=2025", "year", "2025-01-01", "2025-12-31", ""},
		{"period=custom&from=2025-12-01&to=2026-01-31", "custom", "2025-12-01", "2026-01-31", ""},
		{"from=2025-03-01&to=2025-03-31", "custom", "2025-03-01", "2025-03-31", ""},
		{"period=month&month=2026-13", "month", "2026-06-01", "2026-06-30", "month"},
		{"period=month&month=1999-01", "month", "2026-06-01", "2026-06-30", "month"},
		{"period=year&year=twenty", "year", "2026-06-01", "2026-06-30", "year"},
		{"period=quarter&quarter=0", "quarter", "2026-06-01", "2026-06-30", "quarter"},
		{"period=custom&from=2025-02-30&to=2025-03-01", "custom", "2026-06-01", "2026-06-30", "from"},
		{"period=custom&from=2025-02-01", "custom", "2026-06-01", "2026-06-30", "to"},
		{"period=weekly", "month", "2026-06-01", "2026-06-30", "period"},
	} {
		q, _ := url.ParseQuery(c.query)
		var errs invalid.Errors
		p := readPeriod(q, today, &errs)
		bad := ""
		if len(errs) > 0 {
			bad = errs[0].Field
		}
		if p.Kind != c.kind || p.From.String() != c.from || p.To.String() != c.to || bad != c.bad {
			t.Errorf("%q: %s %s–%s, error on %q; want %s %s–%s, error on %q", c.query, p.Kind, p.From, p.To, bad, c.kind, c.from, c.to, c.bad)
		}
	}
}

// FuzzReadPeriod: whatever the query, the period read is a real one that starts before it ends.
func FuzzReadPeriod(f *testing.F) {
	for _, s := range []string{"", "period=month&month=2024-02", "period=quarter&year=2025&quarter=4", "period=custom&from=2025-12-01&to=2026-01-31", "period=year&year=-1", "month=%00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, _ := url.ParseQuery(s)
		var errs invalid.Errors
		p := readPeriod(q, today, &errs)
		if p.From.IsZero() && len(errs) == 0 {
			t.Fatalf("%q: no period and no error", s)
		}
		if len(errs) == 0 && p.Kind != periodCustom && p.To.Before(p.From) {
			t.Fatalf("%q: %s–%s", s, p.From, p.To)
		}
		_ = p.form()
	})
}

// FuzzPostedMapping: the mapping selects, however posted, give a mapping that names each field
// at most once and only known fields, or a field error.
func FuzzPostedMapping(f *testing.F) {
	f.Add("h=%E5%BA%8F%E5%8F%B7&f=source_id&h=a&f=kind")
	f.Add("h=a&f=kind&h=b&f=kind")
	f.Add("h=a&f=nonsense&h=b")
	f.Fuzz(func(t *testing.T, s string) {
		r := httptest.NewRequest("POST", "/imports/preview", strings.NewReader(s))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			return
		}
		m, cols, _ := postedMapping(r, "zh-CN")
		seen := map[string]bool{}
		for _, c := range cols {
			if c.Field == "" {
				continue
			}
			if seen[c.Field] || m.Columns[c.Field] != c.Header {
				t.Fatalf("%q: %s twice or not mapped: %+v", s, c.Field, m.Columns)
			}
			seen[c.Field] = true
		}
		for field := range m.Columns {
			if !isRequiredField(field) && !contains(ledger.Fields, field) {
				t.Fatalf("%q: unknown field %q", s, field)
			}
		}
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
