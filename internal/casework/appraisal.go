package casework

// Timeline-only actions of testing and the case page's helpers (issue 9).
const (
	StartAppraisal Action = "appraisal_started" // R-L17: testing or appraisal began, the mediation clock stops
	EndAppraisal   Action = "appraisal_ended"   // R-L17: its result is in, the clock runs again
	RecordFacts    Action = "facts"             // R-L8, R-L46, R-L47: the facts the case page's helpers work from
)

// AppraisalActions lists them.
var AppraisalActions = []Action{StartAppraisal, EndAppraisal, RecordFacts}
