// Package casework holds a matter — complaint, report or inquiry — and the
// rules of its life: intake, the state machine, reason codes, case numbers.
// It is pure: it takes data and a time and returns decisions.
package casework

// Kind is the one type every matter has (R-L1).
type Kind string

// Matter kinds.
const (
	Complaint Kind = "complaint" // 投诉
	Report    Kind = "report"    // 举报
	Inquiry   Kind = "inquiry"   // 咨询
)

// Kinds lists every kind.
var Kinds = []Kind{Complaint, Report, Inquiry}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Complaint || k == Report || k == Inquiry }

// Channel is how a matter reached the office; reports count each apart (R-L2, R-S4).
type Channel string

// Intake channels.
const (
	Hotline12315       Channel = "hotline_12315"
	Platform12315      Channel = "platform_12315"
	Web                Channel = "web"
	Letter             Channel = "letter"
	Visit              Channel = "visit"
	Transfer12345      Channel = "transfer_12345"
	TransferDepartment Channel = "transfer_department"
)

// Channels lists every channel in the order the office reports them.
var Channels = []Channel{Hotline12315, Platform12315, Web, Letter, Visit, Transfer12345, TransferDepartment}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	for _, v := range Channels {
		if v == c {
			return true
		}
	}
	return false
}

// Category splits matters into goods and services as official reports do.
type Category string

// Categories.
const (
	Goods    Category = "goods"    // 商品类
	Services Category = "services" // 服务类
)

// Valid reports whether c is empty (not yet classified) or a known category.
func (c Category) Valid() bool { return c == "" || c == Goods || c == Services }

// State is where a matter stands in its life.
type State string

// States of all kinds.
const (
	Received   State = "received"
	Accepted   State = "accepted"
	Rejected   State = "rejected"
	Dispatched State = "dispatched"
	OnSite     State = "on_site"
	Mediating  State = "mediating"
	Agreement  State = "agreement"
	Terminated State = "terminated"
	Verifying  State = "verifying"
	Filed      State = "filed"
	NotFiled   State = "not_filed"
	Answered   State = "answered"
	Closed     State = "closed"
	Suspended  State = "suspended" // 中止: mediation clock paused for testing or recusal (R-L16, R-L17)
)

// States lists every state in the order a matter passes through them.
var States = []State{Received, Accepted, Rejected, Dispatched, OnSite, Mediating, Suspended, Agreement, Terminated, Verifying, Filed, NotFiled, Answered, Closed}

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	for _, v := range States {
		if v == s {
			return true
		}
	}
	return false
}

// Open reports whether work on the matter is still going on.
func (s State) Open() bool { return s != Closed }

// Outcome is how handling ended; it stays on the matter after it is closed.
type Outcome string

// Outcomes.
const (
	OutcomeAgreement  Outcome = "agreement"
	OutcomeTerminated Outcome = "terminated"
	OutcomeRejected   Outcome = "rejected"
	OutcomeAnswered   Outcome = "answered"
	OutcomeFiled      Outcome = "filed"
	OutcomeNotFiled   Outcome = "not_filed"
	OutcomeMerged     Outcome = "merged"    // a report with new facts merged into an earlier one (R-L24)
	OutcomeDuplicate  Outcome = "duplicate" // a repeat report, not handled again (R-L24)
	OutcomeWithdrawn  Outcome = "withdrawn" // the consumer took the complaint back on the portal
)

// Outcomes lists every outcome.
var Outcomes = []Outcome{OutcomeAgreement, OutcomeTerminated, OutcomeRejected, OutcomeAnswered, OutcomeFiled, OutcomeNotFiled, OutcomeMerged, OutcomeDuplicate, OutcomeWithdrawn}

// Valid reports whether o is empty (still open) or a known outcome.
func (o Outcome) Valid() bool {
	if o == "" {
		return true
	}
	for _, v := range Outcomes {
		if v == o {
			return true
		}
	}
	return false
}
