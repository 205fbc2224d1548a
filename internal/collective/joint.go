package collective

import (
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// MaxRepresentatives is how many representatives a joint complaint may elect (R-L5).
const MaxRepresentatives = 2

func (c *Case) member(matterID int64) *Member {
	for i := range c.Members {
		if c.Members[i].MatterID == matterID {
			return &c.Members[i]
		}
	}
	return nil
}

// Consent records a member's consent to the joint complaint, with its reference (R-L5).
func (c *Case) Consent(matterID int64, ref string, now time.Time) error {
	var errs invalid.Errors
	m := c.member(matterID)
	switch {
	case c.Status != Confirmed:
		errs.Add("status", invalid.Conflict, "rule", "R-L5")
	case m == nil:
		errs.Add("matter", invalid.NotFound)
	case m.ConsentAt != nil:
		errs.Add("matter", invalid.Duplicate)
	}
	errs.Need("consent_ref", ref)
	errs.MaxLen("consent_ref", ref, 200)
	if err := errs.Err(); err != nil {
		return err
	}
	m.ConsentAt, m.ConsentRef = &now, strings.TrimSpace(ref)
	return nil
}

// Elect makes a member a representative with the written election document: a joint
// complaint has two or more complainants and at most two representatives (R-L5).
func (c *Case) Elect(matterID int64, electionRef string) error {
	var errs invalid.Errors
	m := c.member(matterID)
	n := 0
	for _, x := range c.Members {
		if x.Representative {
			n++
		}
	}
	switch {
	case c.Status != Confirmed:
		errs.Add("status", invalid.Conflict, "rule", "R-L5")
	case c.Complainants() < 2:
		errs.Add("members", invalid.TooShort, "min", "2", "rule", "R-L5")
	case m == nil:
		errs.Add("matter", invalid.NotFound)
	case m.Representative:
		errs.Add("matter", invalid.Duplicate)
	case n >= MaxRepresentatives:
		errs.Add("representative", invalid.TooLong, "max", "2", "rule", "R-L5")
	}
	errs.Need("election_ref", electionRef)
	errs.MaxLen("election_ref", electionRef, 200)
	if err := errs.Err(); err != nil {
		return err
	}
	m.Representative, m.ElectionRef = true, strings.TrimSpace(electionRef)
	return nil
}

// ErrConsentsMissing refuses a representative's change or waiver of requests, or signature of
// an agreement, while a represented member has not consented (R-L5).
var ErrConsentsMissing = invalid.New("consents", invalid.Required, "rule", "R-L5")

// RepresentativeMayAct says whether representatives may change or waive requests or sign an
// agreement for the members: only once every member's consent is recorded (R-L5).
func (c *Case) RepresentativeMayAct() error {
	if c.Status != Confirmed || c.Complainants() < 2 {
		return ErrConsentsMissing
	}
	for _, m := range c.Members {
		if m.ConsentAt == nil {
			return ErrConsentsMissing
		}
	}
	return nil
}

// Complainants counts the distinct complainants among the members, told apart as the tally
// tells them: one consumer's several complaints are one complainant, and a joint complaint
// needs two or more (R-L5).
func (c *Case) Complainants() int {
	seen := map[string]bool{}
	for _, m := range c.Members {
		seen[m.consumer()] = true
	}
	return len(seen)
}

// Consented counts the members whose consent is recorded.
func (c *Case) Consented() int {
	n := 0
	for _, m := range c.Members {
		if m.ConsentAt != nil {
			n++
		}
	}
	return n
}
