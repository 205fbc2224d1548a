package casework

import (
	"errors"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/invalid"
)

func hasField(err error, field, code string) bool {
	errs, ok := invalid.As(err)
	if !ok {
		return false
	}
	for _, f := range errs {
		if f.Field == field && f.Code == code {
			return true
		}
	}
	return false
}

func TestEscalate_R_S3(t *testing.T) {
	station := int64(9)
	tests := []struct {
		name      string
		actor     Actor
		level     string
		in        ActionInput
		wantLevel string
		field     string // expected field error, "" for success
		code      string
	}{
		{"staff ask with a reason", staff(auth.Operator), "village", ActionInput{Note: "金额较大", ToLevel: "township", StationID: &station}, "township", "", ""},
		{"failed mediation", staff(auth.Mediator), "township", ActionInput{Note: "调解不成", ReasonCode: EscalateMediationFailed, ToLevel: "county", StationID: &station}, "county", "", ""},
		{"the reason is required", staff(auth.Operator), "village", ActionInput{ToLevel: "township"}, "", "note", invalid.Required},
		{"staff may not claim a missed deadline", staff(auth.Operator), "village", ActionInput{Note: "x", ReasonCode: EscalateOnSiteMissed, ToLevel: "township"}, "", "reason_code", invalid.OneOf},
		{"the system escalates on a missed on-site promise", SystemActor, "village", ActionInput{ReasonCode: EscalateOnSiteMissed, ToLevel: "township", StationID: &station}, "township", "", ""},
		{"nothing above the county", staff(auth.Supervisor), "county", ActionInput{Note: "x"}, "", "level", TopLevel},
		{"never down", staff(auth.Supervisor), "county", ActionInput{Note: "x", ToLevel: "township"}, "", "level", invalid.Conflict},
		{"never sideways", staff(auth.Supervisor), "township", ActionInput{Note: "x", ToLevel: "township"}, "", "level", invalid.Conflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fullComplaint()
			m.State, m.Level = Accepted, tt.level
			assignee := int64(4)
			m.AssigneeID = &assignee
			ev, err := Apply(m, tt.actor, Escalate, tt.in, now)
			if tt.field != "" {
				if !hasField(err, tt.field, tt.code) || m.Level != tt.level {
					t.Fatalf("err %v, level %s; want %s %s", err, m.Level, tt.field, tt.code)
				}
				return
			}
			if err != nil || m.Level != tt.wantLevel || *m.StationID != station || m.AssigneeID != nil || m.State != Accepted {
				t.Fatalf("err %v, matter level %s station %v assignee %v state %s", err, m.Level, m.StationID, m.AssigneeID, m.State)
			}
			if lv := ev.Data["level"].([2]string); lv != [2]string{tt.level, tt.wantLevel} || ev.Data["reason_code"] == "" {
				t.Fatalf("event %+v", ev.Data)
			}
		})
	}
	m := fullComplaint()
	m.State = Closed
	if _, err := Apply(m, staff(auth.Supervisor), Escalate, ActionInput{Note: "x", ToLevel: "county"}, now); !errors.Is(err, ErrTransition) {
		t.Fatalf("escalating a closed matter: %v", err)
	}
}

