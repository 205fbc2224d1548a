package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestRepeatSuggestionsScoped_R_L25: the repeat warning on the intake form shows only
// earlier complaints within the user's own area, and never a report whose reporter
// the user may not know — a phone typed into the form would otherwise name them.
func TestRepeatSuggestionsScoped_R_L25(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		in := complaintIn(c)
		in.AlsoReport, in.ReportFacts = true, "超市销售无标签食品"
		ms := c.intake(t, c.operator, in)
		complaint, report := ms[0], ms[1]
		q := "/suggest/repeat?phone=13800138000&merchant_id=" + itoa(c.haoyouduo.ID)
		numbers := func(username string) []string {
			r := c.as(t, username).get(q)
			if r.status != 200 {
				t.Fatalf("%s: %d %s", username, r.status, r.body)
			}
			var list []struct{ Number string }
			_ = json.Unmarshal([]byte(r.body), &list)
			var out []string
			for _, x := range list {
				out = append(out, x.Number)
			}
			return out
		}
		if got := numbers("fuzeren"); len(got) != 2 {
			t.Errorf("the supervisor of the county sees %v, want the complaint and the report", got)
		}
		if got := numbers("tiaojie1"); len(got) != 1 || got[0] != complaint.Number {
			t.Errorf("the station's mediator sees %v, want the complaint only (not %s)", got, report.Number)
		}
		if got := numbers("tiaojie2"); len(got) != 0 {
			t.Errorf("a mediator of another township sees %v", got)
		}
	})
}

// TestCasePageNeedToKnow_R_L25_R_P5: on the case page a reporter's identity is masked
// for staff who may not know it, a consumer's phone is masked for staff who do not work
// the complaint and shown once with a reason, and each file download is logged (R-P4).
func TestCasePageNeedToKnow_R_L25_R_P5(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		in := complaintIn(c)
		in.AlsoReport, in.ReportFacts = true, "超市销售无标签食品"
		ms := c.intake(t, c.operator, in)
		complaint, report := ms[0], ms[1]
		other := auth.User{Username: "zuoxi2", DisplayName: "李坐席", Role: auth.Operator, AreaID: &c.root.ID, Lang: "zh-CN", Active: true}
		if err := c.svc.CreateUser(context.Background(), &other, password); err != nil {
			t.Fatal(err)
		}
		b := c.as(t, "zuoxi2")
		page := b.get("/matters/" + report.Number).body
		if strings.Contains(page, "张三") || strings.Contains(page, "13800138000") || !strings.Contains(page, "张*") ||
			!strings.Contains(page, `id="reporter-hidden"`) || strings.Contains(page, `action="/matters/`+report.Number+`/reveal"`) {
			t.Errorf("another operator's view of the report shows or offers the reporter:\n%.3000s", page)
		}
		page = b.get("/matters/" + complaint.Number).body
		if strings.Contains(page, "13800138000") || !strings.Contains(page, "138****8000") || !strings.Contains(page, `action="/matters/`+complaint.Number+`/reveal"`) {
			t.Fatalf("the complaint's phone for another operator:\n%.3000s", page)
		}
		r := b.post("/matters/"+complaint.Number+"/reveal", url.Values{"field": {"consumer.phone"}})
		if r.status != 422 || strings.Contains(r.body, "13800138000") {
			t.Errorf("reveal without a reason: %d", r.status)
		}
		r = b.post("/matters/"+complaint.Number+"/reveal", url.Values{"field": {"consumer.phone"}, "reason": {"消费者来电催办"}})
		if r.status != 200 || !strings.Contains(r.body, `<a href="tel:13800138000">13800138000</a>`) || !strings.Contains(r.body, "已查看完整信息") {
			t.Fatalf("reveal with a reason: %d", r.status)
		}
		if r := b.post("/matters/"+report.Number+"/reveal", url.Values{"field": {"consumer.phone"}, "reason": {"核实"}}); r.status != 403 {
			t.Errorf("reveal of a reporter: %d", r.status)
		}
		// The operator who took the call sees everything; the download of a file is logged.
		att, err := c.svc.Attach(context.Background(), auth.As(&c.operator), complaint.Number, "小票.png", pngBytes, "")
		if err != nil {
			t.Fatal(err)
		}
		if r := b.get("/matters/" + complaint.Number + "/attachments/" + itoa(att.ID)); r.status != 200 {
			t.Fatalf("download: %d", r.status)
		}
		entries, _, err := s.AuditEntries(context.Background(), store.AuditFilter{Entity: "matter", Ref: complaint.Number})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			if e.ActorName == "zuoxi2" {
				got = append(got, e.Action)
			}
		}
		if strings.Join(got, " ") != "read_attachment reveal" {
			t.Fatalf("audit of zuoxi2's reads: %v", got)
		}
	})
}

// TestStationHeadSeesReporters_R_L25: naming a station's head on the station form lets
// them know the reporters of the station's matters; a head must be active staff.
func TestStationHeadSeesReporters_R_L25(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		in := casework.IntakeInput{Kind: casework.Report, Channel: casework.Hotline12315, AreaID: &c.pencheng.ID, MerchantID: &c.haoyouduo.ID,
			Consumer: casework.Party{Name: "赵六", Phone: "13600001111"}, Facts: "无证经营"}
		rep := c.intake(t, c.operator, in)[0]
		if m, err := c.svc.MatterFor(context.Background(), auth.System, rep.Number); err != nil || m.StationID == nil || *m.StationID != c.stPencheng.ID {
			t.Fatalf("the report is at station %v (%v), want the township's", m.StationID, err)
		}
		med := c.as(t, "tiaojie1")
		if page := med.get("/matters/" + rep.Number).body; strings.Contains(page, "赵六") {
			t.Fatal("the mediator sees the reporter before heading the station")
		}
		admin := c.as(t, "admin")
		form := url.Values{"name": {c.stPencheng.Name}, "area_id": {itoa(c.pencheng.ID)}, "host_type": {string(c.stPencheng.HostType)},
			"active": {"1"}, "head_id": {itoa(c.merchantUser.ID)}}
		if r := admin.post("/admin/stations/"+itoa(c.stPencheng.ID), form); r.status != 422 {
			t.Fatalf("a merchant as station head: %d", r.status)
		}
		form.Set("head_id", itoa(c.mediatorPC.ID))
		if r := admin.post("/admin/stations/"+itoa(c.stPencheng.ID), form); r.status != 303 {
			t.Fatalf("naming the head: %d %.500s", r.status, r.body)
		}
		if page := med.get("/matters/" + rep.Number).body; !strings.Contains(page, "赵六") || !strings.Contains(page, "13600001111") {
			t.Fatalf("the head does not see the reporter:\n%.3000s", page)
		}
		if page := admin.get("/admin/stations/" + itoa(c.stPencheng.ID)).body; !strings.Contains(page, `value="`+itoa(c.mediatorPC.ID)+`" selected`) {
			t.Error("the station form does not show its head")
		}
	})
}
