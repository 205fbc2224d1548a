package open311

import (
	"net/url"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

// list reads a parameter that may be comma separated and may be given several times.
func list(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// dateParam reads an optional W3C datetime; a blank one is not given.
func dateParam(v, field string, errs *invalid.Errors) *time.Time {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	t, ok := parseW3C(v)
	if !ok {
		errs.Add(field, invalid.Format)
		return nil
	}
	return &t
}

// w3cLayouts are the W3C datetime forms (https://www.w3.org/TR/NOTE-datetime);
// RFC 3339 parsing also takes fractions of a second.
var w3cLayouts = []string{time.RFC3339, "2006-01-02T15:04Z07:00"}

// localLayouts lack the zone the spec requires; they are read in Asia/Shanghai
// rather than refused, since that is the only zone the office works in.
var localLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02", "2006-01", "2006"}

// parseW3C reads a W3C datetime. A "+08:00" offset typed into a URL without
// escaping arrives as " 08:00", so a space after the time is read as "+".
func parseW3C(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, 'T'); i > 0 {
		s = s[:i] + strings.Replace(s[i:], " ", "+", 1)
	}
	for _, l := range w3cLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, s, calendar.Shanghai); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