func TestPauseAndResume_R_L16_R_L17(t *testing.T) {
	m := fullComplaint()
	m.State = Mediating
	if _, err := Apply(m, staff(auth.Mediator), Pause, ActionInput{ReasonCode: "lunch"}, now); !hasField(err, "reason_code", invalid.OneOf) {
		t.Fatalf("pause for no statutory reason: %v", err)
	}
	for _, reason := range []string{PauseTesting, PauseRecusal} {
		m.State = Mediating
		ev, err := Apply(m, staff(auth.Mediator), Pause, ActionInput{ReasonCode: reason}, now)
		if err != nil || m.State != Suspended || ev.Data["reason_code"] != reason {
			t.Fatalf("pause %s: %v %s", reason, err, m.State)
		}
		if _, err := Apply(m, staff(auth.Mediator), Agree, ActionInput{}, now); !errors.Is(err, ErrTransition) {
			t.Fatalf("agreement while suspended: %v", err)
		}
		if _, err := Apply(m, staff(auth.Mediator), Resume, ActionInput{}, now); !hasField(err, "note", invalid.Required) {
			t.Fatalf("resume without the decision: %v", err)
		}
		if _, err := Apply(m, staff(auth.Mediator), Resume, ActionInput{Note: "回避申请驳回"}, now); err != nil || m.State != Mediating {
			t.Fatalf("resume: %v %s", err, m.State)
		}
	}
	// T4: no agreement on testing costs ends mediation while the clock stands still.
	m.State = Suspended
	if _, err := Apply(m, staff(auth.Mediator), Terminate, ActionInput{ReasonCode: "T4"}, now); err != nil || m.State != Terminated || m.TerminatedAt == nil {
		t.Fatalf("terminate while suspended: %v %s", err, m.State)
	}
}

func TestTerminationNotice_R_L19(t *testing.T) {
	m := fullComplaint()
	m.State = Mediating
	if _, err := Apply(m, staff(auth.Mediator), Terminate, ActionInput{ReasonCode: "T3"}, now); err != nil || !m.TerminatedAt.Equal(now) {
		t.Fatalf("terminate: %v %v", err, m.TerminatedAt)
	}
	later := now.Add(48 * time.Hour)
	if _, err := Apply(m, staff(auth.Mediator), NotifyParties, ActionInput{}, later); err != nil || !m.NotifiedAt.Equal(later) {
		t.Fatalf("notify: %v", err)
	}
	if _, err := Apply(m, staff(auth.Mediator), NotifyParties, ActionInput{}, later); !hasField(err, "notified_at", Already) {
		t.Fatalf("second notice: %v", err)
	}
}

func TestViolationClueAndExtension_R_L22(t *testing.T) {
	m := fullComplaint()
	m.State = Mediating
	if _, err := Apply(m, staff(auth.Supervisor), ExtendVerification, ActionInput{Note: "批准延长"}, now); !hasField(err, "clue_at", invalid.Conflict) {
		t.Fatalf("extension with no clue: %v", err)
	}
	if _, err := Apply(m, staff(auth.Mediator), RecordClue, ActionInput{}, now); !hasField(err, "note", invalid.Required) {
		t.Fatalf("clue without text: %v", err)
	}
	if _, err := Apply(m, staff(auth.Mediator), RecordClue, ActionInput{Note: "疑似销售过期食品"}, now); err != nil || !m.ClueAt.Equal(now) {
		t.Fatalf("clue: %v", err)
	}
	if _, err := Apply(m, staff(auth.Mediator), ExtendVerification, ActionInput{Note: "批准延长"}, now); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a mediator approved an extension: %v", err)
	}
	if _, err := Apply(m, staff(auth.Supervisor), ExtendVerification, ActionInput{Note: "部门负责人批准延长"}, now); err != nil || m.ExtendedAt == nil {
		t.Fatalf("extension by a supervisor acting as department head: %v", err)
	}
	if _, err := Apply(m, staff(auth.Supervisor), ExtendVerification, ActionInput{Note: "再延长"}, now); !hasField(err, "extended_at", Already) {
		t.Fatalf("second extension: %v", err)
	}
	m.State = Closed
	if _, err := Apply(m, staff(auth.Supervisor), ConcludeClue, ActionInput{ReasonCode: "case_filed"}, now); err != nil || m.ClueDoneAt == nil {
		t.Fatalf("conclude after close: %v", err)
	}
}

