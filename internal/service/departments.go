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
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/notify"
	"weiquan/internal/reward"
	"weiquan/internal/store"
)

// Refer sends a matter to another department (C7): what is asked, which documents, by when
// — the due date a clock — on the timeline.
func (s *Service) Refer(ctx context.Context, p auth.Principal, number string, r mediation.Referral) (mediation.Referral, error) {
	_, err := s.onMatter(ctx, p, number, mediationOffice, func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		r.MatterID, r.Direction, r.ReferredAt, r.ReferredBy, r.Answer = m.ID, mediation.Outgoing, now, &u.ID, nil
		if err := r.Validate(now); err != nil {
			return nil, err
		}
		if len(r.Grounds) > 0 { // fraud or extortion: the police, the mark and T6 come together (ReferToPolice)
			return nil, invalid.New("grounds", CodeFraudToPolice)
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
		data := map[string]any{"referral_id": r.ID, "department": string(r.Department), "department_name": r.DepartmentName, "request": r.Request}
		if r.DueDate != nil {
			data["due_date"] = r.DueDate.String()
		}
		return s.clockedEvent(ctx, tx, m, env, event(u, m, casework.Refer, now, data), now)
	})
	return r, err
}

// AnswerReferral records a department's answer to a referral (C7): only the department asked
// may answer (422 naming it), once (409); the clock is met, the answer on the timeline.
func (s *Service) AnswerReferral(ctx context.Context, p auth.Principal, number string, id int64, a mediation.ReferralAnswer) (mediation.Referral, error) {
	var out mediation.Referral
	_, err := s.onMatter(ctx, p, number, append(mediationOffice, auth.Judge), func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		r, err := tx.LockReferral(ctx, m.ID, id)
		if err != nil {
			return nil, err
		}
		if r.Answer != nil {
			return nil, invalid.Conflicting(invalid.New("answer", mediation.Already))
		}
		if u.Role == auth.Judge && u.StationID != nil {
			st, err := tx.Station(ctx, *u.StationID)
			if err != nil {
				return nil, err
			}
			a.DepartmentName = st.Name // a judge answers for the judge's court
		}
		if strings.TrimSpace(a.DepartmentName) != r.DepartmentName {
			return nil, invalid.New("department_name", court.CodeNotAsked, "department", r.DepartmentName)
		}
		a.RecordedBy = &u.ID
		if err := r.ValidateAnswer(&a, now); err != nil {
			return nil, err
		}
		for _, id := range a.Documents { // the answer's documents are files on the matter, as the referral's are
			if ok, err := tx.HasAttachment(ctx, m.ID, id); err != nil {
				return nil, err
			} else if !ok {
				return nil, invalid.New("documents", invalid.NotFound)
			}
		}
		r.Answer = &a
		if err := tx.AnswerReferral(ctx, r, &u.ID); err != nil {
			return nil, err
		}
		out = r
		ev := event(u, m, casework.ReferralAnswered, now, map[string]any{"referral_id": r.ID, "department_name": a.DepartmentName, "text": a.Text,
			"documents": a.Documents})
		return s.clockedEvent(ctx, tx, m, env, ev, now)
	})
	return out, err
}

// IncomingReferral is a matter another department refers to us: the referral and the matter as any intake.
type IncomingReferral struct {
	Referral mediation.Referral   `json:"referral"`
	Matter   casework.IntakeInput `json:"matter"`
}

