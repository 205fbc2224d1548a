package mediation

import (
	"testing"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
)

// TestAppraisalStart_R_L17: testing may start from acceptance, not only while mediating; the
// agency is the parties' choice or, under Order 121 only, designated; costs must be agreed.
func TestAppraisalStart_R_L17(t *testing.T) {
	now := at(t, "2026-05-08 10:00")
	good := func() Appraisal {
		return Appraisal{Agency: "某市产品质量检验所", ChosenBy: ChosenByParties, Cost: 80000, Payer: PaidByRespondent, CostAgreed: true}
	}
	running := []Appraisal{{StartedAt: at(t, "2026-05-07 11:00")}}
	cases := []struct {
		name     string
		m        casework.Matter
		change   func(*Appraisal)
		existing []Appraisal
		want     []string
	}{
		{"from acceptance (R-L17)", complaint(t, casework.Accepted), func(*Appraisal) {}, nil, nil},
		{"while on site", complaint(t, casework.OnSite), func(*Appraisal) {}, nil, nil},
		{"while mediating", complaint(t, casework.Mediating), func(*Appraisal) {}, nil, nil},
		{"designated under Order 121 (R-L17)", complaint(t, casework.Mediating), func(a *Appraisal) { a.ChosenBy = Designated }, nil, nil},
		{"not designated under Order 20", order20(t, casework.Mediating), func(a *Appraisal) { a.ChosenBy = Designated }, nil,
			[]string{"chosen_by:rule_set_only"}},
		{"before acceptance", complaint(t, casework.Received), func(*Appraisal) {}, nil, []string{"state:wrong_state"}},
		{"after agreement", complaint(t, casework.Agreement), func(*Appraisal) {}, nil, []string{"state:wrong_state"}},
		{"costs not agreed (R-L17 cost agreement)", complaint(t, casework.Mediating), func(a *Appraisal) { a.CostAgreed = false }, nil,
			[]string{"cost_agreed:required"}},
		{"no agency, negative cost, unknown payer", complaint(t, casework.Mediating), func(a *Appraisal) { a.Agency, a.Cost, a.Payer = "", -1, "" }, nil,
			[]string{"agency:required", "cost:negative", "payer:one_of"}},
		{"one at a time", complaint(t, casework.Mediating), func(*Appraisal) {}, running, []string{"started_at:already"}},
		{"not before acceptance", complaint(t, casework.Accepted), func(a *Appraisal) { a.StartedAt = at(t, "2026-05-06 12:00") }, nil,
			[]string{"started_at:wrong_state"}},
	}
	for _, c := range cases {
		a := good()
		c.change(&a)
		want(t, c.name, a.ValidateStart(c.m, c.existing, now), c.want...)
	}
}

// TestAppraisalPause_R_L17: the clock stands still from the start of testing to its end; the
// pause feeds deadline.Compute and moves the mediation due date by the days paused.
func TestAppraisalPause_R_L17(t *testing.T) {
	a := Appraisal{Agency: "检验所", ChosenBy: ChosenByParties, Payer: PaidShared, CostAgreed: true, StartedAt: at(t, "2026-05-10 09:00")}
	if p := a.Pause(); p.Reason != casework.PauseTesting || p.To != nil || !p.From.Equal(a.StartedAt) {
		t.Fatalf("open pause %+v", p)
	}
	now := at(t, "2026-05-20 18:00")
	want(t, "end before start", a.ValidateEnd(at(t, "2026-05-09 09:00"), now, "合格"), "ended_at:before_start")
	want(t, "end without result", a.ValidateEnd(at(t, "2026-05-20 09:00"), now, ""), "result:required")
	want(t, "end", a.ValidateEnd(at(t, "2026-05-20 09:00"), now, "不合格：甲醛超标"))
	want(t, "end twice", a.ValidateEnd(at(t, "2026-05-20 10:00"), now, "x"), "ended_at:already")

	cal, err := calendar.New(calendar.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	m := complaint(t, casework.Mediating)
	base, _ := deadline.Compute(deadline.Facts{Matter: m}, cal, deadline.DefaultSettings())
	paused, _ := deadline.Compute(deadline.Facts{Matter: m, Pauses: []deadline.Pause{a.Pause()}}, cal, deadline.DefaultSettings())
	d0, d1 := find(base, deadline.Mediation), find(paused, deadline.Mediation)
	if got := d1.DueDate.Start().Sub(d0.DueDate.Start()); got != 10*24*time.Hour {
		t.Errorf("10 days of testing moved the due date by %v (%s → %s)", got, d0.DueDate, d1.DueDate)
	}
}

func find(ds []deadline.Deadline, k deadline.Kind) *deadline.Deadline {
	for i := range ds {
		if ds[i].Kind == k {
			return &ds[i]
		}
	}
	return nil
}

// TestAppraisalFailure_R_L17: no agreement on the agency → the bureau designates (Order 121) or
// mediation ends with T2 (Order 20); no agreement on the costs → T4 (Order 121) or T2 (Order 20).
func TestAppraisalFailure_R_L17(t *testing.T) {
	cases := []struct {
		rs     casework.RuleSet
		onCost bool
		want   string
	}{
		{casework.Order121, false, ""},
		{casework.Order121, true, "T4"},
		{casework.Order20, false, "T2"},
		{casework.Order20, true, "T2"},
	}
	for _, c := range cases {
		r, ok := AppraisalFailure(c.rs, c.onCost)
		if ok != (c.want != "") || r.Code != c.want {
			t.Errorf("%s cost=%v: %v %v, want %q", c.rs, c.onCost, r.Code, ok, c.want)
		}
	}
}

// TestPauses_R_L16_R_L17: overlapping testing and recusal pauses count once.
func TestPauses_R_L16_R_L17(t *testing.T) {
	p := func(reason, from, to string) deadline.Pause {
		x := deadline.Pause{Reason: reason, From: at(t, from)}
		if to != "" {
			x.To = ptr(at(t, to))
		}
		return x
	}
	got := Pauses(
		p(casework.PauseRecusal, "2026-05-12 09:00", "2026-05-14 09:00"),
		p(casework.PauseTesting, "2026-05-10 09:00", "2026-05-13 09:00"),
		p(casework.PauseTesting, "2026-05-20 09:00", "2026-05-21 09:00"),
		p(casework.PauseRecusal, "2026-05-25 09:00", ""),
		p(casework.PauseTesting, "2026-05-26 09:00", "2026-05-27 09:00"),
	)
	wantP := []deadline.Pause{
		p("testing+recusal", "2026-05-10 09:00", "2026-05-14 09:00"),
		p(casework.PauseTesting, "2026-05-20 09:00", "2026-05-21 09:00"),
		p("recusal+testing", "2026-05-25 09:00", ""),
	}
	if len(got) != len(wantP) {
		t.Fatalf("got %d pauses %+v", len(got), got)
	}
	for i := range got {
		g, w := got[i], wantP[i]
		if g.Reason != w.Reason || !g.From.Equal(w.From) || (g.To == nil) != (w.To == nil) || g.To != nil && !g.To.Equal(*w.To) {
			t.Errorf("pause %d: %+v, want %+v", i, g, w)
		}
	}
}
