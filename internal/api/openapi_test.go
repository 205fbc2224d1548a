package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"weiquan/internal/api"
	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/credit"
	"weiquan/internal/deadline"
	"weiquan/internal/dispatch"
	"weiquan/internal/merchant"
	"weiquan/internal/notify"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/supervise"
	"weiquan/internal/testdb"
)

// httpMethods are the operation keys of an OpenAPI path item.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// doc parses the embedded OpenAPI document.
func doc(t *testing.T) map[string]any {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal(api.OpenAPIDoc, &d); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return d
}

// obj is v as a JSON object, or nil.
func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// openAPIPath turns a ServeMux pattern path into OpenAPI path syntax:
// "{id}" stays, "{rest...}" becomes "{rest}", and "{$}" disappears.
func openAPIPath(pattern string) string {
	p := strings.ReplaceAll(pattern, "{$}", "")
	return regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\.\.\.\}`).ReplaceAllString(p, "{$1}")
}

// rolesText is how an operation's description names the roles of its route.
func rolesText(roles []auth.Role) string {
	switch {
	case roles == nil:
		return "public"
	case len(roles) == 0:
		return "any signed-in user"
	}
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// TestOpenAPICoversRoutes keeps the document and the route table in step (issue 2 point 7):
// every route is documented with its roles and security, and nothing else is.
func TestOpenAPICoversRoutes(t *testing.T) {
	paths := obj(doc(t)["paths"])
	routes := api.New(nil).Routes()
	seen := map[string]bool{}
	for _, rt := range routes {
		p, m := openAPIPath(rt.Path), strings.ToLower(rt.Method)
		seen[m+" "+p] = true
		op := obj(obj(paths[p])[m])
		if op == nil {
			t.Errorf("route %s %s is missing from openapi.json (paths[%q].%s)", rt.Method, rt.Path, p, m)
			continue
		}
		desc, _ := op["description"].(string)
		want := "Roles: " + rolesText(rt.Roles)
		if door := api.KeyDoor(rt.Method, rt.Path); door != "" {
			want = "Roles: " + door // its handler takes a key or a session itself
		}
		if !strings.Contains(desc, want) {
			t.Errorf("%s %s: description does not say %q", rt.Method, rt.Path, want)
		}
		sec, hasSec := op["security"].([]any)
		switch public := rt.Roles == nil && api.KeyDoor(rt.Method, rt.Path) == ""; {
		case public && !(hasSec && len(sec) == 0):
			t.Errorf("%s %s is public but its operation lacks security: []", rt.Method, rt.Path)
		case !public && (!hasSec && rt.Roles == nil || hasSec && len(sec) == 0):
			t.Errorf("%s %s needs a session but its operation says security: []", rt.Method, rt.Path)
		}
	}
	for p, item := range paths {
		for _, m := range httpMethods {
			if _, ok := obj(item)[m]; ok && !seen[m+" "+p] {
				t.Errorf("openapi.json documents %s %s, which is not a route of Routes()", strings.ToUpper(m), p)
			}
		}
	}
}

// resolve follows a local JSON pointer such as "#/components/schemas/Matter".
func resolve(root any, ref string) (any, bool) {
	ptr, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, false
	}
	cur := root
	if ptr == "" {
		return cur, true
	}
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[tok]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// walk calls fn for every "$ref" in v with the JSON path where it stands.
func walk(v any, at string, fn func(at, ref string)) {
	switch c := v.(type) {
	case map[string]any:
		if r, ok := c["$ref"].(string); ok {
			fn(at, r)
		}
		for k, x := range c {
			walk(x, at+"/"+k, fn)
		}
	case []any:
		for i, x := range c {
			walk(x, at+"/"+strconv.Itoa(i), fn)
		}
	}
}

// TestOpenAPIValid checks the document's structure without a third-party validator.
func TestOpenAPIValid(t *testing.T) {
	d := doc(t)
	if v, _ := d["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Errorf("openapi = %q, want 3.x", v)
	}
	if info := obj(d["info"]); info["title"] == nil || info["version"] == nil {
		t.Error("info needs title and version")
	}
	walk(d, "#", func(at, ref string) {
		if _, ok := resolve(d, ref); !ok {
			t.Errorf("%s: $ref %q does not resolve inside the document", at, ref)
		}
	})
	schemes := obj(obj(d["components"])["securitySchemes"])
	checkSecurity := func(at string, v any) {
		reqs, _ := v.([]any)
		for _, r := range reqs {
			for name := range obj(r) {
				if schemes[name] == nil {
					t.Errorf("%s: security scheme %q is not in components.securitySchemes", at, name)
				}
			}
		}
	}
	checkSecurity("security", d["security"])

	param := func(p any) map[string]any {
		m := obj(p)
		if r, ok := m["$ref"].(string); ok {
			v, _ := resolve(d, r)
			return obj(v)
		}
		return m
	}
	statusRE := regexp.MustCompile(`^([1-5][0-9][0-9]|[1-5]XX|default)$`)
	templRE := regexp.MustCompile(`\{([^{}]+)\}`)
	ids := map[string]string{}
	for p, item := range obj(d["paths"]) {
		if !strings.HasPrefix(p, "/") {
			t.Errorf("path %q does not start with /", p)
		}
		var inTemplate []string
		for _, m := range templRE.FindAllStringSubmatch(p, -1) {
			inTemplate = append(inTemplate, m[1])
		}
		shared, _ := obj(item)["parameters"].([]any)
		for _, m := range httpMethods {
			op := obj(obj(item)[m])
			if op == nil {
				continue
			}
			where := strings.ToUpper(m) + " " + p
			id, _ := op["operationId"].(string)
			switch {
			case id == "":
				t.Errorf("%s has no operationId", where)
			case ids[id] != "":
				t.Errorf("%s: operationId %q is also used by %s", where, id, ids[id])
			default:
				ids[id] = where
			}
			resp := obj(op["responses"])
			if len(resp) == 0 {
				t.Errorf("%s has no responses", where)
			}
			for code, r := range resp {
				if !statusRE.MatchString(code) {
					t.Errorf("%s: response key %q is not a status code", where, code)
				}
				rm := obj(r)
				if rm["$ref"] == nil && rm["description"] == nil {
					t.Errorf("%s: response %s has no description", where, code)
				}
			}
			checkSecurity(where, op["security"])
			own, _ := op["parameters"].([]any)
			declared := map[string]map[string]any{}
			for _, x := range append(slices.Clone(shared), own...) {
				pm := param(x)
				if pm == nil {
					t.Errorf("%s: a parameter does not resolve", where)
					continue
				}
				if pm["in"] == "path" {
					name, _ := pm["name"].(string)
					declared[name] = pm
					if !slices.Contains(inTemplate, name) {
						t.Errorf("%s: path parameter %q is not in the path template", where, name)
					}
				}
			}
			for _, name := range inTemplate {
				pm := declared[name]
				if pm == nil || pm["required"] != true {
					t.Errorf("%s: path parameter {%s} must be declared with in: path, required: true", where, name)
				}
			}
		}
	}
}

// TestOpenAPIServed checks the document is what GET /api/v1/openapi.json returns, signed in or not.
func TestOpenAPIServed(t *testing.T) {
	h := server.New(service.New(testdb.SQLite(t), nil))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json = %d, want 200: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if !bytes.Equal(rec.Body.Bytes(), api.OpenAPIDoc) {
		t.Errorf("served document (%d bytes) differs from the embedded one (%d bytes)", rec.Body.Len(), len(api.OpenAPIDoc))
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Error("served document is not JSON")
	}
}

// TestOpenAPIEnums keeps the document's enums equal to the Go ones, so a new
// channel, state, role or action cannot be forgotten in the document.
func TestOpenAPIEnums(t *testing.T) {
	schemas := obj(obj(doc(t)["components"])["schemas"])
	var actions, eventActions []string
	for _, tr := range casework.Machine {
		if !slices.Contains(actions, string(tr.Action)) {
			actions = append(actions, string(tr.Action))
		}
	}
	for _, a := range casework.TimelineOnly {
		eventActions = append(eventActions, string(a))
	}
	eventActions = append(eventActions, actions...)
	strs := func(vs ...any) []string {
		out := []string{}
		for _, v := range vs {
			rv := reflect.ValueOf(v)
			for i := range rv.Len() {
				out = append(out, rv.Index(i).String())
			}
		}
		return out
	}
	for _, c := range []struct {
		schema string
		want   []string
	}{
		{"Kind", strs(casework.Kinds)},
		{"Channel", strs(casework.Channels)},
		{"State", strs(casework.States)},
		{"Outcome", strs(casework.Outcomes)},
		{"Category", []string{"", string(casework.Goods), string(casework.Services)}},
		{"RuleSet", []string{string(casework.Order20), string(casework.Order121)}},
		{"Action", actions},
		{"EventAction", eventActions},
		{"Role", strs(auth.Roles)},
		{"Level", strs(dispatch.Levels)},
		{"AreaKind", []string{string(dispatch.KindUrban), string(dispatch.KindTownship)}},
		{"HostType", strs(dispatch.HostTypes)},
		{"MerchantType", strs(merchant.Types)},
		{"HandlingLevel", strs(dispatch.HandlingLevels)},
		{"DeadlineKind", strs(deadline.Kinds)},
		{"DeadlineStatus", strs([]deadline.Status{deadline.Running, deadline.Paused, deadline.Met, deadline.Cancelled})},
		{"AlertKind", service.AlertKinds},
		{"CalendarDayKind", []string{string(calendar.Holiday), string(calendar.Workday)}},
		{"TemplateKind", notify.TemplateKinds()},
	} {
		var got []string
		raw, _ := obj(schemas[c.schema])["enum"].([]any)
		for _, v := range raw {
			s, _ := v.(string)
			got = append(got, s)
		}
		sort.Strings(got)
		want := slices.Clone(c.want)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("schema %s enum = %q, want %q", c.schema, got, want)
		}
	}
}

// jsonNames lists the JSON property names encoding/json uses for a struct type.
func jsonNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		if f.Anonymous && tag == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				out = append(out, jsonNames(ft)...)
				continue
			}
		}
		if tag == "" {
			tag = f.Name
		}
		out = append(out, tag)
	}
	return out
}

// TestOpenAPISchemasMatchTypes checks every documented body schema lists exactly the
// JSON fields of the Go type behind it, so a field added in Go shows up here.
func TestOpenAPISchemasMatchTypes(t *testing.T) {
	schemas := obj(obj(doc(t)["components"])["schemas"])
	for name, v := range map[string]any{
		"IntakeInput": casework.IntakeInput{}, "PartyInput": casework.Party{}, "Party": casework.Party{},
		"ActionInput": casework.ActionInput{}, "Changes": casework.Changes{}, "Matter": api.MatterView{},
		"Event": casework.Event{}, "Reason": casework.Reason{}, "IntakeResponse": api.IntakeResponse{}, "MatterPage": api.MatterPage{},
		"Area": dispatch.Area{}, "Station": api.StationInput{}, "User": auth.User{}, "UserInput": api.UserInput{},
		"Merchant": merchant.Merchant{}, "APIKey": store.APIKey{}, "FieldError": api.FieldError{}, "ErrorBody": api.ErrorBody{},
		"LoginRequest": api.LoginRequest{}, "LoginResponse": api.LoginResponse{},
		"Deadline": api.DeadlineView{}, "Clock": api.ClockView{}, "ClockCounts": store.ClockCounts{},
		"KPIs": service.KPIs{}, "Rate": service.Rate{}, "OnSiteKPI": service.OnSiteKPI{}, "Alert": api.AlertView{},
		"CalendarYear": api.CalendarYearView{}, "CalendarDay": calendar.Day{}, "LoadedYear": service.LoadedYear{},
		"Settings": service.Settings{}, "ClockSettings": deadline.Settings{}, "TierRules": dispatch.TierRules{},
		"AuditEntry": api.AuditView{},
		"Listing":    credit.Listing{}, "ListingAttempt": credit.Attempt{}, "ListingObjection": credit.Objection{},
		"ListingOpen": api.ListingOpen{}, "ListingStepInput": api.ListingStepInput{},
		"Honour": credit.Honour{}, "HonourGrant": api.HonourGrant{}, "HonourDecision": api.HonourDecision{},
		"CustodyAgreement": credit.Agreement{}, "CustodyInput": api.CustodyInput{},
		"Question": supervise.Question{}, "QuestionnaireInput": api.QuestionnaireInput{}, "Questionnaire": supervise.Questionnaire{},
		"QuestionResult": supervise.Result{}, "QuestionnaireResults": api.QuestionnaireResults{}, "LinksInput": api.LinksInput{},
		"QuestionnaireLink": service.QuestionnaireLink{}, "LinksView": api.LinksView{}, "OpenInput": api.OpenInput{},
		"VisitInput": api.VisitInput{}, "Visit": supervise.Visit{}, "SampleInput": api.SampleInput{}, "SampleResultInput": api.SampleResultInput{},
		"Sample": supervise.Sample{}, "InspectorInput": api.InspectorInput{}, "Inspector": service.Inspector{}, "ConflictInput": api.ConflictInput{},
		"DrawRequest": service.DrawRequest{}, "DrawCandidate": supervise.Candidate{}, "DrawInspector": supervise.Inspector{},
		"DrawConflict": supervise.Conflict{}, "DrawPick": supervise.Pick{}, "Draw": service.Draw{}, "Supervision": api.SupervisionView{},
		"MessageTemplate": api.TemplateView{}, "TemplateInput": api.TemplateInput{}, "TemplatePreview": api.TemplatePreview{},
	} {
		want := jsonNames(reflect.TypeOf(v))
		slices.Sort(want)
		want = slices.Compact(want)
		props := obj(obj(schemas[name])["properties"])
		if props == nil {
			t.Errorf("schema %s is missing or has no properties", name)
			continue
		}
		for _, f := range want {
			if props[f] == nil {
				t.Errorf("schema %s lacks property %q, a JSON field of %T", name, f, v)
			}
		}
		for p := range props {
			if !slices.Contains(want, p) {
				t.Errorf("schema %s has property %q, which %T does not have", name, p, v)
			}
		}
	}
}