// ReceiveReferral registers a referral from another department: it becomes a matter
// (channel transfer_department) with the referral on its record and timeline.
func (s *Service) ReceiveReferral(ctx context.Context, p auth.Principal, in IncomingReferral) (casework.Matter, error) {
	u := p.User
	if u == nil || !slices.Contains(courtCentre, u.Role) { // the office registers it; a judge would not see the matter
		return casework.Matter{}, ErrForbidden
	}
	now := s.now()
	in.Matter.Channel = casework.TransferDepartment
	in.Matter.Normalize()
	r := in.Referral
	r.Direction, r.ReferredBy, r.Answer = mediation.Incoming, &u.ID, nil
	var errs invalid.Errors
	if err := in.Matter.Validate(now); err != nil {
		e, _ := invalid.As(err)
		errs = append(errs, e...)
	}
	if err := r.Validate(now); err != nil {
		e, _ := invalid.As(err)
		for i := range e {
			e[i].Field = "referral." + e[i].Field
		}
		errs = append(errs, e...)
	}
	if err := errs.Err(); err != nil {
		return casework.Matter{}, err
	}
	var m casework.Matter
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		ms, err := s.intakeTx(ctx, tx, u, in.Matter, now)
		if err != nil {
			return err
		}
		m = ms[0]
		r.MatterID = m.ID
		if err := tx.InsertReferral(ctx, &r); err != nil {
			return err
		}
		if err := tx.InsertReferralFlow(ctx, r); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, event(u, &m, casework.Refer, now, map[string]any{"referral_id": r.ID, "direction": "in",
			"department": string(r.Department), "department_name": r.DepartmentName, "request": r.Request}))
	})
	return m, err
}

// TellNoAuthority sends the reporter (or complainant) the "no authority" notice naming the
// bureau that has authority (R-L12), through the outbox, on the timeline.
func (s *Service) TellNoAuthority(ctx context.Context, p auth.Principal, number, competent string) (casework.Matter, error) {
	competent = strings.TrimSpace(competent)
	return s.onMatter(ctx, p, number, []auth.Role{auth.Admin, auth.Supervisor, auth.Operator}, func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		if err := court.CheckNoAuthority(competent); err != nil {
			return nil, err
		}
		var errs invalid.Errors
		errs.MaxLen("competent", competent, 200)
		if err := errs.Err(); err != nil {
			return nil, err
		}
		office, err := s.officeTx(ctx, tx)
		if err != nil {
			return nil, err
		}
		body := tr("zh-CN", "court.no_authority.sms", "number", m.Number, "office", office.Name, "competent", competent)
		id := m.ID
		msg := notify.Message{Kind: "no_authority", Channel: notify.SMS, Recipient: m.Consumer.Phone, Lang: "zh-CN", Body: body, MatterID: &id,
			CreatedAt: now, Payload: map[string]any{"number": m.Number, "competent": competent}}
		if msg.Recipient == "" {
			msg.Channel, msg.Recipient = notify.Internal, m.Consumer.Name
		}
		if msg.Recipient == "" {
			msg.Recipient = "—"
		}
		if err := msg.Validate(); err != nil {
			return nil, err
		}
		if err := tx.AddMessage(ctx, &msg); err != nil {
			return nil, err
		}
		if err := s.mailCopy(ctx, tx, m, "no_authority", body, now); err != nil { // a portal filer who gave an e-mail address
			return nil, err
		}
		return event(u, m, casework.NoAuthority, now, map[string]any{"competent": competent, "message_id": msg.ID, "channel": msg.Channel}), nil
	})
}

func (s *Service) officeTx(ctx context.Context, tx *store.Tx) (document.Office, error) {
	set, err := settingsTx(ctx, tx)
	return set.Office, err
}

// ReturnToIntake returns a matter a unit has no authority over to the unit that took it in
// (R-L13): the station lets go of it, it waits for dispatch again; sending it to any other
// unit is refused — the receiving unit never transfers onward.
func (s *Service) ReturnToIntake(ctx context.Context, p auth.Principal, number string, toStationID *int64, reason string) (casework.Matter, error) {
	reason = strings.TrimSpace(reason)
	return s.onMatter(ctx, p, number, []auth.Role{auth.Admin, auth.Supervisor, auth.Mediator, auth.Judge}, func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		var to int64
		if toStationID != nil {
			to = *toStationID
		}
		if err := court.CheckReturn(0, to); err != nil {
			return nil, err
		}
		var errs invalid.Errors
		errs.Need("reason", reason)
		errs.MaxLen("reason", reason, 2000)
		if err := errs.Err(); err != nil {
			return nil, err
		}
		if m.StationID == nil || m.State != casework.Dispatched {
			return nil, invalid.Conflicting(invalid.New("state", mediation.WrongState, "state", string(m.State)))
		}
		if u.Role != auth.Admin && u.Role != auth.Supervisor && !eqID(m.StationID, stationOf(u)) {
			return nil, ErrForbidden
		}
		from := *m.StationID
		ev := casework.Event{MatterID: m.ID, At: now, Action: casework.ReturnToIntake, From: m.State, To: casework.Accepted,
			Data: map[string]any{"from_station_id": from, "reason": reason}}
		ac := actor(u)
		ev.ActorID, ev.ActorName = ac.ID, ac.Name
		m.StationID, m.AssigneeID, m.State, m.UpdatedAt = nil, nil, casework.Accepted, now
		if err := tx.UpdateMatter(ctx, m); err != nil {
			return nil, err
		}
		return s.clockedEvent(ctx, tx, m, env, &ev, now)
	})
}

