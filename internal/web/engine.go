package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"text/template/parse"

	"weiquan/internal/auth"
	"weiquan/internal/i18n"
	"weiquan/internal/service"
)

//go:embed templates/*.html
var templateFiles embed.FS

// viewNames lists every page; loadViews refuses to start when one is missing,
// and a test checks that every template file is listed here.
var viewNames = []string{
	"login", "error", "profile",
	"intake", "intake_done", "queue", "matter",
	"admin_areas", "admin_area_form", "admin_stations", "admin_station_form",
	"admin_users", "admin_user_form", "admin_merchants", "admin_merchant_form", "admin_apikeys",
	"board", "alerts", "admin_calendar", "admin_calendar_year", "admin_calendar_notice", "admin_settings", "admin_settings_mediation",
	"report", "report_matters", "imports", "import_preview", "import_done",
	"admin_audit", "sign", "answer",
	"admin_outbox", "admin_templates", "notices", "notice_form",
	"collective_list", "collective_show", "credit_listings", "credit_listing", "credit_honours", "merchant_credit", "admin_settings_credit",
	"court", "court_desk", "reward", "meetings", "meeting", "referral_new", // issue 10
	"supervision", "supervision_questionnaire",
}

// shared are the templates every page is parsed with.
var shared = []string{"layout.html", "parts.html"}

// extras are the parts only some pages show. Parsed with every page, they were
// 35 KB of the 50 KB each page carried, three copies a page (its parse and a
// clone per language): about 75 MB of live heap for the templates, which every
// collection of the garbage collector walked and which its headroom doubled in
// the process's memory.
var extras = map[string][]string{
	"matter":          {"credit_parts.html", "matter_mediation.html", "matter_mediation_more.html"},
	"collective_show": {"credit_parts.html"},
}

// views holds every page once per language, each bound to that language's
// functions (t, tk), so a request picks its set and never clones or rebinds.
type views struct {
	pages map[string]map[string]*template.Template // language → view → template
}

// loadViews parses each page with the layout and parts once, at start, and
// makes one copy of it per language with that language's functions.
func loadViews() (*views, error) {
	v := &views{pages: map[string]map[string]*template.Template{}}
	for _, lang := range i18n.Languages {
		v.pages[lang] = map[string]*template.Template{}
	}
	for _, name := range viewNames {
		files := append(append(slices.Clone(shared), extras[name]...), name+".html")
		for _, f := range files {
			if _, err := fs.Stat(templateFiles, "templates/"+f); err != nil {
				return nil, fmt.Errorf("web: view %s: template %s is missing", name, f)
			}
		}
		paths := make([]string, len(files))
		for i, f := range files {
			paths[i] = "templates/" + f
		}
		t, err := template.New(name).Funcs(funcs(i18n.Default)).ParseFS(templateFiles, paths...)
		if err != nil {
			return nil, fmt.Errorf("web: view %s: %w", name, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("web: view %s defines no content", name)
		}
		if missing := missingTemplates(t); len(missing) > 0 {
			return nil, fmt.Errorf("web: view %s calls templates it is not parsed with: %v (extras)", name, missing)
		}
		for _, lang := range i18n.Languages {
			c, err := t.Clone() // before any execution, so cloning is allowed
			if err != nil {
				return nil, fmt.Errorf("web: view %s in %s: %w", name, lang, err)
			}
			v.pages[lang][name] = c.Funcs(funcs(lang))
		}
	}
	return v, nil
}

// page returns a view in a language, or in the default language.
func (v *views) page(lang, name string) (*template.Template, bool) {
	set, ok := v.pages[lang]
	if !ok {
		set = v.pages[i18n.Default]
	}
	t, ok := set[name]
	return t, ok
}

// page is what every template gets; Data holds what the page itself shows.
type page struct {
	Lang   string
	User   *auth.User
	Nav    []navItem
	Active string
	Title  string
	Flash  string
	Errors map[string]string
	Form   url.Values
	Path   string
	Unread int // unread alerts, for the badge in the header
	// UnreadMore: more than Unread (service.MaxCounted) are unread; the count stopped there.
	UnreadMore bool
	CSS        string
	JS         string
	Data       any
}

// render writes a page with the template set of the request's language.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	p.Lang, p.User, p.Path = langOf(r), userOf(r), r.URL.RequestURI()
	t, ok := h.views.page(p.Lang, name)
	if !ok {
		panic("web: no view " + name)
	}
	p.Nav = navFor(p.User)
	p.Unread = h.unreadAlerts(r)
	if p.Unread > service.MaxCounted {
		p.Unread, p.UnreadMore = service.MaxCounted, true
	}
	p.CSS, p.JS = h.assets.url("app.css"), h.assets.url("app.js")
	if p.Form == nil {
		p.Form = url.Values{}
	}
	if p.Title != "" {
		p.Title = i18n.T(p.Lang, p.Title)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		slog.Error("web: render", "view", name, "error", err)
		http.Error(w, "internal error / 服务器内部错误", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// tr translates with placeholder pairs given as any values.
func tr(lang, key string, args ...any) string {
	s := make([]string, len(args))
	for i, a := range args {
		s[i] = fmt.Sprint(a)
	}
	return i18n.T(lang, key, s...)
}

// trOr translates key, or falls back to another key when the catalogue lacks it.
func trOr(lang, key, fallback string) string {
	if i18n.Has(lang, key) {
		return i18n.T(lang, key)
	}
	return i18n.T(lang, fallback)
}

func idFor(field string) string { return "f-" + strings.NewReplacer(".", "-", "_", "-").Replace(field) }

// missingTemplates lists the templates a view calls ({{template "x"}}) that
// are not in its set, so a page parsed without the part it shows fails at
// start, not when someone opens it.
func missingTemplates(t *template.Template) []string {
	var missing []string
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.TemplateNode:
			if t.Lookup(n.Name) == nil && !slices.Contains(missing, n.Name) {
				missing = append(missing, n.Name)
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	for _, x := range t.Templates() {
		if x.Tree != nil {
			walk(x.Tree.Root)
		}
	}
	return missing
}
