package open311_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestInputHygiene_Open311: an anonymous client's NUL, other control character or
// bytes that are not UTF-8 — in a GET's query, in the id in the path, in a POST's
// fields — get the spec's 400 error list naming the parameter, on both databases;
// never a 500 (PostgreSQL cannot store NUL). Tab and line breaks pass in the
// free-text description, facts and request.
func TestInputHygiene_Open311(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		for _, c := range []struct{ path, names string }{
			{"/open311/v2/requests.json?service_request_id=%00", "Service request id contains a control character"},
			{"/open311/v2/requests.json?service_request_id=20261130-000001%FF", "Service request id is not valid UTF-8"},
			{"/open311/v2/requests.json?status=open%00", "Status contains a control character"},
			{"/open311/v2/requests.json?service_code=%00", "Service code contains a control character"},
			{"/open311/v2/requests.json?start_date=2026-11-01%0A", "Start date contains a control character"},
			{"/open311/v2/requests/%00.json", "Service request id contains a control character"},
			{"/open311/v2/requests/20261130-%C0%80.json", "Service request id is not valid UTF-8"},
			{"/open311/v2/tokens/%00.json", "token_id contains a control character"},
			{"/open311/v2/services.json?jurisdiction_id=%00", "contains a control character"},
			{"/open311/v2/services/complaint.json?lang=%00", "Language contains a control character"},
			{"/open311/v2/discovery.json?x=%FF", "x is not valid UTF-8"},
			{"/open311/v2/requests.json?service_request_id=%zz", ""},
		} {
			for _, f := range []string{"json", "xml"} {
				path := strings.Replace(c.path, ".json", "."+f, 1)
				list := errorsOf(t, e.get(path, "Accept-Language", "en"), 400, f)
				if c.names != "" && !hasDescription(list, c.names) {
					t.Errorf("%s: the error does not name %s: %+v", path, c.names, list)
				}
			}
		}
		post := func(mut func(url.Values)) url.Values {
			v := e.valid()
			mut(v)
			return v
		}
		for _, c := range []struct {
			name  string
			v     url.Values
			names string
		}{
			{"NUL in the description", post(func(v url.Values) { v.Set("description", "a\x00b") }), "Description contains a control character"},
			{"NUL in an attribute", post(func(v url.Values) { v.Set("attribute[merchant]", "超市\x00") }), "contains a control character"},
			{"tab in the first name", post(func(v url.Values) { v.Set("first_name", "三\t丰") }), "contains a control character"},
			{"line break in the address", post(func(v url.Values) { v.Set("address_string", "人民路\n12号") }), "Address contains a control character"},
			{"bytes that are not UTF-8 in the phone", post(func(v url.Values) { v.Set("phone", "138\xff") }), "Phone is not valid UTF-8"},
			{"escape in the media url", post(func(v url.Values) { v.Set("media_url", "https://x/\x1b") }), "Media URL contains a control character"},
		} {
			list := errorsOf(t, e.post("json", c.v, "Accept-Language", "en"), 400, "json")
			if !hasDescription(list, c.names) {
				t.Errorf("%s: the error does not name %s: %+v", c.name, c.names, list)
			}
		}
		for _, body := range []string{
			"{\"api_key\":\"" + e.key + "\",\"service_code\":\"complaint\",\"description\":\"牛奶\xff\"}",
			`{"api_key":"` + e.key + `","service_code":"complaint","description":"a\u0000b"}`,
		} {
			list := errorsOf(t, e.do("POST", "/open311/v2/requests.json", "application/json", body, "Accept-Language", "en"), 400, "json")
			if !hasDescription(list, "Description") {
				t.Errorf("JSON body %q: the error does not name the description: %+v", body, list)
			}
		}
		if n := countMatters(t, s); n != 0 {
			t.Fatalf("%d matters stored from bad input", n)
		}
		v := e.valid()
		v.Set("description", "第一行\r\n\t第二行")
		v.Set("attribute[request]", "退货\n退款")
		status(t, e.post("json", v), 200, "json")
		_, n, err := s.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}})
		if err != nil || n != 1 {
			t.Fatalf("free text with line breaks: %d matters, %v", n, err)
		}
	})
}
