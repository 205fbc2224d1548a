package service

import (
	"context"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// CallbackInput is what the callback found: whether the consumer was reached, satisfaction 1–5, a comment.
type CallbackInput struct {
	Reached      bool   `json:"reached"`
	Satisfaction *int   `json:"satisfaction,omitempty"`
	Comment      string `json:"comment,omitempty"`
}

// RecordCallback records the callback of a closed complaint (R-L23): the consumer reached or
// not, satisfaction 1–5 and a comment, once. The satisfaction is the matter's, so the report's
// satisfaction figures count it.
func (s *Service) RecordCallback(ctx context.Context, p auth.Principal, number string, in CallbackInput) (mediation.Callback, error) {
	var cb mediation.Callback
	_, err := s.onMatter(ctx, p, number, mediationOffice, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		if m.Kind != casework.Complaint || m.State != casework.Closed {
			return nil, invalid.Conflicting(invalid.New("state", mediation.WrongState, "state", string(m.State)))
		}
		have, err := tx.Callback(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if have == nil {
			have = &mediation.Callback{MatterID: m.ID, CreatedAt: now} // a complaint outside the sample may still be called back
			if err := tx.InsertCallback(ctx, have); err != nil {
				return nil, err
			}
		}
		cb = *have
		if err := cb.Record(in.Reached, in.Satisfaction, in.Comment, &u.ID, now); err != nil {
			if errs, _ := invalid.As(err); errs.Has("callback") {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		if err := tx.UpdateCallback(ctx, cb); err != nil {
			return nil, err
		}
		data := map[string]any{"reached": cb.Reached}
		if cb.Satisfaction != nil {
			v := *cb.Satisfaction
			m.Satisfaction, m.UpdatedAt = &v, now
			if err := tx.UpdateMatter(ctx, m); err != nil {
				return nil, err
			}
			data["satisfaction"] = v
		}
		return event(u, m, casework.Callback, now, data), nil
	})
	return cb, err
}
