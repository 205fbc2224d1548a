// Package mediation holds the rules of a complaint's mediation from acceptance to callback:
// agents, consent and delegation, sessions and mediators' conflicts, testing, the agreement,
// its amounts and fulfilment, signatures, referrals for fraud and the callback sample
// (R-L4, R-L8, R-L10, R-L14–R-L21, R-L23, R-L45–R-L47, R-S5, R-S6). It is pure: it takes
// data and a time and returns decisions and field errors; the service stores what it decides.
package mediation

import (
	"strconv"

	"weiquan/internal/invalid"
)

// Side is one of the two parties of a complaint.
type Side string

// The parties.
const (
	Complainant Side = "complainant" // 投诉人, the consumer
	Respondent  Side = "respondent"  // 被投诉人, the merchant
)

// Sides lists both parties, consumer first, as documents name them.
var Sides = []Side{Complainant, Respondent}

// Valid reports whether s is one of the two parties.
func (s Side) Valid() bool { return s == Complainant || s == Respondent }

// Codes of field errors this package adds; each has a message "err.<code>" in the catalogues.
const (
	Already          = "already"              // a once-only step was taken before (shared with casework)
	ConflictInterest = "conflict_of_interest" // a mediator declared a relation to the case (R-L16)
	NotDeclared      = "not_declared"         // a mediator has not declared relations for this case
	NotParty         = "not_party"            // someone who is not a party signs or consents
	SumMismatch      = "sum_mismatch"         // the amounts by kind do not add up to the recovered amount (R-S6)
	BeforeAgreement  = "before_agreement"     // a fulfilment date earlier than the agreement
	WrongState       = "wrong_state"          // the step does not fit the matter's state
	Expired          = "expired"              // a one-time code or a power of attorney is past its time
	TooManyAttempts  = "too_many_attempts"    // a one-time code was guessed too often
	NoConsent        = "no_consent"           // a party's consent is missing (R-L14)
	Redelegation     = "redelegation"         // a delegate may not delegate again (R-L14)
	RuleSetOnly      = "rule_set_only"        // the step exists only under the other rule set
	NotSigned        = "not_signed"           // a party or the seal is missing from the agreement (R-L34)
	NoNotice         = "no_notice"            // a party was not told of a session in time (R-L15)
	Past             = "past"                 // a date that must not lie before today
	Mismatch         = "mismatch"             // a one-time code that is not the one sent (shared with web)
)

// Settings are the office's choices about mediation; the rules give no number for them.
type Settings struct {
	// NoticeLeadDays is how many calendar days before a session's date both parties must have
	// been told (R-L15). Order 121 Art.20 says only "in advance" (事先告知) and R-L15 "before the
	// session date", so the default 1 is the least that rule allows: by the day before.
	NoticeLeadDays int `json:"session_notice_lead_days"`
	// CallbackEvery samples mediated complaints for a callback after closure (R-L23): 1 calls
	// back every one, n every n-th by case number; 0 switches callbacks off.
	CallbackEvery int `json:"callback_every"`
	// CodeMinutes is how long a one-time consent code or link stays valid (R-L14).
	CodeMinutes int `json:"consent_code_minutes"`
	// FulfilmentRemindDays is how many days before an agreement's fulfilment date staff are reminded.
	FulfilmentRemindDays int `json:"fulfilment_remind_days"`
}

// DefaultSettings are what a new office starts with.
func DefaultSettings() Settings {
	return Settings{NoticeLeadDays: 1, CallbackEvery: 1, CodeMinutes: 30, FulfilmentRemindDays: 1}
}

// Validate checks settings an admin sends.
func (s Settings) Validate() error {
	var errs invalid.Errors
	bound := func(field string, v, lo, hi int) {
		if v < lo || v > hi {
			errs.Add(field, invalid.OneOf, "values", strconv.Itoa(lo)+"–"+strconv.Itoa(hi))
		}
	}
	bound("session_notice_lead_days", s.NoticeLeadDays, 1, 30)
	bound("callback_every", s.CallbackEvery, 0, 100)
	bound("consent_code_minutes", s.CodeMinutes, 5, 7*24*60)
	bound("fulfilment_remind_days", s.FulfilmentRemindDays, 0, 30)
	return errs.Err()
}
