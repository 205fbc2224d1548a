package service_test

import (
	"errors"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestCommandsMoveClocks walks a complaint through its life and checks after each command
// that its deadlines were started, met, paused, moved or left running in the same transaction.
func TestCommandsMoveClocks_R_S1_R_L6_R_L16_R_L19_R_L22(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-04-30 10:00"))
		m := c.complaint(t, c.village, func(in *casework.IntakeInput) { in.NeedsVisit = true })
		status := func(kind string, want deadline.Status, due string) {
			t.Helper()
			d, ok := c.deadlines(t, m)[kind]
			if !ok || d.Status != want {
				t.Fatalf("%s: %+v, want %s", kind, d, want)
			}
			if due != "" && d.DueDate.String() != due {
				t.Fatalf("%s due %s, want %s", kind, d.DueDate, due)
			}
		}
		nearest := func(kind string) {
			t.Helper()
			if m.DueKind != kind || (kind == "") != (m.DueAt == nil) {
				t.Fatalf("matter due %v %q, want %q", m.DueAt, m.DueKind, kind)
			}
		}
		c.clock.Set(sh(t, "2026-04-30 10:05"))
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		status("acceptance", deadline.Met, "2026-05-13")
		status("mediation", deadline.Running, "2026-06-29") // R-L18: 60 days from 04-30
		nearest("on_site")
		if d := c.deadlines(t, m)["acceptance"]; !d.MetAt.Equal(sh(t, "2026-04-30 10:05")) {
			t.Fatalf("acceptance met at %v", d.MetAt)
		}
		c.clock.Set(sh(t, "2026-04-30 10:06"))
		m = c.act(t, c.op, m, casework.Dispatch, casework.ActionInput{StationID: &c.villSt.ID})
		c.clock.Set(sh(t, "2026-04-30 10:20"))
		m = c.act(t, c.med, m, casework.CheckIn, casework.ActionInput{})
		status("on_site", deadline.Met, "")
		if m.OnSiteKept == nil || !*m.OnSiteKept {
			t.Fatal("check-in at 10:20 within 30 minutes did not keep the promise")
		}
		nearest("mediation")
		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})

		c.clock.Set(sh(t, "2026-05-06 09:00"))
		m = c.act(t, c.med, m, casework.Pause, casework.ActionInput{ReasonCode: casework.PauseTesting, Note: "送检"})
		status("mediation", deadline.Paused, "2026-06-29")
		nearest("") // nothing runs while the only clock stands still
		c.clock.Set(sh(t, "2026-05-16 09:00"))
		m = c.act(t, c.med, m, casework.Resume, casework.ActionInput{Note: "检测报告已出"})
		status("mediation", deadline.Running, "2026-07-09") // R-L17: 10 days of testing added
		nearest("mediation")

		c.clock.Set(sh(t, "2026-05-20 10:00"))
		m = c.act(t, c.med, m, casework.RecordClue, casework.ActionInput{Note: "疑似销售过期食品"})
		status("violation_clue", deadline.Running, "2026-06-10")
		nearest("violation_clue")
		c.clock.Set(sh(t, "2026-05-20 10:10"))
		m = c.act(t, c.med, m, casework.Terminate, casework.ActionInput{ReasonCode: "T3"})
		status("mediation", deadline.Met, "")
		status("termination_notice", deadline.Running, "2026-05-29")
		nearest("termination_notice")
		ev := c.timeline(t, m)
		if last := ev[len(ev)-1]; last.Action != casework.Terminate || last.Data["deadlines"] == nil {
			t.Fatalf("the termination event does not record the clocks it moved: %+v", last)
		}
		c.clock.Set(sh(t, "2026-05-21 10:00"))
		m = c.act(t, c.med, m, casework.NotifyParties, casework.ActionInput{Note: "电话告知双方"})
		status("termination_notice", deadline.Met, "")
		m = c.act(t, c.op, m, casework.Close, casework.ActionInput{})
		status("violation_clue", deadline.Running, "2026-06-10") // the clue outlives the complaint
		nearest("violation_clue")
		m = c.act(t, c.sup, m, casework.ExtendVerification, casework.ActionInput{Note: "部门负责人批准延长十五个工作日"})
		status("violation_clue", deadline.Running, "2026-07-02")
		m = c.act(t, c.sup, m, casework.ConcludeClue, casework.ActionInput{ReasonCode: "case_filed"})
		status("violation_clue", deadline.Met, "")
		nearest("")
	})
}

