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
