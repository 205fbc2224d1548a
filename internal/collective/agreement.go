package collective

import (
	"strconv"
	"strings"

	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// Share is one member's part of a joint agreement: the amount refunded to that consumer.
type Share struct {
	MatterID int64     `json:"matter_id"`
	Number   string    `json:"number,omitempty"`
	Amount   money.Fen `json:"amount"`
}

// JointAgreement is one agreement reached for the members of a joint complaint, signed by a
// representative (R-L5): its terms, and each member's share. Each share becomes that member's
// own mediation agreement, so the member's complaint records what it recovered.
type JointAgreement struct {
	ID             int64     `json:"id"`
	CaseID         int64     `json:"case_id"`
	Terms          string    `json:"terms"`
	Representative int64     `json:"representative_matter_id"` // the representative member who signs for the members
	Shares         []Share   `json:"shares"`
	Total          money.Fen `json:"total"` // the sum of the shares, fen-exact
}

// RepAct is what a representative does for the members that R-L5 reserves to their consent.
type RepAct string

// Representatives' acts that need every member's consent (R-L5).
const (
	ChangeRequests RepAct = "change_requests" // 变更请求
	WaiveRequests  RepAct = "waive_requests"  // 放弃请求
	SignAgreement  RepAct = "sign_agreement"  // 签署调解协议
)

// Valid reports whether a is a known act.
func (a RepAct) Valid() bool { return a == ChangeRequests || a == WaiveRequests || a == SignAgreement }

// MayActFor checks that member rep is an elected representative who may now do act for the
// members: only once every member has consented (R-L5).
func (c *Case) MayActFor(rep int64, act RepAct) error {
	var errs invalid.Errors
	m := c.member(rep)
	switch {
	case !act.Valid():
		errs.Add("act", invalid.OneOf, "values", "change_requests, waive_requests, sign_agreement")
	case m == nil:
		errs.Add("representative", invalid.NotFound)
	case !m.Representative:
		errs.Add("representative", invalid.Forbidden, "rule", "R-L5")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return c.RepresentativeMayAct()
}

// ValidateJoint checks a joint agreement on case c: a representative signs it, which R-L5
// allows only once every member consented; terms are given; each share is a member's, once,
// and not negative; at least one share. It sets Total and each share's number.
func (c *Case) ValidateJoint(a *JointAgreement) error {
	if err := c.MayActFor(a.Representative, SignAgreement); err != nil {
		return err
	}
	var errs invalid.Errors
	a.Terms = strings.TrimSpace(a.Terms)
	errs.Need("terms", a.Terms)
	errs.MaxLen("terms", a.Terms, 10000)
	if len(a.Shares) == 0 {
		errs.Add("shares", invalid.Required)
	}
	seen := map[int64]bool{}
	a.Total = 0
	for i := range a.Shares {
		sh := &a.Shares[i]
		m := c.member(sh.MatterID)
		switch {
		case m == nil:
			errs.Add("shares", invalid.NotFound, "matter", sh.Number)
			continue
		case seen[sh.MatterID]:
			errs.Add("shares", invalid.Duplicate, "matter", m.Number)
		case sh.Amount < 0:
			errs.Add("shares", invalid.Negative, "matter", m.Number)
		}
		seen[sh.MatterID] = true
		sh.Number = m.Number
		a.Total += sh.Amount
	}
	a.CaseID = c.ID
	return errs.Err()
}

// Tally is what a report says of a collective case: members and money, exactly.
type Tally struct {
	Members     int       `json:"members"`    // the complaints in the case
	Consumers   int       `json:"consumers"`  // distinct complainants among them
	Consented   int       `json:"consented"`  // members whose consent to the joint complaint is recorded
	Agreed      int       `json:"agreed"`     // members whose complaint ended in an agreement
	InDispute   money.Fen `json:"in_dispute"` // the amounts in dispute, summed in fen
	Recovered   money.Fen `json:"recovered"`  // the amounts recovered, summed in fen
	Represented bool      `json:"may_act"`    // whether representatives may act for the members (R-L5)
}

// consumer is the key that tells the member's complainant apart: the ID number, else the
// phone, else the name; a member with none of them is a complainant of its own.
func (m Member) consumer() string {
	if key := strings.TrimSpace(m.ConsumerKey); key != "" {
		return key
	}
	return "#" + m.Number + "#" + strconv.FormatInt(m.MatterID, 10)
}

// Tally counts a case's members, consumers and money. Consumers are told apart by name as the
// complaints give them: one consumer with two complaints in the case counts once.
func (c *Case) Tally() Tally {
	t := Tally{Members: len(c.Members), Consented: c.Consented(), Represented: c.RepresentativeMayAct() == nil}
	names := map[string]bool{}
	for _, m := range c.Members {
		names[m.consumer()] = true
		if m.Agreed {
			t.Agreed++
		}
		t.InDispute += m.Amount
		t.Recovered += m.Recovered
	}
	t.Consumers = len(names)
	return t
}
