package open311_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"mime/multipart"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

type created struct {
	ServiceRequestID string  `xml:"service_request_id" json:"service_request_id"`
	ServiceNotice    string  `xml:"service_notice" json:"service_notice"`
	Token            *string `xml:"token" json:"token"`
}

type xmlCreated struct {
	XMLName  xml.Name  `xml:"service_requests"`
	Requests []created `xml:"request"`
}

func countMatters(t *testing.T, s *store.Store) int {
	t.Helper()
	_, n, err := s.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPostNeedsAPIKey: the spec's 403 for a missing, wrong or revoked api_key; nothing is stored.
func TestPostNeedsAPIKey(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		v := e.valid()
		v.Del("api_key")
		errorsOf(t, e.post("json", v), 403, "json")
		list := errorsOf(t, e.post("xml", v, "Accept-Language", "en"), 403, "xml")
		if !hasDescription(list, "api_key") {
			t.Fatalf("403 should name the api_key: %+v", list)
		}
		v.Set("api_key", "not-a-key")
		errorsOf(t, e.post("json", v), 403, "json")
		key, k, err := e.svc.CreateAPIKey(context.Background(), "revoked")
		if err != nil {
			t.Fatal(err)
		}
		if err := e.svc.RevokeAPIKey(context.Background(), k.ID); err != nil {
			t.Fatal(err)
		}
		v.Set("api_key", key)
		errorsOf(t, e.post("json", v), 403, "json")
		// A key checked before the input: a bad request without a key is still 403.
		errorsOf(t, e.post("json", url.Values{"service_code": {"nonsense"}}), 403, "json")
		if n := countMatters(t, s); n != 0 {
			t.Fatalf("%d matters stored without a key", n)
		}
		// Some clients put api_key in the query string.
		v.Del("api_key")
		w := e.do("POST", "/open311/v2/requests.json?api_key="+url.QueryEscape(e.key), form, v.Encode())
		status(t, w, 200, "json")
	})
}

