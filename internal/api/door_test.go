package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// split files a complaint that also reports a violation (R-L1) and returns both numbers.
func (f *fixture) split(t *testing.T) (complaint, report string) {
	t.Helper()
	body := `{"kind":"complaint","also_report":true,"channel":"visit","consumer":{"name":"王五","phone":"13900001111","address":"码头镇码头村3组"},
		"merchant_id":` + itoa(f.merchant.ID) + `,"area_id":` + itoa(f.townA.ID) + `,"facts":"电饭煲漏电","request":"退货","report_facts":"销售无3C认证电器"}`
	status, resp := f.do(t, "op", "POST", "/api/v1/matters", body, nil)
	if status != 201 {
		t.Fatal(status, resp)
	}
	var out struct{ Matters []struct{ Number string } }
	_ = json.Unmarshal([]byte(resp), &out)
	return out.Matters[0].Number, out.Matters[1].Number
}

func (f *fixture) addUser(t *testing.T, name string, role auth.Role, areaID, stationID *int64) {
	t.Helper()
	u := auth.User{Username: name, DisplayName: name, Role: role, Active: true, AreaID: areaID, StationID: stationID}
	if err := f.svc.CreateUser(context.Background(), &u, testPassword); err != nil {
		t.Fatal(err)
	}
	f.users[name] = u
	f.tokens[name] = f.login(t, name)
}

// TestMerchantLearnsNothingOfTheReport_R_L25: the merchant's view of a complaint that
// was split from a report carries no link, no id and no report number; reports are
// numbered apart, so complaint numbers have no gaps where reports are; and a merchant
// cannot find a consumer by trying phone numbers or names.
func TestMerchantLearnsNothingOfTheReport_R_L25(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		first := f.intake(t, "")
		c, r := f.split(t)
		third := f.intake(t, "")
		if !strings.HasPrefix(r, "JB") || strings.HasPrefix(c, "JB") {
			t.Fatalf("numbers %s %s: reports are numbered apart", c, r)
		}
		if seq := func(n string) string { return n[len(n)-6:] }; seq(first) != "000001" || seq(c) != "000002" || seq(third) != "000003" {
			t.Fatalf("complaint numbers %s %s %s skip where the report is", first, c, third)
		}
		secrets := []string{r, "linked", `"id":`, "王五", "13900001111", "销售无3C认证电器", "码头镇码头村"}
		f.run(t, []scenario{
			{name: "case", user: "shop", method: "GET", path: "/api/v1/matters/" + c, status: 200, contains: []string{`"name":"王*"`}, absent: secrets},
			{name: "timeline", user: "shop", method: "GET", path: "/api/v1/matters/" + c + "/timeline", status: 200, absent: secrets},
			{name: "list", user: "shop", method: "GET", path: "/api/v1/matters", status: 200, contains: []string{`"total":3`}, absent: secrets},
			{name: "search by phone", user: "shop", method: "GET", path: "/api/v1/matters?q=13900001111", status: 422,
				contains: []string{`"code":"number_only"`}, absent: secrets},
			{name: "search by part of a phone", user: "shop", method: "GET", path: "/api/v1/matters?q=1390000", status: 422, absent: secrets},
			{name: "search by name", user: "shop", method: "GET", path: "/api/v1/matters?q=" + "%E7%8E%8B%E4%BA%94", status: 422, absent: secrets},
			{name: "search by number", user: "shop", method: "GET", path: "/api/v1/matters?q=" + c, status: 200, contains: []string{`"total":1`}, absent: secrets},
			{name: "the report itself", user: "shop", method: "GET", path: "/api/v1/matters/" + r, status: 404, absent: secrets},
			{name: "the report's timeline", user: "shop", method: "GET", path: "/api/v1/matters/" + r + "/timeline", status: 404, absent: secrets},
			{name: "acting on the report", user: "shop", method: "POST", path: "/api/v1/matters/" + r + "/actions/note", body: `{"note":"x"}`, status: 404, absent: secrets},
			{name: "staff still see the link", user: "super", method: "GET", path: "/api/v1/matters/" + c, status: 200,
				contains: []string{`"linked_number":"` + r + `"`}},
		})
	})
}

// TestReporterKeptSecret_R_L25: a reporter's identity is shown to the area's heads and
// to the operator who took the report while the call is on; staff who merely see the
// report get it masked, with no way to show it, and every full read is logged (R-P4).
func TestReporterKeptSecret_R_L25(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		f.addUser(t, "op2", auth.Operator, &f.city.ID, nil)
		_, r := f.split(t)
		path := "/api/v1/matters/" + r
		f.run(t, []scenario{
			{name: "supervisor", user: "super", method: "GET", path: path, status: 200,
				contains: []string{`"name":"王五"`, `"phone":"13900001111"`, `"reporter":true`}},
			{name: "the operator who took it, call still on", user: "op", method: "GET", path: path, status: 200, contains: []string{`"name":"王五"`}},
			{name: "another operator", user: "op2", method: "GET", path: path, status: 200,
				contains: []string{`"name":"王*"`, `"phone":"139****1111"`, `"reporter":false`}, absent: []string{"王五", "13900001111", "revealable"}},
			{name: "the station's mediator, not assigned", user: "medA", method: "GET", path: path, status: 200, absent: []string{"王五", "13900001111"}},
			{name: "its timeline", user: "medA", method: "GET", path: path + "/timeline", status: 200, absent: []string{"王五", "13900001111"}},
			{name: "lists", user: "op2", method: "GET", path: "/api/v1/matters?kind=report", status: 200, absent: []string{"王五", "13900001111"}},
			{name: "no break-glass for a reporter", user: "op2", method: "POST", path: path + "/reveal",
				body: `{"field":"consumer.phone","reason":"核实举报线索"}`, status: 403, absent: []string{"13900001111"}},
		})
		entries, _, err := s.AuditEntries(context.Background(), store.AuditFilter{Entity: "matter", Ref: r})
		if err != nil {
			t.Fatal(err)
		}
		var who []string
		for _, e := range entries {
			who = append(who, e.ActorName+" "+e.Action+" "+e.Data)
		}
		got := strings.Join(who, "\n")
		if !strings.Contains(got, `super read_personal {"reporter":true,"via":"case"}`) || !strings.Contains(got, "op read_personal") ||
			strings.Contains(got, "op2 ") || strings.Contains(got, "medA ") {
			t.Fatalf("audit of the report's reads:\n%s", got)
		}
	})
}

