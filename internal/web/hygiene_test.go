package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestInputHygiene_Web: a NUL, another control character or bytes that are not
// UTF-8 anywhere a page reads — a form (signed in or not), the query, the path, a
// multipart upload — is a 422 naming the field, on both databases; never a 500,
// never stored. A form that does not parse is a 400.
func TestInputHygiene_Web(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		anon, op, admin, head := c.anon(t), c.as(t, "zuoxi"), c.as(t, "admin"), c.as(t, "fuzeren")
		n := numberFrom(t, op.post("/intake", intakeForm("facts", "第一行\r\n第二行\t缩进")))
		if got := c.matter(t, n).Facts; got != "第一行\r\n第二行\t缩进" && got != "第一行\n第二行\t缩进" {
			t.Fatalf("line breaks and tabs in facts are text: stored %q", got)
		}
		raw := func(t *testing.T, b *client, method, path, ctype, body string) resp {
			req, _ := http.NewRequest(method, c.srv.URL+path, strings.NewReader(body))
			if ctype != "" {
				req.Header.Set("Content-Type", ctype)
			}
			sub := *b
			sub.t = t
			return sub.do(req)
		}
		const form = "application/x-www-form-urlencoded"
		cases := []struct {
			name   string
			b      *client
			method string
			path   string
			ctype  string
			body   string
			status int
			says   string // in the page, naming the field
		}{
			{"sign-in with NUL in the user name", anon, "POST", "/login", form, "username=ad%00min&password=x", 422, "用户名"},
			{"sign-in with bytes that are not UTF-8", anon, "POST", "/login", form, "username=%FF%FE&password=x", 422, "用户名"},
			{"sign-in with NUL in the password", anon, "POST", "/login", form, "username=admin&password=%00", 422, ""},
			{"sign-in form that does not parse", anon, "POST", "/login", form, "username=%zz", 400, ""},
			{"sign-in page with NUL in the query", anon, "GET", "/login?next=%00", "", "", 422, ""},
			{"language switch with a bad back link", anon, "POST", "/lang", form, "lang=en&back=/%00", 422, ""},
			{"intake with NUL in the facts", op, "POST", "/intake", form, intakeForm("facts", "a\x00b").Encode(), 422, "事实"},
			{"intake with a tab in the consumer's name", op, "POST", "/intake", form, intakeForm("consumer.name", "张\t三").Encode(), 422, ""},
			{"intake with a line break in the merchant name", op, "POST", "/intake", form, intakeForm("merchant_name", "好又多\n超市").Encode(), 422, ""},
			{"intake with bytes that are not UTF-8", op, "POST", "/intake", form, intakeForm("merchant_name", "好\xff").Encode(), 422, ""},
			{"intake form that does not parse", op, "POST", "/intake", form, "kind=complaint&facts=%E5%", 400, ""},
			{"queue search with NUL", op, "GET", "/queue?q=%00", "", "", 422, ""},
			{"queue search with bytes that are not UTF-8", op, "GET", "/queue?q=%C0%AF", "", "", 422, ""},
			{"query that does not parse", op, "GET", "/queue?q=%zz", "", "", 400, ""},
			{"case page with NUL in the number", op, "GET", "/matters/%00", "", "", 422, ""},
			{"action with NUL in the note", op, "POST", "/matters/" + n + "/actions/note", form, "note=a%00b", 422, ""},
			{"attachment whose multipart body does not parse", op, "POST", "/matters/" + n + "/attachments", "multipart/form-data; boundary=x", "garbage", 400, ""},
			{"calendar whose multipart body does not parse", admin, "POST", "/admin/calendar", "multipart/form-data; boundary=x", "--x\r\nbroken", 400, ""},
			{"ledger whose multipart body does not parse", head, "POST", "/imports/preview", "multipart/form-data; boundary=x", "--x\r\nbroken", 400, ""},
			{"ledger upload without a boundary", head, "POST", "/imports/preview", "multipart/form-data", "x", 400, ""},
			{"merchant suggestions with NUL", op, "GET", "/suggest/merchants?q=%00", "", "", 422, ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := raw(t, tc.b, tc.method, tc.path, tc.ctype, tc.body)
				if r.status != tc.status {
					t.Fatalf("status %d, want %d\n%.600s", r.status, tc.status, r.body)
				}
				if tc.says != "" && !strings.Contains(r.body, tc.says) {
					t.Fatalf("the page does not name %q:\n%.2000s", tc.says, r.body)
				}
			})
		}
		t.Run("attachment named with bytes that are not UTF-8", func(t *testing.T) {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("file", "收据\xff.jpg")
			_, _ = fw.Write([]byte("\xff\xd8\xff\xe0 jpeg"))
			_ = mw.Close()
			if r := raw(t, op, "POST", "/matters/"+n+"/attachments", mw.FormDataContentType(), buf.String()); r.status != 422 {
				t.Fatalf("status %d, want 422\n%.600s", r.status, r.body)
			}
		})
		t.Run("attachment note with NUL", func(t *testing.T) {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			_ = mw.WriteField("note", "收据\x00")
			fw, _ := mw.CreateFormFile("file", "receipt.jpg")
			_, _ = fw.Write([]byte("\xff\xd8\xff\xe0 jpeg"))
			_ = mw.Close()
			if r := raw(t, op, "POST", "/matters/"+n+"/attachments", mw.FormDataContentType(), buf.String()); r.status != 422 {
				t.Fatalf("status %d, want 422\n%.600s", r.status, r.body)
			}
		})
	})
}

// TestSignInNextStaysOnSite: GET /login?next=/%09/other-host/ once sent a
// signed-in browser to "/\t/other-host/", which browsers read as //other-host/.
func TestSignInNextStaysOnSite(t *testing.T) {
	c := fixture(t)
	op := c.as(t, "zuoxi")
	for _, next := range []string{"/%09/other-host/", "/%0A/evil", "%2F%2Fevil", "/%5Cevil", "https://evil", "/%E3%80%80/evil", "/%2F%2Fevil"} {
		r := op.get("/login?next=" + next)
		if r.status == 303 && r.location != "/intake" {
			t.Errorf("next=%s sent the browser to %q", next, r.location)
		}
		if r.status != 303 && r.status != 422 {
			t.Errorf("next=%s: status %d", next, r.status)
		}
	}
	anon := c.anon(t)
	r := anon.post("/login", map[string][]string{"username": {"zuoxi"}, "password": {password}, "next": {"/\u3000/evil"}})
	if r.status != 303 || r.location != "/intake" {
		t.Errorf("sign in with next=/\\u3000/evil: %d %q", r.status, r.location)
	}
	r = anon.post("/lang", map[string][]string{"lang": {"en"}, "back": {"/%2F%2Fevil"}})
	if r.status != 303 || r.location != "/" {
		t.Errorf("language switch with back=/%%2F%%2Fevil: %d %q", r.status, r.location)
	}
}
