package open311_test

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// xmlPaths lists the element paths of an XML document ("errors/error/code").
func xmlPaths(t *testing.T, b []byte) []string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(b)))
	var stack, out []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("xml: %v\n%s", err, b)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			stack = append(stack, el.Name.Local)
			p := strings.Join(stack, "/")
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	sort.Strings(out)
	return out
}

// jsonPaths lists the key paths of a JSON document ("[]/code", "endpoints/[]/url").
func jsonPaths(t *testing.T, b []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("json: %v\n%s", err, b)
	}
	var out []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				p := strings.TrimPrefix(prefix+"/"+k, "/")
				if !slices.Contains(out, p) {
					out = append(out, p)
				}
				walk(p, c)
			}
		case []any:
			p := strings.TrimPrefix(prefix+"/[]", "/")
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
			for _, c := range x {
				walk(p, c)
			}
		}
	}
	walk("", v)
	sort.Strings(out)
	return out
}

// TestAnswersHaveTheSpecificationsShape holds every kind of answer, in XML and JSON, to
// the specification's own example of it (testdata/spec): the same root and list items,
// no element the specification does not name, and the ones it always shows (issue 14).
func TestAnswersHaveTheSpecificationsShape(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		created := e.post("json", e.valid())
		var list []map[string]any
		decodeJSON(t, created, &list)
		id, _ := list[0]["service_request_id"].(string)
		if id == "" {
			t.Fatalf("post: %s", created.Body)
		}
		bad := e.valid()
		bad.Set("api_key", "wrong")
		for _, c := range []struct {
			example, path string
			post          bool
			form          func() []string
			must          []string
		}{
			{"discovery", "/open311/v2/discovery", false, nil, []string{"discovery/changeset", "discovery/contact", "discovery/key_service", "discovery/endpoints/endpoint/url", "discovery/endpoints/endpoint/type", "discovery/endpoints/endpoint/formats/format"}},
			{"services", "/open311/v2/services", false, nil, []string{"services/service/service_code", "services/service/service_name", "services/service/metadata", "services/service/type"}},
			{"requests", "/open311/v2/requests/" + id, false, nil, []string{"service_requests/request/service_request_id", "service_requests/request/status", "service_requests/request/service_code", "service_requests/request/requested_datetime"}},
			{"errors", "/open311/v2/requests/19990101-000001", false, nil, []string{"errors/error/code", "errors/error/description"}},
			{"errors", "/open311/v2/requests", true, nil, []string{"errors/error/code", "errors/error/description"}},
			{"post", "/open311/v2/requests", true, nil, []string{"service_requests/request/service_request_id", "service_requests/request/service_notice"}},
			{"post_token", "/open311/test/v2/requests", true, nil, []string{"service_requests/request/token", "service_requests/request/service_notice"}},
		} {
			for _, f := range []string{"xml", "json"} {
				example, err := os.ReadFile("testdata/spec/" + c.example + "." + f)
				if err != nil {
					t.Fatal(err)
				}
				var body []byte
				switch {
				case c.post && c.example == "errors":
					body = e.post(f, bad).Body.Bytes()
				case c.post:
					v := e.valid()
					w := e.do("POST", c.path+"."+f, form, v.Encode())
					body = w.Body.Bytes()
				default:
					body = e.get(c.path + "." + f).Body.Bytes()
				}
				var ours, theirs []string
				if f == "xml" {
					ours, theirs = xmlPaths(t, body), xmlPaths(t, example)
				} else {
					ours, theirs = jsonPaths(t, body), jsonPaths(t, example)
				}
				for _, p := range ours {
					if !slices.Contains(theirs, p) {
						t.Errorf("%s.%s %s: %q is not in the specification's example %v\n%s", c.example, f, c.path, p, theirs, body)
					}
				}
				for _, m := range c.must {
					if f == "json" {
						m = jsonOf(m)
					}
					if !slices.Contains(ours, m) {
						t.Errorf("%s.%s %s: %q is missing: %v\n%s", c.example, f, c.path, m, ours, body)
					}
				}
			}
		}
	})
}

// jsonOf turns an XML path of the checks into the JSON one: the root list is "[]", an
// XML list of items is a JSON array.
func jsonOf(p string) string {
	parts := strings.Split(strings.TrimPrefix(p, "discovery/"), "/")
	switch {
	case len(parts) >= 2 && (parts[0] == "services" || parts[0] == "service_requests" || parts[0] == "errors"):
		return "[]/" + strings.Join(parts[2:], "/")
	case len(parts) == 3 && parts[0] == "endpoints":
		return "endpoints/[]/" + parts[2]
	case len(parts) == 4 && parts[0] == "endpoints":
		return "endpoints/[]/" + parts[2] + "/[]"
	}
	return strings.Join(parts, "/")
}
