// Package portal is the public face of the office: consumers file complaints, reports and
// inquiries on their phones, follow them after proving the phone with a one-time code, and
// withdraw a complaint; anyone reads the office's notices, finds a station and looks up a
// merchant's record. zh-CN and English, large text and high contrast on request, every form
// working without JavaScript. It reads and writes only through service, as the public or as
// the consumer who proved a matter.
package portal

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/httpio"
	"weiquan/internal/i18n"
	"weiquan/internal/service"
)

//go:embed templates/*.html static/*
var files embed.FS

// Cookies of the portal; none holds anything but a choice or an opaque token.
const (
	SessionCookie = "weiquan_portal"  // the consumer's proof of one matter
	LangCookie    = "weiquan_lang"    // shared with the workbench's sign-in page
	DisplayCookie = "weiquan_display" // "large", "contrast" or both
)

// Options tune the portal.
type Options struct {
	// BaseURL is where the public reaches the office (for the poster's QR code); empty: the request's host.
	BaseURL string
}

// Handler serves the portal.
type Handler struct {
	svc   *service.Service
	opt   Options
	pages map[string]*template.Template
}

// New returns the portal; it panics when a page template is missing or broken.
func New(svc *service.Service, opt Options) *Handler {
	h := &Handler{svc: svc, opt: opt, pages: map[string]*template.Template{}}
	layout, err := fs.ReadFile(files, "templates/layout.html")
	if err != nil {
		panic(err)
	}
	names, _ := fs.Glob(files, "templates/*.html")
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		body, _ := fs.ReadFile(files, n)
		t := template.New("layout").Funcs(funcs)
		template.Must(t.Parse(string(layout)))
		template.Must(t.Parse(string(body)))
		h.pages[name] = t
	}
	return h
}

// Mount registers every portal page on mux.
func (h *Handler) Mount(mux *http.ServeMux) {
	for _, rt := range h.routes() {
		mux.Handle(rt.pattern, h.guard(rt))
	}
}

// route is one row of the portal's route table.
type route struct {
	pattern string
	handle  http.HandlerFunc
}

// Patterns lists the portal's routes, so a test can hold each to its expected answer.
func (h *Handler) Patterns() []string {
	var out []string
	for _, rt := range h.routes() {
		out = append(out, rt.pattern)
	}
	return out
}

type ctxKey struct{}

// req is what every handler knows of its request.
type req struct {
	lang    string
	display string
	who     auth.Principal // the public, or the consumer who proved a matter
}

func reqOf(r *http.Request) req { v, _ := r.Context().Value(ctxKey{}).(req); return v }

func (h *Handler) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := req{lang: httpio.Lang(r), who: auth.Anonymous(httpio.ClientAddr(r))}
		if c, err := r.Cookie(LangCookie); err == nil && i18n.Normalize(c.Value) != "" && r.URL.Query().Get("lang") == "" {
			q.lang = i18n.Normalize(c.Value)
		}
		if c, err := r.Cookie(DisplayCookie); err == nil {
			q.display = displayClasses(c.Value)
		}
		if c, err := r.Cookie(SessionCookie); err == nil {
			if p, err := h.svc.PortalPrincipal(r.Context(), q.who.Addr, c.Value); err == nil {
				q.who = p
			}
		}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, q))
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		hd.Set("Cache-Control", "no-store")
		hd.Set("Referrer-Policy", "no-referrer")
		err := httpio.ParseForm(w, r)
		if err == nil {
			err = httpio.CheckPath(r, rt.pattern)
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		rt.handle(w, r)
	})
}

// page is what every portal template gets.
type page struct {
	Lang    string
	Display string
	Title   string // a catalog key
	Path    string
	Proved  string // the number the consumer proved, if any
	Form    map[string]string
	Errors  map[string]string // field → message in the page's language
	Problem string            // a message for the whole form
	Data    any
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	q := reqOf(r)
	p.Lang, p.Display, p.Path = q.lang, q.display, r.URL.Path
	if q.who.Consumer != nil {
		p.Proved = q.who.Consumer.Number
	}
	t, ok := h.pages[name]
	if !ok {
		panic("portal: no page " + name)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", p); err != nil {
		slog.Error("portal: render", "page", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// fail answers an error that is no field error of a form: not found, too many tries, broken input.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	q := reqOf(r)
	pr := httpio.Classify(q.lang, err)
	if pr.Internal {
		slog.Error("portal", "path", r.URL.Path, "error", err)
	}
	msg := ""
	if len(pr.Body.Errors) > 0 {
		msg = pr.Body.Errors[0].Message
	}
	h.render(w, r, pr.Status, "error", page{Title: "portal.error.title", Problem: msg})
}

// formErrors turns field errors into messages by field; ok is false for other errors.
func formErrors(lang string, err error) (map[string]string, bool) {
	pr := httpio.Classify(lang, err)
	if pr.Status != http.StatusUnprocessableEntity {
		return nil, false
	}
	out := map[string]string{}
	for _, fe := range pr.Body.Errors {
		if _, dup := out[fe.Field]; !dup {
			out[fe.Field] = fe.Message
		}
	}
	return out, true
}

func displayClasses(v string) string {
	var out []string
	for _, c := range strings.Split(v, ",") {
		if c == "large" || c == "contrast" {
			out = append(out, c)
		}
	}
	return strings.Join(out, " ")
}

var funcs = template.FuncMap{
	"t": func(lang, key string, args ...any) string {
		s := make([]string, len(args))
		for i, a := range args {
			s[i] = fmt.Sprint(a)
		}
		return i18n.T(lang, key, s...)
	},
	"day":      func(t time.Time) string { return t.In(calendar.Shanghai).Format("2006-01-02") },
	"when":     func(t time.Time) string { return t.In(calendar.Shanghai).Format("2006-01-02 15:04") },
	"has":      func(m map[string]string, k string) bool { _, ok := m[k]; return ok },
	"str":      func(v any) string { return fmt.Sprint(v) },
	"contains": strings.Contains,
	"stars":    func() []int { return []int{5, 4, 3, 2, 1} },
	"deref": func(p *int) int {
		if p == nil {
			return 0
		}
		return *p
	},
	"list": func(v ...string) []string { return v },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
}