// RecordMeeting keeps a joint meeting (联席会议): the departments present, the matters
// discussed and its decisions, each with an owner and a due date tracked as a clock on the
// matter it concerns; each matter discussed gets the meeting on its timeline.
func (s *Service) RecordMeeting(ctx context.Context, p auth.Principal, mt court.Meeting) (court.Meeting, error) {
	u := p.User
	if u == nil || !slices.Contains([]auth.Role{auth.Admin, auth.Supervisor}, u.Role) {
		return court.Meeting{}, ErrForbidden
	}
	sc, err := s.userScope(ctx, u)
	if err != nil {
		return court.Meeting{}, err
	}
	now := s.now()
	if err := mt.Validate(calendar.DateOf(now)); err != nil {
		return court.Meeting{}, err
	}
	mt.CreatedAt, mt.AreaID = now, u.AreaID
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		env, err := s.clockEnv(ctx, tx)
		if err != nil {
			return err
		}
		numbers := slices.Clone(mt.Matters)
		for _, d := range mt.Decisions {
			if d.Number != "" && !slices.Contains(numbers, d.Number) {
				numbers = append(numbers, d.Number)
			}
		}
		slices.Sort(numbers)
		locked := map[string]*casework.Matter{}
		for _, n := range numbers {
			m, err := tx.LockMatter(ctx, strings.TrimSpace(n))
			if errors.Is(err, store.ErrNotFound) || err == nil && !Visible(sc, &m) {
				return invalid.New("matters", invalid.NotFound, "value", n)
			}
			if err != nil {
				return err
			}
			locked[n] = &m
		}
		for i := range mt.Decisions {
			if n := mt.Decisions[i].Number; n != "" {
				id := locked[n].ID
				mt.Decisions[i].MatterID = &id
			}
		}
		if err := tx.InsertMeeting(ctx, &mt, &u.ID); err != nil {
			return err
		}
		for _, n := range numbers {
			m := locked[n]
			var decs []string
			for _, d := range mt.Decisions {
				if d.Number == n {
					decs = append(decs, d.Text+" ("+d.Owner+", "+d.DueOn.String()+")")
				}
			}
			ev := event(u, m, casework.MeetingDiscussed, now, map[string]any{"meeting_id": mt.ID, "title": mt.Title, "held_on": mt.HeldOn.String(),
				"departments": mt.Departments, "decisions": decs})
			ev, err := s.clockedEvent(ctx, tx, m, env, ev, now)
			if err != nil {
				return err
			}
			if err := tx.AppendEvent(ctx, ev); err != nil {
				return err
			}
		}
		return nil
	})
	return mt, err
}

