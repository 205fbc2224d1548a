package casework

import "testing"

// TestReporterNotice_R_L44: under Order 20 a real-name reporter is told of the filing decision
// (filed or not filed) — with or without a phone; an anonymous reporter, a complaint, a report
// not yet decided or one handled under Order 121 is not.
func TestReporterNotice_R_L44(t *testing.T) {
	report := func(rs RuleSet, o Outcome, p Party) Matter {
		return Matter{Kind: Report, RuleSet: rs, Outcome: o, Consumer: p}
	}
	named := Party{Name: "钱七", Phone: "13700137000"}
	letter := Party{Name: "钱七", Address: "东街3号"} // a letter: a name and an address, no phone
	cases := []struct {
		name          string
		m             Matter
		realName, due bool
	}{
		{"Order 20, filed, real name", report(Order20, OutcomeFiled, named), true, true},
		{"Order 20, not filed, real name", report(Order20, OutcomeNotFiled, named), true, true},
		{"Order 20, filed, a letter without a phone", report(Order20, OutcomeFiled, letter), true, true},
		{"Order 20, filed, anonymous", report(Order20, OutcomeFiled, Party{Phone: "13700137000"}), false, false},
		{"Order 20, a name of blanks is anonymous", report(Order20, OutcomeFiled, Party{Name: "  "}), false, false},
		{"Order 20, not yet decided", report(Order20, "", named), true, false},
		{"Order 20, merged into an earlier report", report(Order20, OutcomeMerged, named), true, false},
		{"Order 121 sets no such notice", report(Order121, OutcomeFiled, named), true, false},
		{"a complaint is no report", Matter{Kind: Complaint, RuleSet: Order20, Outcome: OutcomeFiled, Consumer: named}, false, false},
	}
	for _, c := range cases {
		if got := RealNameReporter(c.m); got != c.realName {
			t.Errorf("%s: real name %v, want %v", c.name, got, c.realName)
		}
		if got := ReporterNoticeDue(c.m); got != c.due {
			t.Errorf("%s: notice due %v, want %v", c.name, got, c.due)
		}
	}
}
