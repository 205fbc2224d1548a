package mediation

import (
	"slices"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

// Method is how a party's consent reached the office (R-L14).
type Method string

// Methods of consent.
const (
	OnPaper Method = "paper"  // a signed form, its scan attached
	ByPhone Method = "phone"  // a call: when, who took it, what was said
	Online  Method = "online" // the party confirmed a one-time link or code sent to them
)

// Purpose is what a party consents to.
type Purpose string

// Purposes. Mediation needs both parties' consent (Order 121 Art.18); delegation to the
// consumer association needs it again under Order 121 (Art.19), not under Order 20.
const (
	ToMediation  Purpose = "mediation"
	ToDelegation Purpose = "delegation"
)

// Consent is one party's agreement to mediation or to its delegation.
type Consent struct {
	ID           int64     `json:"id"`
	MatterID     int64     `json:"matter_id"`
	Side         Side      `json:"side"`
	Purpose      Purpose   `json:"purpose"`
	Method       Method    `json:"method"`
	GivenAt      time.Time `json:"given_at"`
	AttachmentID *int64    `json:"attachment_id,omitempty"` // paper: the scan
	OperatorID   *int64    `json:"operator_id,omitempty"`   // phone: who took the call
	Said         string    `json:"said,omitempty"`          // phone: what the party said
	ChallengeID  *int64    `json:"challenge_id,omitempty"`  // online: the code or link confirmed
	RecordedBy   *int64    `json:"recorded_by,omitempty"`
}

// consentStates are where consent to mediation can be recorded: after acceptance, before the end.
var consentStates = []casework.State{casework.Accepted, casework.Dispatched, casework.OnSite, casework.Mediating, casework.Suspended}

// ValidateConsent checks a consent about to be recorded on a matter at time now, against
// those already recorded: the evidence its method needs, and each party's consent to each
// purpose once only — a second one is refused with Already (R-L14, the bad input).
func ValidateConsent(m casework.Matter, c *Consent, existing []Consent, now time.Time) error {
	var errs invalid.Errors
	c.Said = strings.TrimSpace(c.Said)
	if m.Kind != casework.Complaint || !slices.Contains(consentStates, m.State) {
		errs.Add("state", WrongState, "state", string(m.State))
	}
	if !c.Side.Valid() {
		errs.Add("side", NotParty)
	}
	if c.Purpose != ToMediation && c.Purpose != ToDelegation {
		errs.Add("purpose", invalid.OneOf, "values", "mediation, delegation")
	}
	if c.Purpose == ToDelegation && m.RuleSet == casework.Order20 {
		errs.Add("purpose", RuleSetOnly, "rule_set", string(casework.Order121))
	}
	if c.GivenAt.IsZero() {
		c.GivenAt = now
	}
	if c.GivenAt.After(now) {
		errs.Add("given_at", invalid.Future)
	}
	switch c.Method {
	case OnPaper:
		if c.AttachmentID == nil {
			errs.Add("attachment_id", invalid.Required)
		}
	case ByPhone:
		if c.OperatorID == nil {
			errs.Add("operator_id", invalid.Required)
		}
		errs.Need("said", c.Said)
		errs.MaxLen("said", c.Said, 2000)
	case Online:
		if c.ChallengeID == nil {
			errs.Add("challenge_id", invalid.Required)
		}
	default:
		errs.Add("method", invalid.OneOf, "values", "paper, phone, online")
	}
	for _, e := range existing {
		if e.Side == c.Side && e.Purpose == c.Purpose {
			errs.Add("side", Already)
			break
		}
	}
	return errs.Err()
}

// Missing lists the parties whose consent to purpose is not yet recorded, consumer first.
func Missing(consents []Consent, purpose Purpose) []Side {
	var out []Side
	for _, s := range Sides {
		found := false
		for _, c := range consents {
			found = found || c.Side == s && c.Purpose == purpose
		}
		if !found {
			out = append(out, s)
		}
	}
	return out
}

// CanStartMediation refuses start_mediation until both parties consented (R-L14); the field
// errors name each party missing. The service calls it before casework.Apply.
func CanStartMediation(consents []Consent) error {
	var errs invalid.Errors
	for _, s := range Missing(consents, ToMediation) {
		errs.Add("consent_"+string(s), NoConsent)
	}
	return errs.Err()
}
