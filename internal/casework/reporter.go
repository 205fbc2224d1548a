package casework

import "strings"

// RealNameReporter says whether a report's reporter gave a name: only a real-name reporter is
// told the filing decision (R-L44); an anonymous one has no one to tell.
func RealNameReporter(m Matter) bool {
	return m.Kind == Report && strings.TrimSpace(m.Consumer.Name) != ""
}

// ReporterNoticeDue says whether R-L44 obliges the office to tell a report's reporter of the
// filing decision within 5 working days: a report handled under Order 20, whose
// reporter gave a name, once it was filed or not filed. The clock runs on exactly these, and
// the notice is never refused for one of them — by SMS to the phone given, else kept as an
// internal notice for the office to send by post.
func ReporterNoticeDue(m Matter) bool {
	return RealNameReporter(m) && m.RuleSet == Order20 && (m.Outcome == OutcomeFiled || m.Outcome == OutcomeNotFiled)
}
