// Package open311 serves Open311 GeoReport v2 under /open311/v2, so that city
// apps and other systems built for the standard can file complaints, reports
// and inquiries with the office and follow public matters, in XML and JSON.
package open311

import (
	"net/http"
	"slices"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// Prefix is where the GeoReport v2 endpoint lives.
const Prefix = "/open311/v2"

// TestPrefix is the test endpoint: the same resources, reads of the same public matters,
// and POSTs checked exactly as in production but never filed, so a client can be tried
// against the office without making a matter.
const TestPrefix = "/open311/test/v2"

// prefixes are the endpoints discovery lists: production, then test.
var prefixes = []string{Prefix, TestPrefix}

// testing reports whether a request came to the test endpoint.
func testing(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, TestPrefix+"/") }

// Specification identifies GeoReport v2 in the discovery document.
const Specification = "http://wiki.open311.org/GeoReport_v2"

// Handler serves Open311 GeoReport v2.
type Handler struct {
	svc *service.Service
}

// New returns the Open311 handler.
func New(svc *service.Service) *Handler { return &Handler{svc: svc} }

// format is the representation a client asked for by the extension of the resource.
type format string

const (
	formatXML  format = "xml"
	formatJSON format = "json"
)

var formats = []format{formatXML, formatJSON}

// route is one resource: its path below Prefix without the extension. A path
// ending in "/{file}" carries an id plus the extension, which the handler splits.
type route struct {
	method, path string
	handle       func(h *Handler, w http.ResponseWriter, r *http.Request, f format, id string)
}

var routes = []route{
	{"GET", "/discovery", (*Handler).discovery},
	{"GET", "/services", (*Handler).services},
	{"GET", "/services/{file}", (*Handler).serviceDefinition},
	{"POST", "/requests", (*Handler).createRequest},
	{"GET", "/requests", (*Handler).listRequests},
	{"GET", "/requests/{file}", (*Handler).getRequest},
	{"GET", "/tokens/{file}", (*Handler).token},
}

// Mount registers every resource in .xml and .json, and a fallback that answers
// anything else under /open311/ with the spec's error list.
func (h *Handler) Mount(mux *http.ServeMux) {
	for _, prefix := range prefixes {
		for _, rt := range routes {
			if strings.HasSuffix(rt.path, "/{file}") {
				mux.HandleFunc(rt.method+" "+prefix+rt.path, func(w http.ResponseWriter, r *http.Request) {
					id, f, ok := splitFormat(r.PathValue("file"))
					if !ok || id == "" {
						h.fail(w, r, negotiate(r), errNotFound)
						return
					}
					if err := checkRequest(r); err != nil {
						h.fail(w, r, f, err)
						return
					}
					if code := invalid.TextCode(id, false); code != "" {
						h.fail(w, r, f, invalid.New(idNames[rt.path], code))
						return
					}
					rt.handle(h, w, r, f, id)
				})
				continue
			}
			for _, f := range formats {
				mux.HandleFunc(rt.method+" "+prefix+rt.path+"."+string(f), func(w http.ResponseWriter, r *http.Request) {
					if err := checkRequest(r); err != nil {
						h.fail(w, r, f, err)
						return
					}
					rt.handle(h, w, r, f, "")
				})
			}
		}
	}
	mux.HandleFunc("/open311/", h.fallback)
}

// idNames names the id in a path as the spec's parameters do, for error messages.
var idNames = map[string]string{"/services/{file}": "service_code", "/requests/{file}": "service_request_id", "/tokens/{file}": "token_id"}

// checkRequest refuses a query holding control characters or bytes that are not
// UTF-8 before any handler sees it; the id in a path is checked beside it, and
// POST bodies in readForm.
func checkRequest(r *http.Request) error { return httpio.CheckQuery(r) }

// fallback answers paths that are not a resource (404) and resources asked
// for with a method they do not take (405), in the spec's error format.
func (h *Handler) fallback(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, TestPrefix)
	if !ok {
		rest, _ = strings.CutPrefix(r.URL.Path, Prefix)
	}
	var allow []string
	for _, rt := range routes {
		if rt.method != r.Method && known(rt.path, rest) {
			allow = append(allow, rt.method)
		}
	}
	if len(allow) == 0 {
		h.fail(w, r, negotiate(r), errNotFound)
		return
	}
	slices.Sort(allow)
	w.Header().Set("Allow", strings.Join(allow, ", "))
	if r.Method == http.MethodOptions {
		// A browser app asks before it POSTs a JSON body or sends Accept-Language.
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Methods", strings.Join(allow, ", "))
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Accept, Accept-Language")
		w.Header().Set("Access-Control-Max-Age", "86400")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	h.fail(w, r, negotiate(r), errMethod)
}

// known reports whether rest (the path below Prefix) names the route's resource.
func known(path, rest string) bool {
	if base, ok := strings.CutSuffix(path, "/{file}"); ok {
		file, ok := strings.CutPrefix(rest, base+"/")
		if !ok || strings.Contains(file, "/") {
			return false
		}
		id, _, ok := splitFormat(file)
		return ok && id != ""
	}
	name, f, ok := splitFormat(rest)
	return ok && name == path && f != ""
}

// splitFormat cuts "20250101-000001.json" into the id and a known format.
func splitFormat(file string) (string, format, bool) {
	i := strings.LastIndexByte(file, '.')
	if i < 0 {
		return file, "", false
	}
	f := format(file[i+1:])
	if f != formatXML && f != formatJSON {
		return file, "", false
	}
	return file[:i], f, true
}

// negotiate picks the format of an error when the path names none: XML, which
// the spec requires, unless the client says it accepts JSON and not XML.
func negotiate(r *http.Request) format {
	if strings.HasSuffix(r.URL.Path, ".json") {
		return formatJSON
	}
	acc := r.Header.Get("Accept")
	if strings.Contains(acc, "json") && !strings.Contains(acc, "xml") {
		return formatJSON
	}
	return formatXML
}

// lang is the request's language: ?lang=, then Accept-Language, then zh-CN.
func lang(r *http.Request) string { return httpio.Lang(r) }

// who is the principal of an Open311 read: the public, from the client's address.
func who(r *http.Request) auth.Principal { return auth.Anonymous(r.RemoteAddr) }

// Patterns lists every resource as "METHOD path" with its .json and .xml forms
// ("{id}" where a path carries one), so a test can hold each to its expected answer.
func Patterns() []string {
	var out []string
	for _, prefix := range prefixes {
		for _, rt := range routes {
			p := strings.TrimSuffix(rt.path, "/{file}")
			for _, f := range formats {
				if p != rt.path {
					out = append(out, rt.method+" "+prefix+p+"/{id}."+string(f))
				} else {
					out = append(out, rt.method+" "+prefix+p+"."+string(f))
				}
			}
		}
	}
	return out
}
