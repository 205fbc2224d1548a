package deadline

import (
	"slices"
	"testing"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
)

var sh = calendar.Shanghai

func cal(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// at reads "2006-01-02 15:04" in Asia/Shanghai.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, sh)
	if err != nil {
		t.Fatal(err)
	}
	return v.UTC()
}

func ptr(t time.Time) *time.Time { return &t }

func complaint(t testing.TB, received string) casework.Matter {
	r := at(t, received)
	return casework.Matter{ID: 1, Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Received,
		RuleSet: casework.RuleSetFor(r), ReceivedAt: r}
}

func find(ds []Deadline, k Kind) *Deadline {
	for i := range ds {
		if ds[i].Kind == k {
			return &ds[i]
		}
	}
	return nil
}

func compute(t *testing.T, f Facts, set Settings) []Deadline {
	t.Helper()
	ds, err := Compute(f, cal(t), set)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// check asserts one deadline: its status and, when due is not "", its due date (end of that day).
func check(t *testing.T, ds []Deadline, k Kind, status Status, due string) {
	t.Helper()
	d := find(ds, k)
	if d == nil {
		t.Fatalf("%s: missing from %+v", k, ds)
	}
	if d.Status != status {
		t.Errorf("%s: status %s, want %s", k, d.Status, status)
	}
	if due == "" {
		return
	}
	want, _ := calendar.ParseDate(due)
	if d.DueDate != want || d.DueAt == nil || !d.DueAt.Equal(calendar.DueAt(want)) {
		t.Errorf("%s: due %s at %v, want %s", k, d.DueDate, d.DueAt, due)
	}
}

func TestOnSitePromise_R_S1(t *testing.T) {
	tests := []struct {
		name    string
		promise int
		edit    func(m *casework.Matter)
		status  Status
		due     string // Shanghai minute; "" when no on-site deadline applies
	}{
		{"urban 15 minutes from receipt", 15, nil, Running, "2026-05-06 10:15"},
		{"township 30 minutes", 30, nil, Running, "2026-05-06 10:30"},
		{"per-area override", 20, nil, Running, "2026-05-06 10:20"},
		{"due time stored at intake wins", 15, func(m *casework.Matter) { m.OnSiteDueAt = ptr(at(t, "2026-05-06 10:40")) }, Running, "2026-05-06 10:40"},
		{"check-in meets it", 15, func(m *casework.Matter) { m.ArrivedAt = ptr(at(t, "2026-05-06 10:20")) }, Met, "2026-05-06 10:15"},
		{"rejected without a visit: moot", 15, func(m *casework.Matter) { m.State, m.Outcome = casework.Rejected, casework.OutcomeRejected }, Cancelled, "2026-05-06 10:15"},
		{"no visit needed", 15, func(m *casework.Matter) { m.NeedsVisit = false }, "", ""},
		{"reports are not visited", 15, func(m *casework.Matter) { m.Kind = casework.Report }, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := complaint(t, "2026-05-06 10:00")
			m.NeedsVisit = true
			if tt.edit != nil {
				tt.edit(&m)
			}
			ds := compute(t, Facts{Matter: m, PromiseMinutes: tt.promise}, DefaultSettings())
			d := find(ds, OnSite)
			if tt.due == "" {
				if d != nil {
					t.Fatalf("on-site deadline %+v, want none", d)
				}
				return
			}
			if d == nil || d.Status != tt.status || !d.DueAt.Equal(at(t, tt.due)) || !d.Start.Equal(m.ReceivedAt) {
				t.Fatalf("on-site %+v, want %s due %s", d, tt.status, tt.due)
			}
			if want := at(t, tt.due).Add(-5 * time.Minute); d.RemindAt == nil || !d.RemindAt.Equal(want) {
				t.Errorf("remind at %v, want 5 minutes before", d.RemindAt)
			}
		})
	}
}

