package credit

import (
	"testing"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
)

func cal(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func refusedBy(t *testing.T, err error, field string) {
	t.Helper()
	fe, ok := invalid.As(err)
	if !ok || !fe.Has(field) {
		t.Fatalf("want a refusal on %s, got %v", field, err)
	}
}

// TestListingWorkflow_R_L36_R_L37_R_L38 walks a cluster-registered company through attempts,
// the custody request, referral, listing, renewed contact and removal.
func TestListingWorkflow_R_L36_R_L37_R_L38(t *testing.T) {
	c, r := cal(t), DefaultRules()
	now := time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC) // Wednesday 10:00 in Shanghai
	custody := int64(9)
	shop := merchant.Merchant{ID: 5, Name: "某某网店", Type: merchant.OnlineShop, ClusterRegistered: true, CustodyID: &custody, Address: "某园区1号(集群注册)"}
	l := Open(shop, now)
	if err := l.Refer(c, r, now); err == nil {
		t.Fatal("R-L36: referred with no attempt")
	}
	if err := l.Record(Attempt{Method: Phone, Note: "电话无人接听", At: now}, c, r, now); err != nil {
		t.Fatal(err)
	}
	refusedBy(t, l.Refer(c, r, now), "custody") // R-L36.2: the custody company first
	refusedBy(t, l.List(AddressUnreachable, "湖市监异字〔2026〕1号", r, now), "status")
	if err := l.Record(Attempt{Method: Custody, Note: "托管企业回复：无法联系", At: now}, c, r, now); err != nil {
		t.Fatal(err)
	}
	if err := l.Refer(c, r, now); err != nil {
		t.Fatal(err)
	}
	// 10 working days from Wed 6 May 2026: 7, 8, 9 (the Saturday worked for Labour Day), 11–15,
	// 18, 19 May → due at the end of 19 May.
	if want := calendar.DueAt(calendar.Date{Year: 2026, Month: 5, Day: 19}); l.DecisionDue == nil || !l.DecisionDue.Equal(want) {
		t.Fatalf("R-L36.4 decision due %v, want %v", l.DecisionDue, want)
	}
	refusedBy(t, l.List("UNHEARD_OF", "x", r, now), "reason")
	refusedBy(t, l.List(AddressUnreachable, "", r, now), "decision_ref")
	if err := l.List(AddressUnreachable, "湖市监异字〔2026〕1号", r, now); err != nil {
		t.Fatal(err)
	}
	if l.Status != Listed || l.Reason.Text() != "通过登记的住所或者经营场所无法联系的" {
		t.Fatalf("R-L35: %+v", l)
	}
	if l.SeriousAt == nil || !l.SeriousAt.Equal(now.AddDate(3, 0, 0)) || !l.ReminderAt.Equal(now.AddDate(3, 0, -60)) {
		t.Fatalf("R-L38: serious %v reminder %v", l.SeriousAt, l.ReminderAt)
	}
	if err := l.Object(Objection{Text: "已恢复经营"}, c, now.AddDate(0, 0, 31)); err == nil {
		t.Fatal("R-L37: an objection after 30 days was taken")
	}
	if err := l.Object(Objection{Text: "已恢复经营"}, c, now.AddDate(0, 0, 29)); err != nil {
		t.Fatal(err)
	}
	later := now.AddDate(0, 2, 0)
	if err := l.Record(Attempt{Method: Visit, Reached: true, Note: "现场找到经营者", At: later}, c, r, later); err != nil {
		t.Fatal(err)
	}
	if l.RemovalAskedAt == nil || l.RemovalGround != "renewed_contact" || l.RemovalDue == nil {
		t.Fatalf("R-L37: renewed contact starts the removal decision: %+v", l)
	}
	if err := l.Remove("湖市监移字〔2026〕1号", later); err != nil || l.Status != Removed {
		t.Fatalf("remove: %v %+v", err, l.Status)
	}
	if l.RemindPublicly(later) || l.ProposeSerious(later) {
		t.Fatal("R-L38: a removed merchant is neither reminded nor proposed")
	}
}

