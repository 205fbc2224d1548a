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
	"weiquan/internal/court"
	"weiquan/internal/document"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// Who works with the court: the office's heads and mediators act for the centre; a judge
// acts for the court (delegates, guides, rules) on the court's own matters.
var (
	courtCentre = []auth.Role{auth.Admin, auth.Supervisor, auth.Mediator, auth.Operator}
	courtSide   = []auth.Role{auth.Admin, auth.Supervisor, auth.Judge}
)

// CourtDelegationInput is a dispute the court delegates: the dispute as any intake, and the
// court's particulars. A judge delegates for the judge's own court.
type CourtDelegationInput struct {
	Dispute        casework.IntakeInput `json:"dispute"`
	CourtStationID *int64               `json:"court_station_id,omitempty"`
	CourtName      string               `json:"court_name,omitempty"`
	CourtRef       string               `json:"court_ref,omitempty"`
	JudgeName      string               `json:"judge_name,omitempty"`
	Stage          court.Stage          `json:"stage"`
	DelegatedOn    calendar.Date        `json:"delegated_on,omitzero"`
}

// clockedEvent syncs the matter's clocks after a change and puts what moved on the event.
func (s *Service) clockedEvent(ctx context.Context, tx *store.Tx, m *casework.Matter, env clockEnvironment, ev *casework.Event, now time.Time) (*casework.Event, error) {
	changes, err := s.syncClocks(ctx, tx, m, env, now)
	if err != nil {
		return nil, err
	}
	if len(changes) > 0 {
		ev.Data["deadlines"] = changes
		m.UpdatedAt = now
		if err := tx.UpdateMatter(ctx, m); err != nil {
			return nil, err
		}
	}
	return ev, nil
}

// DelegateFromCourt registers a dispute the court delegates for mediation (R-L33): a new
// matter from the court, the delegation with the 3 working days to accept or decline as a
// clock, on the timeline — in one transaction.
func (s *Service) DelegateFromCourt(ctx context.Context, p auth.Principal, in CourtDelegationInput) (casework.Matter, court.Delegation, error) {
	u := p.User
	if !p.System && p.Court == 0 && (u == nil || !slices.Contains(courtSide, u.Role)) {
		return casework.Matter{}, court.Delegation{}, ErrForbidden
	}
	now := s.now()
	today := calendar.DateOf(now)
	d := court.Delegation{CourtStationID: in.CourtStationID, CourtName: in.CourtName, CourtRef: in.CourtRef, JudgeName: in.JudgeName,
		Stage: in.Stage, DelegatedOn: in.DelegatedOn, CreatedAt: now}
	if u != nil && u.Role == auth.Judge {
		if u.StationID == nil {
			return casework.Matter{}, court.Delegation{}, ErrForbidden
		}
		d.CourtStationID, d.JudgeID, d.JudgeName = u.StationID, &u.ID, u.Name()
	}
	if p.Court != 0 && u == nil { // the court's system, by its key: for its own court only
		c := p.Court
		d.CourtStationID, d.JudgeID = &c, nil
	}
	if d.CourtStationID != nil {
		st, err := s.store.Station(ctx, *d.CourtStationID)
		if errors.Is(err, store.ErrNotFound) {
			return casework.Matter{}, court.Delegation{}, invalid.New("court_station_id", invalid.NotFound)
		}
		if err != nil {
			return casework.Matter{}, court.Delegation{}, err
		}
		d.CourtName = st.Name
	}
	in.Dispute.Kind, in.Dispute.Channel, in.Dispute.AlsoReport = casework.Complaint, casework.TransferDepartment, false
	in.Dispute.Normalize()
	var errs invalid.Errors
	if err := in.Dispute.Validate(now); err != nil {
		e, _ := invalid.As(err)
		errs = append(errs, e...)
	}
	if err := d.Validate(today); err != nil {
		e, _ := invalid.As(err)
		errs = append(errs, e...)
	}
	if err := errs.Err(); err != nil {
		return casework.Matter{}, court.Delegation{}, err
	}
	var m casework.Matter
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		env, err := s.clockEnv(ctx, tx)
		if err != nil {
			return err
		}
		if d.AcceptDue, err = court.AcceptDue(env.cal, d.DelegatedOn); err != nil {
			return err
		}
		ms, err := s.intakeTx(ctx, tx, u, in.Dispute, now)
		if err != nil {
			return err
		}
		m = ms[0]
		d.MatterID = m.ID
		var by *int64
		if u != nil {
			by = &u.ID
		}
		if err := tx.InsertCourtDelegation(ctx, &d, by); err != nil {
			return err
		}
		ev := event(u, &m, casework.CourtDelegated, now, map[string]any{"court": d.CourtName, "court_ref": d.CourtRef, "judge": d.JudgeName,
			"stage": string(d.Stage), "delegated_on": d.DelegatedOn.String(), "accept_due": d.AcceptDue.String()})
		if u == nil && p.Court != 0 {
			ev.ActorName = d.CourtName + " (API)"
			ev.Data["via"] = "court_api_key"
		}
		if ev, err = s.clockedEvent(ctx, tx, &m, env, ev, now); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, ev)
	})
	d.Number = m.Number
	return m, d, err
}

