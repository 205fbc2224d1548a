package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/i18n"
	"weiquan/internal/money"
)

// funcs are the template functions; only t and tk depend on the language.
func funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"t": func(key string, args ...any) string { return tr(lang, key, args...) },
		// tk translates prefix+value, showing the value itself when the catalogue has no entry.
		"tk": func(prefix string, v any) string {
			s := fmt.Sprint(v)
			if s == "" {
				return ""
			}
			if i18n.Has(lang, prefix+s) {
				return i18n.T(lang, prefix+s)
			}
			return s
		},
		// codeLabel names a code of a ledger field (kind, channel, status, outcome, category).
		"codeLabel": func(field, code string) string {
			prefix := map[string]string{"status": "state."}[field]
			if prefix == "" {
				prefix = field + "."
			}
			if i18n.Has(lang, prefix+code) {
				return i18n.T(lang, prefix+code)
			}
			return code
		},
		"time":    fmtTime,
		"duetime": dueStamp,
		"deref":   func(t *time.Time) time.Time { return *t },
		"timep": func(t *time.Time) string {
			if t == nil {
				return "—"
			}
			return fmtTime(*t)
		},
		"date":   func(t time.Time) string { return t.In(calendar.Shanghai).Format("2006-01-02") },
		"iso":    func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"yuan":   yuan,
		"fid":    idFor,
		"ferr":   fieldError,
		"bad":    func(errs map[string]string, name string) bool { _, ok := errs[name]; return ok },
		"add":    func(a, b int) int { return a + b },
		"f1":     func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
		"bytes":  humanBytes,
		"join":   strings.Join,
		"str":    func(v any) string { return fmt.Sprint(v) },
		"idstr":  idStr,
		"dict":   dict,
		"eqid":   func(p *int64, v int64) bool { return p != nil && *p == v },
		"repeat": strings.Repeat,
		"truth":  func(b *bool) bool { return b != nil && *b },
		"initial": func(s string) string {
			if r := []rune(s); len(r) > 0 {
				return string(r[0])
			}
			return ""
		},
	}
}

// dueStamp shows when a deadline is missed; one counted in days ends at midnight and
// reads as the last day at 24:00, as the notices say, not as the next day at 00:00.
func dueStamp(t time.Time) string {
	l := t.In(calendar.Shanghai)
	if !t.IsZero() && l.Hour() == 0 && l.Minute() == 0 && l.Second() == 0 {
		return l.Add(-time.Minute).Format("2006-01-02") + " 24:00"
	}
	return fmtTime(t)
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(calendar.Shanghai).Format("2006-01-02 15:04")
}

func yuan(f money.Fen) string {
	s := f.String()
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + "¥" + b.String() + "." + frac
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func idStr(p *int64) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}

// fieldError renders the message next to a field; the text is escaped.
func fieldError(errs map[string]string, name string) template.HTML {
	msg, ok := errs[name]
	if !ok {
		return ""
	}
	return template.HTML(`<p class="field-error" id="` + idFor(name) + `-err">` + template.HTMLEscapeString(msg) + `</p>`)
}

func dict(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}