func TestAcceptanceDecision_R_L6(t *testing.T) {
	tests := []struct {
		name, received string
		edit           func(m *casework.Matter)
		status         Status
		due            string
	}{
		{"R-L42 example: 05-09 make-up Saturday counts", "2026-04-30 10:00", nil, Running, "2026-05-13"},
		{"received late in the evening, Shanghai date counts", "2026-04-30 23:30", nil, Running, "2026-05-13"},
		{"received on a holiday", "2026-05-01 00:10", nil, Running, "2026-05-13"},
		{"National Day: 10-10 Saturday counts", "2026-09-30 16:00", nil, Running, "2026-10-15"},
		{"Spring Festival make-up days count", "2026-02-13 09:00", nil, Running, "2026-03-02"},
		{"Order 20 matter, same 7 working days", "2025-01-24 09:00", nil, Running, "2025-02-10"},
		{"accepting meets it", "2026-04-30 10:00", func(m *casework.Matter) { m.AcceptedAt = ptr(at(t, "2026-05-06 09:00")) }, Met, "2026-05-13"},
		{"rejecting meets it", "2026-04-30 10:00", func(m *casework.Matter) { m.State, m.Outcome = casework.Rejected, casework.OutcomeRejected }, Met, "2026-05-13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := complaint(t, tt.received)
			if tt.edit != nil {
				tt.edit(&m)
			}
			check(t, compute(t, Facts{Matter: m}, DefaultSettings()), Acceptance, tt.status, tt.due)
		})
	}
}

func TestMediationPeriod_R_L16_R_L17_R_L18(t *testing.T) {
	closed := func(from, to string) Pause {
		return Pause{Reason: casework.PauseTesting, From: at(t, from), To: ptr(at(t, to))}
	}
	tests := []struct {
		name     string
		rules    casework.RuleSet
		accepted string
		pauses   []Pause
		weekends bool
		status   Status
		due      string
	}{
		{"R-L18 Order 121: day 60 is National Day, moves to 10-08", casework.Order121, "2026-08-02 10:00", nil, false, Running, "2026-10-08"},
		{"R-L18 Order 121: day 60 a Sunday stays (weekends not off)", casework.Order121, "2026-04-15 10:00", nil, false, Running, "2026-06-14"},
		{"R-L18 Order 121: day 60 a Sunday moves when weekends are off", casework.Order121, "2026-04-15 10:00", nil, true, Running, "2026-06-15"},
		{"R-L18 Order 20: 45 working days across Qingming and Labour Day", casework.Order20, "2026-03-02 10:00", nil, false, Running, "2026-05-08"},
		{"R-L17 Order 20: 3 working days of testing added", casework.Order20, "2026-03-02 10:00",
			[]Pause{closed("2026-03-10 09:00", "2026-03-13 17:00")}, false, Running, "2026-05-12"},
		{"R-L17 Order 121: 10 days of testing added, lands on Sunday 10-11", casework.Order121, "2026-08-02 10:00",
			[]Pause{closed("2026-08-10 09:00", "2026-08-20 09:00")}, false, Running, "2026-10-11"},
		{"R-L16 recusal and testing both added", casework.Order121, "2026-08-02 10:00",
			[]Pause{closed("2026-08-10 09:00", "2026-08-15 09:00"), {Reason: casework.PauseRecusal, From: at(t, "2026-08-16 09:00"), To: ptr(at(t, "2026-08-21 09:00"))}},
			true, Running, "2026-10-12"},
		{"R-L16 an open pause stops the clock", casework.Order121, "2026-08-02 10:00",
			[]Pause{{Reason: casework.PauseRecusal, From: at(t, "2026-08-10 09:00")}}, false, Paused, "2026-10-08"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := complaint(t, "2026-03-01 09:00")
			m.RuleSet, m.State, m.AcceptedAt = tt.rules, casework.Mediating, ptr(at(t, tt.accepted))
			set := DefaultSettings()
			set.WeekendsAreOff = tt.weekends
			ds := compute(t, Facts{Matter: m, Pauses: tt.pauses}, set)
			check(t, ds, Mediation, tt.status, tt.due)
			if d := find(ds, Mediation); tt.status == Paused && (d.PausedAt == nil || !d.PausedAt.Equal(tt.pauses[0].From)) {
				t.Errorf("paused at %v", d.PausedAt)
			}
		})
	}
	m := complaint(t, "2026-08-01 09:00")
	m.AcceptedAt = ptr(at(t, "2026-08-02 10:00"))
	for _, end := range []struct {
		state   casework.State
		outcome casework.Outcome
		want    Status
	}{{casework.Agreement, casework.OutcomeAgreement, Met}, {casework.Terminated, casework.OutcomeTerminated, Met}, {casework.Closed, casework.OutcomeAgreement, Met}} {
		m.State, m.Outcome = end.state, end.outcome
		check(t, compute(t, Facts{Matter: m}, DefaultSettings()), Mediation, end.want, "2026-10-08")
	}
}

