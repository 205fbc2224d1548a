package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

var errMethod = errors.New("api: method not allowed")

// MaxBody is the largest JSON body the API reads.
const MaxBody = 1 << 20

// FieldError is one problem in an error response (R-P3).
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ErrorBody is every error response of the JSON API.
type ErrorBody struct {
	Errors  []FieldError      `json:"errors"`
	Allowed []casework.Action `json:"allowed_actions,omitempty"`
}

// Lang is the request's language: ?lang=, then Accept-Language, then zh-CN.
func Lang(r *http.Request) string {
	if l := i18n.Normalize(r.URL.Query().Get("lang")); l != "" {
		return l
	}
	return i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// FieldMessage renders one field error in a language, naming the field as people know it.
func FieldMessage(lang string, f invalid.Field) string {
	label := i18n.T(lang, "field."+f.Field)
	if label == "field."+f.Field {
		label = f.Field
	}
	args := []string{"field", label}
	for k, v := range f.Args {
		args = append(args, k, v)
	}
	return i18n.T(lang, "err."+f.Code, args...)
}

// fail writes one error response; it is the single place errors become HTTP statuses.
func fail(w http.ResponseWriter, r *http.Request, err error) {
	lang := Lang(r)
	one := func(status int, field, code, key string, args ...string) {
		writeJSON(w, status, ErrorBody{Errors: []FieldError{{Field: field, Code: code, Message: i18n.T(lang, key, args...)}}})
	}
	var te *casework.TransitionError
	switch errs, ok := invalid.As(err); {
	case ok:
		body := ErrorBody{}
		for _, f := range errs {
			body.Errors = append(body.Errors, FieldError{Field: f.Field, Code: f.Code, Message: FieldMessage(lang, f)})
		}
		writeJSON(w, http.StatusUnprocessableEntity, body)
	case errors.As(err, &te) && errors.Is(err, casework.ErrTransition):
		body := ErrorBody{Errors: []FieldError{{Field: "action", Code: "transition",
			Message: i18n.T(lang, "err.transition", "action", i18n.T(lang, "action."+string(te.Action)), "state", i18n.T(lang, "state."+string(te.State)))}},
			Allowed: te.Allowed}
		if body.Allowed == nil {
			body.Allowed = []casework.Action{}
		}
		writeJSON(w, http.StatusConflict, body)
	case errors.Is(err, casework.ErrForbidden), errors.Is(err, service.ErrForbidden):
		one(http.StatusForbidden, "", "forbidden", "err.forbidden_action")
	case errors.Is(err, service.ErrUnauthorized):
		one(http.StatusUnauthorized, "", "unauthorized", "err.unauthorized")
	case errors.Is(err, store.ErrNotFound):
		one(http.StatusNotFound, "", "not_found", "err.not_found_resource")
	case errors.Is(err, store.ErrConflict):
		one(http.StatusConflict, "", "stale", "err.stale")
	case errors.Is(err, errMethod):
		one(http.StatusMethodNotAllowed, "", "method", "err.method")
	case errors.Is(err, store.ErrDuplicate):
		one(http.StatusConflict, "", "duplicate", "err.duplicate", "field", "")
	default:
		var be *bodyError
		if errors.As(err, &be) {
			writeJSON(w, be.status, ErrorBody{Errors: []FieldError{{Field: be.field, Code: be.code, Message: i18n.T(lang, be.key, be.args...)}}})
			return
		}
		slog.Error("api: request failed", "method", r.Method, "path", r.URL.Path, "error", err)
		one(http.StatusInternalServerError, "", "internal", "err.internal")
	}
}

// bodyError is a problem with the request body itself (400, 413).
type bodyError struct {
	status           int
	field, code, key string
	args             []string
}

func (e *bodyError) Error() string { return fmt.Sprintf("api: body: %s %s", e.field, e.code) }

// decode reads a JSON body into v: at most MaxBody bytes, no unknown fields, one value.
func decode(w http.ResponseWriter, r *http.Request, v any) error { return decodeBody(w, r, v, false) }

// decodeOptional is decode for actions whose body may be left out entirely.
func decodeOptional(w http.ResponseWriter, r *http.Request, v any) error {
	return decodeBody(w, r, v, true)
}

func decodeBody(w http.ResponseWriter, r *http.Request, v any, optional bool) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if optional && errors.Is(err, io.EOF) {
		return nil
	}
	if err == nil {
		if dec.More() {
			return &bodyError{http.StatusBadRequest, "body", "json", "err.json", []string{"detail", "trailing data"}}
		}
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			err = nil // a trailing read error is not the client's JSON
		}
		return nil
	}
	var mbe *http.MaxBytesError
	var ute *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &mbe):
		return &bodyError{http.StatusRequestEntityTooLarge, "body", "too_large", "err.body_too_large", []string{"max", "1 MB"}}
	case errors.As(err, &ute):
		field := ute.Field
		if field == "" {
			field = "body"
		}
		return invalid.New(field, invalid.Format)
	case errors.As(err, &se), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &bodyError{http.StatusBadRequest, "body", "json", "err.json", []string{"detail", err.Error()}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &bodyError{http.StatusBadRequest, name, "unknown_field", "err.unknown_field", nil}
	}
	// Errors from our own UnmarshalJSON methods (money, dates) are the client's format.
	return invalid.New("body", invalid.Format)
}
