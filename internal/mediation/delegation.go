package mediation

import (
	"slices"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

// DelegateKind is who mediates for the bureau (Order 121 Art.19).
type DelegateKind string

// Delegates.
const (
	ConsumerAssociation DelegateKind = "consumer_association" // 消费者协会 / 消保委
	OtherMediationOrg   DelegateKind = "mediation_org"        // 依法成立的其他调解组织
)

// Delegation hands a complaint's mediation to the consumer association or another lawful
// mediation organisation. The delegate mediates in the bureau's name and may not hand it on
// (R-L14); documents are issued in the bureau's name with the delegate named.
type Delegation struct {
	ID          int64        `json:"id"`
	MatterID    int64        `json:"matter_id"`
	Kind        DelegateKind `json:"kind"`
	Delegate    string       `json:"delegate"` // the organisation's name
	DelegatedAt time.Time    `json:"delegated_at"`
	DelegatedBy *int64       `json:"delegated_by,omitempty"`
	ByDelegate  bool         `json:"by_delegate"` // asked for by a user of a delegate organisation
}

// ValidateDelegation checks a delegation of matter m at time now (R-L14): before agreement or
// termination, both parties' consent to it recorded under Order 121 (Order 20 did not ask for
// it), and never a second delegation — a delegate may not delegate again, and the bureau hands
// a matter to one delegate only.
func ValidateDelegation(m casework.Matter, d *Delegation, consents []Consent, existing []Delegation, now time.Time) error {
	var errs invalid.Errors
	d.Delegate = strings.TrimSpace(d.Delegate)
	if m.Kind != casework.Complaint || !slices.Contains(consentStates, m.State) {
		errs.Add("state", WrongState, "state", string(m.State))
	}
	if d.Kind != ConsumerAssociation && d.Kind != OtherMediationOrg {
		errs.Add("kind", invalid.OneOf, "values", "consumer_association, mediation_org")
	}
	errs.Need("delegate", d.Delegate)
	errs.MaxLen("delegate", d.Delegate, 200)
	if d.ByDelegate || len(existing) > 0 {
		errs.Add("delegate", Redelegation)
	}
	if m.RuleSet != casework.Order20 {
		for _, s := range Missing(consents, ToDelegation) {
			errs.Add("consent_"+string(s), NoConsent)
		}
	}
	if d.DelegatedAt.IsZero() {
		d.DelegatedAt = now
	}
	return errs.Err()
}