func TestMergeReports_R_L24(t *testing.T) {
	into := int64(41)
	for _, newFacts := range []bool{true, false} {
		m := fullComplaint()
		m.Kind, m.State = Report, Verifying
		if _, err := Apply(m, staff(auth.Operator), Merge, ActionInput{NewFacts: newFacts}, now); !hasField(err, "into", invalid.Required) {
			t.Fatalf("merge into nothing: %v", err)
		}
		if _, err := Apply(m, staff(auth.Operator), Merge, ActionInput{Into: "20260501-000001"}, now); !hasField(err, "into", invalid.NotFound) {
			t.Fatalf("merge into an unknown report: %v", err)
		}
		ev, err := Apply(m, staff(auth.Operator), Merge, ActionInput{Into: "20260501-000001", IntoID: &into, NewFacts: newFacts}, now)
		want := OutcomeDuplicate
		if newFacts {
			want = OutcomeMerged
		}
		if err != nil || m.State != Closed || m.Outcome != want || *m.MergedInto != into || ev.Data["new_facts"] != newFacts {
			t.Fatalf("merge (new facts %v): %v %s %s", newFacts, err, m.State, m.Outcome)
		}
	}
	// A report's extension counts for the period it was given in only.
	m := fullComplaint()
	m.Kind, m.State, m.ReceivedAt = Report, Verifying, now
	ext := now.Add(time.Hour)
	m.ExtendedAt = &ext
	if !m.Extended() {
		t.Fatal("extension not seen")
	}
	restart := now.Add(2 * time.Hour)
	m.RestartedAt = &restart
	if m.Extended() || !m.ReportStart().Equal(restart) {
		t.Fatal("a restart must open a new period")
	}
}

func TestReply12345_R_L27(t *testing.T) {
	m := fullComplaint()
	if _, err := Apply(m, staff(auth.Operator), Reply12345, ActionInput{Note: "已办理"}, now); !hasField(err, "channel", invalid.Conflict) {
		t.Fatalf("reply on a matter not from 12345: %v", err)
	}
	m.Channel = Transfer12345
	if _, err := Apply(m, staff(auth.Operator), Reply12345, ActionInput{Note: "已受理，正在调解"}, now); err != nil || !m.RepliedAt.Equal(now) {
		t.Fatalf("reply: %v", err)
	}
	later := now.Add(time.Hour)
	if _, err := Apply(m, staff(auth.Operator), Reply12345, ActionInput{Note: "已办结"}, later); err != nil || !m.RepliedAt.Equal(now) {
		t.Fatalf("a second reply keeps the first time: %v %v", err, m.RepliedAt)
	}
}

func TestJurisdictionDispute_R_L13(t *testing.T) {
	m := fullComplaint()
	if _, err := Apply(m, staff(auth.Operator), DisputeJurisdiction, ActionInput{Note: "与某区局存在管辖争议"}, now); !errors.Is(err, ErrForbidden) {
		t.Fatalf("an operator opened a dispute: %v", err)
	}
	if _, err := Apply(m, staff(auth.Supervisor), SettleJurisdiction, ActionInput{ReasonCode: "ours"}, now); !hasField(err, "dispute_at", invalid.Required) {
		t.Fatalf("settled a dispute never opened: %v", err)
	}
	if _, err := Apply(m, staff(auth.Supervisor), DisputeJurisdiction, ActionInput{Note: "与某区局存在管辖争议"}, now); err != nil || !m.DisputeAt.Equal(now) {
		t.Fatalf("open: %v", err)
	}
	if _, err := Apply(m, staff(auth.Supervisor), SettleJurisdiction, ActionInput{ReasonCode: "designated", Note: "市局指定"}, now); err != nil || m.DisputeDoneAt == nil {
		t.Fatalf("settle: %v", err)
	}
}

// TestNoDirectTransfer_R_L13: no action hands a matter to another unit; a unit without
// authority sends it back up (escalate) or rejects it (R16-1), and dispatch stays inside the office.
func TestNoDirectTransfer_R_L13(t *testing.T) {
	for _, tr := range Machine {
		if s := string(tr.Action); strings.Contains(s, "transfer") || strings.Contains(s, "forward") || strings.Contains(s, "refer") {
			t.Errorf("action %s hands a matter on directly", s)
		}
	}
	if offered := Offered(fullComplaint(), []Action{DisputeJurisdiction, SettleJurisdiction}); len(offered) != 1 || offered[0] != DisputeJurisdiction {
		t.Errorf("offered %v on a matter with no dispute", offered)
	}
}
