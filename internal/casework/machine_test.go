package casework

import (
	"errors"
	"slices"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

var now = time.Date(2026, 11, 30, 9, 0, 0, 0, shanghai)

func fullComplaint() *Matter {
	return &Matter{
		ID: 1, Kind: Complaint, Channel: Hotline12315, State: Received, RuleSet: Order121,
		Consumer:     Party{Name: "张三", Phone: "13800138000", Address: "湓城街道1号"},
		MerchantName: "某某超市", MerchantAddress: "人民路2号", Facts: "买到过期牛奶", Request: "退一赔十",
	}
}

func staff(role auth.Role) Actor {
	id := int64(7)
	return Actor{ID: &id, Name: "李四", Role: role}
}

// TestComplaintLife walks a complaint through every state of its life.
func TestComplaintLife(t *testing.T) {
	m := fullComplaint()
	station := int64(3)
	amount := money.Fen(36000)
	steps := []struct {
		action Action
		role   auth.Role
		in     ActionInput
		want   State
	}{
		{Accept, auth.Operator, ActionInput{}, Accepted},
		{Dispatch, auth.Operator, ActionInput{StationID: &station}, Dispatched},
		{CheckIn, auth.Mediator, ActionInput{}, OnSite},
		{StartMediation, auth.Mediator, ActionInput{}, Mediating},
		{Agree, auth.Mediator, ActionInput{Recovered: &amount}, Agreement},
		{Close, auth.Supervisor, ActionInput{}, Closed},
	}
	for _, s := range steps {
		from := m.State
		ev, err := Apply(m, staff(s.role), s.action, s.in, now)
		if err != nil {
			t.Fatalf("%s from %s: %v", s.action, from, err)
		}
		if m.State != s.want || ev.From != from || ev.To != s.want || ev.Action != s.action {
			t.Fatalf("%s: state %s, event %+v; want %s", s.action, m.State, ev, s.want)
		}
	}
	if m.Recovered != 36000 || m.Outcome != OutcomeAgreement || m.ClosedAt == nil || *m.StationID != 3 || m.AcceptedAt == nil || m.ArrivedAt == nil {
		t.Fatalf("matter after life: %+v", m)
	}
}

// TestTransitionRefused_409 proves that an action not allowed from the current
// state is refused with the actions that are, and the matter is left as it was.
func TestTransitionRefused(t *testing.T) {
	m := fullComplaint()
	amount := money.Fen(1)
	_, err := Apply(m, staff(auth.Mediator), Agree, ActionInput{Recovered: &amount}, now)
	var te *TransitionError
	if !errors.As(err, &te) || !errors.Is(err, ErrTransition) {
		t.Fatalf("err = %v, want a TransitionError", err)
	}
	if m.State != Received || m.Recovered != 0 {
		t.Fatalf("matter changed by a refused action: %+v", m)
	}
	if !slices.Contains(te.Allowed, Update) || slices.Contains(te.Allowed, Agree) {
		t.Fatalf("allowed = %v", te.Allowed)
	}
	// A role that may not take an action that exists here gets ErrForbidden.
	_, err = Apply(m, staff(auth.Operator), Reject, ActionInput{ReasonCode: "R16-1"}, now)
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("operator reject: %v, want ErrForbidden", err)
	}
	_, err = Apply(m, staff(auth.Merchant), Accept, ActionInput{}, now)
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("merchant accept: %v, want ErrForbidden", err)
	}
}

