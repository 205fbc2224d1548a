package web

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

func errMismatch(field string) error { return invalid.New(field, "mismatch") }

// formID reads an optional id field; blank is nil, anything else not a positive number is a format error.
func formID(r *http.Request, name string, errs *invalid.Errors) *int64 {
	v := strings.TrimSpace(r.Form.Get(name))
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		errs.Add(name, invalid.Format)
		return nil
	}
	return &n
}

// formMoney reads an amount in yuan; blank is nil.
func formMoney(r *http.Request, name string, errs *invalid.Errors) *money.Fen {
	v := strings.TrimSpace(r.Form.Get(name))
	if v == "" {
		return nil
	}
	f, err := money.Parse(v)
	if err != nil {
		errs.Add(name, invalid.Format)
		return nil
	}
	return &f
}

// formFloat reads an optional number such as a latitude.
func formFloat(r *http.Request, name string, errs *invalid.Errors) *float64 {
	v := strings.TrimSpace(r.Form.Get(name))
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		errs.Add(name, invalid.Format)
		return nil
	}
	return &f
}

// pathID reads {id} from the path; anything but a positive number is not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fault.ErrNotFound
	}
	return id, nil
}

func checkbox(r *http.Request, name string) bool {
	v := r.Form.Get(name)
	return v == "1" || v == "on" || v == "true"
}

// queryID reads an optional id from a query value.
func queryID(v, name string, errs *invalid.Errors) *int64 {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		errs.Add(name, invalid.Format)
		return nil
	}
	return &n
}

func floatStr(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func intStr(n int) string { return strconv.Itoa(n) }

func errRequired(field string) error { return invalid.New(field, invalid.Required) }

// flashOf turns the note a redirect left in the query (?saved=name) into a message.
func flashOf(r *http.Request) string {
	q := r.URL.Query()
	for _, k := range []string{"saved", "reset", "deactivated", "revoked"} {
		if v := q.Get(k); v != "" {
			return tr(langOf(r), "web.flash."+k, "name", v)
		}
	}
	return ""
}
