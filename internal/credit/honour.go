package credit

import (
	"slices"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

// Title is an honour a merchant may hold for a period (R-S8).
type Title string

// Titles.
const (
	DemoStore       Title = "demo_store"       // 消费维权示范店
	HonestHousehold Title = "honest_household" // 文明诚信经营户
)

// Titles lists every title.
var Titles = []Title{DemoStore, HonestHousehold}

// Valid reports whether t is a known title.
func (t Title) Valid() bool { return slices.Contains(Titles, t) }

// Chinese is the title as the roll prints it.
func (t Title) Chinese() string {
	switch t {
	case DemoStore:
		return "消费维权示范店"
	case HonestHousehold:
		return "文明诚信经营户"
	}
	return ""
}

// HonourStatus is where an honour stands.
type HonourStatus string

// Honour statuses.
const (
	HonourActive   HonourStatus = "active"
	HonourProposed HonourStatus = "revocation_proposed" // substantiated complaints crossed the threshold (R-S8)
	HonourRevoked  HonourStatus = "revoked"
)

// Honour is one merchant's title for a period, decided by a document.
type Honour struct {
	ID            int64         `json:"id"`
	MerchantID    int64         `json:"merchant_id"`
	MerchantName  string        `json:"merchant_name"`
	Title         Title         `json:"title"`
	Criteria      string        `json:"criteria"`
	From          calendar.Date `json:"from"`
	To            calendar.Date `json:"to"`
	DocumentRef   string        `json:"document_ref"`
	Status        HonourStatus  `json:"status"`
	GrantedAt     time.Time     `json:"granted_at"`
	Substantiated int           `json:"substantiated"` // substantiated complaints in the period when last counted
	KeptAt        int           `json:"kept_at"`       // the count at which a proposal was last dismissed
	ProposedAt    *time.Time    `json:"proposed_at,omitempty"`
	RevokedAt     *time.Time    `json:"revoked_at,omitempty"`
	RevokeRef     string        `json:"revoke_ref,omitempty"`
	Note          string        `json:"note,omitempty"`
}

// HonourRules are the office's figures for honours (R-S8: a configurable threshold).
type HonourRules struct {
	RevokeThreshold int      `json:"revoke_threshold"` // substantiated complaints in the period that propose revocation
	Substantiated   []string `json:"substantiated"`    // outcomes that count as substantiated
}

// DefaultHonourRules propose revocation on the first substantiated complaint: a complaint
// settled by agreement, or a report that led to a case.
func DefaultHonourRules() HonourRules {
	return HonourRules{RevokeThreshold: 1, Substantiated: []string{"agreement", "filed"}}
}

// Validate checks rules an admin sends.
func (r HonourRules) Validate() error {
	var errs invalid.Errors
	if r.RevokeThreshold < 1 || r.RevokeThreshold > 100 {
		errs.Add("revoke_threshold", invalid.OneOf, "values", "1–100")
	}
	for _, o := range r.Substantiated {
		switch o {
		case "agreement", "terminated", "rejected", "answered", "filed", "not_filed":
		default:
			errs.Add("substantiated", invalid.OneOf, "values", "agreement, terminated, rejected, answered, filed, not_filed")
		}
	}
	return errs.Err()
}

// Validate checks an honour before it is granted.
func (h *Honour) Validate() error {
	h.Criteria, h.DocumentRef = strings.TrimSpace(h.Criteria), strings.TrimSpace(h.DocumentRef)
	var errs invalid.Errors
	if !h.Title.Valid() {
		errs.Add("title", invalid.OneOf, "values", "demo_store, honest_household")
	}
	errs.Need("criteria", h.Criteria)
	errs.MaxLen("criteria", h.Criteria, 2000)
	errs.Need("document_ref", h.DocumentRef)
	errs.MaxLen("document_ref", h.DocumentRef, 100)
	if h.From.IsZero() {
		errs.Add("from", invalid.Required)
	}
	if h.To.IsZero() {
		errs.Add("to", invalid.Required)
	} else if !h.To.After(h.From) {
		errs.Add("to", invalid.BeforeStart)
	}
	return errs.Err()
}

// Holds reports whether the honour stands on day d: granted, not revoked, within its period.
func (h *Honour) Holds(d calendar.Date) bool {
	return h.Status != HonourRevoked && !d.Before(h.From) && !d.After(h.To)
}

// Review counts substantiated complaints in the period and proposes revocation when they
// reach the threshold — once, and again only if more arrive after a proposal was dismissed
// (R-S8). It reports whether it proposed.
func (h *Honour) Review(substantiated int, r HonourRules, now time.Time) bool {
	h.Substantiated = substantiated
	if h.Status != HonourActive || substantiated < r.RevokeThreshold || substantiated <= h.KeptAt {
		return false
	}
	h.Status, h.ProposedAt = HonourProposed, &now
	return true
}

// Decide answers a revocation proposal: revoked with the deciding document, or kept with a note.
func (h *Honour) Decide(revoke bool, ref, note string, now time.Time) error {
	var errs invalid.Errors
	if h.Status != HonourProposed {
		errs.Add("status", invalid.Conflict, "rule", "R-S8")
	}
	if revoke {
		errs.Need("revoke_ref", ref)
	} else {
		errs.Need("note", note)
	}
	errs.MaxLen("revoke_ref", ref, 100)
	errs.MaxLen("note", note, 1000)
	if err := errs.Err(); err != nil {
		return err
	}
	h.Note = strings.TrimSpace(note)
	if revoke {
		h.Status, h.RevokedAt, h.RevokeRef = HonourRevoked, &now, strings.TrimSpace(ref)
		return nil
	}
	h.Status, h.KeptAt, h.ProposedAt = HonourActive, h.Substantiated, nil
	return nil
}
