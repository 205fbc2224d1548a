// Package hotline is the 12345 work-order exchange (R-L27): the hotline centre's own
// states of a work order, which side may move it where, the JSON shape both sides speak
// and the mapping that fits it to a city's format. It is pure: the matter a work order
// belongs to keeps its own life in casework; an order is a view of it for the centre.
package hotline

import (
	"slices"
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// State is where a work order stands in the hotline centre's eyes.
type State string

// The centre's states: 派单 → 签收 → 办理 → 回复 → 办结 → 回访 → 评价, plus 申请退回 and 退回.
const (
	Dispatched      State = "dispatched"       // 派单: the centre sent it to us
	Signed          State = "signed"           // 签收: we took it
	Handling        State = "handling"         // 办理: we work on it
	Replied         State = "replied"          // 回复: we replied with the result
	Closed          State = "closed"           // 办结: the centre accepted the reply
	CalledBack      State = "called_back"      // 回访: the centre called the caller back
	Rated           State = "rated"            // 评价: the caller's rating is in
	ReturnRequested State = "return_requested" // 申请退回: outside our duties, we ask the centre to take it back
	Returned        State = "returned"         // 退回: the centre took it back
)

// States lists every state in order.
var States = []State{Dispatched, Signed, Handling, Replied, Closed, CalledBack, Rated, ReturnRequested, Returned}

// Names are the centre's own words for the states.
var Names = map[State]string{Dispatched: "派单", Signed: "签收", Handling: "办理", Replied: "回复", Closed: "办结",
	CalledBack: "回访", Rated: "评价", ReturnRequested: "申请退回", Returned: "退回"}

// Step is what one side does to an order; each is named for what the order becomes
// or, for the centre's decisions, what it decided.
type Step string

// Steps. The office signs, handles, replies and asks to return; the centre dispatches,
// closes, calls back, rates and decides on returns.
const (
	StepDispatch      Step = "dispatched"
	StepSign          Step = "signed"
	StepHandle        Step = "handling"
	StepReply         Step = "replied"
	StepClose         Step = "closed"
	StepCallback      Step = "called_back"
	StepRate          Step = "rated"
	StepRequestReturn Step = "return_requested"
	StepReturn        Step = "returned"       // the centre agrees to take the order back
	StepRefuseReturn  Step = "return_refused" // the centre refuses and so designates us (驳回退回)
	StepDesignate     Step = "designated"     // the centre designates us as the handling unit (指定承办)
	StepRedo          Step = "redo"           // the caller is not satisfied: handle again (退回重办)
)

// StepNames are the centre's words for the steps that are no state.
var StepNames = map[Step]string{StepRefuseReturn: "驳回退回", StepDesignate: "指定承办", StepRedo: "退回重办"}

// Side is who takes a step.
type Side string

// Sides.
const (
	Centre Side = "centre" // the 12345 hotline centre
	Office Side = "office" // this office
)

// Row is one line of the work order's machine; To "" keeps the state, and a refused
// return goes back to the state the order had before the request.
type Row struct {
	Step Step
	Side Side
	From []State
	To   State
}

var working = []State{Dispatched, Signed, Handling}

// Machine is the whole life of a work order in one table.
var Machine = []Row{
	{StepSign, Office, []State{Dispatched}, Signed},
	{StepHandle, Office, []State{Signed}, Handling},
	{StepReply, Office, []State{Signed, Handling}, Replied},
	{StepRequestReturn, Office, working, ReturnRequested},
	{StepClose, Centre, []State{Replied}, Closed},
	{StepCallback, Centre, []State{Closed}, CalledBack},
	{StepRate, Centre, []State{Closed, CalledBack}, Rated},
	{StepReturn, Centre, []State{ReturnRequested}, Returned},
	{StepRefuseReturn, Centre, []State{ReturnRequested}, ""},
	{StepDesignate, Centre, working, ""},
	{StepRedo, Centre, []State{Replied, Closed}, Handling},
}

// Steps lists the steps of one side, in the order of the machine.
func Steps(side Side) []Step {
	var out []Step
	for _, r := range Machine {
		if r.Side == side {
			out = append(out, r.Step)
		}
	}
	if side == Centre {
		out = append([]Step{StepDispatch}, out...)
	}
	return out
}

// Allowed lists the steps a side may take on an order in state st.
func Allowed(side Side, o *Order) []Step {
	out := []Step{}
	for _, r := range Machine {
		if r.Side == side && slices.Contains(r.From, o.State) {
			if r.Step == StepRequestReturn && o.Designated {
				continue
			}
			out = append(out, r.Step)
		}
	}
	return out
}

// Ratings the caller gives at the centre's callback.
const (
	Satisfied          = "satisfied"           // 满意
	BasicallySatisfied = "basically_satisfied" // 基本满意
	Dissatisfied       = "dissatisfied"        // 不满意
)

// Ratings lists the ratings, best first.
var Ratings = []string{Satisfied, BasicallySatisfied, Dissatisfied}

// RatingNames are the centre's words for the ratings.
var RatingNames = map[string]string{Satisfied: "满意", BasicallySatisfied: "基本满意", Dissatisfied: "不满意"}

// OutsideDuties is the one reason an order may be returned: it is not a matter of
// market supervision (R-L27).
const OutsideDuties = "outside_duties"

// Order is a work order of the 12345 centre and the matter it became.
type Order struct {
	ID           int64      `json:"-"`
	OrderNo      string     `json:"order_no"`
	MatterID     int64      `json:"-"`
	MatterNumber string     `json:"matter_number"`
	State        State      `json:"state"`
	PrevState    State      `json:"-"` // where a return request came from, to go back to when refused
	Designated   bool       `json:"designated"`
	Rating       string     `json:"rating,omitempty"`
	Score        *int       `json:"score,omitempty"`
	CallbackNote string     `json:"callback_note,omitempty"`
	Title        string     `json:"title,omitempty"`
	CentreDueAt  *time.Time `json:"centre_due_at,omitempty"` // the reply limit the centre set, when it sent one
	DispatchedAt time.Time  `json:"dispatched_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	Version      int        `json:"-"`
}

// Input is what comes with a step: the reply's text, the reason for a return, the rating.
type Input struct {
	Note   string
	Reason string
	Rating string
	Score  *int
}

// Change is what a step did, for the timeline and the message to the centre.
type Change struct {
	Step Step
	Side Side
	From State
	To   State
}

// Codes of the errors of the machine; each has a message "err.<code>".
const (
	CodeSequence   = "order_sequence"   // the step does not follow from the order's state
	CodeDesignated = "order_designated" // the centre has decided: no return any more
	CodeSide       = "order_side"       // the other side takes this step
)

// Apply takes a step on an order at time now, or says clearly why not; nothing
// changes when it refuses.
func Apply(o *Order, side Side, step Step, in Input, now time.Time) (Change, error) {
	var errs invalid.Errors
	var row *Row
	for i := range Machine {
		if Machine[i].Step == step {
			row = &Machine[i]
			break
		}
	}
	switch {
	case step == StepDispatch:
		errs.Add("state", CodeSequence, "from", string(o.State), "allowed", join(Allowed(side, o)))
		return Change{}, errs
	case row == nil:
		errs.Add("state", invalid.OneOf, "values", join(Steps(side)))
		return Change{}, errs
	case row.Side != side:
		errs.Add("state", CodeSide, "side", string(row.Side))
		return Change{}, errs
	case !slices.Contains(row.From, o.State):
		errs.Add("state", CodeSequence, "from", string(o.State), "allowed", join(Allowed(side, o)))
		return Change{}, errs
	}
	in.Note, in.Reason = strings.TrimSpace(in.Note), strings.TrimSpace(in.Reason)
	errs.MaxLen("note", in.Note, 4000)
	switch step {
	case StepReply:
		errs.Need("note", in.Note)
	case StepRequestReturn:
		if o.Designated {
			errs.Add("state", CodeDesignated)
		}
		if in.Reason != OutsideDuties {
			errs.Add("reason", invalid.OneOf, "values", OutsideDuties)
		}
		errs.Need("note", in.Note)
	case StepRate:
		if !slices.Contains(Ratings, in.Rating) {
			errs.Add("rating", invalid.OneOf, "values", strings.Join(Ratings, ", "))
		}
		if in.Score != nil && (*in.Score < 1 || *in.Score > 5) {
			errs.Add("score", invalid.Format)
		}
	}
	if err := errs.Err(); err != nil {
		return Change{}, err
	}
	c := Change{Step: step, Side: side, From: o.State, To: row.To}
	switch step {
	case StepRequestReturn:
		o.PrevState = o.State
	case StepRefuseReturn:
		c.To, o.Designated = o.PrevState, true
	case StepDesignate:
		o.Designated = true
	case StepRate:
		o.Rating, o.Score = in.Rating, in.Score
	case StepCallback:
		o.CallbackNote = in.Note
	}
	if c.To == "" {
		c.To = o.State
	}
	o.State, o.UpdatedAt = c.To, now
	return c, nil
}

func join(steps []Step) string {
	s := make([]string, len(steps))
	for i, st := range steps {
		s[i] = string(st)
	}
	return strings.Join(s, ", ")
}
