package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"weiquan/internal/auth"
	"weiquan/internal/httpio"
	"weiquan/internal/i18n"
	"weiquan/internal/service"
)

// LangCookie remembers the language of a browser before anyone signs in (R-P6).
const LangCookie = "weiquan_lang"

type ctxKey int

const (
	userKey ctxKey = iota
	langKey
)

// who is the principal of a request: the signed-in user, or the public.
func who(r *http.Request) auth.Principal {
	p := service.PrincipalFrom(r.Context())
	if p.Addr == "" {
		p.Addr = r.RemoteAddr
	}
	return p
}

func userOf(r *http.Request) *auth.User {
	u, _ := r.Context().Value(userKey).(*auth.User)
	return u
}

// langOf is the page language: the user's choice, else the browser's cookie, else
// Accept-Language, else zh-CN.
func langOf(r *http.Request) string {
	if l, ok := r.Context().Value(langKey).(string); ok {
		return l
	}
	return requestLang(r, nil)
}

func requestLang(r *http.Request, u *auth.User) string {
	if u != nil && i18n.Normalize(u.Lang) != "" {
		return i18n.Normalize(u.Lang)
	}
	if c, err := r.Cookie(LangCookie); err == nil && i18n.Normalize(c.Value) != "" {
		return i18n.Normalize(c.Value)
	}
	return i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

// guard resolves the signed-in user and the language, then checks the route's roles:
// no session sends the browser to sign in, a wrong role gets a 403 page.
func (h *Handler) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var u *auth.User
		if tok := httpio.Token(r); tok != "" {
			if got, err := h.svc.UserByToken(r.Context(), tok); err == nil {
				u = &got
			}
		}
		ctx := context.WithValue(r.Context(), userKey, u)
		ctx = context.WithValue(ctx, langKey, requestLang(r, u))
		if u != nil {
			// so reads are scoped to the user and commands name who acted in the audit log
			ctx = service.WithPrincipal(ctx, auth.Principal{User: u, Addr: r.RemoteAddr})
		}
		r = r.WithContext(ctx)
		setPageHeaders(w)
		if rt.roles != nil {
			if u == nil {
				toLogin(w, r)
				return
			}
			if len(rt.roles) > 0 && !slices.Contains(rt.roles, u.Role) {
				h.errorPage(w, r, http.StatusForbidden)
				return
			}
		}
		// One check of the query, the path and a url-encoded form for every page:
		// unparseable is a 400, control characters or broken UTF-8 a 422.
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

func setPageHeaders(w http.ResponseWriter) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
	hd.Set("Cache-Control", "no-store")
}

// toLogin sends a browser to the sign-in page, coming back here afterwards.
func toLogin(w http.ResponseWriter, r *http.Request) {
	next := ""
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		next = "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, "/login"+next, http.StatusSeeOther)
}

// localPath keeps only paths on this site, so a next= or back= link cannot send
// anyone elsewhere: anything else is the fallback.
func localPath(p, fallback string) string {
	if !sameOrigin(p) {
		return fallback
	}
	return p
}

// sameOrigin accepts a path that starts with one "/" — not "//" or "/\", which
// browsers read as another host — holds no backslash, whitespace, control or
// invisible format character anywhere (browsers drop tabs and line breaks, so
// "/\t/evil" is "//evil"), and whose path says the same once percent-decoded
// and parses with no scheme or host.
func sameOrigin(p string) bool {
	if len(p) > 2000 || !strings.HasPrefix(p, "/") || !utf8.ValidString(p) || strings.ContainsFunc(p, unsafeInLink) {
		return false
	}
	path, _, _ := strings.Cut(p, "?")
	path, _, _ = strings.Cut(path, "#")
	dec, err := url.PathUnescape(path)
	if err != nil || !utf8.ValidString(dec) || strings.ContainsFunc(dec, unsafeInLink) || strings.HasPrefix(dec, "//") {
		return false
	}
	u, err := url.Parse(p)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil && u.Opaque == "" && strings.HasPrefix(u.Path, "/") &&
		!strings.HasPrefix(u.Path, "//")
}

func unsafeInLink(r rune) bool {
	return r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError
}

// home is the first page of a role: operators take calls, others work their queue.
func home(u *auth.User) string {
	switch u.Role {
	case auth.Operator:
		return "/intake"
	case auth.Liaison:
		return "/profile"
	}
	return "/queue"
}

func (h *Handler) showHome(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, home(userOf(r)), http.StatusSeeOther)
}
