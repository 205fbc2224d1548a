package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/notify"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestWorkOrderFromTheCasePage_R_L27: the office works a 12345 work order from the
// matter's case page — signs, handles and replies, each step sent to the centre through
// the outbox; a reply without its text reopens the form with the error and writes
// nothing; a step out of sequence is a banner, not a change; a return is a head's step,
// offered to the supervisor and refused to a mediator; staff of another area never
// reach it.
func TestWorkOrderFromTheCasePage_R_L27(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		ctx := context.Background()
		wo, err := c.svc.ReceiveFromCentre(ctx, auth.Principal{System: true, Hotline: true}, map[string]any{"order_no": "RC2026061600007",
			"state": "dispatched", "content": "超市售卖过期酸奶，要求退款", "caller_name": "李女士", "caller_phone": "13907921234"})
		if err != nil {
			t.Fatal(err)
		}
		c.act(t, c.operator, wo.MatterNumber, casework.Update, casework.ActionInput{Changes: &casework.Changes{AreaID: &c.pencheng.ID}})
		path := "/matters/" + wo.MatterNumber
		op, sup, med, other := c.as(t, "zuoxi"), c.as(t, "fuzeren"), c.as(t, "tiaojie1"), c.as(t, "tiaojie2")
		sent := func() int {
			msgs, err := s.MatterMessages(ctx, wo.MatterID)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, m := range msgs {
				if m.Channel == notify.Hotline {
					n++
				}
			}
			return n
		}

		page := op.get(path)
		for _, want := range []string{`id="workorder"`, "RC2026061600007", "派单", `id="wo-signed"`} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the case page lacks %q", want)
			}
		}
		if strings.Contains(page.body, `id="wo-return_requested"`) {
			t.Error("an operator is offered the return, a head's step")
		}
		if r := other.get(path); r.status != 404 {
			t.Errorf("a mediator of another township reads the matter: %d", r.status)
		}
		if r := other.post(path+"/workorder/signed", url.Values{}); r.status != 404 {
			t.Errorf("a mediator of another township signs: %d", r.status)
		}

		if r := op.post(path+"/workorder/signed", url.Values{"note": {"已签收"}}); r.status != 303 || !strings.HasSuffix(r.location, "#workorder") {
			t.Fatalf("sign: %d %s", r.status, r.location)
		}
		if n := sent(); n != 1 {
			t.Errorf("messages to the centre after signing: %d, want 1", n)
		}
		if r := op.post(path+"/workorder/signed", url.Values{}); r.status != 409 || !strings.Contains(r.body, `id="banner"`) || !strings.Contains(r.body, "不能进行这一步") {
			t.Errorf("signing twice: %d", r.status)
		}
		if r := med.post(path+"/workorder/return_requested", url.Values{"reason": {"outside_duties"}, "note": {"不属本单位职责"}}); r.status != 403 {
			t.Errorf("a mediator asks to return: %d", r.status)
		}
		if page := sup.get(path); !strings.Contains(page.body, `id="wo-return_requested"`) || !strings.Contains(page.body, `id="wo-replied"`) {
			t.Error("the supervisor is not offered the return and the reply")
		}

		r := op.post(path+"/workorder/replied", url.Values{"note": {"  "}})
		if r.status != 422 || !strings.Contains(r.body, `id="wo-note-replied-err"`) || !strings.Contains(r.body, `aria-invalid="true"`) {
			t.Fatalf("a reply without text: %d", r.status)
		}
		if n := sent(); n != 1 {
			t.Errorf("a refused reply wrote a message: %d", n)
		}
		if r := op.post(path+"/workorder/replied", url.Values{"note": {"已联系超市退款，消费者认可"}}); r.status != 303 {
			t.Fatalf("reply: %d %s", r.status, r.body)
		}
		v, err := c.svc.WorkOrder(ctx, auth.System, "RC2026061600007")
		if err != nil || v.State != "replied" || len(v.Messages) != 2 {
			t.Fatalf("after the reply: %+v %v", v, err)
		}
		page = op.get(path)
		for _, want := range []string{"回复", "已回复，等待热线中心办结"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("after the reply the page lacks %q", want)
			}
		}
		if strings.Contains(page.body, `id="wo-replied"`) {
			t.Error("the reply is still offered")
		}
	})
}

// TestHotlineMappingInTheSettingsPage_R_L27: an admin fits the exchange to the city's
// format in the settings page, without code; a document that does not parse or names a
// field the exchange lacks is refused with the problem named, and nothing changes.
func TestHotlineMappingInTheSettingsPage_R_L27(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		ctx := context.Background()
		admin := c.as(t, "admin")
		good := `{"fields":{"order_no":"gdbh","state":"zt"},"states":{"signed":"02"},"constants":{"dwbm":"360481-XBW"}}`
		if r := admin.post("/admin/settings/hotline", url.Values{"hotline_mapping": {good}}); r.status != 303 || !strings.HasSuffix(r.location, "#hotline") {
			t.Fatalf("save: %d %s", r.status, r.body)
		}
		mp, err := c.svc.HotlineMapping(ctx)
		if err != nil || mp.Fields["order_no"] != "gdbh" || mp.States["signed"] != "02" || mp.Constants["dwbm"] != "360481-XBW" {
			t.Fatalf("stored: %+v %v", mp, err)
		}
		if page := admin.get("/admin/settings"); !strings.Contains(page.body, "gdbh") || !strings.Contains(page.body, `id="f-hotline-mapping"`) {
			t.Error("the settings page does not show the stored mapping")
		}
		for name, doc := range map[string]string{
			"not JSON":      `{"fields":`,
			"unknown key":   `{"feilds":{"order_no":"gdbh"}}`,
			"unknown field": `{"fields":{"ordr_no":"gdbh"}}`,
		} {
			r := admin.post("/admin/settings/hotline", url.Values{"hotline_mapping": {doc}})
			if r.status != 422 || !strings.Contains(r.body, `id="f-hotline-mapping-err"`) {
				t.Errorf("%s: %d", name, r.status)
			}
			if name == "unknown field" && !strings.Contains(r.body, "fields.ordr_no") {
				t.Errorf("%s: the error does not name the field", name)
			}
		}
		if mp2, _ := c.svc.HotlineMapping(ctx); mp2.Fields["order_no"] != "gdbh" || len(mp2.Fields) != 2 {
			t.Errorf("a refused mapping changed the stored one: %+v", mp2)
		}
		if r := admin.post("/admin/settings/hotline", url.Values{"hotline_mapping": {""}}); r.status != 303 {
			t.Errorf("clearing: %d", r.status)
		}
		if mp3, _ := c.svc.HotlineMapping(ctx); len(mp3.Fields) != 0 {
			t.Errorf("cleared mapping: %+v", mp3)
		}
	})
}
