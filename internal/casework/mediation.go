package casework

// Timeline-only actions of mediation (issue 9): each records a step that does not move the
// matter's state by itself; the state moves through the machine's actions (start_mediation,
// pause, agree, terminate, close).
const (
	SetAgent       Action = "set_agent"       // R-L4: the complainant acts through an agent
	GiveConsent    Action = "consent"         // R-L14: a party's consent to mediation or delegation
	ConsentCode    Action = "consent_code"    // R-L14: a one-time code sent to a party, or checked
	Delegate       Action = "delegate"        // R-L14: mediation delegated to the consumer association
	ScheduleMeet   Action = "session"         // R-L15: a session scheduled, both parties told
	RecordMinutes  Action = "minutes"         // R-L15: the minutes of a session held
	DeclareMediate Action = "declaration"     // R-L16: a mediator's declaration of relations
	DecideRecusal  Action = "recusal_decided" // R-L16: the decision on a recusal application
	Refer          Action = "referral"        // R-L10: a referral to another department
	Sign           Action = "signature"       // R-L34: a party signed the agreement
	IssueDocument  Action = "document"        // R-L7, R-L19–R-L21: a document issued, its SHA-256
	Fulfil         Action = "fulfilment"      // what was performed of the agreement
	MerchantAnswer Action = "merchant_answer" // C12: the merchant's answer online
	Callback       Action = "callback"        // R-L23: the callback after closure
	SendNotice     Action = "notice"          // R-S5, R-L15: a notice put in the outbox
)

// MediationActions lists the timeline-only actions of mediation.
var MediationActions = append([]Action{SetAgent, GiveConsent, ConsentCode, Delegate, ScheduleMeet, RecordMinutes, DeclareMediate,
	DecideRecusal, Refer, Sign, IssueDocument, Fulfil, MerchantAnswer, Callback, SendNotice}, AppraisalActions...)
