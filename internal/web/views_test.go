package web

import (
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/i18n"
)

// TestEveryViewExists: every page template is listed and parses, and every
// listed view has its file — the same check New makes at start-up.
func TestEveryViewExists(t *testing.T) {
	v, err := loadViews()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := fs.Glob(templateFiles, "templates/*.html")
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		extra := false
		for _, fs := range extras {
			extra = extra || slices.Contains(fs, name+".html")
		}
		if !slices.Contains(viewNames, name) && !slices.Contains(shared, name+".html") && !extra {
			t.Errorf("template %s is not a listed view", f)
		}
	}
	for _, lang := range i18n.Languages {
		if len(v.pages[lang]) != len(viewNames) {
			t.Errorf("%s: %d views parsed, %d listed", lang, len(v.pages[lang]), len(viewNames))
		}
	}
	saved := viewNames
	defer func() { viewNames = saved }()
	viewNames = append(slices.Clone(saved), "no_such_view")
	if _, err := loadViews(); err == nil || !strings.Contains(err.Error(), "no_such_view") {
		t.Errorf("a missing view is not refused at start-up: %v", err)
	}
}

// TestMissingTemplatesFound: a page that calls a part it was not parsed with
// (the extras of a view) is refused at start, naming the part.
func TestMissingTemplatesFound(t *testing.T) {
	tpl := template.Must(template.New("p").Parse(`{{define "content"}}{{if .}}{{template "mediation" .}}{{else}}{{range .}}{{template "known" .}}{{end}}{{end}}{{end}}{{define "known"}}x{{end}}`))
	if got := missingTemplates(tpl); !slices.Equal(got, []string{"mediation"}) {
		t.Fatalf("missing %v, want [mediation]", got)
	}
	tpl = template.Must(template.New("q").Parse(`{{define "content"}}{{with .}}{{template "known" .}}{{end}}{{end}}{{define "known"}}x{{end}}`))
	if got := missingTemplates(tpl); len(got) != 0 {
		t.Fatalf("missing %v, want none", got)
	}
}

// TestCountdownColours: green with time to spare, amber under the share or the
// minutes configured, red once passed; none without a deadline or once closed.
func TestCountdownColours(t *testing.T) {
	h := &Handler{opt: Options{AmberFraction: 0.25, AmberWithin: 10 * time.Minute}}
	start := time.Date(2026, 6, 16, 1, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		due, now time.Duration
		class    string
		text     string
	}{
		{15 * time.Minute, 1 * time.Minute, "ok", "剩余 14分钟"},
		{15 * time.Minute, 6 * time.Minute, "amber", "剩余 9分钟"},  // under 10 minutes
		{48 * time.Hour, 37 * time.Hour, "amber", "剩余 11小时0分钟"}, // under 25 %
		{48 * time.Hour, 30 * time.Hour, "ok", "剩余 18小时0分钟"},
		{15 * time.Minute, 20 * time.Minute, "over", "已超时 5分钟"},
		{3 * 24 * time.Hour, time.Hour, "ok", "剩余 2天23小时"},
	} {
		due := start.Add(c.due)
		m := casework.Matter{State: casework.Dispatched, ReceivedAt: start, DueAt: &due, DueKind: "on_site"}
		d := h.dueOf("zh-CN", &m, start.Add(c.now))
		if !d.Has || d.Class != c.class || d.Text != c.text || d.Kind != "到场" {
			t.Errorf("due %v at %v: %+v", c.due, c.now, d)
		}
	}
	due := start.Add(time.Hour)
	for _, m := range []casework.Matter{{State: casework.Received, ReceivedAt: start},
		{State: casework.Closed, ReceivedAt: start, DueAt: &due},
		{State: casework.OnSite, ReceivedAt: start, DueAt: &due, DueKind: "on_site", ArrivedAt: &start}} {
		if d := h.dueOf("en", &m, start); d.Has {
			t.Errorf("%s: countdown shown: %+v", m.State, d)
		}
	}
	m := casework.Matter{State: casework.Accepted, ReceivedAt: start, DueAt: &due, DueKind: "something_new"}
	if d := h.dueOf("en", &m, start); d.Kind != "deadline" || d.Text != "1 h 0 min left" {
		t.Errorf("unknown deadline kind: %+v", d)
	}
}