func TestClosingCancelsWhatIsLeft(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-04-30 10:00"))
		m := c.complaint(t, c.village, func(in *casework.IntakeInput) { in.NeedsVisit = true })
		m = c.act(t, c.sup, m, casework.Reject, casework.ActionInput{ReasonCode: "R16-2"})
		d := c.deadlines(t, m)
		if d["acceptance"].Status != deadline.Met || d["on_site"].Status != deadline.Cancelled || d["on_site"].CancelReason != "not_applicable" {
			t.Fatalf("after rejection: %+v", d)
		}
		if m.DueAt != nil {
			t.Fatalf("a rejected matter still due %v", m.DueAt)
		}
		// Turning the visit off cancels the promise too.
		m2 := c.complaint(t, c.village, func(in *casework.IntakeInput) { in.NeedsVisit = true })
		no := false
		m2 = c.act(t, c.op, m2, casework.Update, casework.ActionInput{Changes: &casework.Changes{NeedsVisit: &no}})
		if d := c.deadlines(t, m2)["on_site"]; d.Status != deadline.Cancelled || m2.DueKind != "acceptance" || m2.OnSiteDueAt != nil {
			t.Fatalf("visit turned off: %+v, matter due %s", d, m2.DueKind)
		}
		// Found necessary again later: the promise counts from then (R-S1).
		c.clock.Set(sh(t, "2026-04-30 14:00"))
		yes := true
		m2 = c.act(t, c.op, m2, casework.Update, casework.ActionInput{Changes: &casework.Changes{NeedsVisit: &yes}})
		if d := c.deadlines(t, m2)["on_site"]; d.Status != deadline.Running || !d.DueAt.Equal(sh(t, "2026-04-30 14:30")) || m2.DueKind != "on_site" {
			t.Fatalf("visit needed again: %+v", d)
		}
		// A report merged into another is closed; its verification clock is cancelled as closed.
		r := c.report(t, "2026-04-30 10:00")
		c.clock.Set(sh(t, "2026-05-06 10:00"))
		r2 := c.report(t, "2026-05-06 10:00")
		r2 = c.act(t, c.op, r2, casework.Merge, casework.ActionInput{Into: r.Number})
		if d := c.deadlines(t, r2)["report_verification"]; d.Status != deadline.Cancelled || d.CancelReason != "closed" {
			t.Fatalf("merged report: %+v", d)
		}
	})
}

func (c *county) report(t *testing.T, received string) casework.Matter {
	t.Helper()
	at := sh(t, received)
	ms, err := c.svc.Intake(c.ctx, auth.As(c.op), casework.IntakeInput{Kind: casework.Report, Channel: casework.Hotline12315, ReceivedAt: &at,
		AreaID: &c.village.ID, MerchantName: "某某超市", Facts: "销售过期食品"})
	if err != nil {
		t.Fatal(err)
	}
	return ms[0]
}