// TestBreakGlass_R_P4_R_P5: staff who see a complaint but do not work it get the
// consumer's phone masked and may show it once with a reason; who, when, which and
// why go to the audit log. Without a reason, or for a field that is not personal, 422.
func TestBreakGlass_R_P4_R_P5(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		f.addUser(t, "op2", auth.Operator, &f.city.ID, nil)
		num := f.intake(t, "")
		path := "/api/v1/matters/" + num
		f.run(t, []scenario{
			{name: "masked, revealable", user: "op2", method: "GET", path: path, status: 200,
				contains: []string{`"phone":"138****8000"`, `"revealable":["consumer.phone","consumer.address"]`}, absent: []string{"13800138000", "码头村3组"}},
			{name: "no reason", user: "op2", method: "POST", path: path + "/reveal", body: `{"field":"consumer.phone"}`, status: 422,
				contains: []string{`"field":"reason"`}, absent: []string{"13800138000"}},
			{name: "not a personal field", user: "op2", method: "POST", path: path + "/reveal", body: `{"field":"facts","reason":"x"}`, status: 422,
				contains: []string{`"field":"field"`}},
			{name: "merchant may not", user: "shop", method: "POST", path: path + "/reveal", body: `{"field":"consumer.phone","reason":"x"}`, status: 403},
			{name: "other township", user: "medB", method: "POST", path: path + "/reveal", body: `{"field":"consumer.phone","reason":"x"}`, status: 404},
			{name: "shown with a reason", user: "op2", method: "POST", path: path + "/reveal", body: `{"field":"consumer.phone","reason":"消费者来电催办，需回拨"}`,
				status: 200, contains: []string{`"value":"13800138000"`}},
			{name: "and masked again after", user: "op2", method: "GET", path: path, status: 200, absent: []string{"13800138000"}},
		})
		entries, _, err := s.AuditEntries(context.Background(), store.AuditFilter{Entity: "matter", Ref: num})
		if err != nil {
			t.Fatal(err)
		}
		var reveals []string
		for _, e := range entries {
			if e.Action == "reveal" {
				reveals = append(reveals, e.ActorName+" "+e.Data)
			}
		}
		if len(reveals) != 1 || reveals[0] != `op2 {"field":"consumer.phone","reason":"消费者来电催办，需回拨"}` {
			t.Fatalf("reveals logged: %q", reveals)
		}
	})
}

// TestReadsOfPersonalDataLogged_R_P4: a case read, a timeline read and the case an
// action answers with each leave an audit entry when personal data is shown in full;
// masked reads leave none.
func TestReadsOfPersonalDataLogged_R_P4(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		f.addUser(t, "op2", auth.Operator, &f.city.ID, nil)
		num := f.intake(t, "")
		path := "/api/v1/matters/" + num
		f.run(t, []scenario{
			{name: "case", user: "super", method: "GET", path: path, status: 200},
			{name: "timeline", user: "super", method: "GET", path: path + "/timeline", status: 200},
			{name: "action", user: "super", method: "POST", path: path + "/actions/note", body: `{"note":"已联系"}`, status: 200, contains: []string{"13800138000"}},
			{name: "masked case", user: "op2", method: "GET", path: path, status: 200},
			{name: "merchant", user: "shop", method: "GET", path: path, status: 200},
		})
		entries, _, err := s.AuditEntries(context.Background(), store.AuditFilter{Entity: "matter", Ref: num})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, e.ActorName+" "+e.Action+" "+e.Data)
		}
		want := []string{`super read_personal {"via":"case"}`, `super read_personal {"via":"timeline"}`, `super read_personal {"via":"case"}`}
		if strings.Join(got, "|") != strings.Join([]string{want[2], want[1], want[0]}, "|") {
			t.Fatalf("audit entries (newest first):\n%s", strings.Join(got, "\n"))
		}
	})
}

// accepted is a complaint against the fixture's registered merchant taken in and accepted by
// the operator: the start of every mediation step.
func (f *fixture) accepted(t testing.TB) casework.Matter {
	t.Helper()
	ctx := context.Background()
	op := f.users["op"]
	ms, err := f.svc.Intake(ctx, auth.As(&op), fuzzComplaint(f))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Act(ctx, auth.As(&op), ms[0].Number, casework.Accept, casework.ActionInput{}); err != nil {
		t.Fatal(err)
	}
	return ms[0]
}
