package httpio

import (
	"errors"
	"fmt"
	"net/http"

	"weiquan/internal/casework"
	"weiquan/internal/fault"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
)

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

// Problem is an error as a client is told it: a status and what to say.
type Problem struct {
	Status int
	Body   ErrorBody
	// Internal is set for a fault of ours (a 500): it is logged, and the client learns nothing of it.
	Internal bool
}

// Message joins the problem's messages into one line for a page.
func (p Problem) Message() string {
	msg := ""
	for i, f := range p.Body.Errors {
		if i > 0 {
			msg += "；"
		}
		msg += f.Message
	}
	return msg
}

// BodyError is a problem with the request itself rather than its fields: bad JSON,
// too large, an unknown field, a form that does not parse (400, 413).
type BodyError struct {
	Status           int
	Field, Code, Key string
	Args             []string
}

func (e *BodyError) Error() string { return fmt.Sprintf("httpio: body: %s %s", e.Field, e.Code) }

// ErrMethod is a known path asked with a method it does not take.
var ErrMethod = errors.New("httpio: method not allowed")

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

// TransitionMessage says why an action cannot be taken in a state.
func TransitionMessage(lang string, te *casework.TransitionError) string {
	action := "action." + string(te.Action)
	if !i18n.Has(lang, action) {
		action = "web.action.generic"
	}
	return i18n.T(lang, "err.transition", "action", i18n.T(lang, action), "state", i18n.T(lang, "state."+string(te.State)))
}

// Classify is the single place an error becomes a status and field errors in a language.
func Classify(lang string, err error) Problem {
	one := func(status int, field, code, key string, args ...string) Problem {
		return Problem{Status: status, Body: ErrorBody{Errors: []FieldError{{Field: field, Code: code, Message: i18n.T(lang, key, args...)}}}}
	}
	var te *casework.TransitionError
	var be *BodyError
	switch errs, ok := invalid.As(err); {
	case ok:
		p := Problem{Status: http.StatusUnprocessableEntity}
		if invalid.IsConflict(err) {
			p.Status = http.StatusConflict
		}
		for _, f := range errs {
			p.Body.Errors = append(p.Body.Errors, FieldError{Field: f.Field, Code: f.Code, Message: FieldMessage(lang, f)})
		}
		return p
	case errors.As(err, &te) && errors.Is(err, casework.ErrTransition):
		p := Problem{Status: http.StatusConflict, Body: ErrorBody{Errors: []FieldError{{Field: "action", Code: "transition",
			Message: TransitionMessage(lang, te)}}, Allowed: te.Allowed}}
		if p.Body.Allowed == nil {
			p.Body.Allowed = []casework.Action{}
		}
		return p
	case errors.As(err, &be):
		return one(be.Status, be.Field, be.Code, be.Key, be.Args...)
	case errors.Is(err, casework.ErrForbidden), errors.Is(err, fault.ErrForbidden):
		return one(http.StatusForbidden, "", "forbidden", "err.forbidden_action")
	case errors.Is(err, fault.ErrUnauthorized):
		return one(http.StatusUnauthorized, "", "unauthorized", "err.unauthorized")
	case errors.Is(err, fault.ErrRateLimited):
		return one(http.StatusTooManyRequests, "", "rate_limited", "err.rate_limited")
	case errors.Is(err, fault.ErrNotFound):
		return one(http.StatusNotFound, "", "not_found", "err.not_found_resource")
	case errors.Is(err, fault.ErrConflict):
		return one(http.StatusConflict, "", "stale", "err.stale")
	case errors.Is(err, ErrMethod):
		return one(http.StatusMethodNotAllowed, "", "method", "err.method")
	case errors.Is(err, fault.ErrDuplicate):
		return one(http.StatusConflict, "", "duplicate", "err.duplicate", "field", "")
	}
	p := one(http.StatusInternalServerError, "", "internal", "err.internal")
	p.Internal = true
	return p
}
