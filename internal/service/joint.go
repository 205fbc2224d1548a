package service

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/collective"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// JointInput is a joint agreement as staff enter it: the terms, the representative who signs
// for the members, each member's refund, and how it is performed.
type JointInput struct {
	Terms           string             `json:"terms"`
	Representative  int64              `json:"representative_matter_id"`
	Shares          []collective.Share `json:"shares"`
	Mode            mediation.Mode     `json:"mode"`
	PerformedOnSpot bool               `json:"performed_on_spot"`
	DueDate         *calendar.Date     `json:"due_date,omitempty"`
}

// onCase runs fn on a confirmed-or-not collective case locked in one transaction, for staff of
// the case's area in roles.
func (s *Service) onCase(ctx context.Context, p auth.Principal, id int64, roles []auth.Role, fn func(tx *store.Tx, u *auth.User, sc store.Scope, c *collective.Case, now time.Time) error) (collective.Case, error) {
	u := p.User
	if u == nil || !slices.Contains(roles, u.Role) {
		return collective.Case{}, ErrForbidden
	}
	sc, err := s.userScope(ctx, u)
	if err != nil {
		return collective.Case{}, err
	}
	now := s.now()
	var c collective.Case
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		if c, err = tx.LockCollectiveCase(ctx, id); err != nil {
			return err
		}
		if !collectiveVisible(sc, &c) {
			return store.ErrNotFound
		}
		return fn(tx, u, sc, &c, now)
	})
	return c, err
}

// memberLocked locks a member's complaint for a step of the joint complaint; a member outside
// the viewer's scope refuses the whole step.
func (s *Service) memberLocked(ctx context.Context, tx *store.Tx, sc store.Scope, number string) (casework.Matter, error) {
	m, err := tx.LockMatter(ctx, number)
	if err != nil {
		return m, err
	}
	if !Visible(sc, &m) {
		return m, invalid.New("shares", invalid.Forbidden, "matter", number)
	}
	return m, nil
}

// JointAgree records one agreement for the members of a joint complaint (R-L5): a
// representative signs it, which is refused until every member consented; each member's share
// becomes that member's own mediation agreement (a refund of the share), moving the complaint
// to 调解成功 with that amount; every member is told by a notice of their own. One transaction:
// a member not being mediated refuses the whole agreement, and nothing is written.
func (s *Service) JointAgree(ctx context.Context, p auth.Principal, id int64, in JointInput) (collective.JointAgreement, error) {
	ja := collective.JointAgreement{Terms: in.Terms, Representative: in.Representative, Shares: in.Shares}
	_, err := s.onCase(ctx, p, id, mediationHands, func(tx *store.Tx, u *auth.User, sc store.Scope, c *collective.Case, now time.Time) error {
		if err := c.ValidateJoint(&ja); err != nil {
			return err
		}
		env, err := s.clockEnv(ctx, tx)
		if err != nil {
			return err
		}
		_, office, err := mediationSettings(ctx, tx)
		if err != nil {
			return err
		}
		rep := memberOf(c, ja.Representative)
		mode := in.Mode
		if mode == "" {
			mode = mediation.OnSite
		}
		agreements := map[int64]int64{}
		for _, sh := range ja.Shares {
			m, err := s.memberLocked(ctx, tx, sc, sh.Number)
			if err != nil {
				return err
			}
			a := mediation.Agreement{Terms: ja.Terms, Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: sh.Amount}}, Recovered: sh.Amount,
				AgreedAt: now, Mode: mode, PerformedOnSpot: in.PerformedOnSpot, DueDate: in.DueDate}
			if err := s.agreeLocked(ctx, tx, u, &m, &a, nil, now); err != nil {
				return prefixed(err, m.Number)
			}
			agreements[m.ID] = a.ID
			if err := s.settleClocks(ctx, tx, &m, env, now); err != nil {
				return err
			}
			body := i18n.T("zh-CN", "joint.notice.agreement", "office", office.Name, "merchant", c.MerchantName, "number", m.Number,
				"amount", sh.Amount.String(), "members", itoa(int64(len(ja.Shares))), "representative", rep.Number)
			msg, err := s.noticeParty(ctx, tx, &m, mediation.Complainant, "joint_agreement", body, now)
			if err != nil {
				return err
			}
			ev := event(u, &m, casework.JointAgreement, now, map[string]any{"collective_id": c.ID, "share": sh.Amount.String(),
				"total": ja.Total.String(), "representative": rep.Number, "message_id": msg.ID})
			if err := tx.AppendEvent(ctx, ev); err != nil {
				return err
			}
		}
		return tx.InsertJointAgreement(ctx, &ja, agreements, &u.ID, now)
	})
	return ja, err
}

// settleClocks is what onMatter does after a step: the step may start, meet or move a clock.
func (s *Service) settleClocks(ctx context.Context, tx *store.Tx, m *casework.Matter, env clockEnvironment, now time.Time) error {
	changes, err := s.syncClocks(ctx, tx, m, env, now)
	if err != nil || len(changes) == 0 {
		return err
	}
	m.UpdatedAt = now
	return tx.UpdateMatter(ctx, m)
}