// TestRuleSetStaysAsStored_R_L44: the mediation period follows the rule set stored at
// intake, not the date of acceptance.
func TestRuleSetStaysAsStored_R_L44(t *testing.T) {
	m := complaint(t, "2026-04-14 16:00")
	if m.RuleSet != casework.Order20 {
		t.Fatalf("rule set %s for a matter received 2026-04-14", m.RuleSet)
	}
	m.AcceptedAt, m.State = ptr(at(t, "2026-04-16 09:00")), casework.Accepted
	// 45 working days after 04-16: 04-17 … 06-23 (Labour Day and Dragon Boat skipped, 05-09 counted).
	check(t, compute(t, Facts{Matter: m}, DefaultSettings()), Mediation, Running, "2026-06-23")
	m.RuleSet = casework.Order121
	check(t, compute(t, Facts{Matter: m}, DefaultSettings()), Mediation, Running, "2026-06-15")
}

func TestTerminationNotice_R_L19(t *testing.T) {
	m := complaint(t, "2026-03-01 09:00")
	m.AcceptedAt, m.State, m.Outcome = ptr(at(t, "2026-03-02 09:00")), casework.Terminated, casework.OutcomeTerminated
	m.TerminatedAt = ptr(at(t, "2026-04-30 15:00"))
	check(t, compute(t, Facts{Matter: m}, DefaultSettings()), TerminationNotice, Running, "2026-05-13")
	m.State = casework.Closed // closing does not lift the duty to tell both parties
	check(t, compute(t, Facts{Matter: m}, DefaultSettings()), TerminationNotice, Running, "2026-05-13")
	m.NotifiedAt = ptr(at(t, "2026-05-12 10:00"))
	check(t, compute(t, Facts{Matter: m}, DefaultSettings()), TerminationNotice, Met, "2026-05-13")
}

func TestViolationClue_R_L22(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(m *casework.Matter)
		status Status
		due    string
	}{
		{"15 working days from discovery", nil, Running, "2026-05-25"},
		{"one extension of 15 with a department head's approval", func(m *casework.Matter) { m.ExtendedAt = ptr(at(t, "2026-05-20 10:00")) }, Running, "2026-06-15"},
		{"verified", func(m *casework.Matter) { m.ClueDoneAt = ptr(at(t, "2026-05-20 10:00")) }, Met, "2026-05-25"},
		{"still runs after the complaint is closed", func(m *casework.Matter) { m.State = casework.Closed }, Running, "2026-05-25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := complaint(t, "2026-04-20 09:00")
			m.AcceptedAt, m.State = ptr(at(t, "2026-04-21 09:00")), casework.Mediating
			m.ClueAt = ptr(at(t, "2026-04-30 11:00"))
			if tt.edit != nil {
				tt.edit(&m)
			}
			check(t, compute(t, Facts{Matter: m}, DefaultSettings()), ViolationClue, tt.status, tt.due)
		})
	}
}

