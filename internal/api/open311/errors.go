package open311

import (
	"encoding/xml"
	"errors"
	"log/slog"
	"net/http"

	"weiquan/internal/fault"
	"weiquan/internal/httpio"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
)

// errorItem is one entry of the spec's error list. The code is the HTTP status,
// as the spec suggests "in most cases"; the description names the field in the
// client's language.
type errorItem struct {
	Code        int    `json:"code" xml:"code"`
	Description string `json:"description" xml:"description"`
}

type errorList struct {
	XMLName xml.Name    `xml:"errors"`
	Errors  []errorItem `xml:"error"`
}

// statusError is an error that already knows its status and message key.
type statusError struct {
	status int
	key    string
	args   []string
}

func (e *statusError) Error() string { return "open311: " + e.key }

var (
	errNotFound = &statusError{http.StatusNotFound, "err.not_found_resource", nil}
	errMethod   = &statusError{http.StatusMethodNotAllowed, "err.method", nil}
	errAPIKey   = &statusError{http.StatusForbidden, "err.api_key", nil}
)

// fail writes err as the spec's error list. The spec asks for 404 for what does
// not exist, 403 for a wrong or missing api_key and 400 for anything else the
// client got wrong; a failure of our own is the one 500.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, f format, err error) {
	l := lang(r)
	var se *statusError
	var be *httpio.BodyError
	switch errs, ok := invalid.As(err); {
	case ok:
		list := make([]errorItem, len(errs))
		for i, fe := range errs {
			list[i] = errorItem{http.StatusBadRequest, httpio.FieldMessage(l, fe)}
		}
		write(w, f, http.StatusBadRequest, list, errorList{Errors: list})
		return
	case errors.As(err, &se):
	case errors.As(err, &be):
		se = &statusError{be.Status, be.Key, be.Args}
	case errors.Is(err, fault.ErrNotFound):
		se = errNotFound
	default:
		slog.Error("open311: request failed", "method", r.Method, "path", r.URL.Path, "error", err)
		se = &statusError{http.StatusInternalServerError, "err.internal", nil}
	}
	list := []errorItem{{se.status, i18n.T(l, se.key, se.args...)}}
	write(w, f, se.status, list, errorList{Errors: list})
}
