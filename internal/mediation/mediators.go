package mediation

import (
	"strconv"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/invalid"
)

// Relation is what a mediator declares about a case before being assigned to it (R-L16).
type Relation string

// Relations. Any but None bars the mediator (Order 121 Art.21: a close relative of a party or
// an interest in the case).
const (
	NoRelation    Relation = "none"
	CloseRelative Relation = "close_relative" // 近亲属
	Interest      Relation = "interest"       // 与本案有利害关系
	OtherRelation Relation = "other"          // 其他可能影响公正调解的关系
)

// Declaration is one mediator's statement about one matter.
type Declaration struct {
	MediatorID int64     `json:"mediator_id"`
	MatterID   int64     `json:"matter_id"`
	Relation   Relation  `json:"relation"`
	Detail     string    `json:"detail,omitempty"` // required unless none
	DeclaredAt time.Time `json:"declared_at"`
}

// Validate checks a declaration: a known relation, and what it is when there is one.
func (d *Declaration) Validate() error {
	var errs invalid.Errors
	d.Detail = strings.TrimSpace(d.Detail)
	switch d.Relation {
	case NoRelation:
	case CloseRelative, Interest, OtherRelation:
		errs.Need("detail", d.Detail)
	default:
		errs.Add("relation", invalid.OneOf, "values", "none, close_relative, interest, other")
	}
	errs.MaxLen("detail", d.Detail, 1000)
	return errs.Err()
}

// CheckMediator refuses to assign a mediator who has not declared their relations to the
// matter, or who declared one; the error carries the relation and its detail as the reason
// (R-L16). A later declaration replaces an earlier one.
func CheckMediator(id int64, decls []Declaration) error {
	var last *Declaration
	for i := range decls {
		if decls[i].MediatorID == id && (last == nil || !decls[i].DeclaredAt.Before(last.DeclaredAt)) {
			last = &decls[i]
		}
	}
	who := strconv.FormatInt(id, 10)
	switch {
	case last == nil:
		return invalid.New("mediators", NotDeclared, "id", who)
	case last.Relation != NoRelation:
		return invalid.New("mediators", ConflictInterest, "id", who, "relation", string(last.Relation), "reason", last.Detail)
	}
	return nil
}

// Recusal is a party's application that a mediator withdraw (回避申请). It suspends mediation
// (中止) and stops the clock until decided (R-L16).
type Recusal struct {
	ID         int64      `json:"id"`
	MatterID   int64      `json:"matter_id"`
	Side       Side       `json:"side"`
	MediatorID int64      `json:"mediator_id"`
	Grounds    string     `json:"grounds"`
	AppliedAt  time.Time  `json:"applied_at"`
	DecidedAt  *time.Time `json:"decided_at,omitempty"`
	Upheld     bool       `json:"upheld"` // the mediator withdraws
	Decision   string     `json:"decision,omitempty"`
	DecidedBy  *int64     `json:"decided_by,omitempty"`
}

// ValidateRecusal checks an application on matter m at time now. The service then applies
// casework.Pause with reason casework.PauseRecusal, which moves the matter to 中止 (suspended).
func ValidateRecusal(m casework.Matter, r *Recusal, now time.Time) error {
	var errs invalid.Errors
	r.Grounds = strings.TrimSpace(r.Grounds)
	if m.Kind != casework.Complaint || m.State != casework.Mediating {
		errs.Add("state", WrongState, "state", string(m.State))
	}
	if !r.Side.Valid() {
		errs.Add("side", NotParty)
	}
	if r.MediatorID == 0 {
		errs.Add("mediator_id", invalid.Required)
	}
	errs.Need("grounds", r.Grounds)
	errs.MaxLen("grounds", r.Grounds, 2000)
	if r.AppliedAt.IsZero() {
		r.AppliedAt = now
	}
	if r.AppliedAt.After(now) {
		errs.Add("applied_at", invalid.Future)
	}
	return errs.Err()
}

// Decide records the decision at time now; the service then applies casework.Resume, and when
// the application is upheld takes the mediator off the matter's sessions (Withdraw).
func (r *Recusal) Decide(upheld bool, decision string, by *int64, now time.Time) error {
	var errs invalid.Errors
	decision = strings.TrimSpace(decision)
	if r.DecidedAt != nil {
		errs.Add("decided_at", Already)
	}
	errs.Need("decision", decision)
	errs.MaxLen("decision", decision, 2000)
	if err := errs.Err(); err != nil {
		return err
	}
	t := now
	r.DecidedAt, r.Upheld, r.Decision, r.DecidedBy = &t, upheld, decision, by
	return nil
}

// Pause is the stretch the recusal stopped the mediation clock, for deadline.Facts.
func (r Recusal) Pause() deadline.Pause {
	return deadline.Pause{Reason: casework.PauseRecusal, From: r.AppliedAt, To: r.DecidedAt}
}

// Withdraw takes a mediator off the sessions not yet held, after an upheld recusal; it
// returns the sessions it changed.
func Withdraw(sessions []Session, mediatorID int64) []Session {
	var out []Session
	for _, s := range sessions {
		if s.HeldAt != nil {
			continue
		}
		kept := s.Mediators[:0:0]
		for _, id := range s.Mediators {
			if id != mediatorID {
				kept = append(kept, id)
			}
		}
		if len(kept) != len(s.Mediators) {
			s.Mediators = kept
			out = append(out, s)
		}
	}
	return out
}
