package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"weiquan/internal/api"
	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
	"weiquan/internal/store"
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

// fail is the one place a handler's error becomes a page: the HTML twin of the API's fail.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	lang := langOf(r)
	var te *casework.TransitionError
	switch errs, ok := invalid.As(err); {
	case ok:
		msg := ""
		for i, f := range errs {
			if i > 0 {
				msg += "；"
			}
			msg += api.FieldMessage(lang, f)
		}
		h.errorPage(w, r, http.StatusUnprocessableEntity, msg)
	case errors.As(err, &te) && errors.Is(err, casework.ErrTransition):
		h.errorPage(w, r, http.StatusConflict, transitionMessage(lang, te))
	case errors.Is(err, casework.ErrForbidden), errors.Is(err, service.ErrForbidden):
		h.errorPage(w, r, http.StatusForbidden)
	case errors.Is(err, service.ErrUnauthorized):
		toLogin(w, r)
	case errors.Is(err, store.ErrNotFound):
		h.errorPage(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrConflict):
		h.errorPage(w, r, http.StatusConflict, i18n.T(lang, "err.stale"))
	default:
		slog.Error("web: request failed", "method", r.Method, "path", r.URL.Path, "error", err)
		h.errorPage(w, r, http.StatusInternalServerError)
	}
}

func transitionMessage(lang string, te *casework.TransitionError) string {
	return i18n.T(lang, "err.transition", "action", trOr(lang, "action."+string(te.Action), "web.action.generic"),
		"state", i18n.T(lang, "state."+string(te.State)))
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
			out[f.Field] = api.FieldMessage(lang, f)
		}
	}
	return out, true
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.errorPage(w, r, http.StatusNotFound)
}

func itoa(n int) string { return strconv.Itoa(n) }
