package httpio

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

// decodeString runs Decode on body into v, as a handler would.
func decodeString(body string, v any) error {
	r := httptest.NewRequest("POST", "/", strings.NewReader(body))
	return Decode(httptest.NewRecorder(), r, v)
}

func fields(err error) map[string]string {
	errs, _ := invalid.As(err)
	out := map[string]string{}
	for _, f := range errs {
		out[f.Field] = f.Code
	}
	return out
}

// TestDecodeRefusesControlCharacters: "\u0000" decodes to NUL, so the check runs
// after decoding, on every string, and names the field by its JSON path.
func TestDecodeRefusesControlCharacters(t *testing.T) {
	cases := []struct {
		name, body string
		want       map[string]string // field → code; nil: accepted
	}{
		{"clean", `{"kind":"complaint","channel":"web","facts":"买到过期牛奶","consumer":{"name":"张三"}}`, nil},
		{"NUL escape in facts", `{"facts":"a\u0000b"}`, map[string]string{"facts": invalid.ControlChar}},
		{"NUL in a nested name", `{"consumer":{"name":"张\u0000三"}}`, map[string]string{"consumer.name": invalid.ControlChar}},
		{"tab and newline in free text", `{"facts":"第一行\n\t第二行","request":"退货\r\n退款"}`, nil},
		{"newline in a name", `{"consumer":{"name":"张\n三"}}`, map[string]string{"consumer.name": invalid.ControlChar}},
		{"tab in a merchant name", `{"merchant_name":"好又多\t超市"}`, map[string]string{"merchant_name": invalid.ControlChar}},
		{"escape character", `{"consumer":{"address":"\u001b[2J"}}`, map[string]string{"consumer.address": invalid.ControlChar}},
		{"C1 control", `{"platform_no":"\u0085"}`, map[string]string{"platform_no": invalid.ControlChar}},
		{"invalid UTF-8 raw", "{\"facts\":\"a\xffb\",\"request\":\"ok\"}", map[string]string{"facts": invalid.Encoding}},
		{"lone surrogate escape", `{"consumer":{"phone":"\ud800"}}`, nil}, // decodes to U+FFFD, which is text
		{"several at once", `{"facts":"\u0000","consumer":{"name":"\u0001","phone":"x\u0002"}}`,
			map[string]string{"facts": invalid.ControlChar, "consumer.name": invalid.ControlChar, "consumer.phone": invalid.ControlChar}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var in casework.IntakeInput
			err := decodeString(c.body, &in)
			if c.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			got := fields(err)
			if len(got) != len(c.want) {
				t.Fatalf("errors %v, want %v (err %v)", got, c.want, err)
			}
			for f, code := range c.want {
				if got[f] != code {
					t.Errorf("%s: %q, want %q", f, got[f], code)
				}
			}
		})
	}
}

func TestDecodeWalksPointersMapsAndSlices(t *testing.T) {
	var v struct {
		Changes *casework.Changes `json:"changes"`
		Tags    []string          `json:"tags"`
		Extra   map[string]any    `json:"extra"`
	}
	err := decodeString(`{"changes":{"facts":"ok\nok","merchant_name":"a\u0000"},"tags":["x","y\u0007"],"extra":{"k":["\u0000"],"ok":1}}`, &v)
	want := map[string]string{"changes.merchant_name": invalid.ControlChar, "tags": invalid.ControlChar, "extra.k": invalid.ControlChar}
	if got := fields(err); len(got) != len(want) || got["changes.merchant_name"] == "" || got["tags"] == "" || got["extra.k"] == "" {
		t.Fatalf("errors %v, want %v", got, want)
	}
	err = decodeString(`{"extra":{"a\u0000":"x"}}`, &v)
	if got := fields(err); got["extra"] != invalid.ControlChar {
		t.Fatalf("bad map key: %v", got)
	}
}

func TestDecodeKeepsItsOtherAnswers(t *testing.T) {
	var in casework.IntakeInput
	var be *BodyError
	if err := decodeString(`{"facts":`, &in); !errors.As(err, &be) || be.Status != http.StatusBadRequest {
		t.Fatalf("broken JSON: %v", err)
	}
	if err := decodeString(`{"nosuch\u0000":1}`, &in); !errors.As(err, &be) || be.Code != "unknown_field" || be.Field != "body" {
		t.Fatalf("unknown field with a control character: %v", err)
	}
	if err := decodeString(`{"facts":"`+strings.Repeat("x", MaxBody)+`"}`, &in); !errors.As(err, &be) || be.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("too large: %v", err)
	}
}

