package open311_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/testdb"
)

// FuzzPostRequest: whatever body a client sends to POST requests, the answer
// is a success or the spec's error list with a 4xx status — never a 5xx or a
// panic (R-P3). The api_key is sent in the query so bodies reach the decoder,
// the attribute mapping and intake.
func FuzzPostRequest(f *testing.F) {
	e := newEnv(f, testdb.SQLite(f))
	f.Add(form, e.valid().Encode())
	f.Add(form, "service_code=complaint&address_string=x&attribute[phone]=13800138000&attribute[name]=a&attribute[merchant]=b&description=c")
	f.Add(form, "service_code=inquiry&lat=1e308&long=-0&description=%E4%BD%A0")
	f.Add(form, "service_code=report&address_id=99999999999999999999&attribute[category][]=goods&attribute[category][]=x")
	f.Add(form, "attribute[=1&attribute[]]=2&attribute[a][b]=3&%zz")
	f.Add(form, "service_code=complaint&lat=30&long=120&attribute[amount]=-1&attribute[amount]=9999999999999.99")
	f.Add("application/json", `{"service_code":"inquiry","address_string":"x","description":"y","attribute":{"phone":["1"],"category":null}}`)
	f.Add("application/json", `{"service_code":1e400}`)
	f.Add("multipart/form-data; boundary=X", "--X\r\nContent-Disposition: form-data; name=\"service_code\"\r\n\r\ninquiry\r\n--X--\r\n")
	f.Add("multipart/form-data", "--X\r\n")
	f.Add("text/html; charset=", "<p>")
	f.Add("", "service_code=inquiry&address_string=%00")
	f.Fuzz(func(t *testing.T, contentType, body string) {
		e.t = t
		w := e.do("POST", "/open311/v2/requests.json?api_key="+url.QueryEscape(e.key), contentType, body)
		if w.Code >= 500 {
			t.Fatalf("status %d for %q %q: %s", w.Code, contentType, body, w.Body)
		}
		var list []map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil || len(list) == 0 {
			t.Fatalf("not a spec answer (%v): %s", err, w.Body)
		}
		if w.Code == 200 && !strings.Contains(w.Body.String(), "service_request_id") {
			t.Fatalf("success without service_request_id: %s", w.Body)
		}
	})
}

// FuzzGetRequests: no query string — dates, lists, ids — makes GET requests fail with a 5xx.
func FuzzGetRequests(f *testing.F) {
	e := newEnv(f, testdb.SQLite(f))
	var resp []map[string]any
	if err := json.Unmarshal(e.post("json", e.valid()).Body.Bytes(), &resp); err != nil || len(resp) != 1 {
		f.Fatalf("seed request: %v", err)
	}
	f.Add("service_request_id=" + resp[0]["service_request_id"].(string) + ",x,,")
	f.Add("start_date=9999-12-31T23:59:59Z")
	f.Add("end_date=0000-01-01&status=open,closed,,")
	f.Add("start_date=2026-11-01T00:00:00 08:00&end_date=2026-11-30T10:00+08:00&service_code=complaint,inquiry,report")
	f.Add("start_date=2026-11-01T00:00:00.123456789-23:59&status=%ff")
	f.Add("service_code=%00&jurisdiction_id=x;y")
	f.Fuzz(func(t *testing.T, query string) {
		e.t = t
		for _, f := range []string{"json", "xml"} {
			r := e.get("/open311/v2/requests." + f + "?" + url.PathEscape(query))
			if r.Code != 200 && r.Code != 400 {
				t.Fatalf("status %d for %q: %s", r.Code, query, r.Body)
			}
		}
	})
}
