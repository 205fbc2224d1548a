package service

import (
	"context"
	"errors"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/collective"
	"weiquan/internal/invalid"
	"weiquan/internal/mask"
	"weiquan/internal/store"
)

// AlertCollectiveProposed tells the area's supervisors that intake proposed a collective case.
const AlertCollectiveProposed = "collective_proposed"

// candidateLimit bounds the earlier complaints one intake compares: a merchant with more
// open complaints in the window is a collective case already.
const candidateLimit = 100

// maxStoredLinks bounds the evidence a case keeps of the matters that joined it later.
const maxStoredLinks = 100

// detectCollective runs at intake, in its transaction: a complaint against a merchant with
// alike open complaints in the window proposes a collective case, or joins the case (proposed
// or confirmed) they are already in. It never blocks the intake.
// rows are the candidates when the caller has read them already (asked), with the matter's insert.
func (s *Service) detectCollective(ctx context.Context, tx *store.Tx, m *casework.Matter, env clockEnvironment, now time.Time,
	rows []collective.Matter, asked bool) error {
	ask, ok := collectiveAsk(m, env)
	if !ok {
		return nil
	}
	set := env.credit
	key := collective.MerchantKey(m.MerchantID, m.MerchantName)
	if !asked {
		var err error
		if rows, err = tx.CollectiveCandidates(ctx, ask.MerchantID, ask.MerchantName, ask.Since, ask.Limit); err != nil {
			return err
		}
	}
	var err error
	earlier := make([]*collective.Matter, len(rows))
	for i := range rows {
		earlier[i] = &rows[i]
	}
	cm := &collective.Matter{ID: m.ID, Number: m.Number, MerchantKey: key, Category: string(m.Category), Subcategory: m.Subcategory,
		Facts: m.Facts, ReceivedAt: m.ReceivedAt, Open: true}
	p, ok := collective.Detect(set.Collective, cm, earlier, m.MerchantName)
	if !ok {
		return nil
	}
	sims := map[int64]float64{m.ID: bestLink(p.Evidence.Links)}
	for _, l := range p.Evidence.Links {
		sims[l.ID] = l.Similarity
	}
	var c collective.Case
	if p.Into != 0 {
		if c, err = tx.LockCollectiveStatus(ctx, p.Into); err != nil {
			return err
		}
		link := collective.Link{ID: m.ID, Number: m.Number, Similarity: bestLink(p.Evidence.Links)}
		if err := tx.JoinCollectiveCase(ctx, c.ID, link, maxStoredLinks, p.Evidence.LastAt, now); err != nil {
			return err
		}
		c.UpdatedAt = now
	} else {
		c = collective.Case{Status: collective.Proposed, MerchantID: m.MerchantID, MerchantName: m.MerchantName, MerchantKey: key,
			Subcategory: m.Subcategory, Evidence: p.Evidence, AreaPath: m.AreaPath, ProposedAt: now, CreatedAt: now, UpdatedAt: now}
		if err := tx.InsertCollectiveCase(ctx, &c); err != nil {
			return err
		}
	}
	for _, id := range p.Matters {
		if id != m.ID && alreadyGrouped(earlier, id) {
			continue
		}
		if err := tx.AddCollectiveMember(ctx, c.ID, id, sims[id], now); err != nil {
			return err
		}
		data := map[string]any{"collective_id": c.ID, "status": string(c.Status), "merchant": c.MerchantName, "similarity": sims[id]}
		if id == m.ID {
			data["linked"] = len(p.Evidence.Links)
		}
		ev := casework.Event{MatterID: id, At: now, ActorName: casework.SystemActor.Name, Action: casework.CollectiveProposed, Data: data}
		if err := tx.AppendEvent(ctx, &ev); err != nil {
			return err
		}
	}
	if c.Status != collective.Proposed || p.Into != 0 {
		return nil
	}
	mid := m.ID
	return tx.AddAlert(ctx, &store.Alert{Kind: AlertCollectiveProposed, MatterID: &mid, StationID: m.StationID, CreatedAt: now,
		Payload: map[string]any{"collective_id": c.ID, "merchant": c.MerchantName, "matters": len(p.Matters)}})
}

// collectiveAsk is what detection asks of a new matter's merchant, if anything.
func collectiveAsk(m *casework.Matter, env clockEnvironment) (store.CandidatesAsk, bool) {
	set := env.credit
	if m.Kind != casework.Complaint || !set.Collective.Enabled || collective.MerchantKey(m.MerchantID, m.MerchantName) == "" {
		return store.CandidatesAsk{}, false
	}
	since := m.ReceivedAt.Add(-time.Duration(set.Collective.WindowDays) * 24 * time.Hour)
	return store.CandidatesAsk{MerchantID: m.MerchantID, MerchantName: m.MerchantName, Since: since, Limit: candidateLimit}, true
}

func bestLink(ls []collective.Link) float64 {
	if len(ls) == 0 {
		return 0
	}
	return ls[0].Similarity
}