// onDelegation runs a step on a matter's delegation in one transaction.
func (s *Service) onDelegation(ctx context.Context, p auth.Principal, number string, roles []auth.Role,
	fn func(tx *store.Tx, u *auth.User, m *casework.Matter, d *court.Delegation, env clockEnvironment, now time.Time) (*casework.Event, error)) (court.Delegation, error) {
	var out court.Delegation
	_, err := s.onMatter(ctx, p, number, roles, func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		d, err := tx.CourtDelegation(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if d == nil {
			return nil, invalid.Conflicting(invalid.New("delegation", court.CodeNotAccepted))
		}
		if u.Role == auth.Judge && !eqID(d.CourtStationID, stationOf(u)) {
			return nil, store.ErrNotFound
		}
		ev, err := fn(tx, u, m, d, env, now)
		if err != nil {
			return nil, err
		}
		if err := tx.UpdateCourtDelegation(ctx, *d); err != nil {
			return nil, err
		}
		out = *d
		out.Number = m.Number
		return s.clockedEvent(ctx, tx, m, env, ev, now)
	})
	return out, err
}

func stationOf(u *auth.User) int64 {
	if u.StationID == nil {
		return 0
	}
	return *u.StationID
}

// DecideDelegation records the centre's acceptance or refusal of a delegation (R-L33): a
// decision after the 3 working days is kept and marked late; acceptance starts the period.
func (s *Service) DecideDelegation(ctx context.Context, p auth.Principal, number string, dec court.Decision, on calendar.Date, reason string) (court.Delegation, error) {
	return s.onDelegation(ctx, p, number, courtCentre, func(tx *store.Tx, u *auth.User, m *casework.Matter, d *court.Delegation, env clockEnvironment, now time.Time) (*casework.Event, error) {
		if on.IsZero() {
			on = calendar.DateOf(now)
		}
		if on.After(calendar.DateOf(now)) {
			return nil, invalid.New("decided_on", invalid.Future)
		}
		if err := d.CheckDecide(dec, on, reason); err != nil {
			if e, _ := invalid.As(err); e.Has("decision") && d.Decision != "" {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		late, err := court.AcceptedLate(env.cal, d.DelegatedOn, on)
		if err != nil {
			return nil, err
		}
		d.Decision, d.DecidedOn, d.Late, d.DeclineReason = dec, on, late, strings.TrimSpace(reason)
		if dec == court.Accept {
			d.ConfirmedOn = on
		}
		return event(u, m, casework.CourtDecided, now, map[string]any{"decision": string(dec), "decided_on": on.String(), "late": late, "reason": d.DeclineReason}), nil
	})
}

// ExtendCourtPeriod lengthens the delegated period, only with every party's consent (R-L33).
func (s *Service) ExtendCourtPeriod(ctx context.Context, p auth.Principal, number string, e court.Extension, reason string) (court.Delegation, error) {
	return s.onDelegation(ctx, p, number, courtCentre, func(tx *store.Tx, u *auth.User, m *casework.Matter, d *court.Delegation, env clockEnvironment, now time.Time) (*casework.Event, error) {
		if err := d.CheckRunning(); err != nil {
			return nil, invalid.Conflicting(err)
		}
		if err := court.CheckExtension(e, parties(m)); err != nil {
			return nil, err
		}
		if err := tx.InsertCourtExtension(ctx, d.ID, e, strings.TrimSpace(reason), now, &u.ID); err != nil {
			return nil, err
		}
		d.Extensions = append(d.Extensions, e)
		return event(u, m, casework.CourtExtended, now, map[string]any{"days": e.Days, "consents": e.Consents, "reason": strings.TrimSpace(reason)}), nil
	})
}

// parties are the parties to a dispute by name: the consumer and the merchant.
func parties(m *casework.Matter) []string {
	var out []string
	for _, n := range []string{m.Consumer.Name, m.MerchantName} {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// CourtAppraisal starts (end false) or ends an appraisal: its days do not count in the period (R-L33).
func (s *Service) CourtAppraisal(ctx context.Context, p auth.Principal, number string, on calendar.Date, what string, end bool) (court.Delegation, error) {
	return s.onDelegation(ctx, p, number, courtCentre, func(tx *store.Tx, u *auth.User, m *casework.Matter, d *court.Delegation, env clockEnvironment, now time.Time) (*casework.Event, error) {
		if err := d.CheckRunning(); err != nil {
			return nil, invalid.Conflicting(err)
		}
		if on.IsZero() {
			on = calendar.DateOf(now)
		}
		if on.After(calendar.DateOf(now)) {
			return nil, invalid.New("on", invalid.Future)
		}
		running := len(d.Appraisals) > 0 && d.Appraisals[len(d.Appraisals)-1].To == nil
		if end {
			if !running || on.Before(d.Appraisals[len(d.Appraisals)-1].From) {
				return nil, invalid.Conflicting(invalid.New("on", invalid.Conflict))
			}
			if _, err := tx.EndCourtAppraisal(ctx, d.ID, on); err != nil {
				return nil, err
			}
			d.Appraisals[len(d.Appraisals)-1].To = &on
		} else {
			if running {
				return nil, invalid.Conflicting(invalid.New("on", invalid.Conflict))
			}
			if err := tx.InsertCourtAppraisal(ctx, d.ID, on, strings.TrimSpace(what)); err != nil {
				return nil, err
			}
			d.Appraisals = append(d.Appraisals, court.Span{From: on})
		}
		return event(u, m, casework.CourtAppraisal, now, map[string]any{"on": on.String(), "ended": end, "what": strings.TrimSpace(what)}), nil
	})
}

// SendCourtResult sends the delegated mediation's result back to the court as a document,
// kept with its SHA-256; the period's clock is met.
func (s *Service) SendCourtResult(ctx context.Context, p auth.Principal, number string, result court.Result, note, lang string) (court.Delegation, store.DocumentRow, error) {
	if result != court.Agreed && result != court.Failed {
		return court.Delegation{}, store.DocumentRow{}, invalid.New("result", invalid.OneOf, "values", "agreed, failed")
	}
	if lang == "" {
		lang = "zh-CN"
	}
	_, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return court.Delegation{}, store.DocumentRow{}, err
	}
	d0, err := s.store.CourtDelegation(ctx, m.ID)
	if err != nil {
		return court.Delegation{}, store.DocumentRow{}, err
	}
	if d0 == nil {
		return court.Delegation{}, store.DocumentRow{}, invalid.Conflicting(invalid.New("delegation", court.CodeNotAccepted))
	}
	if err := d0.CheckRunning(); err != nil {
		return court.Delegation{}, store.DocumentRow{}, invalid.Conflicting(err)
	}
	office, err := s.office(ctx)
	if err != nil {
		return court.Delegation{}, store.DocumentRow{}, err
	}
	now := s.now()
	t := func(k string, args ...string) string { return tr(lang, k, args...) }
	paper := document.Paper{Kind: "court_result", Lang: lang, Office: office, CaseNumber: m.Number, To: d0.CourtName, IssuedAt: now,
		Sections: []document.Section{{Rows: [][2]string{
			{t("court.f.court_ref"), d0.CourtRef}, {t("court.f.stage"), t("court.stage." + string(d0.Stage))},
			{t("court.f.delegated_on"), d0.DelegatedOn.String()}, {t("court.f.confirmed_on"), d0.ConfirmedOn.String()},
			{t("court.f.complainant"), m.Consumer.Name}, {t("court.f.respondent"), m.MerchantName},
			{t("court.f.result"), t("court.result." + string(result))}}},
			{Heading: t("court.f.facts"), Paras: paras(m.Facts)},
			{Heading: t("court.f.note"), Paras: paras(note)}}}
	issued, err := document.IssuePaper(ctx, s.Printer, paper)
	if err != nil && !errors.Is(err, document.ErrNoChromium) {
		return court.Delegation{}, store.DocumentRow{}, err
	}
	row := store.DocumentRow{MatterID: m.ID, Kind: "court_result", Lang: lang, Version: 1, HTML: issued.HTML, HTMLSHA256: issued.HTMLSHA256,
		PDF: issued.PDF, PDFSHA256: issued.PDFSHA256, IssuedAt: now}
	d, err := s.onDelegation(ctx, p, number, append(courtCentre, auth.Judge), func(tx *store.Tx, u *auth.User, m *casework.Matter, d *court.Delegation, env clockEnvironment, now time.Time) (*casework.Event, error) {
		if err := d.CheckRunning(); err != nil {
			return nil, invalid.Conflicting(err)
		}
		row.IssuedBy = &u.ID
		if err := tx.InsertDocument(ctx, &row); err != nil {
			return nil, err
		}
		at := now
		d.Result, d.ResultNote, d.ResultAt, d.ResultDocID = result, strings.TrimSpace(note), &at, &row.ID
		return event(u, m, casework.CourtResult, now, map[string]any{"result": string(result), "document_id": row.ID,
			"html_sha256": row.HTMLSHA256, "pdf_sha256": row.PDFSHA256}), nil
	})
	return d, row, err
}

// JudgeAtSession records a judge's presence at an online session and the guidance given,
// on the timeline: the judge of the delegating court, or the office for the judge.
func (s *Service) JudgeAtSession(ctx context.Context, p auth.Principal, number string, sessionID int64, judge, guidance string) (casework.Matter, error) {
	judge, guidance = strings.TrimSpace(judge), strings.TrimSpace(guidance)
	return s.onMatter(ctx, p, number, append(courtCentre, auth.Judge), func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		d, err := tx.CourtDelegation(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if d == nil || u.Role == auth.Judge && !eqID(d.CourtStationID, stationOf(u)) {
			return nil, invalid.Conflicting(invalid.New("delegation", court.CodeNotAccepted))
		}
		if u.Role == auth.Judge {
			judge = u.Name()
		}
		var errs invalid.Errors
		errs.Need("judge", judge)
		errs.MaxLen("guidance", guidance, 4000)
		if err := errs.Err(); err != nil {
			return nil, err
		}
		sessions, err := tx.Sessions(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		link := ""
		found := false
		for _, ses := range sessions {
			if ses.ID == sessionID {
				found, link = true, ses.MeetingLink
			}
		}
		if !found {
			return nil, invalid.New("session_id", invalid.NotFound)
		}
		return event(u, m, casework.JudgeGuidance, now, map[string]any{"session_id": sessionID, "judge": judge, "guidance": guidance, "meeting_link": link}), nil
	})
}

// office is the issuing body as the settings name it.
func (s *Service) office(ctx context.Context) (document.Office, error) {
	set, err := s.settings(ctx)
	return set.Office, err
}

// tr is a message of the catalog in lang.
func tr(lang, key string, args ...string) string { return i18n.T(lang, key, args...) }

// paras splits typed text into its non-empty lines.
func paras(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
