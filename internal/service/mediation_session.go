package service

import (
	"context"
	"errors"
	"slices"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// Declare records a mediator's declaration of relations to a matter (R-L16): their own, or one a
// supervisor or admin records for them. A mediator who declared a relation cannot be put on a session.
func (s *Service) Declare(ctx context.Context, p auth.Principal, number string, d mediation.Declaration) (mediation.Declaration, error) {
	_, err := s.onMatter(ctx, p, number, mediationHands, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		if d.MediatorID == 0 {
			d.MediatorID = u.ID
		}
		if d.MediatorID != u.ID && u.Role != auth.Admin && u.Role != auth.Supervisor {
			return nil, ErrForbidden
		}
		if _, err := mediatorUser(ctx, tx, d.MediatorID, "mediator_id"); err != nil {
			return nil, err
		}
		d.MatterID, d.DeclaredAt = m.ID, now
		if err := d.Validate(); err != nil {
			return nil, err
		}
		if err := tx.InsertDeclaration(ctx, d); err != nil {
			return nil, err
		}
		return event(u, m, casework.DeclareMediate, now, map[string]any{"mediator_id": d.MediatorID, "relation": string(d.Relation)}), nil
	})
	return d, err
}

// mediatorUser is an active user who may mediate.
func mediatorUser(ctx context.Context, tx *store.Tx, id int64, field string) (auth.User, error) {
	mu, err := tx.User(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return mu, invalid.New(field, invalid.NotFound)
	}
	if err != nil {
		return mu, err
	}
	if !mu.Active || !slices.Contains(mediationHands, mu.Role) {
		return mu, invalid.New(field, invalid.Conflict)
	}
	return mu, nil
}

// ScheduleSession schedules a mediation session — time, place or mode, meeting link, mediators
// cleared of conflicts — and puts its notice to both parties into the outbox (R-L15, R-L16).
func (s *Service) ScheduleSession(ctx context.Context, p auth.Principal, number string, ses mediation.Session) (mediation.Session, error) {
	_, err := s.onMatter(ctx, p, number, mediationHands, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		decls, err := tx.Declarations(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		ses.MatterID = m.ID
		if err := mediation.ValidateSession(*m, &ses, decls, now); err != nil {
			return nil, err
		}
		var names []string
		for _, id := range ses.Mediators {
			mu, err := mediatorUser(ctx, tx, id, "mediators")
			if err != nil {
				return nil, err
			}
			names = append(names, mu.Name())
		}
		if err := tx.InsertSession(ctx, &ses, &u.ID, now); err != nil {
			return nil, err
		}
		_, office, err := mediationSettings(ctx, tx)
		if err != nil {
			return nil, err
		}
		ids := map[string]any{}
		for _, side := range mediation.Sides {
			msg, err := s.noticeParty(ctx, tx, m, side, "session_notice", mediation.NoticeText("zh-CN", m.Number, ses, names, office.Name), now)
			if err != nil {
				return nil, err
			}
			n := store.SessionNotice{Notice: mediation.Notice{SessionID: ses.ID, Side: side, SentAt: now, Channel: msg.Channel, Text: msg.Body}, MessageID: &msg.ID}
			if err := tx.InsertSessionNotice(ctx, n); err != nil {
				return nil, err
			}
			ids[string(side)] = msg.ID
		}
		return event(u, m, casework.ScheduleMeet, now, map[string]any{"session_id": ses.ID, "at": timeOrNil(&ses.At), "mode": string(ses.Mode),
			"place": ses.Place, "meeting_link": ses.MeetingLink, "mediators": names, "notices": ids}), nil
	})
	return ses, err
}

// noticeParty puts a message to one party into the outbox: by SMS to the consumer's or the
// merchant's phone; a merchant with no phone on file is told on paper or in person, the
// message kept on record (internal) with the merchant's name.
func (s *Service) noticeParty(ctx context.Context, tx *store.Tx, m *casework.Matter, side mediation.Side, kind, body string, now time.Time) (notify.Message, error) {
	phone, err := s.partyPhone(ctx, tx, m, side)
	if err != nil {
		return notify.Message{}, err
	}
	id := m.ID
	msg := notify.Message{Kind: kind, Channel: notify.SMS, Recipient: phone, Lang: "zh-CN", Body: body, MatterID: &id, CreatedAt: now,
		Payload: map[string]any{"side": string(side), "number": m.Number}}
	if phone == "" {
		msg.Channel, msg.Recipient = notify.Internal, m.MerchantName
		if side == mediation.Complainant {
			msg.Recipient = m.Consumer.Name
		}
	}
	if err := msg.Validate(); err != nil {
		return msg, err
	}
	if err := tx.AddMessage(ctx, &msg); err != nil {
		return msg, err
	}
	if side == mediation.Complainant {
		return msg, s.mailCopy(ctx, tx, m, kind, body, now) // portal_mail.go
	}
	return msg, nil
}

