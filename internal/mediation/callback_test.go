package mediation

import (
	"fmt"
	"strings"
	"testing"

	"weiquan/internal/casework"
)

// TestNeedsCallback_R_L23: after closure, mediated complaints are sampled for a callback —
// every one by default, every n-th (by a stable hash of the number) when configured.
func TestNeedsCallback_R_L23(t *testing.T) {
	closed := func(o casework.Outcome) casework.Matter {
		m := complaint(t, casework.Closed)
		m.Outcome = o
		return m
	}
	def := DefaultSettings()
	off := def
	off.CallbackEvery = 0
	cases := []struct {
		name string
		m    casework.Matter
		set  Settings
		want bool
	}{
		{"agreement, default: every one", closed(casework.OutcomeAgreement), def, true},
		{"terminated mediation too", closed(casework.OutcomeTerminated), def, true},
		{"rejected: not mediated", closed(casework.OutcomeRejected), def, false},
		{"not closed yet", complaint(t, casework.Agreement), def, false},
		{"switched off", closed(casework.OutcomeAgreement), off, false},
		{"a report", func() casework.Matter { m := closed(casework.OutcomeFiled); m.Kind = casework.Report; return m }(), def, false},
	}
	for _, c := range cases {
		if got := NeedsCallback(c.m, c.set); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	every4 := def
	every4.CallbackEvery = 4
	n := 0
	for i := range 4000 {
		m := closed(casework.OutcomeAgreement)
		m.Number = fmt.Sprintf("20260512-%06d", i)
		if NeedsCallback(m, every4) {
			n++
		}
		if NeedsCallback(m, every4) != NeedsCallback(m, every4) {
			t.Fatal("sample not stable")
		}
	}
	if n < 800 || n > 1200 {
		t.Errorf("every 4th: %d of 4000 sampled", n)
	}
}

// TestCallbackRecord_R_L23: satisfaction 1–5 when the consumer was reached, a comment when not.
func TestCallbackRecord_R_L23(t *testing.T) {
	now := at(t, "2026-05-25 10:00")
	cases := []struct {
		name    string
		reached bool
		sat     *int
		comment string
		want    []string
	}{
		{"satisfied", true, ptr(5), "处理及时", nil},
		{"dissatisfied without comment", true, ptr(1), "", nil},
		{"no rating", true, nil, "", []string{"satisfaction:required"}},
		{"rating 0", true, ptr(0), "", []string{"satisfaction:one_of"}},
		{"rating 6", true, ptr(6), "", []string{"satisfaction:one_of"}},
		{"not reached but rated", false, ptr(3), "x", []string{"satisfaction:conflict"}},
		{"not reached, no comment", false, nil, " ", []string{"comment:required"}},
		{"not reached", false, nil, "三次拨打无人接听", nil},
		{"comment too long", true, ptr(4), strings.Repeat("好", 2001), []string{"comment:too_long"}},
	}
	for _, c := range cases {
		cb := Callback{}
		want(t, c.name, cb.Record(c.reached, c.sat, c.comment, ptr(int64(3)), now), c.want...)
		if c.want == nil && (cb.DoneAt == nil || cb.Reached != c.reached) {
			t.Errorf("%s: not recorded %+v", c.name, cb)
		}
	}
	cb := Callback{}
	_ = cb.Record(true, ptr(5), "", nil, now)
	want(t, "twice", cb.Record(true, ptr(4), "", nil, now), "callback:already")
}

// TestOutcomeNotice_R_S5: the consumer is told how the complaint ended, with the amount in figures
// and capitals after an agreement, the reason after a termination.
func TestOutcomeNotice_R_S5(t *testing.T) {
	m := complaint(t, casework.Closed)
	m.Outcome, m.Recovered = casework.OutcomeAgreement, 360_50
	zh := OutcomeNotice("zh-CN", m, "某县消保委")
	for _, w := range []string{"20260506-000007", "¥360.50", "人民币叁佰陆拾元伍角整", "某县消保委"} {
		if !strings.Contains(zh, w) {
			t.Errorf("zh notice lacks %q: %s", w, zh)
		}
	}
	if en := OutcomeNotice("en", m, "County office"); !strings.Contains(en, "CNY 360.50") {
		t.Errorf("en notice: %s", en)
	}
	m.Outcome, m.ReasonCode = casework.OutcomeTerminated, "T5"
	if s := OutcomeNotice("zh-CN", m, "某县消保委"); !strings.Contains(s, "六十日内未能达成调解协议") {
		t.Errorf("termination notice: %s", s)
	}
}