func TestReportVerification_R_L24(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(m *casework.Matter)
		status Status
		due    string
	}{
		{"15 working days from receipt", nil, Running, "2026-05-25"},
		{"a merged report with new facts restarts the clock from its receipt", func(m *casework.Matter) { m.RestartedAt = ptr(at(t, "2026-05-20 10:00")) }, Running, "2026-06-10"},
		{"an extension before the restart does not carry over", func(m *casework.Matter) {
			m.ExtendedAt, m.RestartedAt = ptr(at(t, "2026-05-15 10:00")), ptr(at(t, "2026-05-20 10:00"))
		}, Running, "2026-06-10"},
		{"an extension after the restart adds 15", func(m *casework.Matter) {
			m.RestartedAt, m.ExtendedAt = ptr(at(t, "2026-05-20 10:00")), ptr(at(t, "2026-06-01 10:00"))
		}, Running, "2026-07-02"},
		{"filing a case meets it", func(m *casework.Matter) { m.State, m.Outcome = casework.Filed, casework.OutcomeFiled }, Met, "2026-05-25"},
		{"deciding not to file meets it", func(m *casework.Matter) { m.State, m.Outcome = casework.Closed, casework.OutcomeNotFiled }, Met, "2026-05-25"},
		{"merged into an earlier report: moot", func(m *casework.Matter) { m.State, m.Outcome = casework.Closed, casework.OutcomeMerged }, Cancelled, "2026-05-25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := complaint(t, "2026-04-30 10:00")
			m.Kind = casework.Report
			if tt.edit != nil {
				tt.edit(&m)
			}
			check(t, compute(t, Facts{Matter: m}, DefaultSettings()), ReportVerification, tt.status, tt.due)
		})
	}
}

func TestReply12345_R_L27(t *testing.T) {
	tests := []struct {
		name    string
		days    int
		channel casework.Channel
		replied bool
		status  Status
		due     string
	}{
		{"default 5 working days", 5, casework.Transfer12345, false, Running, "2026-05-11"},
		{"configured 3", 3, casework.Transfer12345, false, Running, "2026-05-08"},
		{"replied", 5, casework.Transfer12345, true, Met, "2026-05-11"},
		{"switched off", 0, casework.Transfer12345, false, "", ""},
		{"not a 12345 transfer", 5, casework.Hotline12315, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := complaint(t, "2026-04-30 10:00")
			m.Channel = tt.channel
			if tt.replied {
				m.RepliedAt = ptr(at(t, "2026-05-06 10:00"))
			}
			set := DefaultSettings()
			set.Reply12345Workdays = tt.days
			ds := compute(t, Facts{Matter: m}, set)
			if tt.status == "" {
				if find(ds, Reply12345) != nil {
					t.Fatalf("reply deadline in %+v", ds)
				}
				return
			}
			check(t, ds, Reply12345, tt.status, tt.due)
		})
	}
}

// TestEarliestDrivesAlerts_R_L27: statutory clocks run in parallel with the 12345 reply;
// the earliest open one is the matter's due time.
func TestEarliestDrivesAlerts_R_L27(t *testing.T) {
	m := complaint(t, "2026-04-30 10:00")
	m.Channel = casework.Transfer12345
	ds := compute(t, Facts{Matter: m}, DefaultSettings())
	if e := Earliest(ds); e == nil || e.Kind != Reply12345 {
		t.Fatalf("earliest %+v, want the 12345 reply (05-11 before acceptance 05-13)", e)
	}
	m.RepliedAt = ptr(at(t, "2026-05-06 10:00"))
	ds = compute(t, Facts{Matter: m}, DefaultSettings())
	if e := Earliest(ds); e == nil || e.Kind != Acceptance {
		t.Fatalf("earliest %+v after the reply, want acceptance", e)
	}
	m.NeedsVisit = true
	ds = compute(t, Facts{Matter: m, PromiseMinutes: 15}, DefaultSettings())
	if e := Earliest(ds); e == nil || e.Kind != OnSite {
		t.Fatalf("earliest %+v, want the on-site promise", e)
	}
}