// DecisionDone marks a joint meeting's decision carried out: its clock on the matter is met.
func (s *Service) DecisionDone(ctx context.Context, p auth.Principal, meetingID, decisionID int64, note string) (court.MeetingDecision, error) {
	u := p.User
	if u == nil || !slices.Contains([]auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator}, u.Role) {
		return court.MeetingDecision{}, ErrForbidden
	}
	sc, err := s.userScope(ctx, u)
	if err != nil {
		return court.MeetingDecision{}, err
	}
	now := s.now()
	var out court.MeetingDecision
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		d, err := tx.MeetingDecision(ctx, meetingID, decisionID)
		if err != nil {
			return err
		}
		var m casework.Matter
		if d.MatterID != nil {
			if m, err = tx.LockMatterID(ctx, *d.MatterID); err != nil {
				return err
			}
			if !Visible(sc, &m) {
				return store.ErrNotFound
			}
		}
		ok, err := tx.DoneMeetingDecision(ctx, meetingID, decisionID, strings.TrimSpace(note), now)
		if err != nil {
			return err
		}
		if !ok {
			return invalid.Conflicting(invalid.New("decision", mediation.Already))
		}
		at := now
		d.DoneAt, d.DoneNote, out = &at, strings.TrimSpace(note), d
		out.DoneAt, out.DoneNote = &at, d.DoneNote
		if d.MatterID == nil {
			return nil
		}
		env, err := s.clockEnv(ctx, tx)
		if err != nil {
			return err
		}
		ev, err := s.clockedEvent(ctx, tx, &m, env, event(u, &m, casework.MeetingDecisionDone, now, map[string]any{"meeting_id": meetingID,
			"decision_id": decisionID, "text": d.Text, "note": d.DoneNote}), now)
		if err != nil {
			return err
		}
		return tx.AppendEvent(ctx, ev)
	})
	return out, err
}

// Meetings lists the joint meetings for staff.
func (s *Service) Meetings(ctx context.Context, p auth.Principal) ([]court.Meeting, error) {
	if p.User == nil || !p.User.Role.Staff() || p.User.Role == auth.Judge {
		return nil, ErrForbidden
	}
	return s.store.Meetings(ctx)
}

// Meeting reads one joint meeting with its decisions, for staff.
func (s *Service) Meeting(ctx context.Context, p auth.Principal, id int64) (court.Meeting, error) {
	if p.User == nil || !p.User.Role.Staff() || p.User.Role == auth.Judge {
		return court.Meeting{}, ErrForbidden
	}
	return s.store.Meeting(ctx, id)
}

// MeetingMinutes prints a joint meeting's minutes: the HTML print layout, and the PDF when
// the server has Chromium.
func (s *Service) MeetingMinutes(ctx context.Context, p auth.Principal, id int64, lang string) (document.Issued, error) {
	if p.User == nil || !p.User.Role.Staff() || p.User.Role == auth.Judge {
		return document.Issued{}, ErrForbidden
	}
	if lang != "en" {
		lang = "zh-CN"
	}
	mt, err := s.store.Meeting(ctx, id)
	if err != nil {
		return document.Issued{}, err
	}
	office, err := s.office(ctx)
	if err != nil {
		return document.Issued{}, err
	}
	t := func(k string, args ...string) string { return tr(lang, k, args...) }
	sep := "、"
	if lang == "en" {
		sep = ", "
	}
	secs := []document.Section{{Rows: [][2]string{{t("court.f.title"), mt.Title}, {t("court.f.held_on"), mt.HeldOn.String()},
		{t("court.f.place"), mt.Place}, {t("court.f.departments"), strings.Join(mt.Departments, sep)}, {t("court.f.matters"), strings.Join(mt.Matters, sep)}}},
		{Heading: t("court.f.minutes"), Paras: paras(mt.Minutes)}}
	var rows [][2]string
	for i, d := range mt.Decisions {
		status := t("court.decision.open")
		if d.DoneAt != nil {
			status = t("court.decision.done", "on", calendar.DateOf(*d.DoneAt).String())
		}
		rows = append(rows, [2]string{itoa(int64(i + 1)), d.Text + " — " + d.Owner + " — " + d.DueOn.String() + " — " + status})
	}
	if len(rows) > 0 {
		secs = append(secs, document.Section{Heading: t("court.f.decisions"), Rows: rows})
	}
	iss, err := document.IssuePaper(ctx, s.Printer, document.Paper{Kind: "meeting_minutes", Lang: lang, Office: office,
		CaseNumber: "JM-" + itoa(mt.ID), Sections: secs, IssuedAt: mt.CreatedAt}) // dated as recorded: a reprint of the same record is the same
	if errors.Is(err, document.ErrNoChromium) {
		err = nil
	}
	return iss, err
}

