package mediation

import (
	"weiquan/internal/calendar"
	"weiquan/internal/money"
)

// Exclusion is a kind of goods CRPL Art.25 takes out of the no-reason return (R-L46).
type Exclusion string

// The Art.25 exceptions.
const (
	MadeToOrder     Exclusion = "made_to_order"    // 消费者定作的
	Perishable      Exclusion = "perishable"       // 鲜活易腐的
	DigitalUnsealed Exclusion = "digital_unsealed" // 在线下载或者消费者拆封的音像制品、计算机软件等数字化商品
	Periodicals     Exclusion = "periodicals"      // 交付的报纸、期刊
	ConfirmedAtSale Exclusion = "confirmed"        // 经消费者在购买时确认不宜退货的商品
)

// Purchase is what the case page knows about the goods of a complaint, for the return helpers.
type Purchase struct {
	ReceivedOn       calendar.Date  `json:"received_on,omitzero"`         // the day the consumer received the goods
	Distance         bool           `json:"distance"`                     // bought online, by TV, phone or mail (Art.25)
	Excluded         Exclusion      `json:"excluded,omitempty"`           // an Art.25 exception, if any
	QualityDefect    bool           `json:"quality_defect"`               // does not meet quality requirements (Art.24)
	ContractTerms    bool           `json:"contract_terms"`               // a state rule or the contract sets the return terms instead (Art.24)
	ReturnReceivedOn *calendar.Date `json:"return_received_on,omitempty"` // the merchant got the goods back (Art.25 refund clock)
}

// ReturnWindow is one statutory right to return, as the case page shows it.
type ReturnWindow struct {
	Basis     string         `json:"basis"`                // CRPL Art.25 or Art.24
	LastDay   calendar.Date  `json:"last_day"`             // receipt + 7 days
	Open      bool           `json:"open"`                 // today is within the window
	RefundDue *calendar.Date `json:"refund_due,omitempty"` // Art.25: 7 days after the merchant got the goods back
	After     string         `json:"after,omitempty"`      // what remains once it is closed
}

// ReturnWindows lists the return rights a purchase has on day today (R-L46): the no-reason
// return of a distance purchase within 7 days of receipt unless an exception applies, with the
// refund due 7 days after the return is received (CRPL Art.25); and, for goods that fail quality
// requirements where no rule or contract says otherwise, return within 7 days of receipt, then
// exchange or repair (Art.24).
func ReturnWindows(p Purchase, today calendar.Date) []ReturnWindow {
	if p.ReceivedOn.IsZero() {
		return nil
	}
	last := p.ReceivedOn.AddDays(7)
	var out []ReturnWindow
	if p.Distance && p.Excluded == "" {
		w := ReturnWindow{Basis: "CRPL Art.25", LastDay: last, Open: !today.After(last)}
		if p.ReturnReceivedOn != nil {
			d := p.ReturnReceivedOn.AddDays(7)
			w.RefundDue = &d
		}
		out = append(out, w)
	}
	if p.QualityDefect && !p.ContractTerms {
		out = append(out, ReturnWindow{Basis: "CRPL Art.24", LastDay: last, Open: !today.After(last), After: "exchange_or_repair"})
	}
	return out
}

// Fault says whose fault a prepaid refund is, which sets the interest (SPC 法释〔2025〕4号 Art.16).
type Fault string

// Faults.
const (
	BusinessFault Fault = "business"
	ConsumerFault Fault = "consumer"
)

// Prepaid is what a prepaid-card complaint records (R-L47).
type Prepaid struct {
	WrittenContract bool          `json:"written_contract"` // 实施条例 Art.22 ¶1
	RefundClause    string        `json:"refund_clause,omitempty"`
	PaidOn          calendar.Date `json:"paid_on,omitzero"`
	Paid            money.Fen     `json:"paid"`                  // the principal
	Consumed        money.Fen     `json:"consumed"`              // value of goods or services received so far, as entered
	ReceivedBefore  bool          `json:"received_before"`       // the same goods or services were received before (Art.14 exception)
	RequestedOn     calendar.Date `json:"requested_on,omitzero"` // when the consumer asked for the refund
	AgreedRate      string        `json:"agreed_rate,omitempty"` // an interest rate the contract sets
	Fault           Fault         `json:"fault,omitempty"`       // whose fault the refund is
	ClosingOrMoving bool          `json:"closing_or_moving"`     // the business announced it closes or moves (Art.22 ¶3)
	Evading         bool          `json:"evading"`               // closed and evading refunds (SPC Art.23)
}

// PrepaidView is what the case page shows for a prepaid-card complaint (R-L47).
type PrepaidView struct {
	MissingContract   bool          `json:"missing_contract"`          // no written contract: a breach of 实施条例 Art.22 ¶1
	CoolingOff        bool          `json:"cooling_off"`               // the principal is refundable under SPC Art.14
	CoolingOffLast    calendar.Date `json:"cooling_off_last,omitzero"` // payment + 7 days
	Balance           money.Fen     `json:"balance"`                   // paid less consumed: the unused balance (Art.22 ¶3)
	InterestBasis     string        `json:"interest_basis,omitempty"`  // agreed, lpr_1y or deposit_1y (SPC Art.16)
	PunitiveDamages   bool          `json:"punitive_damages"`          // possible under SPC Art.23
	NotifyCardholders bool          `json:"notify_cardholders"`        // a mass-notification task to every cardholder on file
}

// PrepaidFor works out the prepaid helpers (R-L47): the principal refundable when asked for
// within 7 days of payment unless the same goods or services were received before (SPC Art.14);
// interest at the agreed rate, else the 1-year LPR when the business is at fault or the 1-year
// deposit rate when the consumer is (Art.16); possible punitive damages when a closed business
// evades refunds (Art.23); and notice to every cardholder when it announced closing or moving.
func PrepaidFor(p Prepaid) PrepaidView {
	v := PrepaidView{MissingContract: !p.WrittenContract, PunitiveDamages: p.Evading, NotifyCardholders: p.ClosingOrMoving}
	if !p.PaidOn.IsZero() {
		v.CoolingOffLast = p.PaidOn.AddDays(7)
		v.CoolingOff = !p.ReceivedBefore && !p.RequestedOn.IsZero() && !p.RequestedOn.After(v.CoolingOffLast)
	}
	v.Balance = max(p.Paid-p.Consumed, 0)
	switch {
	case p.AgreedRate != "":
		v.InterestBasis = "agreed"
	case p.Fault == BusinessFault:
		v.InterestBasis = "lpr_1y"
	case p.Fault == ConsumerFault:
		v.InterestBasis = "deposit_1y"
	}
	return v
}
