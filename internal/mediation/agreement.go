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

// AmountKind is what an amount of an agreement is for; reports sum them as the recovered amount (R-S6).
type AmountKind string

// Kinds of amount.
const (
	Refund       AmountKind = "refund"       // 退款
	Compensation AmountKind = "compensation" // 赔偿 (incl. the CRPL Art.55 fraud compensation)
	Repair       AmountKind = "repair"       // 维修 (its value)
	Replacement  AmountKind = "replacement"  // 更换 (the value of the goods replaced)
	OtherAmount  AmountKind = "other"        // 其他
)

// AmountKinds lists the kinds in the order documents show them.
var AmountKinds = []AmountKind{Refund, Compensation, Repair, Replacement, OtherAmount}

// Amount is one line of money in an agreement.
type Amount struct {
	Kind   AmountKind `json:"kind"`
	Amount money.Fen  `json:"amount"`
	Note   string     `json:"note,omitempty"`
}

// Agreement is what the parties agreed in mediation: the terms as text, the money by kind, and
// how it is performed — on the spot, or by a fulfilment date.
type Agreement struct {
	ID              int64          `json:"id"`
	MatterID        int64          `json:"matter_id"`
	Terms           string         `json:"terms"`
	Amounts         []Amount       `json:"amounts"`
	Recovered       money.Fen      `json:"recovered_amount"` // the sum of Amounts, fen-exact (R-S6)
	AgreedAt        time.Time      `json:"agreed_at"`
	Mode            Mode           `json:"mode"`                  // how the session that reached it was held (R-L20)
	PerformedOnSpot bool           `json:"performed_on_spot"`     // 当场履行
	DueDate         *calendar.Date `json:"due_date,omitempty"`    // fulfilment date when not performed on the spot
	WaiveDocument   bool           `json:"waive_document"`        // both parties agreed to have no 调解书 (R-L20)
	Fulfilment      *Fulfilment    `json:"fulfilment,omitempty"`  //
	Online          bool           `json:"online,omitempty"`      // signed online: effective only when all have signed (R-L34)
	Presided        string         `json:"presided_by,omitempty"` // the organisation that presided, whose seal it needs
}

// Sum adds the amounts in fen, so the recovered amount is exact (R-S6).
func Sum(amounts []Amount) money.Fen {
	var s money.Fen
	for _, a := range amounts {
		s += a.Amount
	}
	return s
}

// Validate checks an agreement reached on matter m at time now: the matter is being mediated,
// terms are given, every amount has a kind and is not negative, the amounts add up to the
// recovered amount, and performance is either on the spot or by a due date not before the
// agreement (R-S6, the bad input).
func (a *Agreement) Validate(m casework.Matter, now time.Time) error {
	var errs invalid.Errors
	a.Terms = strings.TrimSpace(a.Terms)
	if m.Kind != casework.Complaint || m.State != casework.Mediating {
		errs.Add("state", WrongState, "state", string(m.State))
	}
	errs.Need("terms", a.Terms)
	errs.MaxLen("terms", a.Terms, 10000)
	for i := range a.Amounts {
		x := &a.Amounts[i]
		x.Note = strings.TrimSpace(x.Note)
		if !slices.Contains(AmountKinds, x.Kind) {
			errs.Add("amounts", invalid.OneOf, "values", "refund, compensation, repair, replacement, other")
		}
		if x.Amount < 0 {
			errs.Add("amounts", invalid.Negative)
		}
		errs.MaxLen("amounts", x.Note, 200)
	}
	if s := Sum(a.Amounts); s != a.Recovered {
		errs.Add("recovered_amount", SumMismatch, "sum", s.String(), "recovered", a.Recovered.String())
	}
	if a.AgreedAt.IsZero() {
		a.AgreedAt = now
	}
	if a.AgreedAt.After(now) {
		errs.Add("agreed_at", invalid.Future)
	}
	if !slices.Contains(Modes, a.Mode) {
		errs.Add("mode", invalid.OneOf, "values", "on_site, internet, phone, audio, video")
	}
	switch {
	case a.PerformedOnSpot && a.DueDate != nil:
		errs.Add("due_date", invalid.Conflict)
	case !a.PerformedOnSpot && a.DueDate == nil:
		errs.Add("due_date", invalid.Required)
	case a.DueDate != nil && a.DueDate.Before(calendar.DateOf(a.AgreedAt)):
		errs.Add("due_date", BeforeAgreement)
	}
	return errs.Err()
}

// ActionInput is the casework.Agree input for the agreement, so the matter's recovered amount
// is the agreement's sum.
func (a Agreement) ActionInput(note string) casework.ActionInput {
	r := a.Recovered
	return casework.ActionInput{Recovered: &r, Note: note}
}

// FraudCompensationFloor is the least extra compensation for fraud: ¥500 (CRPL Art.55).
const FraudCompensationFloor money.Fen = 500_00

// FraudCompensation is the extra compensation for fraud under CRPL Art.55 (R-L45): three times
// the price of the goods or the fee of the service, and ¥500 when that is less. "Unless other
// laws provide otherwise": where a special law gives more, staff enter that amount instead.
func FraudCompensation(price money.Fen) money.Fen {
	return max(3*max(price, 0), FraudCompensationFloor)
}

// Document is the kind of outcome document an agreement needs on file (R-L20).
type Document string

// Outcome and notice documents.
const (
	AcceptanceNotice  Document = "acceptance_notice"  // 受理通知 (R-L6, CRPL Art.46)
	RejectionNotice   Document = "rejection_notice"   // 不予受理告知书 (R-L7)
	MediationDocument Document = "mediation_document" // 调解书 (R-L20)
	MediationRecord   Document = "mediation_record"   // 调解记录 (R-L20)
	TerminationNotice Document = "termination_notice" // 终止调解告知书 (R-L19)
)

// RequiredDocument is the document an agreement must have on file before the complaint can be
// closed (R-L20, Order 121 Art.24): a 调解书 when it was reached on site, is not performed on the
// spot and the parties did not both waive it; otherwise a 调解记录.
func (a Agreement) RequiredDocument() Document {
	if a.Mode == OnSite && !a.PerformedOnSpot && !a.WaiveDocument {
		return MediationDocument
	}
	return MediationRecord
}