// NotifyReporter tells a real-name reporter of the filing decision under Order 20 (R-L44),
// through the outbox; the 5-working-day clock is met. Refused for an anonymous reporter
// (422), before the decision or a second time (409).
func (s *Service) NotifyReporter(ctx context.Context, p auth.Principal, number string) (casework.Matter, error) {
	return s.onMatter(ctx, p, number, []auth.Role{auth.Admin, auth.Supervisor}, func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		if !casework.RealNameReporter(*m) { // the same reporters the clock runs for (R-L44)
			return nil, invalid.New("reporter", court.CodeNotRealName)
		}
		if m.Outcome != casework.OutcomeFiled && m.Outcome != casework.OutcomeNotFiled {
			return nil, invalid.Conflicting(invalid.New("state", mediation.WrongState, "state", string(m.State)))
		}
		if sent, err := tx.ReporterNoticeSent(ctx, m.ID); err != nil {
			return nil, err
		} else if sent != nil {
			return nil, invalid.Conflicting(invalid.New("notice", mediation.Already))
		}
		office, err := s.officeTx(ctx, tx)
		if err != nil {
			return nil, err
		}
		body := tr("zh-CN", "court.reporter_notice.sms."+string(m.Outcome), "number", m.Number, "office", office.Name)
		id := m.ID
		msg := notify.Message{Kind: "reporter_notice", Channel: notify.SMS, Recipient: m.Consumer.Phone, Lang: "zh-CN", Body: body, MatterID: &id,
			CreatedAt: now, Payload: map[string]any{"number": m.Number, "outcome": string(m.Outcome)}}
		if msg.Recipient == "" { // a reporter who wrote a letter: kept as an internal notice, sent by post
			msg.Channel, msg.Recipient = notify.Internal, m.Consumer.Name
		}
		if err := msg.Validate(); err != nil {
			return nil, err
		}
		if err := tx.AddMessage(ctx, &msg); err != nil {
			return nil, err
		}
		if err := s.mailCopy(ctx, tx, m, "reporter_notice", body, now); err != nil { // a portal filer who gave an e-mail address
			return nil, err
		}
		if err := tx.InsertReporterNotice(ctx, m.ID, &msg.ID, &u.ID, now); err != nil {
			return nil, err
		}
		ev := event(u, m, casework.ReporterNotified, now, map[string]any{"message_id": msg.ID, "outcome": string(m.Outcome)})
		return s.clockedEvent(ctx, tx, m, env, ev, now)
	})
}

// Reward works out the reward for a report of a major violation (R-L26) on its case page:
// only for staff who may know the reporter.
func (s *Service) Reward(ctx context.Context, p auth.Principal, number string, c reward.Case) (reward.Reward, error) {
	v, m, sg, err := s.matterFor(ctx, p, number)
	if err != nil {
		return reward.Reward{}, err
	}
	if !v.staff() || m.Kind != casework.Report {
		return reward.Reward{}, ErrForbidden
	}
	if !sg.Reporter {
		return reward.Reward{}, ErrForbidden
	}
	return reward.Compute(c)
}

// JudgeDesk is what a judge sees: the disputes the judge's court delegated and the
// applications for judicial confirmation filed with it, nothing else.
type JudgeDesk struct {
	Court         string               `json:"court"`
	Delegations   []court.Delegation   `json:"delegations"`
	Confirmations []court.Confirmation `json:"confirmations"`
}

// JudgeDeskOf is the signed-in judge's desk.
func (s *Service) JudgeDeskOf(ctx context.Context, p auth.Principal) (JudgeDesk, error) {
	u := p.User
	if u == nil || u.Role != auth.Judge || u.StationID == nil {
		return JudgeDesk{}, ErrForbidden
	}
	st, err := s.store.Station(ctx, *u.StationID)
	if err != nil {
		return JudgeDesk{}, err
	}
	desk := JudgeDesk{Court: st.Name}
	if desk.Delegations, err = s.store.CourtDelegations(ctx, st.ID); err != nil {
		return desk, err
	}
	desk.Confirmations, err = s.store.Confirmations(ctx, st.ID)
	return desk, err
}