func TestMergedReportRestartsVerification_R_L24(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		a := c.report(t, "2026-05-06 10:00")
		if d := c.deadlines(t, a)["report_verification"]; d.DueDate.String() != "2026-05-26" {
			t.Fatalf("15 working days from 05-06: %s", d.DueDate)
		}
		c.clock.Set(sh(t, "2026-05-20 10:00"))
		b := c.report(t, "2026-05-20 10:00")
		if _, err := c.svc.Act(c.ctx, auth.As(c.op), b.Number, casework.Merge, casework.ActionInput{Into: b.Number, NewFacts: true}); !hasField(err, "into", invalid.NotFound) {
			t.Fatalf("merge into itself: %v", err)
		}
		if _, err := c.svc.Act(c.ctx, auth.As(c.op), a.Number, casework.Merge, casework.ActionInput{Into: b.Number, NewFacts: true}); !hasField(err, "into", invalid.Conflict) {
			t.Fatalf("merge an earlier report into a later one: %v", err)
		}
		b = c.act(t, c.op, b, casework.Merge, casework.ActionInput{Into: a.Number, NewFacts: true})
		if b.State != casework.Closed || b.Outcome != casework.OutcomeMerged || *b.MergedInto != a.ID {
			t.Fatalf("merged report %s %s", b.State, b.Outcome)
		}
		rows, _ := c.st.MatterDeadlines(c.ctx, a.ID)
		if len(rows) != 2 || rows[0].CancelReason != "restarted" || rows[1].DueDate.String() != "2026-06-10" || rows[1].Status != deadline.Running {
			t.Fatalf("earlier report's clocks after the merge: %+v", rows)
		}
		tl := c.timeline(t, a)
		if last := tl[len(tl)-1]; last.Action != casework.MergedIn || last.Data["from"] != b.Number || last.Data["restarted_from"] == nil {
			t.Fatalf("earlier report's timeline: %+v", last)
		}
		a, _ = c.st.Matter(c.ctx, a.ID)
		if a.DueKind != "report_verification" || !a.DueAt.Equal(calendar.DueAt(rows[1].DueDate)) {
			t.Fatalf("earlier report due %v %s", a.DueAt, a.DueKind)
		}
		// A repeat report without new facts is not handled again and restarts nothing.
		c.clock.Set(sh(t, "2026-05-22 10:00"))
		d := c.report(t, "2026-05-22 10:00")
		d = c.act(t, c.op, d, casework.Merge, casework.ActionInput{Into: a.Number})
		if d.Outcome != casework.OutcomeDuplicate {
			t.Fatalf("repeat report outcome %s", d.Outcome)
		}
		if rows, _ := c.st.MatterDeadlines(c.ctx, a.ID); len(rows) != 2 || rows[1].DueDate.String() != "2026-06-10" {
			t.Fatalf("a repeat report moved the clock: %+v", rows)
		}
	})
}

func TestEscalation_R_S3(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		m := c.complaint(t, c.village, nil)
		if _, err := c.svc.Act(c.ctx, auth.As(c.op), m.Number, casework.Escalate, casework.ActionInput{}); !hasField(err, "note", invalid.Required) {
			t.Fatalf("escalation without a reason: %v", err)
		}
		m = c.act(t, c.op, m, casework.Escalate, casework.ActionInput{Note: "当事人要求镇里处理"})
		if m.Level != "township" || *m.StationID != c.townSt.ID {
			t.Fatalf("after one escalation: %s %v", m.Level, m.StationID)
		}
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})
		m = c.act(t, c.med, m, casework.Terminate, casework.ActionInput{ReasonCode: "T3"})
		m = c.act(t, c.med, m, casework.Escalate, casework.ActionInput{ReasonCode: casework.EscalateMediationFailed, Note: "镇级调解不成"})
		if m.Level != "county" || *m.StationID != c.centre.ID {
			t.Fatalf("after failed mediation: %s %v", m.Level, m.StationID)
		}
		if _, err := c.svc.Act(c.ctx, auth.As(c.op), m.Number, casework.Escalate, casework.ActionInput{Note: "再升"}); !hasField(err, "level", casework.TopLevel) {
			t.Fatalf("escalation past the county: %v", err)
		}
		alerts := c.alerts(t, "escalated")
		if len(alerts) != 2 || *alerts[1].StationID != c.townSt.ID || *alerts[0].StationID != c.centre.ID {
			t.Fatalf("the new stations were not told: %+v", alerts)
		}
		if alerts[0].Payload["reason_code"] != casework.EscalateMediationFailed {
			t.Fatalf("reason not recorded: %+v", alerts[0].Payload)
		}
		// A correction that meets a higher criterion raises the level; one that meets a lower never lowers it.
		v := c.complaint(t, c.village, nil)
		big := money.Fen(60_000_00)
		v = c.act(t, c.op, v, casework.Update, casework.ActionInput{Changes: &casework.Changes{AmountInDispute: &big}})
		tl := c.timeline(t, v)
		if v.Level != "county" || *v.StationID != c.centre.ID || tl[len(tl)-1].Action != casework.Escalate || tl[len(tl)-1].Data["reason_code"] != casework.EscalateCriteria {
			t.Fatalf("raised by criteria: %s %v %+v", v.Level, v.StationID, tl[len(tl)-1])
		}
		small := money.Fen(100_00)
		v = c.act(t, c.op, v, casework.Update, casework.ActionInput{Changes: &casework.Changes{AmountInDispute: &small}})
		if v.Level != "county" {
			t.Fatalf("a smaller amount moved the matter down to %s", v.Level)
		}
	})
}

