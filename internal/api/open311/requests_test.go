package open311_test

import (
	"context"
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

type request struct {
	ServiceRequestID  string   `xml:"service_request_id" json:"service_request_id"`
	Status            string   `xml:"status" json:"status"`
	StatusNotes       string   `xml:"status_notes" json:"status_notes"`
	ServiceName       string   `xml:"service_name" json:"service_name"`
	ServiceCode       string   `xml:"service_code" json:"service_code"`
	Description       string   `xml:"description" json:"description"`
	AgencyResponsible string   `xml:"agency_responsible" json:"agency_responsible"`
	ServiceNotice     string   `xml:"service_notice" json:"service_notice"`
	RequestedDatetime string   `xml:"requested_datetime" json:"requested_datetime"`
	UpdatedDatetime   string   `xml:"updated_datetime" json:"updated_datetime"`
	ExpectedDatetime  string   `xml:"expected_datetime" json:"expected_datetime"`
	Address           string   `xml:"address" json:"address"`
	AddressID         string   `xml:"address_id" json:"address_id"`
	Lat               *float64 `xml:"lat" json:"lat"`
	Long              *float64 `xml:"long" json:"long"`
}

type xmlRequests struct {
	XMLName  xml.Name  `xml:"service_requests"`
	Requests []request `xml:"request"`
}

func numbers(rs []request) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.ServiceRequestID)
	}
	return out
}

// w3 formats a time as a query parameter; the "+" of +08:00 is left unescaped
// in half the calls, as hand-typed URLs do.
func w3(t time.Time, escape bool) string {
	s := t.In(time.FixedZone("CST", 8*3600)).Format(time.RFC3339)
	if escape {
		return url.QueryEscape(s)
	}
	return s
}

// fixtures: an open complaint, a closed inquiry and a report from the last two
// days, and a complaint from 100 days ago.
func fixtures(t *testing.T, s *store.Store) (a, b, c, d casework.Matter) {
	lat, lng := 29.6757, 115.6681
	due := now.Add(5 * 24 * time.Hour)
	closed := now.Add(-time.Hour)
	a = insert(t, s, casework.Matter{Kind: casework.Complaint, ReceivedAt: now.Add(-24 * time.Hour), AreaText: "湓城街道人民路",
		Consumer: casework.Party{Name: "王五", Phone: "13700001111", Address: "人民路8号3单元", IDNumber: "360481199001011234"},
		Facts:    "王五说他的电话是13700001111，住人民路8号3单元，身份证号360481199001011234，商家拒绝退款", Lat: &lat, Lng: &lng, DueAt: &due})
	b = insert(t, s, casework.Matter{Kind: casework.Inquiry, ReceivedAt: now.Add(-48 * time.Hour), State: casework.Closed,
		Outcome: casework.OutcomeAnswered, ClosedAt: &closed, UpdatedAt: closed, Facts: "三包期多长"})
	c = insert(t, s, casework.Matter{Kind: casework.Report, ReceivedAt: now.Add(-24 * time.Hour), Facts: "无证经营", MerchantName: "某药店"})
	d = insert(t, s, casework.Matter{Kind: casework.Complaint, ReceivedAt: now.Add(-100 * 24 * time.Hour), Facts: "旧投诉"})
	return a, b, c, d
}