// TestAcceptNeedsRL3Fields_R_L3: a complaint missing an R-L3 field cannot be accepted.
func TestAcceptNeedsRL3Fields_R_L3(t *testing.T) {
	blank := []struct {
		field string
		clear func(*Matter)
	}{
		{"consumer_name", func(m *Matter) { m.Consumer.Name = "" }},
		{"consumer_phone", func(m *Matter) { m.Consumer.Phone = " " }},
		{"consumer_address", func(m *Matter) { m.Consumer.Address = "" }},
		{"merchant_name", func(m *Matter) { m.MerchantName = "" }},
		{"merchant_address", func(m *Matter) { m.MerchantAddress = "" }},
		{"request", func(m *Matter) { m.Request = "" }},
		{"facts", func(m *Matter) { m.Facts = "" }},
	}
	for _, b := range blank {
		m := fullComplaint()
		b.clear(m)
		_, err := Apply(m, staff(auth.Operator), Accept, ActionInput{}, now)
		errs, ok := invalid.As(err)
		if !ok || !errs.Has(b.field) || m.State != Received {
			t.Errorf("missing %s: err = %v, state %s", b.field, err, m.State)
		}
	}
	// Completing the matter through an update makes it acceptable, and the update is on the timeline.
	m := fullComplaint()
	m.Consumer.Address = ""
	addr := "码头镇码头街8号"
	ev, err := Apply(m, staff(auth.Operator), Update, ActionInput{Changes: &Changes{ConsumerAddress: &addr}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if d := ev.Data["changes"].(map[string][2]any)["consumer_address"]; d != [2]any{"", addr} {
		t.Fatalf("diff = %v", d)
	}
	if _, err := Apply(m, staff(auth.Operator), Accept, ActionInput{}, now); err != nil {
		t.Fatalf("accept after completing: %v", err)
	}
}

// TestRejectReasonCodes_R_L7: a rejection needs a reason code of the matter's rule set.
func TestRejectReasonCodes_R_L7(t *testing.T) {
	cases := []struct {
		rs   RuleSet
		code string
		ok   bool
	}{
		{Order121, "R16-4", true},
		{Order121, "R16-7", true},
		{Order121, "R15-1", false}, // an Order 20 code on an Order 121 matter
		{Order121, "", false},
		{Order20, "R15-6", true},
		{Order20, "R16-6", false},
	}
	for _, c := range cases {
		m := fullComplaint()
		m.RuleSet = c.rs
		ev, err := Apply(m, staff(auth.Supervisor), Reject, ActionInput{ReasonCode: c.code}, now)
		if (err == nil) != c.ok {
			t.Errorf("%s %q: err = %v", c.rs, c.code, err)
			continue
		}
		if c.ok && (m.State != Rejected || m.Outcome != OutcomeRejected || ev.Data["reason_code"] != c.code) {
			t.Errorf("%s %q: %+v %+v", c.rs, c.code, m, ev)
		}
	}
	if n := len(RejectReasons(Order121)); n != 7 {
		t.Errorf("Order 121 has %d rejection grounds, want 7", n)
	}
	if n := len(RejectReasons(Order20)); n != 6 {
		t.Errorf("Order 20 has %d rejection grounds, want 6", n)
	}
}

// TestTerminateReasonCodes_R_L19: termination needs T1–T8 (Order 121) or T1–T7 (Order 20).
func TestTerminateReasonCodes_R_L19(t *testing.T) {
	cases := []struct {
		rs   RuleSet
		code string
		ok   bool
	}{
		{Order121, "T8", true},
		{Order121, "T5", true},
		{Order20, "T7", true},
		{Order20, "T8", false},
		{Order121, "T9", false},
	}
	for _, c := range cases {
		m := fullComplaint()
		m.RuleSet, m.State = c.rs, Mediating
		_, err := Apply(m, staff(auth.Mediator), Terminate, ActionInput{ReasonCode: c.code}, now)
		if (err == nil) != c.ok {
			t.Errorf("%s %q: err = %v", c.rs, c.code, err)
		}
		if c.ok && (m.Outcome != OutcomeTerminated || m.ReasonCode != c.code) {
			t.Errorf("%s %q: %+v", c.rs, c.code, m)
		}
	}
}

// TestAgreementRecordsRecovered_R_S6: an agreement records the amount recovered.
func TestAgreementRecordsRecovered_R_S6(t *testing.T) {
	m := fullComplaint()
	m.State = Mediating
	if _, err := Apply(m, staff(auth.Mediator), Agree, ActionInput{}, now); err == nil {
		t.Fatal("agreement without an amount accepted")
	}
	neg := money.Fen(-1)
	if _, err := Apply(m, staff(auth.Mediator), Agree, ActionInput{Recovered: &neg}, now); err == nil {
		t.Fatal("negative amount accepted")
	}
	zero := money.Fen(0) // an apology or an exchange recovers nothing in money
	if _, err := Apply(m, staff(auth.Mediator), Agree, ActionInput{Recovered: &zero}, now); err != nil {
		t.Fatal(err)
	}
}

func TestReportAndInquiryLives(t *testing.T) {
	r := &Matter{Kind: Report, State: Received, RuleSet: Order121, Facts: "无证经营"}
	for _, a := range []Action{Verify, File, Close} {
		role := auth.Supervisor
		if _, err := Apply(r, staff(role), a, ActionInput{}, now); err != nil {
			t.Fatalf("report %s: %v", a, err)
		}
	}
	if r.State != Closed || r.Outcome != OutcomeFiled {
		t.Fatalf("report: %+v", r)
	}
	q := &Matter{Kind: Inquiry, State: Received, Facts: "网购七天无理由退货怎么算"}
	if _, err := Apply(q, staff(auth.Operator), Answer, ActionInput{}, now); err == nil {
		t.Fatal("answer without text accepted")
	}
	if _, err := Apply(q, staff(auth.Operator), Answer, ActionInput{Answer: "自签收次日起七日内"}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(q, staff(auth.Operator), Close, ActionInput{}, now); err != nil || q.State != Closed {
		t.Fatalf("inquiry close: %v %s", err, q.State)
	}
	// A complaint action never applies to an inquiry.
	if _, err := Next(Inquiry, Received, Accept, auth.Admin); !errors.Is(err, ErrTransition) {
		t.Fatalf("accept inquiry: %v", err)
	}
}

// TestMachineTable checks the table itself: every action reachable, every state but the
// start reachable, no kind-specific row shadowed by another with a different target.
func TestMachineTable(t *testing.T) {
	reach := map[State]bool{Received: true}
	for _, tr := range Machine {
		if tr.To != "" {
			reach[tr.To] = true
		}
		if len(tr.Roles) == 0 || len(tr.From) == 0 {
			t.Errorf("row %+v has no roles or states", tr)
		}
		for _, other := range Machine {
			if other.Action == tr.Action && other.Kind == tr.Kind && other.To != tr.To {
				for _, s := range tr.From {
					if slices.Contains(other.From, s) {
						t.Errorf("%s %s from %s is ambiguous", tr.Kind, tr.Action, s)
					}
				}
			}
		}
	}
	for _, s := range States {
		if !reach[s] {
			t.Errorf("state %s unreachable", s)
		}
	}
}

// TestCheckInKeepsPromise_R_S1: checking in on site by the on-site deadline keeps the promise.
func TestCheckInKeepsPromise_R_S1(t *testing.T) {
	received := now
	for _, c := range []struct {
		after time.Duration
		kept  bool
	}{{14 * time.Minute, true}, {15 * time.Minute, true}, {15*time.Minute + time.Second, false}} {
		m := fullComplaint()
		due := received.Add(15 * time.Minute)
		m.State, m.ReceivedAt, m.OnSiteDueAt = Dispatched, received, &due
		lat, lng := 29.67, 115.66
		ev, err := Apply(m, staff(auth.Mediator), CheckIn, ActionInput{Lat: &lat, Lng: &lng}, received.Add(c.after))
		if err != nil {
			t.Fatal(err)
		}
		if m.OnSiteKept == nil || *m.OnSiteKept != c.kept || ev.Data["on_site_kept"] != c.kept || *m.ArrivedLat != lat {
			t.Errorf("after %v: kept %v, event %v", c.after, m.OnSiteKept, ev.Data)
		}
	}
}