func TestListingRefusals_R_L35_R_L37(t *testing.T) {
	c, r := cal(t), DefaultRules()
	now := time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)
	ind := merchant.Merchant{ID: 6, Name: "张记小吃", Type: merchant.Individual}
	l := Open(ind, now)
	refusedBy(t, l.Remove("x", now), "status") // a removal before listing
	refusedBy(t, l.Record(Attempt{Method: Custody, Note: "x", At: now}, c, r, now), "method")
	refusedBy(t, l.Record(Attempt{Method: "pigeon", Note: "x", At: now}, c, r, now), "method")
	refusedBy(t, l.Record(Attempt{Method: Phone, At: now}, c, r, now), "note")
	refusedBy(t, l.Record(Attempt{Method: Phone, Note: "x", At: now.Add(time.Hour)}, c, r, now), "at")
	_ = l.Record(Attempt{Method: Letter, Note: "信件退回", At: now}, c, r, now)
	if err := l.Refer(c, r, now); err != nil {
		t.Fatal(err)
	}
	if err := l.List(AddressUnreachable, "湖市监标字〔2026〕2号", r, now); err != nil {
		t.Fatal(err)
	}
	if l.Status != Marked || l.SeriousAt != nil {
		t.Fatalf("R-L35: an individual business is marked, with no serious-list timer: %+v", l)
	}
	if !l.Status.OnList() || l.ProposeSerious(now.AddDate(4, 0, 0)) {
		t.Fatal("R-L38 applies to companies")
	}
	// Reached before listing: nothing to list.
	l2 := Open(ind, now)
	_ = l2.Record(Attempt{Method: Phone, Reached: true, Note: "接通", At: now}, c, r, now)
	if l2.Status != Closed || l2.Active() {
		t.Fatalf("reached before listing: %+v", l2.Status)
	}
	// The calendar missing: the working-day deadline stays open with its year named (R-L43).
	l3 := Open(ind, now)
	_ = l3.Record(Attempt{Method: Phone, Note: "无人", At: now}, nil, r, now)
	if err := l3.Refer(nil, r, now); err != nil || l3.DecisionDue != nil || l3.MissingYear == 0 {
		t.Fatalf("no calendar: %v %+v", err, l3)
	}
}

func TestObjectionUpheld_R_L37(t *testing.T) {
	c, r := cal(t), DefaultRules()
	now := time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)
	l := Open(merchant.Merchant{ID: 7, Name: "某公司", Type: merchant.Enterprise, USCC: "x"}, now)
	_ = l.Record(Attempt{Method: Visit, Note: "无人", At: now}, c, r, now)
	_ = l.Refer(c, r, now)
	_ = l.List(AnnualReportLate, "ref", r, now)
	_ = l.Object(Objection{Text: "已按时公示"}, c, now)
	refusedBy(t, l.DecideObjection(0, true, "", now), "decision")
	if err := l.DecideObjection(0, true, "经核实已公示", now); err != nil || l.Status != Removed || l.RemovalGround != "objection_upheld" {
		t.Fatalf("%v %+v", err, l)
	}
	refusedBy(t, l.DecideObjection(0, false, "again", now), "objection")
}

func TestDomicileAndCustody_R_L39(t *testing.T) {
	c := int64(3)
	for _, tc := range []struct {
		m    merchant.Merchant
		want int
	}{
		{merchant.Merchant{ClusterRegistered: true, CustodyID: &c, Address: "园区8号(集群注册)"}, 0},
		{merchant.Merchant{ClusterRegistered: true, CustodyID: &c, Address: "园区8号（集群注册）"}, 0},
		{merchant.Merchant{ClusterRegistered: true, CustodyID: &c, Address: "园区8号"}, 1},
		{merchant.Merchant{ClusterRegistered: true, Address: "园区8号"}, 2},
		{merchant.Merchant{Address: "园区8号"}, 0},
	} {
		if got := DomicileProblems(tc.m); len(got) != tc.want {
			t.Errorf("%+v: %v", tc.m, got)
		}
	}
	r := DefaultRules()
	if CustodyAlert(2, r) || !CustodyAlert(3, r) {
		t.Fatal("K = 3")
	}
	a := Agreement{MerchantID: 1, CustodyID: 2, StartsOn: calendar.Date{Year: 2025, Month: 1, Day: 1}, EndsOn: calendar.Date{Year: 2024, Month: 1, Day: 1}}
	refusedBy(t, a.Validate(), "ends_on")
	a.EndsOn = calendar.Date{Year: 2027, Month: 1, Day: 1}
	if a.Validate() != nil || !a.Current(time.Date(2026, 1, 1, 5, 0, 0, 0, time.UTC)) || a.Current(time.Date(2027, 6, 1, 5, 0, 0, 0, time.UTC)) {
		t.Fatal("agreement dates")
	}
}

