package casework

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"weiquan/internal/auth"
)

// Action is something a person does to a matter.
type Action string

// Actions. Intake and Import only ever start a timeline.
const (
	Intake         Action = "intake"
	Import         Action = "import"
	Accept         Action = "accept"
	Reject         Action = "reject"
	Dispatch       Action = "dispatch"
	CheckIn        Action = "check_in"
	StartMediation Action = "start_mediation"
	Agree          Action = "agree"
	Terminate      Action = "terminate"
	Verify         Action = "verify"
	File           Action = "file"
	NotFile        Action = "not_file"
	Answer         Action = "answer"
	Close          Action = "close"
	Update         Action = "update"
	Note           Action = "note"
	SetPlatformNo  Action = "set_platform_no"
	Attach         Action = "attach" // a file kept with the matter; the service records which
	// PublishSummary approves the words the public may read of a complaint or inquiry
	// (Open311) in place of the consumer's own, which may name people and places (R-P5).
	PublishSummary Action = "publish_summary"
	// Withdraw is the consumer taking back a complaint on the portal (Order 121 Art.23(1)).
	Withdraw Action = "withdraw"
)

// TimelineOnly lists the actions that appear on timelines but are no row of Machine: the
// start of a timeline and what the system records (breach, merged_in, recalculate).
var TimelineOnly = append(append(append([]Action{Intake, Import, Breach, MergedIn, Recalculate, WorkOrder, Delivery, Call}, MediationActions...), CourtActions...), PortalActions...)

// Transition is one row of the state machine: from these states of this kind,
// these roles may take the action, and the matter moves to To (empty: stays).
type Transition struct {
	Kind   Kind
	From   []State
	Action Action
	To     State
	Roles  []auth.Role
}

var (
	office     = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator}
	heads      = []auth.Role{auth.Admin, auth.Supervisor}
	mediators  = []auth.Role{auth.Admin, auth.Supervisor, auth.Mediator, auth.Judge}
	allStaff   = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Judge}
	dispatcher = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator}
	openStates = []State{Received, Accepted, Dispatched, OnSite, Mediating, Suspended, Agreement, Terminated, Rejected, Verifying, Filed, NotFiled, Answered}
)

// Machine is the whole life of a matter in one table.
var Machine = []Transition{
	// Complaint: received → accepted | rejected → dispatched → on site → mediating → agreement | terminated → closed.
	{Complaint, []State{Received}, Accept, Accepted, office},
	{Complaint, []State{Received}, Reject, Rejected, heads},
	{Complaint, []State{Accepted, Dispatched}, Dispatch, Dispatched, dispatcher},
	{Complaint, []State{Dispatched}, CheckIn, OnSite, mediators},
	{Complaint, []State{Accepted, Dispatched, OnSite}, StartMediation, Mediating, mediators},
	{Complaint, []State{Mediating}, Agree, Agreement, mediators},
	{Complaint, []State{Mediating}, Terminate, Terminated, mediators},
	{Complaint, []State{Agreement, Terminated, Rejected}, Close, Closed, office},

	// Report: received → verifying → filed | not filed → closed.
	{Report, []State{Received}, Verify, Verifying, office},
	{Report, []State{Verifying}, File, Filed, heads},
	{Report, []State{Verifying}, NotFile, NotFiled, heads},
	{Report, []State{Filed, NotFiled}, Close, Closed, office},

	// Inquiry: received → answered → closed.
	{Inquiry, []State{Received}, Answer, Answered, allStaff},
	{Inquiry, []State{Answered}, Close, Closed, allStaff},

	// Any kind: corrections, notes and the 12315 number never change the state.
	{"", openStates, Update, "", allStaff},
	{"", append(slices.Clone(openStates), Closed), Note, "", allStaff},
	{"", append(slices.Clone(openStates), Closed), SetPlatformNo, "", office},

	// Clocks: escalation (R-S3), the paused mediation clock (R-L16, R-L17), violation clues and their
	// one extension (R-L22), merged reports (R-L24), the termination notice (R-L19), the 12345 reply (R-L27),
	// a jurisdiction dispute (R-L13). There is no action that hands a matter to another unit directly (R-L13).
	{"", openStates, Escalate, "", allStaff},
	{Complaint, []State{Mediating}, Pause, Suspended, mediators},
	{Complaint, []State{Suspended}, Resume, Mediating, mediators},
	{Complaint, []State{Suspended}, Terminate, Terminated, mediators},
	{Complaint, clueStates, RecordClue, "", mediators},
	{Complaint, append(slices.Clone(clueStates), Closed), ExtendVerification, "", heads},
	{Report, []State{Received, Verifying}, ExtendVerification, "", heads},
	{Complaint, append(slices.Clone(clueStates), Closed), ConcludeClue, "", heads},
	{Report, []State{Received, Verifying}, Merge, Closed, office},
	{Complaint, []State{Terminated, Closed}, NotifyParties, "", mediators},
	{"", append(slices.Clone(openStates), Closed), Reply12345, "", allStaff},
	{"", []State{Received, Accepted, Verifying}, DisputeJurisdiction, "", heads},
	{"", []State{Received, Accepted, Verifying}, SettleJurisdiction, "", heads},
	{"", append(slices.Clone(openStates), Closed), Attach, "", allStaff},
	{Complaint, []State{Received, Accepted, Dispatched, OnSite, Mediating, Suspended, Agreement, Terminated, Rejected, Closed}, PublishSummary, "", heads},
	{Inquiry, []State{Received, Answered, Closed}, PublishSummary, "", heads},

	// The consumer, proved on the portal, withdraws a complaint not yet concluded.
	{Complaint, []State{Received, Accepted, Dispatched, OnSite, Mediating, Suspended}, Withdraw, Closed, []auth.Role{auth.ConsumerRole}},
	// The consumer, proved on the portal, accepts the merchant's offer: mediation starts if it has
	// not (its consents still needed, R-L14) and the offer becomes the agreement (C12, R-S6).
	{Complaint, []State{Accepted, Dispatched, OnSite}, StartMediation, Mediating, []auth.Role{auth.ConsumerRole}},
	{Complaint, []State{Mediating}, Agree, Agreement, []auth.Role{auth.ConsumerRole}},
}

