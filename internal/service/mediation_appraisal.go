package service

import (
	"context"
	"slices"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// StartAppraisal records that testing or appraisal (检测、检验、鉴定) of a complaint began, from
// acceptance on: the agency the parties chose or the bureau designated, the costs the parties
// agreed and who bears them. The mediation clock stands still from its start (R-L17); a complaint
// being mediated goes to 中止 (suspended) like a recusal.
func (s *Service) StartAppraisal(ctx context.Context, p auth.Principal, number string, a mediation.Appraisal) (mediation.Appraisal, error) {
	_, err := s.onMatter(ctx, p, number, mediationHands, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		existing, err := tx.Appraisals(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		a.MatterID = m.ID
		if err := a.ValidateStart(*m, existing, now); err != nil {
			if errs, _ := invalid.As(err); errs.Has("state") || hasCode(errs, mediation.Already) {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		if err := tx.InsertAppraisal(ctx, &a, &u.ID); err != nil {
			return nil, err
		}
		extra := map[string]any{"appraisal_id": a.ID, "agency": a.Agency, "chosen_by": string(a.ChosenBy), "cost": int64(a.Cost),
			"payer": string(a.Payer), "started_at": a.StartedAt}
		if m.State == casework.Mediating {
			if err := s.actLockedWith(ctx, tx, u, m, casework.Pause, casework.ActionInput{ReasonCode: casework.PauseTesting, Note: a.Agency}, now, extra); err != nil {
				return nil, err
			}
			return nil, tx.SetPauseStart(ctx, m.ID, casework.PauseTesting, a.StartedAt) // the clock stood still from the test's start
		}
		if err := tx.StartPause(ctx, m.ID, casework.PauseTesting, a.StartedAt, &u.ID); err != nil {
			return nil, err
		}
		return event(u, m, casework.StartAppraisal, now, extra), nil
	})
	return a, err
}

// EndAppraisal records the end of the running testing or appraisal and its result: the
// mediation clock runs again, and a complaint suspended for it resumes mediation unless a
// recusal still holds it (R-L16, R-L17).
func (s *Service) EndAppraisal(ctx context.Context, p auth.Principal, number string, id int64, end time.Time, result string) (mediation.Appraisal, error) {
	var a mediation.Appraisal
	_, err := s.onMatter(ctx, p, number, mediationHands, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		list, err := tx.Appraisals(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(list, func(x mediation.Appraisal) bool { return x.ID == id })
		if i < 0 {
			return nil, invalid.New("appraisal_id", invalid.NotFound)
		}
		a = list[i]
		if end.IsZero() {
			end = now
		}
		if err := a.ValidateEnd(end, now, result); err != nil {
			if errs, _ := invalid.As(err); hasCode(errs, mediation.Already) {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		if err := tx.EndAppraisal(ctx, a, &u.ID); err != nil {
			return nil, err
		}
		if err := tx.EndPauseFor(ctx, m.ID, casework.PauseTesting, end, &u.ID); err != nil {
			return nil, err
		}
		extra := map[string]any{"appraisal_id": a.ID, "ended_at": end, "result": a.Result}
		if m.State == casework.Suspended {
			open, err := openPauses(ctx, tx, m.ID)
			if err != nil {
				return nil, err
			}
			if open == 0 {
				return nil, s.actLockedWith(ctx, tx, u, m, casework.Resume, casework.ActionInput{Note: a.Result}, now, extra)
			}
		}
		return event(u, m, casework.EndAppraisal, now, extra), nil
	})
	return a, err
}

func openPauses(ctx context.Context, tx *store.Tx, matterID int64) (int, error) {
	ps, err := tx.Pauses(ctx, matterID)
	n := 0
	for _, p := range ps {
		if p.To == nil {
			n++
		}
	}
	return n, err
}

// SaveFacts records what the case page's helpers work from: the day the complainant knew of the
// infringement and an override of the three-year suggestion (R-L8), the purchase (R-L46) and the
// prepaid card (R-L47). It replaces what was recorded before.
func (s *Service) SaveFacts(ctx context.Context, p auth.Principal, number string, f mediation.Facts) (mediation.Facts, error) {
	_, err := s.onMatter(ctx, p, number, mediationOffice, func(tx *store.Tx, u *auth.User, m *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		if err := f.Validate(*m, calendar.DateOf(now)); err != nil {
			if errs, _ := invalid.As(err); errs.Has("state") {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		if err := tx.SaveFacts(ctx, m.ID, f, &u.ID, now); err != nil {
			return nil, err
		}
		data := map[string]any{"purchase": f.Purchase != nil, "prepaid": f.Prepaid != nil}
		if f.KnownOn != nil {
			data["known_on"] = f.KnownOn.String()
		}
		if f.Override != nil {
			data["law_otherwise"] = f.Override.Note
		}
		h := mediation.HelpersFor(*m, f, calendar.DateOf(now))
		if h.Limitation != nil {
			data["suggest"] = h.Limitation.Reason.Code
		}
		return event(u, m, casework.RecordFacts, now, data), nil
	})
	return f, err
}

// AppraisalRunning is the code of a resume refused while a test runs: its result restarts the clock.
const AppraisalRunning = "appraisal_running"

// noTestRunning refuses to resume mediation by hand while a test is under way: the clock runs
// again when its result is recorded (R-L17).
func (s *Service) noTestRunning(ctx context.Context, tx *store.Tx, m *casework.Matter) error {
	list, err := tx.Appraisals(ctx, m.ID)
	if err != nil {
		return err
	}
	for _, a := range list {
		if a.EndedAt == nil {
			return invalid.Conflicting(invalid.New("appraisal_id", AppraisalRunning))
		}
	}
	return nil
}

// RecusalPending is the code of a resume refused while a recusal application awaits its
// decision: the decision itself resumes mediation (R-L16).
const RecusalPending = "recusal_pending"

// noRecusalPending refuses a resume by hand while a recusal is undecided: 中止 lasts until
// the application is decided (R-L16), and deciding it resumes the clock.
func noRecusalPending(ctx context.Context, tx *store.Tx, m *casework.Matter) error {
	list, err := tx.Recusals(ctx, m.ID)
	if err != nil {
		return err
	}
	for _, r := range list {
		if r.DecidedAt == nil {
			return invalid.Conflicting(invalid.New("recusal_id", RecusalPending))
		}
	}
	return nil
}

// endTests ends a test still under way when mediation ends without it (terminated, withdrawn):
// its record says so rather than running on (R-L17). The clock's pauses end with the action.
func endTests(ctx context.Context, tx *store.Tx, m *casework.Matter, ev *casework.Event, now time.Time) error {
	list, err := tx.Appraisals(ctx, m.ID)
	if err != nil {
		return err
	}
	for _, a := range list {
		if a.EndedAt != nil {
			continue
		}
		end := now
		a.EndedAt, a.Result = &end, "调解结束时检测鉴定尚未完成 / mediation ended before the result"
		if err := tx.EndAppraisal(ctx, a, ev.ActorID); err != nil {
			return err
		}
		if ev.Data == nil {
			ev.Data = map[string]any{}
		}
		ev.Data["appraisal_ended"] = a.ID
	}
	return nil
}
