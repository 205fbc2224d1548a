package open311_test

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

type discoveryDoc struct {
	XMLName    xml.Name `xml:"discovery"`
	Changeset  string   `xml:"changeset" json:"changeset"`
	Contact    string   `xml:"contact" json:"contact"`
	KeyService string   `xml:"key_service" json:"key_service"`
	Endpoints  []struct {
		Specification string   `xml:"specification" json:"specification"`
		URL           string   `xml:"url" json:"url"`
		Changeset     string   `xml:"changeset" json:"changeset"`
		Type          string   `xml:"type" json:"type"`
		Formats       []string `xml:"formats>format" json:"formats"`
	} `xml:"endpoints>endpoint" json:"endpoints"`
}

func TestDiscovery(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		for _, f := range []string{"xml", "json"} {
			w := e.get("/open311/v2/discovery." + f)
			status(t, w, 200, f)
			var d discoveryDoc
			if f == "xml" {
				decodeXML(t, w, &d)
			} else {
				decodeJSON(t, w, &d)
			}
			// Production and test, as the specification's example lists them (issue 14).
			if d.Contact == "" || d.KeyService == "" || len(d.Endpoints) != 2 || d.Endpoints[1].Type != "test" ||
				d.Endpoints[1].URL != "http://example.com/open311/test/v2" {
				t.Fatalf("%s: discovery %+v", f, d)
			}
			for _, cs := range []string{d.Changeset, d.Endpoints[0].Changeset} {
				if c, err := time.Parse(time.RFC3339, cs); err != nil || !c.Before(now) {
					t.Fatalf("%s: changeset %q must be a past W3C datetime: %v", f, cs, err)
				}
			}
			ep := d.Endpoints[0]
			if ep.Specification != "http://wiki.open311.org/GeoReport_v2" || ep.URL != "http://example.com/open311/v2" ||
				ep.Type != "production" || !slices.Equal(ep.Formats, []string{"text/xml", "application/json"}) {
				t.Fatalf("%s: endpoint %+v", f, ep)
			}
		}
	})
}

type serviceItem struct {
	Code        string `xml:"service_code" json:"service_code"`
	Name        string `xml:"service_name" json:"service_name"`
	Description string `xml:"description" json:"description"`
	Metadata    bool   `xml:"metadata" json:"metadata"`
	Type        string `xml:"type" json:"type"`
	Keywords    string `xml:"keywords" json:"keywords"`
	Group       string `xml:"group" json:"group"`
}

func TestServices_R_P6(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		for _, c := range []struct{ f, lang, complaint string }{
			{"xml", "", "消费投诉"}, {"json", "", "消费投诉"},
			{"xml", "en-US,en;q=0.9", "Consumer complaint"}, {"json", "en", "Consumer complaint"},
		} {
			w := e.get("/open311/v2/services."+c.f+"?jurisdiction_id=ruichang.gov.cn", "Accept-Language", c.lang)
			status(t, w, 200, c.f)
			var list []serviceItem
			if c.f == "xml" {
				var x struct {
					XMLName  xml.Name      `xml:"services"`
					Services []serviceItem `xml:"service"`
				}
				decodeXML(t, w, &x)
				list = x.Services
			} else {
				decodeJSON(t, w, &list)
			}
			var codes []string
			for _, sv := range list {
				codes = append(codes, sv.Code)
				if sv.Name == "" || sv.Description == "" || !sv.Metadata || sv.Type != "realtime" || sv.Group == "" || sv.Keywords == "" {
					t.Fatalf("%s %s: service %+v", c.f, c.lang, sv)
				}
			}
			if !slices.Equal(codes, []string{"complaint", "report", "inquiry"}) || list[0].Name != c.complaint {
				t.Fatalf("%s %s: services %+v", c.f, c.lang, list)
			}
		}
	})
}

type attribute struct {
	Variable            bool   `xml:"variable" json:"variable"`
	Code                string `xml:"code" json:"code"`
	Datatype            string `xml:"datatype" json:"datatype"`
	Required            bool   `xml:"required" json:"required"`
	DatatypeDescription string `xml:"datatype_description" json:"datatype_description"`
	Order               int    `xml:"order" json:"order"`
	Description         string `xml:"description" json:"description"`
	Values              []struct {
		Key  string `xml:"key" json:"key"`
		Name string `xml:"name" json:"name"`
	} `xml:"values>value" json:"values"`
}

type definition struct {
	XMLName     xml.Name    `xml:"service_definition"`
	ServiceCode string      `xml:"service_code" json:"service_code"`
	Attributes  []attribute `xml:"attributes>attribute" json:"attributes"`
}