// TestGetRequestsFilters: the spec's filters, its default 90-day window, and
// reports left out of every answer (R-L25).
func TestGetRequestsFilters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		a, b, c, d := fixtures(t, s)
		day := 24 * time.Hour
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"", []string{a.Number, b.Number}},
			{"jurisdiction_id=ruichang.gov.cn", []string{a.Number, b.Number}},
			{"status=open", []string{a.Number}},
			{"status=closed", []string{b.Number}},
			{"status=open,closed", []string{a.Number, b.Number}},
			{"status=open&status=closed", []string{a.Number, b.Number}},
			{"status=", []string{a.Number, b.Number}},
			{"service_code=inquiry", []string{b.Number}},
			{"service_code=report", []string{}},
			{"service_code=complaint,report", []string{a.Number}},
			{"service_code=complaint&status=closed", []string{}},
			{"start_date=" + w3(now.Add(-101*day), true) + "&end_date=" + w3(now.Add(-99*day), false), []string{d.Number}},
			{"end_date=" + w3(now.Add(-99*day), true), []string{d.Number}},
			{"start_date=" + w3(now.Add(-100*day-time.Hour), false), []string{d.Number}},
			{"start_date=" + w3(now.Add(-36*time.Hour), false), []string{a.Number}},
			{"start_date=2026-11-29", []string{a.Number}},
			{"start_date=2026-11-28T00:00:00Z&end_date=2026-11-30T00:00:00Z", []string{a.Number, b.Number}},
			{"end_date=" + w3(a.ReceivedAt, true), []string{a.Number, b.Number}},
			{"start_date=9999-12-31T23:59:59Z", []string{}},
			{"end_date=0001-01-01T00:00:00Z", []string{}},
			{"end_date=" + w3(a.ReceivedAt.Add(-time.Second), true), []string{b.Number}},
			{"service_request_id=" + a.Number + "," + c.Number + "," + d.Number + ",20990101-000001,x", []string{a.Number, d.Number}},
			{"service_request_id=" + d.Number + "&status=open&service_code=inquiry&start_date=2026-11-01", []string{d.Number}},
		} {
			w := e.get("/open311/v2/requests.json?" + tc.query)
			status(t, w, 200, "json")
			var got []request
			decodeJSON(t, w, &got)
			if !slices.Equal(numbers(got), tc.want) {
				t.Errorf("?%s: got %v, want %v", tc.query, numbers(got), tc.want)
			}
		}
		for _, q := range []string{"status=pending", "service_code=parking", "start_date=yesterday", "end_date=2026-13-01",
			"start_date=" + w3(now.Add(-200*day), true) + "&end_date=" + w3(now, true),
			"start_date=" + w3(now, true) + "&end_date=" + w3(now.Add(-day), true)} {
			errorsOf(t, e.get("/open311/v2/requests.xml?"+q), 400, "xml")
		}
		list := errorsOf(t, e.get("/open311/v2/requests.json?start_date=2026-01-01&end_date=2026-11-01", "Accept-Language", "en"), 400, "json")
		if !hasDescription(list, "End date: the date range may not span more than 90 days") {
			t.Fatalf("span error %+v", list)
		}

		// Staff approve what the public may read of a; b has no approved words (R-P5).
		if err := s.Tx(context.Background(), func(tx *store.Tx) error {
			return tx.SetPublicSummary(context.Background(), a.ID, "超市拒绝退还过期商品货款", nil, now)
		}); err != nil {
			t.Fatal(err)
		}
		w := e.get("/open311/v2/requests.xml")
		status(t, w, 200, "xml")
		var x xmlRequests
		decodeXML(t, w, &x)
		if !slices.Equal(numbers(x.Requests), []string{a.Number, b.Number}) {
			t.Fatalf("xml list %v", numbers(x.Requests))
		}
		ra, rb := x.Requests[0], x.Requests[1]
		if ra.Status != "open" || ra.StatusNotes != "已登记" || ra.ServiceCode != "complaint" || ra.ServiceName != "消费投诉" ||
			ra.RequestedDatetime != "2026-11-29T10:00:00+08:00" || ra.UpdatedDatetime != "2026-11-29T10:00:00+08:00" ||
			ra.ExpectedDatetime != "2026-12-05T10:00:00+08:00" || ra.Address != "" || ra.AgencyResponsible == "" ||
			ra.ServiceNotice == "" || ra.Lat == nil || *ra.Lat != 29.676 || *ra.Long != 115.668 || ra.Description != "超市拒绝退还过期商品货款" {
			t.Fatalf("open complaint %+v", ra)
		}
		if rb.Status != "closed" || rb.StatusNotes != "已答复" || rb.UpdatedDatetime != "2026-11-30T09:00:00+08:00" ||
			rb.ExpectedDatetime != "" || rb.ServiceNotice != "" || rb.Lat != nil || rb.Description != "" || rb.ServiceCode != "inquiry" {
			t.Fatalf("closed inquiry %+v", rb)
		}

		var en []request
		decodeJSON(t, e.get("/open311/v2/requests/"+b.Number+".json", "Accept-Language", "en"), &en)
		if len(en) != 1 || en[0].StatusNotes != "Answered" || en[0].ServiceName != "Consumer inquiry" {
			t.Fatalf("by id in English %+v", en)
		}
		errorsOf(t, e.get("/open311/v2/requests/"+c.Number+".xml"), 404, "xml")
		errorsOf(t, e.get("/open311/v2/requests/20990101-000001.json"), 404, "json")
	})
}