func TestCalendarMissingThenLoaded_R_L43(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-12-25 10:00"))
		m := c.complaint(t, c.village, nil)
		c.complaint(t, c.village, nil)
		d := c.deadlines(t, m)["acceptance"]
		if d.MissingYear != 2027 || d.DueAt != nil || m.DueAt != nil {
			t.Fatalf("deadline into 2027 guessed: %+v, matter due %v", d, m.DueAt)
		}
		if alerts := c.alerts(t, "calendar_missing"); len(alerts) != 1 || alerts[0].Payload["year"] == nil {
			t.Fatalf("calendar missing alerts: %+v", alerts)
		}
		days, err := calendar.ParseCSV(strings.NewReader("date,kind,name,source\n2027-01-01,holiday,元旦,test notice\n"))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := c.svc.LoadCalendar(c.ctx, c.op, days, "operator1"); !errors.Is(err, errForbidden()) {
			t.Fatalf("an operator loaded a calendar: %v", err)
		}
		loaded, moved, err := c.svc.LoadCalendar(c.ctx, c.admin, days, "admin")
		if err != nil || len(loaded) != 1 || loaded[0].Year != 2027 || moved != 2 {
			t.Fatalf("load: %+v moved %d, %v", loaded, moved, err)
		}
		d = c.deadlines(t, m)["acceptance"]
		if d.MissingYear != 0 || d.DueDate.String() != "2027-01-06" {
			t.Fatalf("after loading 2027: %+v", d)
		}
		m, _ = s.Matter(c.ctx, m.ID)
		tl := c.timeline(t, m)
		if m.DueKind != "acceptance" || tl[len(tl)-1].Action != casework.Recalculate {
			t.Fatalf("matter due %s, last event %+v", m.DueKind, tl[len(tl)-1])
		}
		years, _ := s.CalendarYears(c.ctx)
		if len(years) != 4 || years[3].Year != 2027 || years[3].Days != 1 {
			t.Fatalf("years %+v", years)
		}
	})
}

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

func TestJurisdictionDisputeClock_R_L13(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-04-30 15:00"))
		m := c.complaint(t, c.village, nil)
		m = c.act(t, c.sup, m, casework.DisputeJurisdiction, casework.ActionInput{Note: "被投诉人住所地在邻县，存在管辖争议"})
		if d := c.deadlines(t, m)["jurisdiction"]; d.Status != deadline.Running || d.DueDate.String() != "2026-05-13" || d.Rule != "R-L13" {
			t.Fatalf("dispute clock %+v", d)
		}
		m = c.act(t, c.sup, m, casework.SettleJurisdiction, casework.ActionInput{ReasonCode: "ours"})
		if d := c.deadlines(t, m)["jurisdiction"]; d.Status != deadline.Met {
			t.Fatalf("settled dispute %+v", d)
		}
	})
}
