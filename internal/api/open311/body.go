package open311

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
)

const (
	maxForm      = httpio.MaxBody // the fields of a POST, however they are sent
	maxMultipart = 10 << 20       // a multipart body may carry a photo, which is read past and not kept
)

var errTooLarge = &statusError{http.StatusBadRequest, "err.body_too_large", []string{"max", "1 MB"}}

func formError(err error) error {
	return &statusError{http.StatusBadRequest, "err.form", []string{"detail", err.Error()}}
}

// readForm reads a POST's fields: form-encoded as the spec says, multipart,
// or a flat JSON object. Fields in the query string count too (some clients
// put api_key there) unless the body has the same field.
func readForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	mt, params := "", map[string]string(nil)
	if ct := r.Header.Get("Content-Type"); ct != "" {
		var err error
		if mt, params, err = mime.ParseMediaType(ct); err != nil {
			return nil, &statusError{http.StatusBadRequest, "err.content_type", []string{"type", ct}}
		}
	}
	var vals url.Values
	var err error
	if mt == "multipart/form-data" {
		vals, err = readMultipart(http.MaxBytesReader(w, r.Body, maxMultipart), params["boundary"])
	} else {
		var b []byte
		b, err = io.ReadAll(http.MaxBytesReader(w, r.Body, maxForm))
		if err == nil {
			vals, err = decodeBody(mt, b)
		}
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, errTooLarge
	}
	if err != nil {
		return nil, err
	}
	for k, vs := range r.URL.Query() {
		if _, ok := vals[k]; !ok {
			vals[k] = vs
		}
	}
	return vals, checkText(vals)
}

// decodeBody reads a whole non-multipart body of media type mt.
func decodeBody(mt string, b []byte) (url.Values, error) {
	switch mt {
	case "", "application/x-www-form-urlencoded", "text/plain":
		v, err := url.ParseQuery(string(b))
		if err != nil {
			return nil, formError(err)
		}
		return v, nil
	case "application/json":
		return decodeJSON(b)
	}
	return nil, &statusError{http.StatusBadRequest, "err.content_type", []string{"type", mt}}
}

// decodeJSON reads {"service_code": "complaint", "attribute": {"phone": "…"}, …}
// into the same fields a form would give.
func decodeJSON(b []byte) (url.Values, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, &statusError{http.StatusBadRequest, "err.json", []string{"detail", err.Error()}}
	}
	if dec.More() {
		return nil, &statusError{http.StatusBadRequest, "err.json", []string{"detail", "trailing data"}}
	}
	vals := url.Values{}
	for k, v := range obj {
		if attrs, ok := v.(map[string]any); ok && k == "attribute" {
			for code, av := range attrs {
				if many, ok := av.([]any); ok {
					for _, one := range many {
						s, ok := scalar(one)
						if !ok {
							return nil, invalid.New("attribute", invalid.Format)
						}
						vals.Add("attribute["+code+"][]", s)
					}
					continue
				}
				s, ok := scalar(av)
				if !ok {
					return nil, invalid.New("attribute", invalid.Format)
				}
				vals.Set("attribute["+code+"]", s)
			}
			continue
		}
		if v == nil {
			continue
		}
		s, ok := scalar(v)
		if !ok {
			return nil, invalid.New("body", invalid.Format)
		}
		vals.Set(k, s)
	}
	if !utf8.Valid(b) {
		// encoding/json turned the bytes that were not UTF-8 into U+FFFD: name the fields they landed in.
		var errs invalid.Errors
		for k, vs := range vals {
			for _, v := range vs {
				if strings.ContainsRune(v, utf8.RuneError) && !errs.Has(k) && invalid.TextCode(k, false) == "" {
					errs.Add(k, invalid.Encoding)
				}
			}
		}
		if len(errs) == 0 {
			errs.Add("body", invalid.Encoding)
		}
		return nil, errs
	}
	return vals, nil
}

func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return strconv.FormatBool(x), true
	case nil:
		return "", true
	}
	return "", false
}

// readMultipart keeps the text fields of a multipart body, up to maxForm
// bytes in all, and reads past files: Open311 carries media as media_url.
func readMultipart(body io.Reader, boundary string) (url.Values, error) {
	if boundary == "" {
		return nil, formError(errors.New("multipart body without boundary"))
	}
	mr := multipart.NewReader(body, boundary)
	vals := url.Values{}
	budget := int64(maxForm)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return vals, nil
		}
		if err != nil {
			return nil, wrapRead(err)
		}
		if p.FormName() == "" || p.FileName() != "" {
			if _, err := io.Copy(io.Discard, p); err != nil {
				return nil, wrapRead(err)
			}
			continue
		}
		b, err := io.ReadAll(io.LimitReader(p, budget+1))
		if err != nil {
			return nil, wrapRead(err)
		}
		if budget -= int64(len(b)); budget < 0 {
			return nil, errTooLarge
		}
		vals.Add(p.FormName(), string(b))
	}
}

func wrapRead(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return formError(err)
}

// checkText refuses text that is not UTF-8 (the spec's only encoding) or holds
// control characters — NUL, which PostgreSQL cannot store, and the rest; tab and
// line breaks only in free text (description, attribute[facts], attribute[request]).
// The error names the field.
func checkText(vals url.Values) error {
	var errs invalid.Errors
	errs.Values("body", vals)
	return errs.Err()
}