// TestPostBadInput_R_P3: every mistake is a 400 (404 for an unknown service)
// in the spec's format, with field messages in zh-CN and en, and nothing is stored.
func TestPostBadInput_R_P3(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		mod := func(set map[string]string, del ...string) url.Values {
			v := e.valid()
			for k, x := range set {
				v.Set(k, x)
			}
			for _, k := range del {
				v.Del(k)
			}
			return v
		}
		for _, c := range []struct {
			name   string
			v      url.Values
			status int
			zh, en []string
		}{
			{"bad fields", mod(map[string]string{"phone": "abc", "attribute[amount]": "十块", "attribute[category]": "food", "lat": "91"}), 400,
				[]string{"消费者电话格式不正确", "争议金额格式不正确", "类别只能是：goods, services", "纬度格式不正确"},
				[]string{"Consumer phone is not in a valid format", "Amount in dispute is not in a valid format", "Category must be one of: goods, services", "Latitude is not in a valid format"}},
			{"required attributes", mod(nil, "phone", "first_name", "last_name", "attribute[merchant]", "description"), 400,
				[]string{"消费者电话为必填项", "消费者姓名为必填项", "经营者名称为必填项", "事实经过为必填项"},
				[]string{"Consumer phone is required", "Consumer name is required", "Merchant name is required", "Facts is required"}},
			{"no location", mod(nil, "lat", "long", "address_string"), 400,
				[]string{"请提供位置"}, []string{"A location is required"}},
			{"lat without long", mod(nil, "long", "address_string"), 400, []string{"经度为必填项"}, []string{"Longitude is required"}},
			{"not a number", mod(map[string]string{"lat": "NaN", "long": "Inf"}), 400, []string{"纬度格式不正确", "经度格式不正确"}, []string{"Latitude is not", "Longitude is not"}},
			{"bad media", mod(map[string]string{"media_url": "javascript:alert(1)"}), 400, []string{"附件链接格式不正确"}, []string{"Media URL is not"}},
			{"bad address_id", mod(map[string]string{"address_id": "abc"}), 400, []string{"地址编号（区域）格式不正确"}, []string{"Address id (area) is not"}},
			{"unknown address_id", mod(map[string]string{"address_id": "999"}), 400, []string{"地址编号（区域）不存在"}, []string{"Address id (area) does not exist"}},
			{"long address", mod(map[string]string{"address_string": strings.Repeat("路", 101)}), 400, []string{"地址不能超过100个字"}, []string{"Address must be at most 100 characters"}},
			{"no service", mod(nil, "service_code"), 400, []string{"服务代码为必填项"}, []string{"Service code is required"}},
			{"unknown service", mod(map[string]string{"service_code": "parking"}), 404, []string{"没有编码为 parking 的服务"}, []string{"no service with code parking"}},
		} {
			for _, lang := range []struct {
				header string
				want   []string
			}{{"", c.zh}, {"en", c.en}} {
				for _, f := range []string{"json", "xml"} {
					list := errorsOf(t, e.post(f, c.v, "Accept-Language", lang.header), c.status, f)
					for _, want := range lang.want {
						if !hasDescription(list, want) {
							t.Errorf("%s %s %q: no %q in %+v", c.name, f, lang.header, want, list)
						}
					}
				}
			}
		}
		for _, c := range []struct{ name, ct, body string }{
			{"bad escape", form, "api_key=" + e.key + "&service_code=%zz"},
			{"xml body", "application/xml", "<x/>"},
			{"bad content type", "multipart/form-data", "x"},
			{"too large", form, "api_key=" + e.key + "&description=" + strings.Repeat("a", 1<<20)},
			{"not utf-8", form, "api_key=" + e.key + "&service_code=complaint&description=%ff%fe"},
			{"nul", form, "api_key=" + e.key + "&service_code=complaint&description=a%00b"},
			{"bad json", "application/json", `{"api_key": "` + e.key + `", "service_code": `},
			{"nested json", "application/json", `{"api_key": "` + e.key + `", "service_code": {"a": 1}}`},
		} {
			errorsOf(t, e.do("POST", "/open311/v2/requests.json", c.ct, c.body), 400, "json")
		}
		if n := countMatters(t, s); n != 0 {
			t.Fatalf("%d matters stored from bad input", n)
		}
	})
}

// TestPostCreatesPublicComplaint_R_L1: a GeoReport request becomes one public
// complaint from the web channel, with every field where intake keeps it.
func TestPostCreatesPublicComplaint_R_L1(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		ctx := context.Background()
		w := e.post("json", e.valid())
		status(t, w, 200, "json")
		var resp []created
		decodeJSON(t, w, &resp)
		if len(resp) != 1 || !casework.LooksLikeNumber(resp[0].ServiceRequestID) || resp[0].Token != nil ||
			!strings.Contains(resp[0].ServiceNotice, resp[0].ServiceRequestID) || !strings.Contains(resp[0].ServiceNotice, "7个工作日") {
			t.Fatalf("response %s", w.Body)
		}
		if strings.Contains(w.Body.String(), "token") || strings.Contains(w.Body.String(), "account_id") {
			t.Fatalf("a realtime answer carries no token or account_id: %s", w.Body)
		}
		m, err := s.MatterByNumber(ctx, resp[0].ServiceRequestID)
		if err != nil {
			t.Fatal(err)
		}
		if m.Kind != casework.Complaint || m.Channel != casework.Web || m.State != casework.Received || m.TakenBy != nil ||
			m.Consumer.Phone != "13812345678" || m.Consumer.Name != "张三丰" || m.MerchantName != "瑞昌惠民超市" ||
			m.MerchantAddress != "湓城街道人民路12号" || m.AreaText != "湓城街道人民路12号" || m.AmountInDispute != 12850 ||
			m.Request != "退货退款" || m.Category != casework.Goods || m.Lat == nil || *m.Lat != 29.6757 || *m.Lng != 115.6681 {
			t.Fatalf("matter %+v", m)
		}
		if !strings.Contains(m.Facts, "过期牛奶") || !strings.Contains(m.Facts, "https://img.example.com/milk.jpg") || strings.Contains(m.Facts, "zhang@example.com") {
			t.Fatalf("facts %q", m.Facts)
		}
		tl, err := s.Timeline(ctx, m.ID)
		if err != nil || len(tl) != 1 || tl[0].Action != casework.Intake || tl[0].ActorID != nil {
			t.Fatalf("timeline %+v %v", tl, err)
		}

		// XML, attributes before the standard fields, English notice.
		v := e.valid()
		v.Set("attribute[name]", "李四")
		v.Set("attribute[phone]", "0792-4221234")
		v.Set("attribute[facts]", "标签日期被篡改")
		v.Set("attribute[merchant_address]", "人民路1号")
		w = e.post("xml", v, "Accept-Language", "en")
		status(t, w, 200, "xml")
		var x xmlCreated
		decodeXML(t, w, &x)
		if len(x.Requests) != 1 || !strings.HasPrefix(x.Requests[0].ServiceNotice, "Received as case "+x.Requests[0].ServiceRequestID) {
			t.Fatalf("xml response %s", w.Body)
		}
		m, _ = s.MatterByNumber(ctx, x.Requests[0].ServiceRequestID)
		if m.Consumer.Name != "李四" || m.Consumer.Phone != "07924221234" || m.MerchantAddress != "人民路1号" ||
			!strings.HasPrefix(m.Facts, "标签日期被篡改\n\n在超市买到过期牛奶") {
			t.Fatalf("attributes first: %+v", m)
		}
	})
}

