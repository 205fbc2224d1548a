package casework

// Timeline actions of the work with the court and the departments (issue 10).
const (
	CourtDelegated      Action = "court_delegated"       // R-L33: the court delegated the dispute
	CourtDecided        Action = "court_decided"         // R-L33: the centre accepted or declined, in time or late
	CourtExtended       Action = "court_extended"        // R-L33: the period extended with every party's consent
	CourtAppraisal      Action = "court_appraisal"       // R-L33: an appraisal began or ended (its days excluded)
	CourtResult         Action = "court_result"          // the result sent back to the court, as a document
	JudgeGuidance       Action = "judge_guidance"        // a judge present at a session, and the guidance given
	ConfirmApplied      Action = "confirm_applied"       // R-L30, R-L31: the application for judicial confirmation filed
	ConfirmRuled        Action = "confirm_ruled"         // R-L32: the court's ruling recorded
	EnforcementApplied  Action = "enforcement_applied"   // R-L32: a party applied for enforcement
	FilingTransfer      Action = "filing_transfer"       // 转立案: the bundle sent to the court
	FilingCaseNumber    Action = "filing_case_number"    // the court's case number recorded
	ReferralAnswered    Action = "referral_answered"     // C7: the department asked answered
	NoAuthority         Action = "no_authority"          // R-L12: the reporter told who has authority
	ReturnToIntake      Action = "return_to_intake"      // R-L13: returned to the intake unit, never onward
	MeetingDiscussed    Action = "meeting_discussed"     // C7: discussed at a joint meeting, with decisions
	MeetingDecisionDone Action = "meeting_decision_done" // C7: a joint meeting's decision carried out
	ReporterNotified    Action = "reporter_notified"     // R-L44: the real-name reporter told of the filing decision
)

// CourtActions lists the timeline-only actions of the court and the departments.
var CourtActions = []Action{CourtDelegated, CourtDecided, CourtExtended, CourtAppraisal, CourtResult, JudgeGuidance,
	ConfirmApplied, ConfirmRuled, EnforcementApplied, FilingTransfer, FilingCaseNumber, ReferralAnswered, NoAuthority,
	ReturnToIntake, MeetingDiscussed, MeetingDecisionDone, ReporterNotified}
