package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
)

// checker holds the parsed OpenAPI document to check real responses against.
type checker struct {
	doc map[string]any
}

// schemaAt resolves a "$ref" chain to the schema object it names.
func (c checker) schemaAt(s map[string]any) map[string]any {
	for s != nil && s["$ref"] != nil {
		v, _ := resolve(c.doc, s["$ref"].(string))
		s = obj(v)
	}
	return s
}

// check reports where v does not follow schema s: a wrong type, a value outside an enum,
// a missing required property, a time not in Asia/Shanghai, or a property the schema does
// not list (unless it allows more with additionalProperties), so nothing goes undocumented.
func (c checker) check(s map[string]any, v any, at string) []string {
	s = c.schemaAt(s)
	if s == nil {
		return []string{at + ": schema does not resolve"}
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	allOf, _ := s["allOf"].([]any)
	for _, sub := range allOf {
		errs = append(errs, c.check(obj(sub), v, at)...)
	}
	for _, key := range []string{"anyOf", "oneOf"} {
		if alts, ok := s[key].([]any); ok && !slices.ContainsFunc(alts, func(a any) bool { return len(c.check(obj(a), v, at)) == 0 }) {
			bad("matches no schema of %s", key)
		}
	}
	if v == nil {
		if s["nullable"] != true && s["type"] != nil {
			bad("null, but the schema is not nullable")
		}
		return errs
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		bad("%v is not one of %v", v, enum)
	}
	switch s["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			bad("want an object, got %T", v)
			break
		}
		required, _ := s["required"].([]any)
		for _, r := range required {
			if _, ok := m[r.(string)]; !ok {
				bad("required property %q is missing", r)
			}
		}
		props := obj(s["properties"])
		for k, x := range m {
			switch more := s["additionalProperties"]; {
			case props[k] != nil:
				errs = append(errs, c.check(obj(props[k]), x, at+"."+k)...)
			case obj(more) != nil:
				errs = append(errs, c.check(obj(more), x, at+"."+k)...)
			case more != true && props != nil:
				bad("property %q is not in the document", k)
			}
		}
	case "array":
		list, ok := v.([]any)
		if !ok {
			bad("want an array, got %T", v)
		}
		for i, x := range list {
			errs = append(errs, c.check(obj(s["items"]), x, at+"["+strconv.Itoa(i)+"]")...)
		}
	case "string":
		str, ok := v.(string)
		switch {
		case !ok:
			bad("want a string, got %T", v)
		case s["format"] == "date-time":
			if t, err := time.Parse(time.RFC3339Nano, str); err != nil || !strings.HasSuffix(str, "+08:00") || t.IsZero() {
				bad("%q is not a time in Asia/Shanghai (R-P7)", str)
			}
		case s["format"] == "date":
			if _, err := calendar.ParseDate(str); err != nil {
				bad("%q is not a date", str)
			}
		case s["pattern"] != nil && !regexp.MustCompile(s["pattern"].(string)).MatchString(str):
			bad("%q does not match %s", str, s["pattern"])
		}
	case "integer", "number":
		n, ok := v.(float64)
		if !ok || s["type"] == "integer" && n != math.Trunc(n) {
			bad("want %s, got %v", s["type"], v)
		}
		if lo, ok := s["minimum"].(float64); ok && n < lo {
			bad("%v is below the minimum %v", n, lo)
		}
		if hi, ok := s["maximum"].(float64); ok && n > hi {
			bad("%v is above the maximum %v", n, hi)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("want a boolean, got %T", v)
		}
	}
	return errs
}

// operation finds the documented operation for a request path.
func (c checker) operation(method, path string) (map[string]any, string) {
	path, _, _ = strings.Cut(path, "?")
	for p, item := range obj(c.doc["paths"]) {
		re := "^" + regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(regexp.QuoteMeta(p), `[^/]+`) + "$"
		if op := obj(obj(item)[strings.ToLower(method)]); op != nil && regexp.MustCompile(re).MatchString(path) {
			return op, p
		}
	}
	return nil, ""
}

// send makes a request as a role ("" for none), checks the status, and checks the response
// against what the document says that operation answers with that status; it returns the body.
func (o *office) send(c checker, role auth.Role, method, path, body string, status int) string {
	o.t.Helper()
	req, _ := http.NewRequest(method, o.srv.URL+path, strings.NewReader(body))
	if strings.HasPrefix(body, "{") {
		req.Header.Set("Content-Type", "application/json")
	} else if body != "" {
		req.Header.Set("Content-Type", "text/csv")
	}
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+o.tokens[role])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		o.t.Fatalf("%s %s as %s: status %d, want %d: %s", method, path, role, resp.StatusCode, status, b)
	}
	op, tmpl := c.operation(method, path)
	if op == nil {
		o.t.Fatalf("%s %s is not in the document", method, path)
	}
	r := obj(obj(op["responses"])[strconv.Itoa(status)])
	if r == nil {
		o.t.Errorf("%s %s: status %d is not documented", method, tmpl, status)
		return string(b)
	}
	r = c.schemaAt(r)
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	media := obj(obj(r["content"])[ct])
	switch {
	case len(b) == 0:
	case media == nil:
		o.t.Errorf("%s %s: %d answers %s, which the document does not list", method, tmpl, status, ct)
	case ct == "application/json":
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			o.t.Fatalf("%s %s: %v", method, path, err)
		}
		for _, e := range c.check(obj(media["schema"]), v, fmt.Sprintf("%s %s %d", method, tmpl, status)) {
			o.t.Error(e)
		}
	}
	return string(b)
}

// TestOpenAPICheckerCatches proves the checker finds what it is there to find.
func TestOpenAPICheckerCatches(t *testing.T) {
	c := checker{doc: doc(t)}
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	for name, tc := range map[string]struct {
		schema map[string]any
		value  string
	}{
		"undocumented property": {ref("ClockCounts"), `{"running":1,"overdue":0,"paused":0,"calendar_missing":0,"extra":1}`},
		"missing required":      {ref("ClockCounts"), `{"running":1,"overdue":0,"paused":0}`},
		"time in UTC":           {ref("LocalTime"), `"2026-05-08T03:31:00Z"`},
		"value outside enum":    {ref("State"), `"lost"`},
		"null not allowed":      {ref("CaseNumber"), `null`},
		"bad case number":       {ref("CaseNumber"), `"2026-1"`},
		"fraction for integer":  {ref("Rate"), `{"due":1.5,"on_time":0,"late":0,"overdue":0,"rate":null}`},
	} {
		var v any
		if err := json.Unmarshal([]byte(tc.value), &v); err != nil {
			t.Fatal(err)
		}
		if errs := c.check(tc.schema, v, name); len(errs) == 0 {
			t.Errorf("%s: %s passed the check", name, tc.value)
		}
	}
}