func TestCalendarMissing_R_L43(t *testing.T) {
	m := complaint(t, "2026-12-25 10:00")
	m.Channel = casework.Transfer12345
	ds := compute(t, Facts{Matter: m}, DefaultSettings())
	for _, k := range []Kind{Acceptance, Reply12345} {
		d := find(ds, k)
		if d == nil || d.MissingYear != 2027 || d.DueAt != nil || d.Status != Running {
			t.Errorf("%s: %+v, want flagged for 2027 with no due time", k, d)
		}
	}
	if e := Earliest(ds); e != nil {
		t.Errorf("earliest %+v: a deadline with no calendar must not be guessed", e)
	}
	m = complaint(t, "2026-11-20 10:00")
	m.AcceptedAt, m.State = ptr(at(t, "2026-11-20 11:00")), casework.Mediating
	d := find(compute(t, Facts{Matter: m}, DefaultSettings()), Mediation)
	if d.MissingYear != 2027 || d.DueAt != nil {
		t.Errorf("60 days into 2027: %+v", d)
	}
}

func TestReminders(t *testing.T) {
	tests := []struct {
		name   string
		n      int
		edit   func(m *casework.Matter)
		kind   Kind
		remind string
	}{
		{"one working day before: the start of the due day", 1, nil, Acceptance, "2026-05-13 00:00"},
		{"two working days before", 2, nil, Acceptance, "2026-05-12 00:00"},
		{"a due Monday: reminded at its start, not on the weekend", 1, func(m *casework.Matter) { m.ReceivedAt = at(t, "2026-05-08 10:00") }, Acceptance, "2026-05-18 00:00"},
		{"a 60-day due Sunday: the last working day before it", 1, func(m *casework.Matter) {
			m.AcceptedAt, m.State = ptr(at(t, "2026-04-15 10:00")), casework.Mediating
		}, Mediation, "2026-06-12 00:00"},
		{"off", 0, nil, Acceptance, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := complaint(t, "2026-04-30 10:00")
			m.RuleSet = casework.Order121
			if tt.edit != nil {
				tt.edit(&m)
			}
			set := DefaultSettings()
			set.RemindWorkdays = tt.n
			d := find(compute(t, Facts{Matter: m}, set), tt.kind)
			if tt.remind == "" {
				if d.RemindAt != nil {
					t.Fatalf("remind at %v, want none", d.RemindAt)
				}
				return
			}
			if d.RemindAt == nil || !d.RemindAt.Equal(at(t, tt.remind)) {
				t.Fatalf("remind at %v, want %s", d.RemindAt, tt.remind)
			}
		})
	}
}

func TestSettingsValidate(t *testing.T) {
	s := DefaultSettings()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	s.Reply12345Workdays, s.EscalateOn = -1, []Kind{OnSite, "nope", OnSite}
	if err := s.Validate(); err == nil {
		t.Fatal("bad settings accepted")
	}
	s = DefaultSettings()
	s.EscalateOn = []Kind{OnSite, OnSite}
	if err := s.Validate(); err != nil || !slices.Equal(s.EscalateOn, []Kind{OnSite}) {
		t.Fatalf("duplicates: %v %v", s.EscalateOn, err)
	}
}

func TestJurisdictionDispute_R_L13(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(m *casework.Matter)
		status Status
	}{
		{"7 working days to agree with the other bureau", nil, Running},
		{"settled", func(m *casework.Matter) { m.DisputeDoneAt = ptr(at(t, "2026-05-08 10:00")) }, Met},
		{"closed (e.g. rejected for want of authority): moot", func(m *casework.Matter) { m.State = casework.Closed }, Cancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := complaint(t, "2026-04-29 10:00")
			m.DisputeAt = ptr(at(t, "2026-04-30 15:00"))
			if tt.edit != nil {
				tt.edit(&m)
			}
			check(t, compute(t, Facts{Matter: m}, DefaultSettings()), Jurisdiction, tt.status, "2026-05-13")
		})
	}
}
