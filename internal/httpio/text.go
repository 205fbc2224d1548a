package httpio

import (
	"errors"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"unicode/utf8"

	"weiquan/internal/invalid"
)

// Every decoder of outside input ends here: a NUL, another control character
// (tab and line breaks only in free text, see invalid.IsFreeText) or bytes that
// are not UTF-8 are refused with a field error (422) naming the field — never
// stored, never silently replaced, never a database error (500).

// CheckDecoded walks a decoded JSON value and refuses text that is not clean,
// naming each field by its JSON path ("consumer.name", "changes.facts").
// rawInvalid says the body held bytes that were not UTF-8: encoding/json has
// turned them into U+FFFD, so the fields holding U+FFFD are the ones to blame.
func CheckDecoded(v any, rawInvalid bool) error {
	var errs invalid.Errors
	walk(reflect.ValueOf(v), "", rawInvalid, &errs, 0)
	if rawInvalid && len(errs) == 0 {
		errs.Add("body", invalid.Encoding)
	}
	return errs.Err()
}

const maxWalkDepth = 64

func walk(v reflect.Value, path string, rawInvalid bool, errs *invalid.Errors, depth int) {
	if !v.IsValid() || depth > maxWalkDepth || len(*errs) >= 20 {
		return
	}
	field := path
	if field == "" {
		field = "body"
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), path, rawInvalid, errs, depth+1)
		}
	case reflect.String:
		s := v.String()
		if rawInvalid && strings.ContainsRune(s, utf8.RuneError) && !errs.Has(field) {
			errs.Add(field, invalid.Encoding)
			return
		}
		errs.Text(field, s)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if sf.Anonymous && name == "" {
				walk(v.Field(i), path, rawInvalid, errs, depth+1) // embedded: its fields are ours
				continue
			}
			if name == "" {
				name = sf.Name
			}
			walk(v.Field(i), join(path, name), rawInvalid, errs, depth+1)
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		it := v.MapRange()
		for it.Next() {
			k := it.Key().String()
			code := invalid.TextCode(k, false)
			if code == "" && rawInvalid && strings.ContainsRune(k, utf8.RuneError) {
				code = invalid.Encoding
			}
			if code != "" {
				if !errs.Has(field) {
					errs.Add(field, code) // a bad key cannot name itself
				}
				continue
			}
			walk(it.Value(), join(path, k), rawInvalid, errs, depth+1)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes (json.RawMessage) are not text until someone decodes them
		}
		for i := range v.Len() {
			walk(v.Index(i), path, rawInvalid, errs, depth+1)
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// errQuery is a query string whose percent-encoding is broken.
var errQuery = &BodyError{http.StatusBadRequest, "query", "form", "err.form", []string{"detail", "query string"}}

// CheckQuery refuses a query string that does not parse (400) or holds text that
// is not clean (422); the web workbench, the API and Open311 call it once per request.
func CheckQuery(r *http.Request) error {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return errQuery
	}
	var errs invalid.Errors
	errs.Values("query", q)
	return errs.Err()
}

// CheckPath refuses path values ({number}, {id}, …) that are not clean text,
// naming the wildcards of a ServeMux pattern such as "GET /matters/{number}".
func CheckPath(r *http.Request, pattern string) error {
	var errs invalid.Errors
	for _, name := range Wildcards(pattern) {
		errs.Text(name, r.PathValue(name))
	}
	return errs.Err()
}

// Wildcards lists the names of a pattern's {wildcards}.
func Wildcards(pattern string) []string {
	var out []string
	for {
		i := strings.IndexByte(pattern, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(pattern[i:], '}')
		if j < 0 {
			return out
		}
		name := strings.TrimSuffix(pattern[i+1:i+j], "...")
		if name != "" && name != "$" {
			out = append(out, name)
		}
		pattern = pattern[i+j+1:]
	}
}

// MaxForm is the largest url-encoded form body read.
const MaxForm = MaxBody

// ParseForm reads a url-encoded form body (at most MaxForm bytes) and the query,
// and checks every value. A form that does not parse is a 400, not a list of
// "required" errors; a multipart body is left for its handler (see CheckMultipart),
// which knows how large it may be and may stream it.
func ParseForm(w http.ResponseWriter, r *http.Request) error {
	if err := CheckQuery(r); err != nil {
		return err
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		return nil
	}
	if r.Body != nil && r.Body != http.NoBody {
		r.Body = http.MaxBytesReader(w, r.Body, MaxForm)
	}
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &BodyError{http.StatusRequestEntityTooLarge, "body", "too_large", "err.body_too_large", []string{"max", "1 MB"}}
		}
		return &BodyError{http.StatusBadRequest, "form", "form", "err.form", []string{"detail", "url-encoded form"}}
	}
	var errs invalid.Errors
	errs.Values("form", r.PostForm)
	return errs.Err()
}

// ErrMultipart is a multipart body that does not parse: a 400, like any form
// that does not parse, not a list of "required" errors.
var ErrMultipart = &BodyError{http.StatusBadRequest, "form", "form", "err.form", []string{"detail", "multipart/form-data"}}

// ParseMultipart parses a multipart form (files past maxMemory go to temporary
// files, as http.Request.ParseMultipartForm does) and checks its text: a body
// that does not parse is ErrMultipart; one over the caller's http.MaxBytesReader
// is returned as the *http.MaxBytesError, for the caller to say how large it may be.
// A body that is not multipart at all has no files, which the caller reports.
func ParseMultipart(r *http.Request, maxMemory int64) error {
	err := r.ParseMultipartForm(maxMemory)
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, http.ErrNotMultipart):
		return nil // a url-encoded form without the file: its fields were read (and checked) by ParseForm
	case errors.As(err, &mbe):
		return err
	case err != nil:
		return ErrMultipart
	}
	return CheckMultipart(r.MultipartForm)
}

// CheckMultipart checks the text fields and file names of a parsed multipart form.
func CheckMultipart(f *multipart.Form) error {
	if f == nil {
		return nil
	}
	var errs invalid.Errors
	errs.Values("form", f.Value)
	for name, fhs := range f.File {
		for _, fh := range fhs {
			errs.Text(name, fh.Filename)
		}
	}
	return errs.Err()
}