// alreadyGrouped reports whether an earlier matter is in another case already: it stays there.
func alreadyGrouped(earlier []*collective.Matter, id int64) bool {
	for _, e := range earlier {
		if e.ID == id {
			return e.CaseID != 0
		}
	}
	return false
}

// CollectiveQuery is what staff ask of the collective cases.
type CollectiveQuery struct {
	Status   collective.Status
	MatterID int64
}

func (s *Service) collectiveScope(ctx context.Context, p auth.Principal) (store.Scope, error) {
	if p.System {
		return store.Scope{All: true}, nil
	}
	if !p.Staff() {
		return store.Scope{}, ErrForbidden
	}
	return s.userScope(ctx, p.User)
}

// CollectiveCases lists the collective cases of the viewer's area, newest first; staff only.
func (s *Service) CollectiveCases(ctx context.Context, p auth.Principal, q CollectiveQuery) ([]collective.Case, error) {
	sc, err := s.collectiveScope(ctx, p)
	if err != nil {
		return nil, err
	}
	if q.Status != "" && !q.Status.Valid() {
		q.Status = ""
	}
	return s.store.CollectiveCases(ctx, store.CollectiveFilter{Scope: sc, Status: q.Status, MatterID: q.MatterID})
}

// CollectiveCase reads one case with its members, the evidence and what the viewer may see
// of each member: staff of the case's area; digits in the facts masked for all but supervisors.
func (s *Service) CollectiveCase(ctx context.Context, p auth.Principal, id int64) (collective.Case, error) {
	sc, err := s.collectiveScope(ctx, p)
	if err != nil {
		return collective.Case{}, err
	}
	c, err := s.store.CollectiveCase(ctx, id)
	if err != nil {
		return c, err
	}
	if !collectiveVisible(sc, &c) {
		return collective.Case{}, store.ErrNotFound
	}
	full := p.System || p.Role() == auth.Admin || p.Role() == auth.Supervisor
	for i := range c.Members {
		if !full {
			c.Members[i].ConsumerName = mask.Name(c.Members[i].ConsumerName)
			c.Members[i].Facts = mask.Text(c.Members[i].Facts)
			c.Members[i].Request = mask.Text(c.Members[i].Request)
		}
	}
	return c, nil
}

func collectiveVisible(sc store.Scope, c *collective.Case) bool {
	switch {
	case sc.All:
		return true
	case sc.PathLo == "":
		return false
	case c.AreaPath == "":
		return sc.Unplaced
	}
	return c.AreaPath >= sc.PathLo && c.AreaPath < sc.PathHi
}

// DecideCollective is a supervisor's confirmation or rejection of a proposed case: confirmed
// matters are handled together, rejected ones are not proposed together again. Every member's
// timeline says so.
func (s *Service) DecideCollective(ctx context.Context, p auth.Principal, id int64, d collective.Decision) (collective.Case, error) {
	u := p.User
	if u == nil || (u.Role != auth.Supervisor && u.Role != auth.Admin) {
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
		if err := collective.Decide(&c, d, u.ID, now); err != nil {
			return err
		}
		if err := tx.UpdateCollectiveCase(ctx, &c); err != nil {
			return err
		}
		action := casework.CollectiveRejected
		if c.Status == collective.Confirmed {
			action = casework.CollectiveConfirmed
		}
		ac := actor(u)
		for _, mem := range c.Members {
			ev := casework.Event{MatterID: mem.MatterID, At: now, ActorID: ac.ID, ActorName: ac.Name, Action: action, Note: d.Note,
				Data: map[string]any{"collective_id": c.ID, "members": len(c.Members), "merchant": c.MerchantName}}
			if err := tx.AppendEvent(ctx, &ev); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return collective.Case{}, err
	}
	return c, err
}

// JointStep records a member's consent ("consent") or elects a member a representative with
// the written election ("elect") on a confirmed collective case (R-L5); staff of the case's
// area who work matters. The member's timeline records it.
func (s *Service) JointStep(ctx context.Context, p auth.Principal, id int64, action string, matterID int64, ref string) (collective.Case, error) {
	u := p.User
	if u == nil || !(u.Role == auth.Admin || u.Role == auth.Supervisor || u.Role == auth.Operator || u.Role == auth.Mediator) {
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
		act := casework.CollectiveConsent
		switch action {
		case "consent":
			err = c.Consent(matterID, ref, now)
		case "elect":
			act, err = casework.CollectiveElect, c.Elect(matterID, ref)
		default:
			err = invalid.New("action", invalid.OneOf, "values", "consent, elect")
		}
		if err != nil {
			return err
		}
		for _, m := range c.Members {
			if m.MatterID == matterID {
				if err := tx.UpdateCollectiveMember(ctx, c.ID, m); err != nil {
					return err
				}
			}
		}
		ac := actor(u)
		ev := casework.Event{MatterID: matterID, At: now, ActorID: ac.ID, ActorName: ac.Name, Action: act, Note: ref,
			Data: map[string]any{"collective_id": c.ID, "consented": c.Consented(), "members": len(c.Members)}}
		return tx.AppendEvent(ctx, &ev)
	})
	return c, err
}