// RecordMinutes records a session held: when, who was present and the minutes; refused until
// both parties were told in time (R-L15).
func (s *Service) RecordMinutes(ctx context.Context, p auth.Principal, number string, sessionID int64, heldAt time.Time, minutes string, present []mediation.Side) (mediation.Session, error) {
	var out mediation.Session
	_, err := s.onMatter(ctx, p, number, mediationHands, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		ses, err := sessionOf(ctx, tx, m.ID, sessionID)
		if err != nil {
			return nil, err
		}
		set, _, err := mediationSettings(ctx, tx)
		if err != nil {
			return nil, err
		}
		notices, err := tx.SessionNotices(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		var ns []mediation.Notice
		for _, n := range notices {
			ns = append(ns, n.Notice)
		}
		if err := mediation.CheckNotices(ses, ns, set); err != nil {
			return nil, err
		}
		if heldAt.IsZero() {
			heldAt = now
		}
		if err := mediation.ValidateMinutes(&ses, heldAt, minutes, present, now); err != nil {
			if errs, _ := invalid.As(err); hasCode(errs, mediation.Already) {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		if err := tx.UpdateSession(ctx, ses); err != nil {
			return nil, err
		}
		out = ses
		return event(u, m, casework.RecordMinutes, now, map[string]any{"session_id": ses.ID, "held_at": timeOrNil(ses.HeldAt)}), nil
	})
	return out, err
}

func sessionOf(ctx context.Context, tx *store.Tx, matterID, id int64) (mediation.Session, error) {
	list, err := tx.Sessions(ctx, matterID)
	if err != nil {
		return mediation.Session{}, err
	}
	for _, s := range list {
		if s.ID == id {
			return s, nil
		}
	}
	return mediation.Session{}, invalid.New("session_id", invalid.NotFound)
}

// ApplyRecusal records a party's application that a mediator withdraw: the matter is suspended
// (中止) and its mediation clock stops until the application is decided (R-L16).
func (s *Service) ApplyRecusal(ctx context.Context, p auth.Principal, number string, r mediation.Recusal) (mediation.Recusal, error) {
	_, err := s.onMatter(ctx, p, number, mediationHands, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		r.MatterID = m.ID
		if err := mediation.ValidateRecusal(*m, &r, now); err != nil {
			if errs, _ := invalid.As(err); errs.Has("state") {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		if _, err := tx.User(ctx, r.MediatorID); errors.Is(err, store.ErrNotFound) {
			return nil, invalid.New("mediator_id", invalid.NotFound)
		} else if err != nil {
			return nil, err
		}
		if err := tx.InsertRecusal(ctx, &r); err != nil {
			return nil, err
		}
		return nil, s.actLockedWith(ctx, tx, u, m, casework.Pause, casework.ActionInput{ReasonCode: casework.PauseRecusal, Note: r.Grounds}, now,
			map[string]any{"recusal_id": r.ID, "side": string(r.Side), "mediator_id": r.MediatorID})
	})
	return r, err
}

// DecideRecusal records the decision on an application: mediation resumes and its clock runs
// again; an upheld application takes the mediator off the sessions not yet held (R-L16).
func (s *Service) DecideRecusal(ctx context.Context, p auth.Principal, number string, id int64, upheld bool, decision string) (mediation.Recusal, error) {
	var r mediation.Recusal
	_, err := s.onMatter(ctx, p, number, []auth.Role{auth.Admin, auth.Supervisor}, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		var err error
		if r, err = tx.Recusal(ctx, m.ID, id); errors.Is(err, store.ErrNotFound) {
			return nil, invalid.New("recusal_id", invalid.NotFound)
		} else if err != nil {
			return nil, err
		}
		if err := r.Decide(upheld, decision, &u.ID, now); err != nil {
			return nil, invalid.Conflicting(err)
		}
		if err := tx.DecideRecusal(ctx, r); err != nil {
			return nil, err
		}
		withdrawn := 0
		if upheld {
			sessions, err := tx.Sessions(ctx, m.ID)
			if err != nil {
				return nil, err
			}
			for _, ses := range mediation.Withdraw(sessions, r.MediatorID) {
				if err := tx.UpdateSession(ctx, ses); err != nil {
					return nil, err
				}
				withdrawn++
			}
		}
		extra := map[string]any{"recusal_id": r.ID, "upheld": upheld, "decision": r.Decision, "sessions_changed": withdrawn}
		if err := tx.EndPauseFor(ctx, m.ID, casework.PauseRecusal, now, &u.ID); err != nil {
			return nil, err
		}
		if open, err := openPauses(ctx, tx, m.ID); err != nil {
			return nil, err
		} else if m.State == casework.Suspended && open == 0 { // a test still running keeps it suspended (R-L17)
			return nil, s.actLockedWith(ctx, tx, u, m, casework.Resume, casework.ActionInput{Note: r.Decision}, now, extra)
		}
		return event(u, m, casework.DecideRecusal, now, extra), nil
	})
	return r, err
}
