package mediation

import (
	"slices"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

// IDType is the kind of identity document an agent shows (R-L4: "the agent's ID document").
type IDType string

// Identity documents accepted in the office.
const (
	ResidentID    IDType = "resident_id"     // 居民身份证, checked by its check character
	Passport      IDType = "passport"        // 护照
	HKMacaoPermit IDType = "hk_macao_permit" // 港澳居民来往内地通行证
	TaiwanPermit  IDType = "taiwan_permit"   // 台湾居民来往大陆通行证
	ForeignerPR   IDType = "foreigner_pr"    // 外国人永久居留身份证
	OtherID       IDType = "other"
)

// IDTypes lists the documents in the order forms offer them.
var IDTypes = []IDType{ResidentID, Passport, HKMacaoPermit, TaiwanPermit, ForeignerPR, OtherID}

// Authority is what a power of attorney lets the agent do (R-L4: the POA states the authority).
type Authority string

// Authorities. Only a special authority lets the agent accept or sign an agreement for the
// principal — the office's reading of "authority", by analogy with CPL Art.62; R-L4 itself
// only requires the authority to be stated.
const (
	GeneralAuthority Authority = "general" // 一般授权: file, attend, receive documents
	SpecialAuthority Authority = "special" // 特别授权: also change or waive requests and settle
)

// Agent is the person a complainant acts through (Order 121 Art.11, R-L4): an ID document and
// a power of attorney (授权委托书) that states matters, authority and term, signed by the principal,
// its original received.
type Agent struct {
	Name             string         `json:"name"`
	Phone            string         `json:"phone,omitempty"`
	IDType           IDType         `json:"id_type"`
	IDNumber         string         `json:"id_number"`
	POARef           string         `json:"poa_ref"`            // the power of attorney's reference, as filed
	POAAttachmentID  *int64         `json:"poa_attachment_id"`  // its scan on the matter
	Scope            string         `json:"scope"`              // the matters entrusted
	Authority        Authority      `json:"authority"`          //
	TermFrom         calendar.Date  `json:"term_from"`          // the power's term
	TermTo           *calendar.Date `json:"term_to,omitempty"`  // nil: until the matter ends
	PrincipalSigned  bool           `json:"principal_signed"`   // signed by the principal (R-L4)
	OriginalReceived bool           `json:"original_received"`  // the original, not a copy (R-L4)
	Relation         string         `json:"relation,omitempty"` // to the principal, e.g. 近亲属, 律师
}

// Validate checks an agent's fields at time now: every R-L4 element present, the ID number
// shaped right for a resident ID, and the power in force today.
func (a *Agent) Validate(now time.Time) error {
	var errs invalid.Errors
	a.Name, a.IDNumber = strings.TrimSpace(a.Name), strings.ToUpper(strings.TrimSpace(a.IDNumber))
	a.POARef, a.Scope = strings.TrimSpace(a.POARef), strings.TrimSpace(a.Scope)
	errs.Need("agent_name", a.Name)
	errs.MaxLen("agent_name", a.Name, 100)
	if !slices.Contains(IDTypes, a.IDType) {
		errs.Add("agent_id_type", invalid.OneOf, "values", joinIDTypes())
	}
	errs.Need("agent_id_number", a.IDNumber)
	errs.MaxLen("agent_id_number", a.IDNumber, 40)
	if a.IDType == ResidentID && a.IDNumber != "" && !casework.ValidIDNumber(a.IDNumber) {
		errs.Add("agent_id_number", invalid.Checksum)
	}
	if a.Phone != "" && !casework.ValidPhone(a.Phone) {
		errs.Add("agent_phone", invalid.Format)
	}
	errs.Need("poa_ref", a.POARef)
	errs.MaxLen("poa_ref", a.POARef, 100)
	if a.POAAttachmentID == nil {
		errs.Add("poa_attachment_id", invalid.Required)
	}
	errs.Need("poa_scope", a.Scope)
	errs.MaxLen("poa_scope", a.Scope, 1000)
	if a.Authority != GeneralAuthority && a.Authority != SpecialAuthority {
		errs.Add("poa_authority", invalid.OneOf, "values", "general, special")
	}
	today := calendar.DateOf(now)
	switch {
	case a.TermFrom.IsZero():
		errs.Add("poa_term_from", invalid.Required)
	case a.TermFrom.After(today):
		errs.Add("poa_term_from", invalid.Future)
	}
	if a.TermTo != nil {
		if !a.TermFrom.IsZero() && a.TermTo.Before(a.TermFrom) {
			errs.Add("poa_term_to", invalid.BeforeStart)
		} else if a.TermTo.Before(today) {
			errs.Add("poa_term_to", Expired)
		}
	}
	if !a.PrincipalSigned {
		errs.Add("poa_principal_signed", invalid.Required)
	}
	if !a.OriginalReceived {
		errs.Add("poa_original_received", invalid.Required)
	}
	errs.MaxLen("agent_relation", a.Relation, 50)
	return errs.Err()
}

// MaySettle reports whether the agent may accept or sign an agreement for the principal on day
// d: a special authority whose term covers d.
func (a Agent) MaySettle(d calendar.Date) bool {
	return a.Authority == SpecialAuthority && !a.TermFrom.After(d) && (a.TermTo == nil || !a.TermTo.Before(d))
}

func joinIDTypes() string {
	s := make([]string, len(IDTypes))
	for i, t := range IDTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}
