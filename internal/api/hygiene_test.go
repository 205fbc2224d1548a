package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestInputHygiene_API: NUL (also as the JSON escape \u0000), other control
// characters and bytes that are not UTF-8 in a JSON body, the query or the path
// are a 422 naming the field, signed in or not, on both databases — never a 500,
// never silently replaced by U+FFFD. Tab and line breaks pass in free text.
func TestInputHygiene_API(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		n := f.intake(t, "")
		base := `"kind":"complaint","channel":"hotline_12315","consumer":{"name":"张三","phone":"13800138000"},"merchant_id":` + itoa(f.merchant.ID) + `,"area_id":` + itoa(f.townA.ID)
		cases := []struct {
			name, user, method, path, body string
			status                         int
			field, code                    string
		}{
			{"sign-in with \\u0000 in the user name", "", "POST", "/api/v1/session", `{"username":"ad\u0000min","password":"x"}`, 422, "username", "control_char"},
			{"sign-in with a raw NUL", "", "POST", "/api/v1/session", "{\"username\":\"ad\x00min\",\"password\":\"x\"}", 400, "body", "json"}, // a raw control character is not JSON
			{"sign-in with bytes that are not UTF-8", "", "POST", "/api/v1/session", "{\"username\":\"ad\xffmin\",\"password\":\"x\"}", 422, "username", "encoding"},
			{"sign-in with NUL in the password", "", "POST", "/api/v1/session", `{"username":"admin","password":"\u0000"}`, 422, "password", "control_char"},
			{"intake with NUL in the facts", "op", "POST", "/api/v1/matters", `{` + base + `,"facts":"a\u0000b"}`, 422, "facts", "control_char"},
			{"intake with a tab in the consumer's name", "op", "POST", "/api/v1/matters", `{"kind":"complaint","channel":"web","consumer":{"name":"张\t三","phone":"13800138000"},"facts":"x"}`, 422, "consumer.name", "control_char"},
			{"intake with bytes that are not UTF-8 in the merchant name", "op", "POST", "/api/v1/matters", "{" + base + ",\"merchant_name\":\"好\xc0\",\"facts\":\"x\"}", 422, "merchant_name", "encoding"},
			{"action with NUL in the note", "op", "POST", "/api/v1/matters/" + n + "/actions/note", `{"note":"\u0000"}`, 422, "note", "control_char"},
			{"action with an escape in the changes", "op", "POST", "/api/v1/matters/" + n + "/actions/edit", `{"changes":{"merchant_address":"\u001b[2J"}}`, 422, "changes.merchant_address", "control_char"},
			{"settings with NUL in a sub-category", "admin", "PUT", "/api/v1/settings/tiers", `{"major_subcategories":["汽车\u0000"]}`, 422, "major_subcategories", "control_char"},
			{"intake with 1,2,3 as an amount", "op", "POST", "/api/v1/matters", `{` + base + `,"facts":"x","amount_in_dispute":"1,2,3"}`, 422, "amount_in_dispute", "format"},
			{"list with NUL in the search", "op", "GET", "/api/v1/matters?q=%00", "", 422, "q", "control_char"},
			{"list with bytes that are not UTF-8 in the search", "op", "GET", "/api/v1/matters?q=%FF", "", 422, "q", "encoding"},
			{"list with a query that does not parse", "op", "GET", "/api/v1/matters?q=%zz", "", 400, "query", "form"},
			{"case with NUL in the number", "op", "GET", "/api/v1/matters/%00", "", 422, "number", "control_char"},
			{"timeline with bytes that are not UTF-8 in the number", "op", "GET", "/api/v1/matters/%FF/timeline", "", 422, "number", "encoding"},
			{"raw import named with NUL", "admin", "POST", "/api/v1/imports?filename=a%00.csv", "source_id,kind\n", 422, "filename", "control_char"},
			{"OpenAPI document with NUL in the query", "", "GET", "/api/v1/openapi.json?x=%00", "", 422, "x", "control_char"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				status, body := f.do(t, c.user, c.method, c.path, c.body, nil)
				if status != c.status {
					t.Fatalf("status %d, want %d: %s", status, c.status, body)
				}
				var eb struct {
					Errors []struct{ Field, Code, Message string }
				}
				if err := json.Unmarshal([]byte(body), &eb); err != nil || len(eb.Errors) == 0 {
					t.Fatalf("no error body: %s", body)
				}
				if e := eb.Errors[0]; e.Field != c.field || e.Code != c.code || e.Message == "" {
					t.Fatalf("error %+v, want field %s code %s", e, c.field, c.code)
				}
			})
		}
		t.Run("free text keeps tabs and line breaks", func(t *testing.T) {
			status, body := f.do(t, "op", "POST", "/api/v1/matters", `{`+base+`,"facts":"第一行\n\t第二行","request":"退货\r\n退款"}`, nil)
			if status != http.StatusCreated || !strings.Contains(body, `第一行\n\t第二行`) {
				t.Fatalf("%d %s", status, body)
			}
		})
		t.Run("multipart import that does not parse", func(t *testing.T) {
			status, body := f.do(t, "admin", "POST", "/api/v1/imports", "--x\r\nbroken", map[string]string{"Content-Type": "multipart/form-data; boundary=x"})
			if status != 400 || !strings.Contains(body, `"code":"form"`) {
				t.Fatalf("%d %s", status, body)
			}
		})
		t.Run("multipart import named with bytes that are not UTF-8", func(t *testing.T) {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("file", "台账\xff.csv")
			_, _ = io.WriteString(fw, "source_id,kind,channel,received_at\n1,投诉,来访,2021-01-01\n")
			_ = mw.Close()
			status, body := f.do(t, "admin", "POST", "/api/v1/imports", buf.String(), map[string]string{"Content-Type": mw.FormDataContentType()})
			if status != 422 || !strings.Contains(body, `"field":"file"`) {
				t.Fatalf("%d %s", status, body)
			}
		})
	})
}
