package api_test

import (
	"strings"
	"testing"

	"weiquan/internal/api"
	"weiquan/internal/auth"
	"weiquan/internal/notify"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestMessageTemplatesOverAPI: an admin lists every kind in both languages, previews and keeps
// a wording (a supervisor may not); a wording that does not parse, or a rejection notice
// without its reason and remedies (R-L7), is refused with field body and nothing is kept;
// the list then shows the admin's wording in force.
func TestMessageTemplatesOverAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		c := checker{doc: doc(t)}
		o.send(c, auth.Supervisor, "GET", "/api/v1/templates", "", 403)
		var list struct{ Items []api.TemplateView }
		decodeInto(t, o.send(c, auth.Admin, "GET", "/api/v1/templates", "", 200), &list)
		if len(list.Items) != 2*len(notify.TemplateKinds()) {
			t.Fatalf("%d templates, want every kind in two languages", len(list.Items))
		}
		for _, x := range list.Items {
			if x.Custom || x.Body == "" {
				t.Fatalf("before any change: %+v", x)
			}
		}

		const path = "/api/v1/templates/portal_receipt/zh-CN"
		good := `{"subject":"受理回执","body":"  您的编号{{.Number}}，查询码{{.Code}}。  "}`
		o.send(c, auth.Supervisor, "PUT", path, good, 403)
		o.send(c, auth.Supervisor, "POST", path+"/preview", good, 403)
		broken := o.send(c, auth.Admin, "PUT", path+"?lang=en", `{"body":"{{.Number"}`, 422)
		if got := fields(t, broken); strings.Join(got, " ") != "body:format" || !strings.Contains(broken, "Template text") {
			t.Fatalf("a wording that does not parse (its message names the template, not the request): %s", broken)
		}
		if got := fields(t, o.send(c, auth.Admin, "PUT", "/api/v1/templates/reject_notice/en", `{"body":"Not accepted."}`, 422)); strings.Join(got, " ") != "body:required" {
			t.Fatalf("a rejection notice without its reason: %v", got)
		}
		var eb errorBody
		decodeInto(t, o.send(c, auth.Admin, "PUT", "/api/v1/templates/portal_fax/xx?lang=en", `{"body":"x"}`, 422), &eb)
		if len(eb.Errors) != 2 || eb.Errors[0].Field != "kind" || eb.Errors[1].Field != "lang" || hasHan(eb.Errors[0].Message) {
			t.Fatalf("an unknown kind and language: %+v", eb)
		}
		o.send(c, auth.Admin, "PUT", path, `{"body":"x","colour":"red"}`, 400)

		var p api.TemplatePreview
		decodeInto(t, o.send(c, auth.Admin, "POST", path+"/preview", good, 200), &p)
		if p.Body != "您的编号"+notify.SampleVars.Number+"，查询码"+notify.SampleVars.Code+"。" {
			t.Fatalf("preview %+v", p)
		}
		decodeInto(t, o.send(c, auth.Admin, "GET", "/api/v1/templates", "", 200), &list)
		for _, x := range list.Items {
			if x.Custom {
				t.Fatalf("a preview was kept: %+v", x)
			}
		}

		var v api.TemplateView
		decodeInto(t, o.send(c, auth.Admin, "PUT", path, good, 200), &v)
		if !v.Custom || v.Body != "您的编号{{.Number}}，查询码{{.Code}}。" || v.Subject != "受理回执" {
			t.Fatalf("kept %+v", v)
		}
		decodeInto(t, o.send(c, auth.Admin, "GET", "/api/v1/templates", "", 200), &list)
		custom := 0
		for _, x := range list.Items {
			if x.Custom {
				custom++
				if x.Kind != "portal_receipt" || x.Lang != "zh-CN" || x.Body != v.Body {
					t.Fatalf("in force: %+v", x)
				}
			}
		}
		if custom != 1 {
			t.Fatalf("%d custom wordings, want 1", custom)
		}
	})
}
