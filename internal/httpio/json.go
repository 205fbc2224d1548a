package httpio

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"weiquan/internal/invalid"
)

// MaxBody is the largest JSON body read.
const MaxBody = 1 << 20

// WriteJSON writes v as the response, never cached.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// Decode reads a JSON body into v: at most MaxBody bytes, no unknown fields, one value.
func Decode(w http.ResponseWriter, r *http.Request, v any) error { return decodeBody(w, r, v, false) }

// DecodeOptional is Decode for requests whose body may be left out entirely.
func DecodeOptional(w http.ResponseWriter, r *http.Request, v any) error {
	return decodeBody(w, r, v, true)
}

func decodeBody(w http.ResponseWriter, r *http.Request, v any, optional bool) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &BodyError{http.StatusRequestEntityTooLarge, "body", "too_large", "err.body_too_large", []string{"max", "1 MB"}}
	}
	if err != nil {
		return &BodyError{http.StatusBadRequest, "body", "json", "err.json", []string{"detail", err.Error()}}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	if optional && errors.Is(err, io.EOF) {
		return nil
	}
	if err == nil {
		if dec.More() {
			return &BodyError{http.StatusBadRequest, "body", "json", "err.json", []string{"detail", "trailing data"}}
		}
		// encoding/json turns bytes that are not UTF-8 into U+FFFD and "\u0000" into
		// NUL without a word: both are refused here, naming the field.
		return CheckDecoded(v, !utf8.Valid(body))
	}
	var ute *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &ute):
		field := ute.Field
		if field == "" {
			field = "body"
		}
		return invalid.New(field, invalid.Format)
	case errors.As(err, &se), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &BodyError{http.StatusBadRequest, "body", "json", "err.json", []string{"detail", err.Error()}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, uerr := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		if uerr != nil || invalid.TextCode(name, false) != "" || len(name) > 100 {
			name = "body"
		}
		return &BodyError{http.StatusBadRequest, name, "unknown_field", "err.unknown_field", nil}
	}
	// Errors from our own UnmarshalJSON methods (money, dates) are the client's format.
	return invalid.New("body", invalid.Format)
}