// TestPostOtherBodiesAndPlaces: JSON and multipart bodies work too, address_id
// names an area of the tree, and a report is filed but never shown (R-L25).
func TestPostOtherBodiesAndPlaces(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		ctx := context.Background()
		area := dispatch.Area{Name: "码头镇", Level: dispatch.Township, Kind: dispatch.KindTownship}
		if err := e.svc.CreateArea(ctx, &area); err != nil {
			t.Fatal(err)
		}
		body := `{"api_key": "` + e.key + `", "service_code": "inquiry", "address_id": ` + itoa(area.ID) +
			`, "description": "预付卡商家跑路怎么办", "device_id": null, "attribute": {"phone": "13900001111", "category": ["services"]}}`
		w := e.do("POST", "/open311/v2/requests.json", "application/json", body)
		status(t, w, 200, "json")
		var resp []created
		decodeJSON(t, w, &resp)
		m, err := s.MatterByNumber(ctx, resp[0].ServiceRequestID)
		if err != nil || m.Kind != casework.Inquiry || m.AreaID == nil || *m.AreaID != area.ID || m.Consumer.Phone != "13900001111" || m.Category != casework.Services {
			t.Fatalf("json inquiry %+v %v", m, err)
		}
		var got []request
		decodeJSON(t, e.get("/open311/v2/requests/"+m.Number+".json"), &got)
		if len(got) != 1 || got[0].Address != "码头镇" || got[0].AddressID != itoa(area.ID) {
			t.Fatalf("address from the area: %+v", got)
		}

		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		v := e.valid()
		v.Set("service_code", "report")
		for k, vs := range v {
			_ = mw.WriteField(k, vs[0])
		}
		fw, _ := mw.CreateFormFile("media", "photo.jpg")
		_, _ = fw.Write(bytes.Repeat([]byte{0xff, 0xd8}, 2<<20))
		_ = mw.Close()
		w = e.do("POST", "/open311/v2/requests.xml", mw.FormDataContentType(), buf.String())
		status(t, w, 200, "xml")
		var x xmlCreated
		decodeXML(t, w, &x)
		m, err = s.MatterByNumber(ctx, x.Requests[0].ServiceRequestID)
		if err != nil || m.Kind != casework.Report || m.Channel != casework.Web || m.MerchantName != "瑞昌惠民超市" {
			t.Fatalf("multipart report %+v %v", m, err)
		}
		errorsOf(t, e.get("/open311/v2/requests/"+m.Number+".json"), 404, "json")
		errorsOf(t, e.get("/open311/v2/tokens/"+m.Number+".xml"), 404, "xml")
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