func TestParseFormAndQuery(t *testing.T) {
	cases := []struct {
		name, target, ctype, body string
		status                    int               // of a BodyError; 0: none
		want                      map[string]string // field errors
	}{
		{"clean", "/x?q=%E5%BC%A0", "application/x-www-form-urlencoded", "username=a&facts=a%0Ab", 0, nil},
		{"NUL in a form value", "/x", "application/x-www-form-urlencoded", "username=a%00", 0, map[string]string{"username": invalid.ControlChar}},
		{"invalid UTF-8 in a form value", "/x", "application/x-www-form-urlencoded", "merchant_name=%FF", 0, map[string]string{"merchant_name": invalid.Encoding}},
		{"NUL in the query", "/x?q=%00", "", "", 0, map[string]string{"q": invalid.ControlChar}},
		{"tab in the query", "/x?next=/%09/evil", "", "", 0, map[string]string{"next": invalid.ControlChar}},
		{"newline in note", "/x", "application/x-www-form-urlencoded", "note=a%0D%0Ab", 0, nil},
		{"bad key", "/x", "application/x-www-form-urlencoded", "a%00=1", 0, map[string]string{"form": invalid.ControlChar}},
		{"bad percent-encoding in the body", "/x", "application/x-www-form-urlencoded", "a=%zz", http.StatusBadRequest, nil},
		{"bad percent-encoding in the query", "/x?a=%zz", "", "", http.StatusBadRequest, nil},
		{"bad content type", "/x", "text/plain; x", "a=1", http.StatusBadRequest, nil},
		{"too large", "/x", "application/x-www-form-urlencoded", "a=" + strings.Repeat("b", MaxForm), http.StatusRequestEntityTooLarge, nil},
		{"multipart is left to its handler", "/x", "multipart/form-data; boundary=x", "garbage", 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", c.target, strings.NewReader(c.body))
			if c.ctype != "" {
				r.Header.Set("Content-Type", c.ctype)
			}
			err := ParseForm(httptest.NewRecorder(), r)
			var be *BodyError
			switch {
			case c.status != 0:
				if !errors.As(err, &be) || be.Status != c.status {
					t.Fatalf("got %v, want status %d", err, c.status)
				}
			case c.want == nil:
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
			default:
				got := fields(err)
				for f, code := range c.want {
					if got[f] != code {
						t.Fatalf("errors %v, want %v", got, c.want)
					}
				}
			}
		})
	}
}

func TestCheckPath(t *testing.T) {
	mux := http.NewServeMux()
	var got error
	mux.HandleFunc("GET /matters/{number}/attachments/{id}", func(w http.ResponseWriter, r *http.Request) {
		got = CheckPath(r, "GET /matters/{number}/attachments/{id}")
	})
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/matters/20261130-000001/attachments/3", nil))
	if got != nil {
		t.Fatalf("clean path refused: %v", got)
	}
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/matters/%00/attachments/%FF", nil))
	if f := fields(got); f["number"] != invalid.ControlChar || f["id"] != invalid.Encoding {
		t.Fatalf("path errors %v", f)
	}
	if w := Wildcards("GET /a/{x}/b/{rest...}/{$}"); len(w) != 2 || w[0] != "x" || w[1] != "rest" {
		t.Fatalf("wildcards %v", w)
	}
}

func TestCheckMultipart(t *testing.T) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("note", "第一行\n第二行")
	_ = mw.WriteField("year", "20\x0026")
	fw, _ := mw.CreateFormFile("file", "re\xffceipt.jpg")
	_, _ = fw.Write([]byte("jpeg"))
	_ = mw.Close()
	r := httptest.NewRequest("POST", "/", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		t.Fatal(err)
	}
	got := fields(CheckMultipart(r.MultipartForm))
	if len(got) != 2 || got["year"] != invalid.ControlChar || got["file"] != invalid.Encoding {
		t.Fatalf("errors %v", got)
	}
}

// FuzzDecode: whatever the body, Decode never panics, and what it accepts holds
// no control character outside free text and nothing that was not UTF-8.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"kind":"complaint","facts":"x"}`, `{"facts":"\u0000"}`, "{\"facts\":\"\xff\"}", `{"consumer":{"name":"\t"}}`,
		`{"changes":{"facts":"a\nb"}}`, `[]`, `{"extra":{"a":["b"]}}`, `null`, `{"amount_in_dispute":"1,2,3"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var in casework.IntakeInput
		if err := decodeString(string(body), &in); err != nil {
			return
		}
		for field, s := range map[string]string{"facts": in.Facts, "request": in.Request, "report_facts": in.ReportFacts,
			"consumer.name": in.Consumer.Name, "consumer.phone": in.Consumer.Phone, "consumer.address": in.Consumer.Address,
			"merchant_name": in.MerchantName, "platform_no": in.PlatformNo, "kind": string(in.Kind)} {
			if invalid.TextCode(s, invalid.IsFreeText(field)) != "" {
				t.Fatalf("%s = %q accepted", field, s)
			}
			if !utf8.Valid(body) && strings.ContainsRune(s, utf8.RuneError) {
				t.Fatalf("%s = %q: bytes that were not UTF-8 accepted as U+FFFD", field, s)
			}
		}
	})
}

// FuzzParseForm: whatever the form and query, ParseForm never panics, and what it
// accepts holds no control character outside free text and only UTF-8.
func FuzzParseForm(f *testing.F) {
	for _, s := range [][2]string{{"q=1", "username=a&facts=a%0Ab"}, {"", "a=%00"}, {"x=%zz", ""}, {"", "%FF=1"}, {"next=/%09/x", "note=%0D%0A"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, query, body string) {
		r, err := http.NewRequest("POST", "/x?"+query, strings.NewReader(body))
		if err != nil {
			return
		}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if ParseForm(httptest.NewRecorder(), r) != nil {
			return
		}
		for k, vs := range r.Form {
			if invalid.TextCode(k, false) != "" {
				t.Fatalf("name %q accepted", k)
			}
			for _, v := range vs {
				if invalid.TextCode(v, invalid.IsFreeText(k)) != "" {
					t.Fatalf("%s = %q accepted", k, v)
				}
			}
		}
	})
}