// TestPublicOutputHidesPersonalData_R_P5: names, phones, ID numbers, addresses
// and e-mail never appear in what anyone may read — nor the consumer's own words
// or the place they typed, whatever way they wrote a phone or an ID number.
func TestPublicOutputHidesPersonalData_R_P5(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		a, _, c, _ := fixtures(t, s)
		w := e.post("json", e.valid())
		status(t, w, 200, "json")
		var resp []created
		decodeJSON(t, w, &resp)
		// Free text typed by consumers, with the phone and ID number written the ways people write them.
		lat, lng := 29.67571234, 115.66812345
		typed := insert(t, s, casework.Matter{Kind: casework.Complaint, ReceivedAt: now.Add(-time.Hour), AreaText: "西湖小区5栋2单元",
			Consumer: casework.Party{Name: "欧阳娜娜", Phone: "13912345678"}, Lat: &lat, Lng: &lng,
			Facts: "我叫欧阳娜娜，电话139-1234-5678，身份证 3604 8119 9001 0112 34，住西湖小区5栋2单元，奶粉过期"})
		secrets := []string{"13812345678", "张三丰", "zhang@example.com", "王五", "13700001111", "人民路8号3单元", "360481199001011234",
			c.Number, "某药店", "无证经营", `"phone"`, "<phone>", `"name"`,
			"欧阳", "139-1234-5678", "3604 8119", "西湖小区", "奶粉过期", "商家拒绝退款", "过期牛奶", "29.6757", "115.6681"}
		for _, path := range []string{"requests.json", "requests.xml", "requests/" + resp[0].ServiceRequestID + ".json",
			"requests/" + a.Number + ".xml", "requests/" + typed.Number + ".json",
			"requests.json?service_request_id=" + a.Number + "," + c.Number + "," + resp[0].ServiceRequestID + "," + typed.Number} {
			w := e.get("/open311/v2/" + path)
			if w.Code != 200 {
				t.Fatalf("%s: %d %s", path, w.Code, w.Body)
			}
			for _, secret := range secrets {
				if strings.Contains(w.Body.String(), secret) {
					t.Errorf("%s shows %q: %s", path, secret, w.Body)
				}
			}
		}
		var got []request
		decodeJSON(t, e.get("/open311/v2/requests/"+resp[0].ServiceRequestID+".json"), &got)
		if d := got[0].Description; d != "" {
			t.Fatalf("a consumer's own words reached the public: %q", d)
		}
	})
}

func TestTokens(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		var resp []created
		decodeJSON(t, e.post("json", e.valid()), &resp)
		n := resp[0].ServiceRequestID
		type token struct {
			ServiceRequestID string `xml:"service_request_id" json:"service_request_id"`
			Token            string `xml:"token" json:"token"`
		}
		var js []token
		w := e.get("/open311/v2/tokens/" + n + ".json")
		status(t, w, 200, "json")
		decodeJSON(t, w, &js)
		var x struct {
			XMLName  xml.Name `xml:"service_requests"`
			Requests []token  `xml:"request"`
		}
		w = e.get("/open311/v2/tokens/" + n + ".xml")
		status(t, w, 200, "xml")
		decodeXML(t, w, &x)
		for _, got := range [][]token{js, x.Requests} {
			if len(got) != 1 || got[0].ServiceRequestID != n || got[0].Token != n {
				t.Fatalf("token %+v", got)
			}
		}
		errorsOf(t, e.get("/open311/v2/tokens/unknown.json"), 404, "json")
	})
}

// TestListCap: one answer holds at most the spec's 1000 requests, newest first.
func TestListCap(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		ctx := context.Background()
		err := s.Tx(ctx, func(tx *store.Tx) error {
			for i := range 1003 {
				at := now.Add(-time.Duration(i) * time.Minute)
				m := casework.Matter{Kind: casework.Complaint, Channel: casework.Web, State: casework.Received, RuleSet: casework.RuleSetFor(at),
					ReceivedAt: at, CreatedAt: at, UpdatedAt: at, Version: 1, Consumers: 1, Facts: "批量"}
				if err := tx.InsertMatter(ctx, &m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var got []request
		decodeJSON(t, e.get("/open311/v2/requests.json"), &got)
		if len(got) != 1000 || got[0].RequestedDatetime != "2026-11-30T10:00:00+08:00" || got[999].RequestedDatetime != "2026-11-29T17:21:00+08:00" {
			t.Fatalf("%d requests, first %+v", len(got), got[0])
		}
	})
}