// TestReasonWording_R_L35: each listing ground carries its exact 公示 wording (the four cases
// of 《企业经营异常名录管理暂行办法》 Art.4); an unknown code has none.
func TestReasonWording_R_L35(t *testing.T) {
	for _, tc := range []struct {
		code Reason
		text string
	}{
		{AnnualReportLate, "未依照《企业信息公示暂行条例》第八条规定的期限公示年度报告的"},
		{InfoNotPublished, "未在市场监督管理部门依照《企业信息公示暂行条例》第十条规定责令的期限内公示有关企业信息的"},
		{InfoFalse, "公示企业信息隐瞒真实情况、弄虚作假的"},
		{AddressUnreachable, "通过登记的住所或者经营场所无法联系的"},
	} {
		if string(tc.code) == "" || tc.code.Text() != tc.text {
			t.Errorf("%s: %q, want %q", tc.code, tc.code.Text(), tc.text)
		}
	}
	if len(Reasons) != 4 || Reason("ADDRESS_CHANGED").Text() != "" {
		t.Fatalf("the grounds are exactly four: %v", Reasons)
	}
}

// TestObjectionDeadlines_R_L37: an individual business's objection is to be accepted or not
// within 5 working days of receipt and, accepted, verified within 20 (Order 69 Art.19); a
// company's objection has neither step; an objection is accepted once and not once decided.
func TestObjectionDeadlines_R_L37(t *testing.T) {
	c, r := cal(t), DefaultRules()
	now := time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC) // Wednesday 10:00 in Shanghai
	ind := Open(merchant.Merchant{ID: 8, Name: "张记小吃", Type: merchant.Individual}, now)
	_ = ind.Record(Attempt{Method: Visit, Note: "无人", At: now}, c, r, now)
	_ = ind.Refer(c, r, now)
	if err := ind.List(AddressUnreachable, "标字1号", r, now); err != nil || ind.Status != Marked {
		t.Fatalf("marked: %v %s", err, ind.Status)
	}
	if err := ind.Object(Objection{Text: "已恢复经营"}, c, now); err != nil {
		t.Fatal(err)
	}
	// 5 working days from Wed 6 May: 7, 8, 9 (the Saturday worked for Labour Day), 11, 12 May.
	o := ind.Objections[0]
	if want := calendar.DueAt(calendar.Date{Year: 2026, Month: 5, Day: 12}); o.AcceptDue == nil || !o.AcceptDue.Equal(want) || o.VerifyDue != nil {
		t.Fatalf("accept due %v, want %v", o.AcceptDue, want)
	}
	refusedBy(t, ind.AcceptObjection(1, c, now), "objection")
	accepted := now.AddDate(0, 0, 2) // Friday 8 May
	if err := ind.AcceptObjection(0, c, accepted); err != nil {
		t.Fatal(err)
	}
	// 20 working days from Fri 8 May: 9, 11–15, 18–22, 25–29 May and 1–4 June.
	o = ind.Objections[0]
	if want := calendar.DueAt(calendar.Date{Year: 2026, Month: 6, Day: 4}); o.AcceptedAt == nil || o.VerifyDue == nil || !o.VerifyDue.Equal(want) {
		t.Fatalf("verify due %v, want %v", o.VerifyDue, want)
	}
	refusedBy(t, ind.AcceptObjection(0, c, accepted), "objection") // accepted once
	if err := ind.DecideObjection(0, false, "经核实仍无法联系", accepted); err != nil {
		t.Fatal(err)
	}
	_ = ind.Object(Objection{Text: "再次异议"}, c, accepted)
	_ = ind.DecideObjection(1, false, "不予受理", accepted)
	refusedBy(t, ind.AcceptObjection(1, c, accepted), "objection") // decided already

	co := Open(merchant.Merchant{ID: 9, Name: "某公司", Type: merchant.Enterprise, USCC: "x"}, now)
	_ = co.Record(Attempt{Method: Visit, Note: "无人", At: now}, c, r, now)
	_ = co.Refer(c, r, now)
	_ = co.List(AddressUnreachable, "异字1号", r, now)
	_ = co.Object(Objection{Text: "已恢复"}, c, now)
	if co.Objections[0].AcceptDue != nil {
		t.Fatal("a company's objection got the individual business's deadline")
	}
	refusedBy(t, co.AcceptObjection(0, c, now), "objection")
}
