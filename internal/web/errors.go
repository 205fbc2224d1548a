package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"weiquan/internal/fault"
	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
)

type errorData struct {
	Status  int
	Heading string
	Message string
}

// errorPage renders a plain page for a status: 403, 404, 409, 422, 429 or 500.
func (h *Handler) errorPage(w http.ResponseWriter, r *http.Request, status int, msg ...string) {
	lang := langOf(r)
	d := errorData{Status: status, Heading: trOr(lang, "web.error.title."+itoa(status), "web.error.title"),
		Message: trOr(lang, "web.error.text."+itoa(status), "web.error.text")}
	if len(msg) > 0 {
		d.Message = msg[0]
	}
	h.render(w, r, status, "error", page{Title: "web.error.title", Data: d})
}

// fail is the one place a handler's error becomes a page; httpio.Classify decides
// the status and the words, as it does for the API.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, fault.ErrUnauthorized) {
		toLogin(w, r)
		return
	}
	p := httpio.Classify(langOf(r), err)
	if p.Internal {
		slog.Error("web: request failed", "method", r.Method, "path", r.URL.Path, "error", err)
		h.errorPage(w, r, p.Status)
		return
	}
	switch p.Status {
	case http.StatusForbidden, http.StatusNotFound:
		h.errorPage(w, r, p.Status)
	default:
		h.errorPage(w, r, p.Status, p.Message())
	}
}

// formErrors turns field errors into field → message for the form, in the page's language.
func formErrors(lang string, err error) (map[string]string, bool) {
	errs, ok := invalid.As(err)
	if !ok {
		return nil, false
	}
	out := map[string]string{}
	for _, f := range errs {
		if _, dup := out[f.Field]; !dup {
			out[f.Field] = httpio.FieldMessage(lang, f)
		}
	}
	return out, true
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.errorPage(w, r, http.StatusNotFound)
}

func itoa(n int) string { return strconv.Itoa(n) }