// prefixed names the member a field error came from, so a refused joint agreement says whose
// complaint stopped it.
func prefixed(err error, number string) error {
	errs, ok := invalid.As(err)
	if !ok {
		return err
	}
	out := make(invalid.Errors, len(errs))
	for i, f := range errs {
		args := map[string]string{"matter": number}
		for k, v := range f.Args {
			args[k] = v
		}
		f.Args = args
		out[i] = f
	}
	if invalid.IsConflict(err) {
		return invalid.Conflicting(out)
	}
	return out
}

func memberOf(c *collective.Case, matterID int64) collective.Member {
	for _, m := range c.Members {
		if m.MatterID == matterID {
			return m
		}
	}
	return collective.Member{}
}

// RepresentativeAct records a representative's change or waiver of the members' requests:
// refused until every member consented (R-L5); on every member's timeline, and every member
// told by a notice of their own.
func (s *Service) RepresentativeAct(ctx context.Context, p auth.Principal, id, rep int64, act collective.RepAct, note string) (collective.Case, error) {
	return s.onCase(ctx, p, id, mediationOffice, func(tx *store.Tx, u *auth.User, sc store.Scope, c *collective.Case, now time.Time) error {
		if act == collective.SignAgreement {
			return invalid.New("act", invalid.OneOf, "values", "change_requests, waive_requests")
		}
		if err := c.MayActFor(rep, act); err != nil {
			return err
		}
		note = strings.TrimSpace(note)
		var errs invalid.Errors
		errs.Need("note", note)
		errs.MaxLen("note", note, 2000)
		if err := errs.Err(); err != nil {
			return err
		}
		return s.tellMembers(ctx, tx, u, sc, c, casework.Action("joint_"+string(act)), "joint.notice."+string(act), note, now,
			map[string]any{"representative": memberOf(c, rep).Number})
	})
}

// NotifyMembers sends one notice to every member of a case, each to that member's own phone
// (or on record for paper when none is on file), and notes it on every member's timeline.
func (s *Service) NotifyMembers(ctx context.Context, p auth.Principal, id int64, text string) (collective.Case, error) {
	return s.onCase(ctx, p, id, mediationOffice, func(tx *store.Tx, u *auth.User, sc store.Scope, c *collective.Case, now time.Time) error {
		text = strings.TrimSpace(text)
		var errs invalid.Errors
		errs.Need("text", text)
		errs.MaxLen("text", text, 500)
		if err := errs.Err(); err != nil {
			return err
		}
		return s.tellMembers(ctx, tx, u, sc, c, casework.JointNotice, "joint.notice.text", text, now, nil)
	})
}

// tellMembers puts one message per member into the outbox and the step on each timeline.
func (s *Service) tellMembers(ctx context.Context, tx *store.Tx, u *auth.User, sc store.Scope, c *collective.Case, a casework.Action, key, text string, now time.Time, data map[string]any) error {
	_, office, err := mediationSettings(ctx, tx)
	if err != nil {
		return err
	}
	for _, mem := range c.Members {
		m, err := s.memberLocked(ctx, tx, sc, mem.Number)
		if err != nil {
			return err
		}
		body := i18n.T("zh-CN", key, "office", office.Name, "merchant", c.MerchantName, "number", m.Number, "text", text)
		msg, err := s.noticeParty(ctx, tx, &m, mediation.Complainant, string(a), body, now)
		if err != nil {
			return err
		}
		d := map[string]any{"collective_id": c.ID, "message_id": msg.ID, "channel": msg.Channel}
		for k, v := range data {
			d[k] = v
		}
		ev := event(u, &m, a, now, d)
		ev.Note = text
		if err := tx.AppendEvent(ctx, ev); err != nil {
			return err
		}
	}
	return nil
}

// JointAgreements lists a case's joint agreements for staff who may read the case.
func (s *Service) JointAgreements(ctx context.Context, p auth.Principal, id int64) ([]collective.JointAgreement, error) {
	if _, err := s.CollectiveCase(ctx, p, id); err != nil {
		return nil, err
	}
	return s.store.JointAgreements(ctx, id)
}

// representativeSignatory lets an elected representative of the member's confirmed joint
// complaint sign the member's agreement for the complainant, which R-L5 refuses until every
// member consented. It returns the extra signatory, or nil when the signer is no representative.
func (s *Service) representativeSignatory(ctx context.Context, tx *store.Tx, m *casework.Matter, sig mediation.Signature) (*mediation.Signatory, error) {
	name := strings.TrimSpace(sig.SignerName)
	if sig.Side != mediation.Complainant || name == "" || name == strings.TrimSpace(m.Consumer.Name) {
		return nil, nil
	}
	c, err := tx.ConfirmedCaseOf(ctx, m.ID)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		return nil, err
	}
	for _, mem := range c.Members {
		if !mem.Representative || mem.MatterID == m.ID || strings.TrimSpace(mem.ConsumerName) != name {
			continue
		}
		if err := c.MayActFor(mem.MatterID, collective.SignAgreement); err != nil {
			return nil, err
		}
		return &mediation.Signatory{Side: mediation.Complainant, Name: name}, nil
	}
	return nil, nil
}
