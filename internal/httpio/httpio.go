// Package httpio is the HTTP plumbing the staff workbench, the JSON API and
// Open311 share: the session token and its cookie, the request's language, JSON
// in and out, ids from paths and queries, downloads, and the one mapping of an
// error to a status and field errors in the request's language.
package httpio

import (
	"net/http"
	"strings"

	"weiquan/internal/i18n"
)

// SessionCookie carries a browser's session token; the API accepts it as well as a bearer token.
const SessionCookie = "weiquan_session"

// Token returns the session token of a request: bearer first, then the cookie.
func Token(r *http.Request) string {
	if h := r.Header.Get("Authorization"); h != "" {
		if tok, ok := strings.CutPrefix(h, "Bearer "); ok {
			return strings.TrimSpace(tok)
		}
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// SetSessionCookie gives a browser its session as an HttpOnly cookie; maxAge < 0 removes it.
// It is Secure over TLS and whenever the public URL is https:// (see Secure).
func SetSessionCookie(w http.ResponseWriter, r *http.Request, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: Secure(r), MaxAge: maxAge})
}

// Lang is an API request's language: ?lang=, then Accept-Language, then zh-CN.
func Lang(r *http.Request) string {
	if l := i18n.Normalize(r.URL.Query().Get("lang")); l != "" {
		return l
	}
	return i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}
