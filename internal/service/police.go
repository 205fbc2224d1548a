package service

import (
	"context"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// CodeFraudToPolice refuses fraud grounds on an ordinary referral: suspected fraud or
// extortion goes to the police through ReferToPolice, with the mark and the termination.
const CodeFraudToPolice = "court_fraud_to_police"

// PoliceInput is a suspected fraud or extortion to refer to the police (R-L10): the police
// department asked, the kinds of fraud (Order 121 Art.42), the facts, and when the answer is
// due (a clock, like every referral's).
type PoliceInput struct {
	DepartmentName string            `json:"department_name"`
	Grounds        []mediation.Fraud `json:"grounds"`
	Facts          string            `json:"facts"`
	Documents      []int64           `json:"documents,omitempty"`
	DueDate        *calendar.Date    `json:"due_date,omitempty"`
}

// PoliceReferral is the outcome of ReferToPolice: the matter marked 移送公安, the referral
// record (the one the referral workflow answers), and the termination when mediation ran.
type PoliceReferral struct {
	Status     string             `json:"status"` // mediation.StatusReferredToPolice
	Referral   mediation.Referral `json:"referral"`
	Terminated string             `json:"terminated,omitempty"` // the termination ground: T6 (T7 under Order 20)
	State      casework.State     `json:"state"`
}

// ReferToPolice refers a complaint whose complainant is suspected of fraud or extortion to
// the police (R-L10): the referral record of the departments' workflow (its due date a
// clock, answered like any other), the matter marked "referred to the police", and a running
// mediation terminated with T6 — the termination of the mediation code, so its notice to both
// parties falls due as for any termination. One transaction; a second fraud referral is 409.
func (s *Service) ReferToPolice(ctx context.Context, p auth.Principal, number string, in PoliceInput) (PoliceReferral, error) {
	var out PoliceReferral
	roles := []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator}
	_, err := s.onMatter(ctx, p, number, roles, func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		if prior, err := tx.FraudReferral(ctx, m.ID); err != nil {
			return nil, err
		} else if prior != nil {
			return nil, invalid.Conflicting(invalid.New("referral", mediation.Already))
		}
		d, err := mediation.OnFraud(*m, in.DepartmentName, in.Grounds, strings.TrimSpace(in.Facts), now)
		if err != nil {
			if e, _ := invalid.As(err); e.Has("state") {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		r := d.Referral
		r.ReferredBy, r.Documents, r.DueDate = &u.ID, in.Documents, in.DueDate
		if err := r.Validate(now); err != nil {
			return nil, err
		}
		for _, id := range r.Documents {
			if ok, err := tx.HasAttachment(ctx, m.ID, id); err != nil {
				return nil, err
			} else if !ok {
				return nil, invalid.New("documents", invalid.NotFound)
			}
		}
		if err := tx.InsertReferral(ctx, &r); err != nil {
			return nil, err
		}
		if err := tx.InsertReferralFlow(ctx, r); err != nil {
			return nil, err
		}
		grounds := make([]string, len(r.Grounds))
		for i, g := range r.Grounds {
			grounds[i] = string(g)
		}
		data := map[string]any{"referral_id": r.ID, "department": string(r.Department), "department_name": r.DepartmentName,
			"request": r.Request, "grounds": grounds, "basis": r.Basis, "status": d.Status}
		if r.DueDate != nil {
			data["due_date"] = r.DueDate.String()
		}
		out = PoliceReferral{Status: d.Status, Referral: r}
		if d.Terminate != nil {
			// The termination of the mediation code, with its clocks (the notice to both parties,
			// R-L19) and its own timeline entry; the referral's entry follows it.
			note := tr("zh-CN", "court.police.terminate_note", "police", r.DepartmentName)
			if err := s.actLockedWith(ctx, tx, u, m, casework.Terminate, casework.ActionInput{ReasonCode: d.Terminate.Code, Note: note}, now,
				map[string]any{"referral_id": r.ID, "status": d.Status}); err != nil {
				return nil, err
			}
			out.Terminated = d.Terminate.Code
			data["terminated"] = d.Terminate.Code
		}
		out.State = m.State
		return s.clockedEvent(ctx, tx, m, env, event(u, m, casework.Refer, now, data), now)
	})
	return out, err
}

// PoliceStatus is the matter's fraud referral to the police when it has one (R-L10: the
// mark 移送公安), else nil; read like the matter.
func (s *Service) PoliceStatus(ctx context.Context, p auth.Principal, number string) (*mediation.Referral, error) {
	v, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return nil, err
	}
	if !v.staff() {
		return nil, ErrForbidden
	}
	return s.store.FraudReferral(ctx, m.ID)
}
