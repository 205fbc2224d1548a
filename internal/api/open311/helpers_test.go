package open311_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"weiquan/internal/api/open311"
	"weiquan/internal/casework"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

// now is the fixed clock of every test: 2026-11-30 10:00 in Asia/Shanghai.
var now = time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)

// env is the real handler stack on one database, with a working api_key.
type env struct {
	t   testing.TB
	svc *service.Service
	h   http.Handler
	key string
}

func newEnv(t testing.TB, s *store.Store) *env {
	t.Helper()
	svc := service.New(s, func() time.Time { return now })
	key, _, err := svc.CreateAPIKey(context.Background(), "test client")
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, svc: svc, h: server.New(svc, open311.New(svc)), key: key}
}

// do sends one request; headers come in name, value pairs.
func (e *env) do(method, path, contentType, body string, headers ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

func (e *env) get(path string, headers ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do("GET", path, "", "", headers...)
}

const form = "application/x-www-form-urlencoded; charset=utf-8"

// post sends a form-encoded POST requests in the given format.
func (e *env) post(f string, v url.Values, headers ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do("POST", "/open311/v2/requests."+f, form, v.Encode(), headers...)
}

// valid is a complete complaint as a GeoReport client sends it.
func (e *env) valid() url.Values {
	return url.Values{
		"api_key": {e.key}, "jurisdiction_id": {"ruichang.gov.cn"}, "service_code": {"complaint"},
		"lat": {"29.6757"}, "long": {"115.6681"}, "address_string": {"湓城街道人民路12号"},
		"first_name": {"三丰"}, "last_name": {"张"}, "phone": {"13812345678"}, "email": {"zhang@example.com"},
		"description": {"在超市买到过期牛奶，我是张三丰，电话13812345678"}, "media_url": {"https://img.example.com/milk.jpg"},
		"attribute[merchant]": {"瑞昌惠民超市"}, "attribute[amount]": {"128.50"}, "attribute[request]": {"退货退款"},
		"attribute[category]": {"goods"},
	}
}

// status checks a response's status and content type.
func status(t *testing.T, w *httptest.ResponseRecorder, code int, f string) {
	t.Helper()
	if w.Code != code {
		t.Fatalf("status %d, want %d: %s", w.Code, code, w.Body)
	}
	want := map[string]string{"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}[f]
	if ct := w.Header().Get("Content-Type"); ct != want {
		t.Fatalf("content type %q, want %q", ct, want)
	}
	if f == "xml" && !strings.HasPrefix(w.Body.String(), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Fatalf("xml without declaration: %s", w.Body)
	}
}

func decodeJSON(t *testing.T, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("json: %v: %s", err, w.Body)
	}
}

func decodeXML(t *testing.T, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := xml.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("xml: %v: %s", err, w.Body)
	}
}

// specError is one entry of the spec's error list, in either format.
type specError struct {
	Code        int    `json:"code" xml:"code"`
	Description string `json:"description" xml:"description"`
}

type xmlErrors struct {
	XMLName xml.Name    `xml:"errors"`
	Errors  []specError `xml:"error"`
}

// errorsOf checks a response is the spec's error list with this status and returns it.
func errorsOf(t *testing.T, w *httptest.ResponseRecorder, code int, f string) []specError {
	t.Helper()
	status(t, w, code, f)
	var list []specError
	if f == "json" {
		decodeJSON(t, w, &list)
	} else {
		var x xmlErrors
		decodeXML(t, w, &x)
		list = x.Errors
	}
	if len(list) == 0 {
		t.Fatalf("empty error list: %s", w.Body)
	}
	for _, e := range list {
		if e.Code != code || e.Description == "" {
			t.Fatalf("error %+v in %s", e, w.Body)
		}
	}
	return list
}

func hasDescription(list []specError, part string) bool {
	for _, e := range list {
		if strings.Contains(e.Description, part) {
			return true
		}
	}
	return false
}

// insert stores a matter as it stands, for list fixtures.
func insert(t *testing.T, s *store.Store, m casework.Matter) casework.Matter {
	t.Helper()
	if m.Channel == "" {
		m.Channel = casework.Hotline12315
	}
	if m.State == "" {
		m.State = casework.Received
	}
	m.RuleSet, m.CreatedAt, m.Version, m.Consumers = casework.RuleSetFor(m.ReceivedAt), m.ReceivedAt, 1, 1
	if m.UpdatedAt.IsZero() {
		m.UpdatedAt = m.ReceivedAt
	}
	err := s.Tx(context.Background(), func(tx *store.Tx) error { return tx.InsertMatter(context.Background(), &m) })
	if err != nil {
		t.Fatal(err)
	}
	return m
}