// ErrTransition means the action is not allowed from the matter's current state.
var ErrTransition = errors.New("casework: action not allowed in this state")

// ErrForbidden means the action exists here but the actor's role may not take it.
var ErrForbidden = errors.New("casework: role may not take this action")

// TransitionError says what was refused and what the actor may do instead.
type TransitionError struct {
	Action  Action
	State   State
	Allowed []Action
	err     error
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("%v: %s from %s (allowed: %v)", e.err, e.Action, e.State, e.Allowed)
}

func (e *TransitionError) Unwrap() error { return e.err }

func (t Transition) matches(k Kind, s State, a Action) bool {
	return (t.Kind == "" || t.Kind == k) && t.Action == a && slices.Contains(t.From, s)
}

// Allowed lists the actions a role may take on a matter of kind k in state s.
func Allowed(k Kind, s State, role auth.Role) []Action {
	var out []Action
	for _, t := range Machine {
		if (t.Kind == "" || t.Kind == k) && slices.Contains(t.From, s) && slices.Contains(t.Roles, role) && !slices.Contains(out, t.Action) {
			out = append(out, t.Action)
		}
	}
	return out
}

// Next finds the transition for an action, or explains why it is refused.
func Next(k Kind, s State, a Action, role auth.Role) (State, error) {
	found := false
	for _, t := range Machine {
		if !t.matches(k, s, a) {
			continue
		}
		found = true
		if slices.Contains(t.Roles, role) {
			if t.To == "" {
				return s, nil
			}
			return t.To, nil
		}
	}
	err := ErrTransition
	if found {
		err = ErrForbidden
	}
	return s, &TransitionError{Action: a, State: s, Allowed: Allowed(k, s, role), err: err}
}

// ActionList names every action a person can take with Act, for error messages; attach
// is left out, as a file comes through its own command.
func ActionList() string {
	var out []string
	for _, t := range Machine {
		if t.Action != Attach && !slices.Contains(out, string(t.Action)) {
			out = append(out, string(t.Action))
		}
	}
	return strings.Join(out, ", ")
}

// KnownAction reports whether a is an action of the machine.
func KnownAction(a Action) bool {
	for _, t := range Machine {
		if t.Action == a {
			return true
		}
	}
	return false
}
