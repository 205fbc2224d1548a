package mediation

import (
	"testing"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
)

// TestAgent_R_L4: a complaint through an agent needs the agent's ID and a power of attorney
// stating matters, authority and term, signed by the principal, its original received.
func TestAgent_R_L4(t *testing.T) {
	now := at(t, "2026-05-06 10:00")
	good := func() Agent {
		return Agent{Name: "李四", IDType: ResidentID, IDNumber: "11010519491231002x", POARef: "委托书 2026-001",
			POAAttachmentID: ptr(int64(3)), Scope: "代为投诉、参加调解、签收文书", Authority: SpecialAuthority,
			TermFrom: day(t, "2026-05-01"), PrincipalSigned: true, OriginalReceived: true}
	}
	cases := []struct {
		name   string
		change func(*Agent)
		want   []string
	}{
		{"complete, lower-case x normalised (R-L4)", func(*Agent) {}, nil},
		{"passport numbers are not checksummed", func(a *Agent) { a.IDType, a.IDNumber = Passport, "E12345678" }, nil},
		{"name and ID missing (R-L4)", func(a *Agent) { a.Name, a.IDNumber = " ", "" },
			[]string{"agent_name:required", "agent_id_number:required"}},
		{"resident ID with a wrong check character", func(a *Agent) { a.IDNumber = "110105194912310021" },
			[]string{"agent_id_number:checksum"}},
		{"unknown ID type", func(a *Agent) { a.IDType = "library_card" }, []string{"agent_id_type:one_of"}},
		{"POA without reference, scan, scope or authority (R-L4)", func(a *Agent) {
			a.POARef, a.POAAttachmentID, a.Scope, a.Authority = "", nil, "", ""
		}, []string{"poa_ref:required", "poa_attachment_id:required", "poa_scope:required", "poa_authority:one_of"}},
		{"POA not signed by the principal, only a copy (R-L4)", func(a *Agent) { a.PrincipalSigned, a.OriginalReceived = false, false },
			[]string{"poa_principal_signed:required", "poa_original_received:required"}},
		{"POA term expired (R-L4 term)", func(a *Agent) { a.TermTo = ptr(day(t, "2026-05-05")) }, []string{"poa_term_to:expired"}},
		{"POA term ends before it starts", func(a *Agent) { a.TermTo = ptr(day(t, "2026-04-30")) }, []string{"poa_term_to:before_start"}},
		{"POA term starts in the future", func(a *Agent) { a.TermFrom = day(t, "2026-06-01") }, []string{"poa_term_from:future"}},
		{"bad phone", func(a *Agent) { a.Phone = "12" }, []string{"agent_phone:format"}},
	}
	for _, c := range cases {
		a := good()
		c.change(&a)
		want(t, c.name, a.Validate(now), c.want...)
	}
	a := good()
	_ = a.Validate(now)
	if a.IDNumber != "11010519491231002X" {
		t.Errorf("ID not normalised: %s", a.IDNumber)
	}
}

// TestAgentMaySettle_R_L4: only a special authority in force lets an agent sign for the principal.
func TestAgentMaySettle_R_L4(t *testing.T) {
	a := Agent{Authority: SpecialAuthority, TermFrom: day(t, "2026-05-01"), TermTo: ptr(day(t, "2026-05-31"))}
	cases := []struct {
		auth Authority
		on   string
		want bool
	}{
		{SpecialAuthority, "2026-05-15", true},
		{SpecialAuthority, "2026-05-31", true},
		{SpecialAuthority, "2026-06-01", false},
		{SpecialAuthority, "2026-04-30", false},
		{GeneralAuthority, "2026-05-15", false},
	}
	for _, c := range cases {
		a.Authority = c.auth
		if got := a.MaySettle(day(t, c.on)); got != c.want {
			t.Errorf("%s on %s: %v, want %v", c.auth, c.on, got, c.want)
		}
	}
}

// TestLimitation_R_L8: knowledge more than three years before receipt suggests R16-4 (R15-4
// under Order 20); the override needs the law named.
func TestLimitation_R_L8(t *testing.T) {
	cases := []struct {
		name     string
		rs       casework.RuleSet
		known    string
		received string
		suggest  string
		cutoff   string
	}{
		{"exactly three years is still in time", casework.Order121, "2023-05-06", "2026-05-06", "", "2023-05-06"},
		{"one day more suggests R16-4", casework.Order121, "2023-05-05", "2026-05-06", "R16-4", "2023-05-06"},
		{"Order 20 suggests R15-4", casework.Order20, "2020-01-01", "2024-03-01", "R15-4", "2021-03-01"},
		{"29 February: three years back is 1 March", casework.Order121, "2025-02-28", "2028-02-29", "R16-4", "2025-03-01"},
		{"unknown date suggests nothing", casework.Order121, "", "2026-05-06", "", "2023-05-06"},
	}
	for _, c := range cases {
		var known *calendar.Date
		if c.known != "" {
			known = ptr(day(t, c.known))
		}
		l := LimitationFor(c.rs, known, day(t, c.received))
		if l.Suggest != (c.suggest != "") || l.Reason.Code != c.suggest || l.Cutoff.String() != c.cutoff {
			t.Errorf("%s: %+v, want %q cutoff %s", c.name, l, c.suggest, c.cutoff)
		}
	}
	o := Override{LawOtherwise: true, Note: " "}
	want(t, "override without the law named", o.Validate(), "note:required")
	o = Override{LawOtherwise: true, Note: "产品质量法第四十五条：十年"}
	want(t, "override naming the law", o.Validate())
}
