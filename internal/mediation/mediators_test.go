package mediation

import (
	"slices"
	"testing"

	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/invalid"
)

// TestCheckMediator_R_L16: a mediator declares relations before assignment; one with a relation
// is refused with the reason, the latest declaration counting.
func TestCheckMediator_R_L16(t *testing.T) {
	decls := []Declaration{
		{MediatorID: 1, Relation: NoRelation, DeclaredAt: at(t, "2026-05-07 10:00")},
		{MediatorID: 2, Relation: NoRelation, DeclaredAt: at(t, "2026-05-07 10:00")},
		{MediatorID: 2, Relation: Interest, Detail: "持有被投诉人股份", DeclaredAt: at(t, "2026-05-08 10:00")},
	}
	want(t, "clear", CheckMediator(1, decls))
	want(t, "undeclared", CheckMediator(9, decls), "mediators:not_declared")
	err := CheckMediator(2, decls)
	want(t, "a later declaration of interest bars", err, "mediators:conflict_of_interest")
	errs, _ := invalid.As(err)
	if errs[0].Args["reason"] != "持有被投诉人股份" || errs[0].Args["id"] != "2" || errs[0].Args["relation"] != "interest" {
		t.Errorf("reason not carried: %+v", errs[0].Args)
	}
	d := Declaration{Relation: CloseRelative}
	want(t, "relation without detail", d.Validate(), "detail:required")
	d = Declaration{Relation: "cousin"}
	want(t, "unknown relation", d.Validate(), "relation:one_of")
}

// TestRecusal_R_L16: a recusal application suspends mediation (中止) and pauses the clock until
// decided; an upheld one takes the mediator off the sessions still to come.
func TestRecusal_R_L16(t *testing.T) {
	now := at(t, "2026-05-12 10:00")
	r := Recusal{Side: Respondent, MediatorID: 2, Grounds: "调解员与投诉人系同学"}
	want(t, "only while mediating", ValidateRecusal(complaint(t, casework.Accepted), &r, now), "state:wrong_state")
	want(t, "not a party", ValidateRecusal(complaint(t, casework.Mediating), &Recusal{Side: "lawyer", MediatorID: 2, Grounds: "x"}, now), "side:not_party")
	want(t, "application", ValidateRecusal(complaint(t, casework.Mediating), &r, now))

	// The service applies casework.Pause with the recusal reason: the matter is 中止.
	m := complaint(t, casework.Mediating)
	mediator := casework.Actor{ID: ptr(int64(1)), Name: "张三", Role: "mediator"}
	if _, err := casework.Apply(&m, mediator, casework.Pause, casework.ActionInput{ReasonCode: casework.PauseRecusal}, now); err != nil {
		t.Fatal(err)
	}
	if m.State != casework.Suspended {
		t.Fatalf("state %s, want suspended", m.State)
	}
	if p := r.Pause(); p.Reason != casework.PauseRecusal || p.To != nil || !p.From.Equal(now) {
		t.Errorf("open pause %+v", p)
	}
	ds, err := deadline.Compute(deadline.Facts{Matter: m, Pauses: []deadline.Pause{r.Pause()}}, calFor(t), deadline.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if d := find(ds, deadline.Mediation); d.Status != deadline.Paused {
		t.Errorf("mediation clock %s while the recusal is undecided", d.Status)
	}

	decided := now.Add(48 * 3600e9)
	want(t, "decision without text", r.Decide(true, "", nil, decided), "decision:required")
	want(t, "decision", r.Decide(true, "申请成立，调解员张三回避", ptr(int64(9)), decided))
	want(t, "decided twice", r.Decide(false, "x", nil, decided), "decided_at:already")
	if p := r.Pause(); p.To == nil || !p.To.Equal(decided) {
		t.Errorf("closed pause %+v", p)
	}

	held := at(t, "2026-05-11 09:30")
	sessions := []Session{
		{ID: 1, Mediators: []int64{1, 2}, HeldAt: &held},
		{ID: 2, Mediators: []int64{1, 2}},
		{ID: 3, Mediators: []int64{1}},
	}
	changed := Withdraw(sessions, 2)
	if len(changed) != 1 || changed[0].ID != 2 || !slices.Equal(changed[0].Mediators, []int64{1}) {
		t.Errorf("withdraw: %+v", changed)
	}
	if !slices.Equal(sessions[1].Mediators, []int64{1, 2}) {
		t.Error("withdraw changed its input")
	}
}
