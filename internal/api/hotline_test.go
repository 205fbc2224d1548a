package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/hotline"
	"weiquan/internal/notify"
	"weiquan/internal/report"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// fakeCentre is the 12345 centre's work-order system on loopback: it checks every request
// the office sends — method, type, signature, the city's field names and codes — and keeps
// what it was told, or answers 500 while it is down.
type fakeCentre struct {
	t      *testing.T
	secret string
	mu     sync.Mutex
	got    []map[string]any
	down   bool
	tries  int
}

func (c *fakeCentre) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tries++
	body, _ := io.ReadAll(r.Body)
	switch {
	case r.Method != http.MethodPost || r.URL.Path != "/12345/feedback":
		c.t.Errorf("centre: %s %s", r.Method, r.URL.Path)
	case !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json"):
		c.t.Errorf("centre: content type %q", r.Header.Get("Content-Type"))
	case !hotline.Verify(c.secret, r.Header.Get(hotline.HeaderSignature), r.Header.Get(hotline.HeaderTimestamp), body):
		c.t.Errorf("centre: bad signature %q on %s", r.Header.Get(hotline.HeaderSignature), body)
		w.WriteHeader(http.StatusUnauthorized)
		return
	case r.Header.Get("Authorization") != "Bearer centre-token":
		c.t.Errorf("centre: authorization %q", r.Header.Get("Authorization"))
	}
	if c.down {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		c.t.Errorf("centre: %v: %s", err, body)
	}
	data, _ := doc["data"].(map[string]any)
	if doc["dwbm"] != "360481-XBW" || data == nil || data["gdbh"] == nil || data["zt"] == nil || data["clsj"] == nil {
		c.t.Errorf("centre: message not in the city's format: %s", body)
	}
	if _, err := time.Parse("2006-01-02 15:04:05", data["clsj"].(string)); err != nil {
		c.t.Errorf("centre: time %v", data["clsj"])
	}
	if r.Header.Get(hotline.HeaderMessageID) == "" {
		c.t.Error("centre: no message id")
	}
	c.got = append(c.got, data)
	_, _ = w.Write([]byte(`{"code":0,"msg":"成功"}`))
}

func (c *fakeCentre) last() map[string]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.got) == 0 {
		return nil
	}
	return c.got[len(c.got)-1]
}

// cityMapping is a city's own format: Chinese pinyin field names nested under "data",
// numeric state codes, its time layout, its unit code, and {"code":0} for taken.
const cityMapping = `{"fields":{"order_no":"data.gdbh","state":"data.zt","at":"data.clsj","note":"data.clyj","reason":"data.thyy",
	"case_number":"data.bjbh","handler":"data.clr","message_id":"data.xxid","state_name":"data.ztmc",
	"content":"nr","caller_name":"ldr","caller_phone":"lddh","title":"bt","address":"dz","rating":"pj"},
	"states":{"dispatched":"01","signed":"02","handling":"03","replied":"04","closed":"05","called_back":"06","rated":"07",
	"return_requested":"08","returned":"09","return_refused":"10"},
	"ratings":{"satisfied":"1","basically_satisfied":"2","dissatisfied":"3"},
	"time":"2006-01-02 15:04:05","constants":{"dwbm":"360481-XBW"},"success":{"field":"code","values":["0"]}}`