func TestServiceDefinition(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		for _, f := range []string{"xml", "json"} {
			w := e.get("/open311/v2/services/complaint." + f)
			status(t, w, 200, f)
			var d definition
			if f == "xml" {
				decodeXML(t, w, &d)
			} else {
				decodeJSON(t, w, &d)
			}
			if d.ServiceCode != "complaint" {
				t.Fatalf("%s: service_code %q", f, d.ServiceCode)
			}
			var codes, required []string
			for i, a := range d.Attributes {
				codes = append(codes, a.Code)
				if a.Required {
					required = append(required, a.Code)
				}
				if !a.Variable || a.Order != i+1 || a.Description == "" || a.DatatypeDescription == "" {
					t.Fatalf("%s: attribute %+v", f, a)
				}
				switch a.Code {
				case "amount":
					if a.Datatype != "number" {
						t.Fatalf("%s: amount %+v", f, a)
					}
				case "facts", "request":
					if a.Datatype != "text" {
						t.Fatalf("%s: %s %+v", f, a.Code, a)
					}
				case "category":
					if a.Datatype != "singlevaluelist" || len(a.Values) != 2 || a.Values[0].Key != "goods" || a.Values[1].Key != "services" || a.Values[0].Name != "商品类" {
						t.Fatalf("%s: category %+v", f, a)
					}
				default:
					if a.Datatype != "string" || len(a.Values) != 0 {
						t.Fatalf("%s: %s %+v", f, a.Code, a)
					}
				}
			}
			if !slices.Equal(codes, []string{"phone", "name", "merchant", "merchant_address", "amount", "facts", "request", "category"}) ||
				!slices.Equal(required, []string{"phone", "name", "merchant"}) {
				t.Fatalf("%s: attributes %v, required %v", f, codes, required)
			}
		}
		var d definition
		w := e.get("/open311/v2/services/report.xml", "Accept-Language", "en")
		decodeXML(t, w, &d)
		for _, a := range d.Attributes {
			if a.Required || a.Code == "amount" || a.Code == "request" {
				t.Fatalf("report attribute %+v", a)
			}
			if a.Code == "category" && a.Values[0].Name != "Goods" {
				t.Fatalf("category in English: %+v", a.Values)
			}
		}
	})
}

// TestNotFoundAndMethods: unknown services, ids and extensions are 404 and a
// wrong method 405, always in the spec's error format.
func TestNotFoundAndMethods(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		for _, c := range []struct{ path, f string }{
			{"/open311/v2/services/parking.xml", "xml"},
			{"/open311/v2/services/parking.json", "json"},
			{"/open311/v2/services/complaint.html", "xml"},
			{"/open311/v2/services/complaint", "xml"},
			{"/open311/v2/services.csv", "xml"},
			{"/open311/v2/discovery", "xml"},
			{"/open311/v2/requests/20261130-999999.json", "json"},
			{"/open311/v2/requests/nonsense.xml", "xml"},
			{"/open311/v2/requests/20261130-000001.yaml", "xml"},
			{"/open311/v2/tokens/20261130-999999.xml", "xml"},
			{"/open311/v2/nothing.json", "json"},
			{"/open311/v3/services.xml", "xml"},
		} {
			list := errorsOf(t, e.get(c.path), 404, c.f)
			if !hasDescription(list, "找不到") {
				t.Fatalf("%s: %+v", c.path, list)
			}
		}
		list := errorsOf(t, e.get("/open311/v2/nothing.txt", "Accept", "application/json", "Accept-Language", "en"), 404, "json")
		if !hasDescription(list, "not found") {
			t.Fatalf("english 404: %+v", list)
		}
		w := e.do("DELETE", "/open311/v2/requests.json", "", "")
		errorsOf(t, w, 405, "json")
		if allow := w.Header().Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "POST") {
			t.Fatalf("Allow %q", allow)
		}
		errorsOf(t, e.do("PUT", "/open311/v2/services/complaint.xml", "", ""), 405, "xml")
		w = e.do("OPTIONS", "/open311/v2/requests.json", "", "", "Origin", "https://app.example", "Access-Control-Request-Method", "POST")
		if w.Code != 204 || w.Header().Get("Access-Control-Allow-Methods") != "GET, POST" || w.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Fatalf("preflight %d %v", w.Code, w.Header())
		}
		if got := e.get("/open311/v2/services.json", "Origin", "https://app.example").Header().Get("Access-Control-Allow-Origin"); got != "*" {
			t.Fatalf("CORS on GET: %q", got)
		}
		errorsOf(t, e.do("POST", "/open311/v2/services.xml", form, ""), 405, "xml")
	})
}
