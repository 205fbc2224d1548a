package service

import (
	"context"
	"errors"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// PortalStep is one step of a matter as its consumer reads it: what happened, when, and the
// role that did it — never a name, a note, or anything of a linked matter.
type PortalStep struct {
	At     time.Time
	Action casework.Action
	By     string // "you", "office", "station", "mediator", "system"
	To     casework.State
	Reason string // a rejection's or termination's reason code, which the consumer is owed (R-S5)
}

// PortalCase is a matter as the consumer who proved it reads it. A report's filer sees only
// its progress: never the merchant's side, the findings or the steps of the check (R-L25).
type PortalCase struct {
	Number      string
	Kind        casework.Kind
	State       casework.State
	Outcome     casework.Outcome
	ReceivedAt  time.Time
	ClosedAt    *time.Time
	Merchant    string // the merchant as the consumer named it; empty for reports
	Facts       string // the consumer's own words; empty for reports
	Answer      string // an inquiry's answer
	Photos      int
	Steps       []PortalStep
	CanWithdraw bool
	// The complainant's side (never a report's filer's): the merchant's offer, which they may
	// accept or decline while it is open, and their rating 1–5 once the complaint is closed.
	Offer          *PortalOffer
	CanAnswerOffer bool
	Rated          bool
	Rating         *int
	CanRate        bool
}

// portalSteps are the actions a complaint's or inquiry's consumer sees, with who took them.
var portalSteps = map[casework.Action]string{
	casework.Intake: "you", casework.Attach: "you", casework.Accept: "office", casework.Reject: "office",
	casework.Dispatch: "office", casework.CheckIn: "station", casework.StartMediation: "mediator",
	casework.Pause: "mediator", casework.Resume: "mediator", casework.Agree: "mediator", casework.Terminate: "mediator",
	casework.Answer: "office", casework.Close: "office", casework.Withdraw: "you", casework.Escalate: "office",
	casework.MerchantAnswer: "merchant", casework.DeclineOffer: "you", casework.Callback: "you",
}

// reportSteps are all a report's filer sees: received, being checked, concluded, closed.
var reportSteps = map[casework.Action]string{
	casework.Intake: "you", casework.Verify: "office", casework.File: "office", casework.NotFile: "office",
	casework.Close: "office", casework.Merge: "office",
}

// Concluded is the one word a report's filer reads for filed and not filed alike.
const Concluded casework.State = "concluded"

// PortalCase reads the one matter the consumer proved.
func (s *Service) PortalCase(ctx context.Context, p auth.Principal) (PortalCase, error) {
	if p.Consumer == nil {
		return PortalCase{}, ErrNotProved
	}
	m, err := s.store.Matter(ctx, p.Consumer.MatterID)
	if err != nil {
		return PortalCase{}, err
	}
	evs, err := s.store.Timeline(ctx, m.ID)
	if err != nil {
		return PortalCase{}, err
	}
	c := PortalCase{Number: m.Number, Kind: m.Kind, State: m.State, Outcome: m.Outcome, ReceivedAt: m.ReceivedAt, ClosedAt: m.ClosedAt}
	steps := portalSteps
	if m.Kind == casework.Report {
		steps = reportSteps
		// The filer learns that the report was dealt with, not what was found (R-L25: nothing of the merchant's side).
		c.Outcome = ""
		if m.State == casework.Filed || m.State == casework.NotFiled {
			c.State = Concluded
		}
	} else {
		c.Merchant, c.Facts, c.Answer = m.MerchantName, m.Facts, m.Answer
	}
	for _, ev := range evs {
		by, ok := steps[ev.Action]
		if !ok {
			continue
		}
		if ev.Action == casework.Attach {
			if portal, _ := ev.Data["portal"].(bool); !portal {
				continue // staff's files are the office's
			}
			c.Photos++
			continue
		}
		st := PortalStep{At: ev.At, Action: ev.Action, By: by, To: ev.To}
		if ev.Action == casework.Intake && m.Channel != casework.Web {
			st.By = "office"
		}
		if ev.ActorID == nil && ev.ActorName == consumerUser.Name() {
			st.By = "you" // the consumer's own step on the portal: an accepted offer
		} else if ev.Action == casework.Callback {
			st.By = "office"
		}
		if m.Kind != casework.Report && (ev.Action == casework.Reject || ev.Action == casework.Terminate) {
			st.Reason, _ = ev.Data["reason_code"].(string)
		}
		switch {
		case ev.Action == casework.Merge:
			st.Action, st.To = casework.Close, casework.Closed
		case m.Kind == casework.Report && (ev.Action == casework.File || ev.Action == casework.NotFile):
			st.Action, st.To = "conclude", Concluded
		}
		c.Steps = append(c.Steps, st)
	}
	_, err = casework.Next(m.Kind, m.State, casework.Withdraw, auth.ConsumerRole)
	c.CanWithdraw = err == nil
	if m.Kind == casework.Complaint {
		if err := s.portalOffer(ctx, m, &c); err != nil {
			return PortalCase{}, err
		}
	}
	if err := s.store.Tx(ctx, func(tx *store.Tx) error {
		return s.record(ctx, tx, "portal_read", "matter", m.Number, map[string]any{"addr": p.Addr})
	}); err != nil {
		return PortalCase{}, err
	}
	return c, nil
}

// consumerUser is the stand-in the state machine and the timeline know the proved consumer by.
var consumerUser = auth.User{Username: "consumer", DisplayName: "投诉人 / consumer", Role: auth.ConsumerRole}

// WithdrawOnPortal closes the consumer's complaint as withdrawn, with its clocks and timeline
// as any action, and tells the consumer it was done.
func (s *Service) WithdrawOnPortal(ctx context.Context, p auth.Principal, reason string) error {
	if p.Consumer == nil {
		return ErrNotProved
	}
	now := s.now()
	u := consumerUser
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.LockMatterID(ctx, p.Consumer.MatterID)
		if err != nil {
			return err
		}
		if err := s.actLocked(ctx, tx, &u, &m, casework.Withdraw, casework.ActionInput{Note: reason}, now); err != nil {
			return err
		}
		lang, email := "zh-CN", ""
		if r, err := tx.PortalReceipt(ctx, m.ID); err == nil {
			lang, email = r.Lang, r.Email
		}
		if err := s.record(ctx, tx, "portal_withdraw", "matter", m.Number, map[string]any{"addr": p.Addr}); err != nil {
			return err
		}
		return s.tell(ctx, tx, notify.KindWithdrawn, lang, m.Consumer.Phone, email, m.ID, notify.Vars{Number: m.Number}, now)
	})
}

// tellProgress tells a consumer who filed on the portal that their matter moved on — answered,
// settled, closed — by SMS and e-mail, in their language (R-S5). A report's filer hears only that
// it was dealt with. Acceptance and rejection have notices of their own that reach every
// complainant, whatever the channel (tellDecision).
func (s *Service) tellProgress(ctx context.Context, tx *store.Tx, m *casework.Matter, a casework.Action, now time.Time) error {
	if _, ok := notify.Steps[string(a)]; !ok || (m.Kind == casework.Report && a != casework.Close) {
		return nil
	}
	r, err := tx.PortalReceipt(ctx, m.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	base, _ := s.portalSettings()
	v := notify.Vars{Number: m.Number, Step: notify.Steps[string(a)][r.Lang], TrackURL: base + "/portal/track"}
	if err := s.tell(ctx, tx, notify.KindProgress, r.Lang, m.Consumer.Phone, r.Email, m.ID, v, now); err != nil {
		return err
	}
	if a == casework.Close && m.Kind == casework.Complaint {
		return s.tell(ctx, tx, notify.KindRateInvite, r.Lang, m.Consumer.Phone, r.Email, m.ID, v, now) // the callback, by message (R-L23)
	}
	return nil
}