// TestWorkOrderExchangeWithFakeCentre_R_L27 exchanges a work order with a fake 12345 centre
// through every state — signed, a return asked and refused (after which no return may be
// asked), handling, the reply that meets the reply clock, closed, callback, rating — in the
// city's format, then lets the centre fail until the message is given up (issue 14).
func TestWorkOrderExchangeWithFakeCentre_R_L27(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		key, _, err := f.svc.CreateScopedAPIKey(ctx, "瑞昌12345", auth.ScopeHotline)
		if err != nil {
			t.Fatal(err)
		}
		open311Key, _, _ := f.svc.CreateAPIKey(ctx, "open311 client")
		centre := &fakeCentre{t: t, secret: "shared-secret-瑞昌"}
		fake := httptest.NewServer(centre)
		defer fake.Close()
		f.svc.SetSender(notify.Hotline, &hotline.Sender{URL: fake.URL + "/12345/feedback", Secret: centre.secret, Token: "centre-token",
			Mapping: f.svc.HotlineMapping})
		f.svc.SetDeliveryPolicy(notify.Policy{Attempts: 3, Base: time.Minute, Max: time.Hour})
		now := time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)
		deliver := func() {
			t.Helper()
			now = now.Add(time.Minute)
			res, err := f.svc.Deliver(ctx, now)
			if err != nil || res.Sent != 1 {
				t.Fatalf("deliver: %+v %v", res, err)
			}
		}
		centreSays := func(body string, status int) string {
			t.Helper()
			code, resp := f.do(t, "", "POST", "/api/v1/hotline/inbound", body, map[string]string{"Authorization": "Bearer " + key})
			if code != status {
				t.Fatalf("centre sends %s: %d, want %d: %s", body, code, status, resp)
			}
			return resp
		}
		office := func(step, body string, status int) string {
			t.Helper()
			code, resp := f.do(t, "super", "POST", "/api/v1/hotline/orders/RC2026113000001/actions/"+step, body, nil)
			if code != status {
				t.Fatalf("office %s: %d, want %d: %s", step, code, status, resp)
			}
			return resp
		}
		expectSent := func(zt string, extra map[string]string) {
			t.Helper()
			deliver()
			got := centre.last()
			if got["zt"] != zt || got["gdbh"] != "RC2026113000001" {
				t.Fatalf("centre got %v, want zt=%s", got, zt)
			}
			for k, v := range extra {
				if got[k] != v {
					t.Errorf("centre got %s=%v, want %s", k, got[k], v)
				}
			}
		}

		if code, _ := f.do(t, "admin", "PUT", "/api/v1/settings/hotline", cityMapping, nil); code != http.StatusOK {
			t.Fatalf("mapping: %d", code)
		}
		// Bad input: a mapping naming a field the shape has not is refused.
		if code, body := f.do(t, "admin", "PUT", "/api/v1/settings/hotline", `{"fields":{"ordr_no":"gdbh"}}`, nil); code != 422 || !strings.Contains(body, "fields.ordr_no") {
			t.Errorf("bad mapping: %d %s", code, body)
		}
		// Only the centre's key (or the office's staff) may send; an Open311 key may not.
		if code, _ := f.do(t, "", "POST", "/api/v1/hotline/inbound", `{}`, map[string]string{"Authorization": "Bearer " + open311Key}); code != 401 {
			t.Errorf("open311 key on the hotline door: %d", code)
		}

		// 派单: the centre dispatches; the matter is made, with its reply clock.
		resp := centreSays(`{"data":{"gdbh":"RC2026113000001","zt":"01","clsj":"2026-11-30 09:30:00"},"bt":"超市售卖过期牛奶",
			"nr":"市民反映码头镇好又多超市售卖过期牛奶，要求退款赔偿。","ldr":"王女士","lddh":"13907920000","dz":"码头镇码头村5组"}`, 200)
		var v struct {
			State        string
			MatterNumber string   `json:"matter_number"`
			Allowed      []string `json:"allowed_steps"`
		}
		_ = json.Unmarshal([]byte(resp), &v)
		if v.State != "dispatched" || v.MatterNumber == "" || strings.Join(v.Allowed, ",") != "signed,return_requested" {
			t.Fatalf("dispatched: %s", resp)
		}
		c, err := f.svc.Case(ctx, auth.Principal{System: true}, v.MatterNumber)
		if err != nil || c.Matter.Channel != casework.Transfer12345 {
			t.Fatalf("matter: %+v %v", c.Matter.Channel, err)
		}
		dls, _ := f.svc.MatterDeadlines(ctx, auth.Principal{System: true}, v.MatterNumber)
		var reply *deadline.Row
		for i := range dls {
			if dls[i].Kind == deadline.Reply12345 {
				reply = &dls[i]
			}
		}
		if reply == nil || reply.MetAt != nil {
			t.Fatalf("no running reply clock: %+v", dls)
		}
		// The same number again, an unknown number, a step out of sequence: clear errors, nothing written.
		if body := centreSays(`{"data":{"gdbh":"RC2026113000001","zt":"01"},"nr":"x","ldr":"王","lddh":"13907920000"}`, 422); !strings.Contains(body, "data.gdbh") {
			t.Errorf("duplicate: %s", body)
		}
		if body := centreSays(`{"data":{"gdbh":"NO-SUCH","zt":"05"}}`, 422); !strings.Contains(body, `"field":"data.gdbh","code":"not_found"`) {
			t.Errorf("unknown order: %s", body)
		}
		if body := centreSays(`{"data":{"gdbh":"RC2026113000001","zt":"05"}}`, 422); !strings.Contains(body, "order_sequence") {
			t.Errorf("out of sequence: %s", body)
		}
		if res, _ := f.svc.Deliver(ctx, now); res.Sent != 0 || centre.tries != 0 {
			t.Fatalf("the centre was told something before the office did anything: %+v", res)
		}

		// 签收, then 申请退回 (outside our duties), which the centre refuses: we are designated.
		office("signed", ``, 200)
		expectSent("02", map[string]string{"bjbh": v.MatterNumber, "ztmc": "签收", "clr": "super"})
		office("return_requested", `{"reason":"outside_duties","note":"属物业服务纠纷，不属市场监管职责"}`, 200)
		expectSent("08", map[string]string{"thyy": "outside_duties"})
		resp = centreSays(`{"data":{"gdbh":"RC2026113000001","zt":"10","clyj":"经研判属消费纠纷，指定由你单位办理"}}`, 200)
		if !strings.Contains(resp, `"state":"signed"`) || !strings.Contains(resp, `"designated":true`) {
			t.Fatalf("refused return: %s", resp)
		}
		// R-L27: once the centre has decided, no return may be asked; nothing is written or sent.
		if body := office("return_requested", `{"reason":"outside_duties","note":"再次申请"}`, 422); !strings.Contains(body, "order_designated") {
			t.Errorf("second return: %s", body)
		}
		if res, _ := f.svc.Deliver(ctx, now.Add(time.Hour)); res.Sent != 0 {
			t.Errorf("a refused step sent a message: %+v", res)
		}

		// 办理, 回复: the reply meets the matter's reply clock.
		office("handling", ``, 200)
		expectSent("03", nil)
		office("replied", `{}`, 422) // a reply needs its text
		office("replied", `{"note":"已联系商家退款并赔偿，消费者认可"}`, 200)
		expectSent("04", map[string]string{"clyj": "已联系商家退款并赔偿，消费者认可"})
		dls, _ = f.svc.MatterDeadlines(ctx, auth.Principal{System: true}, v.MatterNumber)
		for _, d := range dls {
			if d.Kind == deadline.Reply12345 && d.MetAt == nil {
				t.Errorf("the reply did not meet the reply clock: %+v", d)
			}
		}

		// 办结 → 回访 → 评价 from the centre; the office cannot close the order itself.
		office("closed", ``, 422)
		centreSays(`{"data":{"gdbh":"RC2026113000001","zt":"05"}}`, 200)
		centreSays(`{"data":{"gdbh":"RC2026113000001","zt":"06","clyj":"来电人表示问题已解决"}}`, 200)
		resp = centreSays(`{"data":{"gdbh":"RC2026113000001","zt":"07"},"pj":"1"}`, 200)
		if !strings.Contains(resp, `"state":"rated"`) || !strings.Contains(resp, `"rating":"satisfied"`) {
			t.Fatalf("rated: %s", resp)
		}
		if n := len(centre.got); n != 4 {
			t.Errorf("the centre was told %d steps, want 4", n)
		}
		// The rating lands in the report.
		d := calendar.DateOf(now)
		sum, err := f.svc.Summary(ctx, auth.Principal{System: true}, report.Params{From: d, To: d})
		if err != nil || sum.Hotline12345.Rated != 1 || sum.Hotline12345.Satisfied != 1 || sum.Hotline12345.SatisfiedRate == nil {
			t.Errorf("report: %+v %v", sum.Hotline12345, err)
		}
		// Each 12345 figure lists exactly its matters (the rate lists its numerator).
		want := map[string]int{"hotline_12345.rated": 1, "hotline_12345.satisfied": 1, "hotline_12345.basically_satisfied": 0,
			"hotline_12345.dissatisfied": 0, "hotline_12345.satisfied_rate": 1}
		for key, n := range want {
			q, ok := sum.Queries[key]
			if !ok {
				t.Errorf("%s: no query", key)
				continue
			}
			code, body := f.do(t, "super", "GET", "/api/v1/matters?per_page=1&"+q, "", nil)
			var page struct{ Total int }
			_ = json.Unmarshal([]byte(body), &page)
			if code != 200 || page.Total != n {
				t.Errorf("%s: %s lists %d matters (%d), want %d", key, q, page.Total, code, n)
			}
		}
		if code, body := f.do(t, "super", "GET", "/api/v1/matters?hotline_rating=great", "", nil); code != 422 || !strings.Contains(body, "hotline_rating") {
			t.Errorf("an unknown rating: %d %s", code, body)
		}
		_, tl, _ := f.svc.Timeline(ctx, auth.Principal{System: true}, v.MatterNumber)
		steps := 0
		for _, e := range tl {
			if e.Action == casework.WorkOrder {
				steps++
			}
		}
		if steps != 9 { // dispatched, signed, return_requested, return_refused, handling, replied, closed, called_back, rated
			t.Errorf("work order steps on the timeline: %d, want 9", steps)
		}

		// A centre that stays down: tried 3 times with growing waits, then given up,
		// every attempt on record and on the timeline, an alert raised.
		centreSays(`{"data":{"gdbh":"RC2026113000002","zt":"01","clsj":"2026-11-30 09:40:00"},"nr":"咨询退货规定","ldr":"李先生","lddh":"13907920001"}`, 200)
		centre.mu.Lock()
		centre.down, centre.tries = true, 0
		centre.mu.Unlock()
		if code, body := f.do(t, "op", "POST", "/api/v1/hotline/orders/RC2026113000002/actions/signed", ``, nil); code != 200 {
			t.Fatalf("sign 2: %d %s", code, body)
		}
		var res service.DeliveryResult
		for i, wait := range []time.Duration{time.Minute, time.Minute, 2 * time.Minute} {
			if i > 0 {
				if early, _ := f.svc.Deliver(ctx, now.Add(wait-time.Second)); early != (service.DeliveryResult{}) {
					t.Errorf("attempt %d came before its wait: %+v", i+1, early)
				}
			}
			now = now.Add(wait)
			r, err := f.svc.Deliver(ctx, now)
			if err != nil {
				t.Fatal(err)
			}
			res.Failed, res.Dead = res.Failed+r.Failed, res.Dead+r.Dead
		}
		if res.Failed != 2 || res.Dead != 1 || centre.tries != 3 {
			t.Errorf("failing centre: %+v, %d tries", res, centre.tries)
		}
		ov, err := f.svc.WorkOrder(ctx, auth.Principal{System: true}, "RC2026113000002")
		if err != nil || len(ov.Messages) != 1 || ov.Messages[0].Status != notify.Dead || ov.Messages[0].Attempts != 3 {
			t.Fatalf("dead letter: %+v %v", ov.Messages, err)
		}
		atts, _ := s.MessageAttempts(ctx, ov.Messages[0].ID)
		if len(atts) != 3 || atts[0].OK || !strings.Contains(atts[0].Detail, "HTTP 500") {
			t.Errorf("attempts: %+v", atts)
		}
		_, tl, _ = f.svc.Timeline(ctx, auth.Principal{System: true}, ov.MatterNumber)
		var deliveries []string
		for _, e := range tl {
			if e.Action == casework.Delivery {
				deliveries = append(deliveries, e.Data["status"].(string))
			}
		}
		if strings.Join(deliveries, ",") != "failed,failed,dead" {
			t.Errorf("timeline deliveries: %v", deliveries)
		}
		if r, _ := f.svc.Deliver(ctx, now.Add(24*time.Hour)); r != (service.DeliveryResult{}) || centre.tries != 3 {
			t.Errorf("a dead message was tried again: %+v", r)
		}
	})
}
