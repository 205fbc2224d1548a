package api

import (
	"log/slog"
	"net/http"

	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
)

// FieldError and ErrorBody are the API's error shapes (R-P3), shared with the other parts.
type (
	FieldError = httpio.FieldError
	ErrorBody  = httpio.ErrorBody
)

// Lang is the request's language: ?lang=, then Accept-Language, then zh-CN.
func Lang(r *http.Request) string { return httpio.Lang(r) }

func writeJSON(w http.ResponseWriter, status int, v any) { httpio.WriteJSON(w, status, v) }

// fail writes one error response; httpio.Classify decides the status and words.
func fail(w http.ResponseWriter, r *http.Request, err error) {
	p := httpio.Classify(Lang(r), err)
	if p.Internal {
		slog.Error("api: request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	}
	writeJSON(w, p.Status, p.Body)
}

func decode(w http.ResponseWriter, r *http.Request, v any) error { return httpio.Decode(w, r, v) }

func decodeOptional(w http.ResponseWriter, r *http.Request, v any) error {
	return httpio.DecodeOptional(w, r, v)
}

func pageParams(r *http.Request, errs *invalid.Errors) (pageNo, perPage int) {
	return httpio.PageParams(r.URL.Query(), 50, 200, errs)
}

func queryID(r *http.Request, name string, errs *invalid.Errors) *int64 {
	return httpio.QueryID(r, name, errs)
}

// failAs is fail for a body whose field names differ from the rules': a field the rules
// call from is reported as the body's to, its message still worded with from's label (the
// label of "body" or "open" means something else). Conflicts and other errors go to fail.
func failAs(w http.ResponseWriter, r *http.Request, err error, rename map[string]string) {
	errs, ok := invalid.As(err)
	if !ok || invalid.IsConflict(err) {
		fail(w, r, err)
		return
	}
	var body ErrorBody
	for _, f := range errs {
		name := f.Field
		if to, ok := rename[f.Field]; ok {
			name = to
		}
		body.Errors = append(body.Errors, FieldError{Field: name, Code: f.Code, Message: httpio.FieldMessage(Lang(r), f)})
	}
	writeJSON(w, http.StatusUnprocessableEntity, body)
}
