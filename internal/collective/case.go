package collective

import (
	"time"

	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// Status is where a collective case stands.
type Status string

// Statuses: detection proposes, a supervisor confirms or rejects.
const (
	Proposed  Status = "proposed"
	Confirmed Status = "confirmed"
	Rejected  Status = "rejected"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == Proposed || s == Confirmed || s == Rejected }

// Member is one matter of a collective case.
type Member struct {
	MatterID       int64      `json:"matter_id"`
	Number         string     `json:"number"`
	State          string     `json:"state"`
	ConsumerName   string     `json:"consumer_name"` // masked for viewers who may not see it
	ReceivedAt     time.Time  `json:"received_at"`
	Facts          string     `json:"facts"`
	Request        string     `json:"request"` // the member's own claim
	Amount         money.Fen  `json:"amount_in_dispute"`
	Similarity     float64    `json:"similarity"`
	Representative bool       `json:"representative"`
	ElectionRef    string     `json:"election_ref,omitempty"`
	ConsentAt      *time.Time `json:"consent_at,omitempty"`
	ConsentRef     string     `json:"consent_ref,omitempty"`
	AddedAt        time.Time  `json:"added_at"`
	Recovered      money.Fen  `json:"recovered_amount"` // what the member's complaint recovered
	Agreed         bool       `json:"agreed"`           // the member's complaint ended in an agreement
	ConsumerKey    string     `json:"-"`                // the complainant's ID number, else phone, else name: tells consumers apart
}

// Case is a collective case: a proposal until a supervisor confirms it.
type Case struct {
	ID           int64      `json:"id"`
	Status       Status     `json:"status"`
	MerchantID   *int64     `json:"merchant_id,omitempty"`
	MerchantName string     `json:"merchant_name"`
	MerchantKey  string     `json:"-"`
	Subcategory  string     `json:"subcategory,omitempty"`
	Title        string     `json:"title,omitempty"`
	Evidence     Evidence   `json:"evidence"`
	AreaPath     string     `json:"-"`
	ProposedAt   time.Time  `json:"proposed_at"`
	DecidedAt    *time.Time `json:"decided_at,omitempty"`
	DecidedBy    *int64     `json:"decided_by,omitempty"`
	DecisionNote string     `json:"decision_note,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	Members      []Member   `json:"members,omitempty"`
}

// Decision is a supervisor's answer to a proposal.
type Decision struct {
	Confirm bool
	Title   string
	Note    string
}

// ErrDecided means the case was already confirmed or rejected.
var ErrDecided = invalid.New("status", invalid.Conflict)

// Decide applies a supervisor's decision to a proposal: a rejection needs its reason
// written down; a confirmed case needs at least two members (R-L5: two or more complainants).
func Decide(c *Case, d Decision, by int64, now time.Time) error {
	if c.Status != Proposed {
		return ErrDecided
	}
	var errs invalid.Errors
	errs.MaxLen("title", d.Title, 100)
	errs.MaxLen("note", d.Note, 1000)
	if !d.Confirm {
		errs.Need("note", d.Note)
	}
	if d.Confirm && len(c.Members) < 2 {
		errs.Add("members", invalid.TooShort, "min", "2")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	c.Status = Rejected
	if d.Confirm {
		c.Status = Confirmed
	}
	if d.Title != "" {
		c.Title = d.Title
	}
	c.DecisionNote, c.DecidedBy, c.DecidedAt, c.UpdatedAt = d.Note, &by, &now, now
	return nil
}
