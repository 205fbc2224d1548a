// Package invalid collects field errors found while checking input, so that
// a client gets every problem with its request at once and nothing is written.
package invalid

import (
	"errors"
	"strconv"
	"strings"
)

// Common error codes; each has a message in the i18n catalogues under "err.<code>".
const (
	Required  = "required"
	TooLong   = "too_long"
	TooShort  = "too_short"
	Format    = "format"
	OneOf     = "one_of"
	NotFound  = "not_found"
	Negative  = "negative"
	Checksum  = "checksum"
	Duplicate = "duplicate"
	Future    = "future"
	Forbidden = "forbidden"
	Conflict  = "conflict"
	// BeforeStart is an end of a period that comes before its start.
	BeforeStart = "before_start"
)

// Field is one problem with one input field.
type Field struct {
	Field string            `json:"field"`
	Code  string            `json:"code"`
	Args  map[string]string `json:"-"`
}

// Errors is a list of field problems; it is an error only when non-empty.
type Errors []Field

func (e Errors) Error() string {
	parts := make([]string, len(e))
	for i, f := range e {
		parts[i] = f.Field + ": " + f.Code
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Add records a problem with a field; args fill the message's {placeholders}.
func (e *Errors) Add(field, code string, args ...string) {
	f := Field{Field: field, Code: code}
	if len(args) > 0 {
		f.Args = map[string]string{}
		for i := 0; i+1 < len(args); i += 2 {
			f.Args[args[i]] = args[i+1]
		}
	}
	*e = append(*e, f)
}

// Has reports whether the field already has a problem.
func (e Errors) Has(field string) bool {
	for _, f := range e {
		if f.Field == field {
			return true
		}
	}
	return false
}

// Err returns nil when there is no problem, so callers can `return errs.Err()`.
func (e Errors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// As extracts field errors from err.
func As(err error) (Errors, bool) {
	var e Errors
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// New returns an error holding one field problem.
func New(field, code string, args ...string) error {
	var e Errors
	e.Add(field, code, args...)
	return e
}

// MaxLen checks the length in characters (not bytes: Chinese text is 3 bytes a character).
func (e *Errors) MaxLen(field, v string, n int) {
	if len([]rune(v)) > n {
		e.Add(field, TooLong, "max", strconv.Itoa(n))
	}
}

// Need records Required when v is blank.
func (e *Errors) Need(field, v string) {
	if strings.TrimSpace(v) == "" {
		e.Add(field, Required)
	}
}
