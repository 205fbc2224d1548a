package mediation

import (
	"slices"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// AnswerKind is how a merchant answers a complaint online (SPEC C12, like the national 12315
// ODR and the CFPB's company response).
type AnswerKind string

// Answers.
const (
	AcceptRequest AnswerKind = "accept"  // the merchant grants what the consumer asks
	OfferSettle   AnswerKind = "offer"   // the merchant offers a settlement: terms and amounts
	DisputeClaim  AnswerKind = "dispute" // the merchant disputes the complaint, with reasons and evidence
)

// AnswerKinds lists the answers in the order the merchant's page offers them.
var AnswerKinds = []AnswerKind{AcceptRequest, OfferSettle, DisputeClaim}

// MerchantAnswer is a merchant's answer to a complaint against it: once per complaint. An offer
// the consumer accepts becomes the agreement (AcceptedAt set).
type MerchantAnswer struct {
	ID         int64          `json:"id"`
	MatterID   int64          `json:"-"`
	MerchantID *int64         `json:"merchant_id,omitempty"`
	Kind       AnswerKind     `json:"answer"`
	Text       string         `json:"text"`               // the reasons, or what the merchant says
	Terms      string         `json:"terms,omitempty"`    // an offer: what the merchant will do
	Amounts    []Amount       `json:"amounts,omitempty"`  // an offer: the money by kind
	Offered    money.Fen      `json:"offered"`            // an offer: the sum of Amounts
	DueDate    *calendar.Date `json:"due_date,omitempty"` // an offer: when it is performed
	Evidence   []int64        `json:"evidence,omitempty"` // files attached to the matter by the merchant
	AnsweredAt time.Time      `json:"answered_at"`
	AnsweredBy *int64         `json:"answered_by,omitempty"`
	AcceptedAt *time.Time     `json:"accepted_at,omitempty"` // the consumer accepted the offer
	AcceptedBy *int64         `json:"accepted_by,omitempty"` // the staff member who recorded it
}

// answerStates are where a merchant may answer: received and not yet ended.
var answerStates = []casework.State{casework.Received, casework.Accepted, casework.Dispatched, casework.OnSite, casework.Mediating, casework.Suspended}

// ValidateAnswer checks a merchant's answer to complaint m at time now: the complaint is still
// open, it is the first answer, an offer has terms and amounts whose sum is what is offered
// (R-S6) and a due date not in the past, a dispute gives its reasons.
func ValidateAnswer(m casework.Matter, a *MerchantAnswer, existing *MerchantAnswer, now time.Time) error {
	var errs invalid.Errors
	a.Text, a.Terms = strings.TrimSpace(a.Text), strings.TrimSpace(a.Terms)
	if m.Kind != casework.Complaint || !slices.Contains(answerStates, m.State) {
		errs.Add("state", WrongState, "state", string(m.State))
	}
	if existing != nil {
		errs.Add("answer", Already)
	}
	errs.MaxLen("text", a.Text, 10000)
	errs.MaxLen("terms", a.Terms, 10000)
	switch a.Kind {
	case AcceptRequest:
		a.Amounts, a.Offered, a.DueDate, a.Terms = nil, 0, nil, ""
	case OfferSettle:
		errs.Need("terms", a.Terms)
		for _, x := range a.Amounts {
			if !slices.Contains(AmountKinds, x.Kind) {
				errs.Add("amounts", invalid.OneOf, "values", "refund, compensation, repair, replacement, other")
			}
			if x.Amount < 0 {
				errs.Add("amounts", invalid.Negative)
			}
		}
		a.Offered = Sum(a.Amounts)
		if a.DueDate != nil && a.DueDate.Before(calendar.DateOf(now)) {
			errs.Add("due_date", Past)
		}
	case DisputeClaim:
		errs.Need("text", a.Text)
	default:
		errs.Add("answer", invalid.OneOf, "values", "accept, offer, dispute")
	}
	a.AnsweredAt = now
	return errs.Err()
}

// AcceptOffer turns an offer the consumer accepted into the agreement of matter m at time now
// (recorded by staff until the public portal lets consumers do it): the offer's terms, amounts
// and due date, reached online (R-S6). It refuses an answer that is no offer or was accepted.
func (a *MerchantAnswer) AcceptOffer(m casework.Matter, now time.Time) (Agreement, error) {
	var errs invalid.Errors
	if a.Kind != OfferSettle {
		errs.Add("answer", WrongState, "state", string(a.Kind))
	}
	if a.AcceptedAt != nil {
		errs.Add("answer", Already)
	}
	if err := errs.Err(); err != nil {
		return Agreement{}, err
	}
	ag := Agreement{MatterID: m.ID, Terms: a.Terms, Amounts: slices.Clone(a.Amounts), Recovered: a.Offered,
		AgreedAt: now, Mode: Internet, DueDate: a.DueDate, PerformedOnSpot: a.DueDate == nil}
	if err := ag.Validate(m, now); err != nil {
		return Agreement{}, err
	}
	t := now
	a.AcceptedAt = &t
	return ag, nil
}
