package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/notify"
	"weiquan/internal/store"
	"weiquan/internal/supervise"
)

// Who does what in social supervision (SPEC C10): the heads design questionnaires, run draws
// and publish lab results; the desk records visits and samples; all staff read.
func supervisionHead(p auth.Principal) bool {
	return p.System || p.Role() == auth.Admin || p.Role() == auth.Supervisor
}

func supervisionDesk(p auth.Principal) bool {
	return supervisionHead(p) || p.Role() == auth.Operator
}

// Draw is a 双随机一公开 draw as stored and published (store.Draw), for the handlers.
type Draw = store.Draw

// Inspector is an officer who may be drawn, with the conflicts declared (store.Inspector).
type Inspector = store.Inspector

func (s *Service) today() string { return s.now().In(calendar.Shanghai).Format("2006-01-02") }

// --- questionnaires -------------------------------------------------------------------------

// SaveQuestionnaire stores a new questionnaire as staff designed it, open to answers.
func (s *Service) SaveQuestionnaire(ctx context.Context, p auth.Principal, q *supervise.Questionnaire) error {
	if !supervisionHead(p) {
		return ErrForbidden
	}
	if err := q.Validate(); err != nil {
		return err
	}
	q.Open, q.CreatedAt = true, s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertQuestionnaire(ctx, q, idOf(p)); err != nil {
			return err
		}
		return s.record(ctx, tx, "questionnaire_save", "questionnaire", itoa(q.ID), map[string]any{"title": q.Title, "questions": len(q.Questions)})
	})
}

// CloseQuestionnaire stops a questionnaire taking answers, or opens it again.
func (s *Service) CloseQuestionnaire(ctx context.Context, p auth.Principal, id int64, open bool) error {
	if !supervisionHead(p) {
		return ErrForbidden
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.SetQuestionnaireOpen(ctx, id, open); err != nil {
			return err
		}
		return s.record(ctx, tx, "questionnaire_open", "questionnaire", itoa(id), map[string]any{"open": open})
	})
}

// Questionnaires lists the questionnaires for staff.
func (s *Service) Questionnaires(ctx context.Context, p auth.Principal) ([]supervise.Questionnaire, error) {
	if !p.System && !p.Staff() {
		return nil, ErrForbidden
	}
	return s.store.Questionnaires(ctx)
}

// QuestionnaireResults reads a questionnaire with its answers added up, for staff.
func (s *Service) QuestionnaireResults(ctx context.Context, p auth.Principal, id int64) (supervise.Questionnaire, []supervise.Result, error) {
	if !p.System && !p.Staff() {
		return supervise.Questionnaire{}, nil, ErrForbidden
	}
	q, err := s.store.Questionnaire(ctx, id)
	if err != nil {
		return q, nil, err
	}
	as, err := s.store.QuestionnaireAnswers(ctx, id)
	if err != nil {
		return q, nil, err
	}
	return q, supervise.Aggregate(q, as), nil
}

// QuestionnaireLink is one link handed out: the token appears here once, never again.
type QuestionnaireLink struct {
	Token  string `json:"token"`
	Path   string `json:"path"`             // the public page: /portal/survey/{token}
	Number string `json:"number,omitempty"` // the complaint whose consumer it was sent to
	SentTo string `json:"sent_to,omitempty"`
}

func newToken() (string, string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	tok := hex.EncodeToString(b)
	return tok, tokenHash(tok), nil
}

func tokenHash(tok string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(tok))))
	return hex.EncodeToString(sum[:])
}

// QuestionnaireLinks hands out links to a questionnaire: count links to give out by hand, and
// one for the consumer of each complaint named, sent by SMS through the outbox. Only the
// tokens' hashes are kept; each link takes one answer.
func (s *Service) QuestionnaireLinks(ctx context.Context, p auth.Principal, id int64, count int, numbers []string) ([]QuestionnaireLink, error) {
	if !supervisionHead(p) {
		return nil, ErrForbidden
	}
	var errs invalid.Errors
	if count < 0 || count > 500 || len(numbers) > 500 {
		errs.Add("count", invalid.OneOf, "values", "0–500")
	}
	if count == 0 && len(numbers) == 0 {
		errs.Add("count", invalid.Required)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sc, err := s.principalScope(ctx, p)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var out []QuestionnaireLink
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		out = nil
		q, err := s.store.Questionnaire(ctx, id)
		if err != nil {
			return err
		}
		if !q.Open {
			return invalid.Conflicting(invalid.New("questionnaire", invalid.Conflict))
		}
		_, office, err := mediationSettings(ctx, tx)
		if err != nil {
			return err
		}
		add := func(matterID *int64) (QuestionnaireLink, error) {
			tok, h, err := newToken()
			if err != nil {
				return QuestionnaireLink{}, err
			}
			if _, err := tx.InsertQuestionnaireLink(ctx, id, h, matterID, now); err != nil {
				return QuestionnaireLink{}, err
			}
			return QuestionnaireLink{Token: tok, Path: "/portal/survey/" + tok}, nil
		}
		for i := 0; i < count; i++ {
			l, err := add(nil)
			if err != nil {
				return err
			}
			out = append(out, l)
		}
		for _, n := range numbers {
			m, err := tx.LockMatter(ctx, strings.TrimSpace(n))
			if errors.Is(err, store.ErrNotFound) || (err == nil && !Visible(sc, &m)) {
				return invalid.New("numbers", invalid.NotFound, "number", n)
			} else if err != nil {
				return err
			}
			l, err := add(&m.ID)
			if err != nil {
				return err
			}
			l.Number = m.Number
			if m.Consumer.Phone != "" {
				mid := m.ID
				msg := notify.Message{Kind: "questionnaire", Channel: notify.SMS, Recipient: m.Consumer.Phone, Lang: "zh-CN", MatterID: &mid, CreatedAt: now,
					Body: i18n.T("zh-CN", "supervision.sms", "office", office.Name, "title", q.Title, "url", s.PortalURL()+l.Path)}
				if err := tx.AddMessage(ctx, &msg); err != nil {
					return err
				}
				l.SentTo = "sms"
			}
			out = append(out, l)
		}
		return s.record(ctx, tx, "questionnaire_links", "questionnaire", itoa(id), map[string]any{"links": len(out), "matters": len(numbers)})
	})
	return out, err
}

// principalScope is the scope of a staff principal; the system sees everything.
func (s *Service) principalScope(ctx context.Context, p auth.Principal) (store.Scope, error) {
	if p.System {
		return store.Scope{All: true}, nil
	}
	return s.userScope(ctx, p.User)
}

// ErrLinkUsed means a questionnaire link was answered already: one answer per link (a 409
// with the field error token:duplicate).
var ErrLinkUsed = invalid.Conflicting(invalid.New("token", invalid.Duplicate))

// SurveyByToken reads the questionnaire a link leads to, for anyone holding the link; a link
// answered already says so.
func (s *Service) SurveyByToken(ctx context.Context, p auth.Principal, token string) (supervise.Questionnaire, bool, error) {
	l, err := s.store.LinkByToken(ctx, tokenHash(token))
	if err != nil {
		return supervise.Questionnaire{}, false, err
	}
	q, err := s.store.Questionnaire(ctx, l.QuestionnaireID)
	q.Links, q.Answered = 0, 0 // the public sees the questions, not the counts
	return q, l.AnsweredAt != nil, err
}

// AnswerSurvey records a consumer's answers through a link: once per link, checked against
// the questionnaire; no sign-in.
func (s *Service) AnswerSurvey(ctx context.Context, p auth.Principal, token string, as []supervise.Answer) error {
	now := s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		l, err := tx.LinkByToken(ctx, tokenHash(token))
		if err != nil {
			return err
		}
		if l.AnsweredAt != nil {
			return ErrLinkUsed
		}
		q, err := s.store.Questionnaire(ctx, l.QuestionnaireID)
		if err != nil {
			return err
		}
		if err := q.ValidateAnswers(as); err != nil {
			if errs, _ := invalid.As(err); errs.Has("questionnaire") {
				return invalid.Conflicting(err)
			}
			return err
		}
		ok, err := tx.AnswerLink(ctx, l.ID, as, now)
		if err != nil {
			return err
		}
		if !ok {
			return ErrLinkUsed
		}
		return nil
	})
}

// --- visits and samples ---------------------------------------------------------------------

// resolveMerchant fills a merchant's name from the registry when its id is given.
func (s *Service) resolveMerchant(ctx context.Context, id *int64, name *string) error {
	if id == nil {
		return nil
	}
	m, err := s.store.Merchant(ctx, *id)
	if errors.Is(err, store.ErrNotFound) {
		return invalid.New("merchant_id", invalid.NotFound)
	} else if err != nil {
		return err
	}
	*name = m.Name
	return nil
}

// RecordVisit records a mystery-shopping visit (明察暗访) with its findings.
func (s *Service) RecordVisit(ctx context.Context, p auth.Principal, v *supervise.Visit) error {
	if !supervisionDesk(p) {
		return ErrForbidden
	}
	if err := s.resolveMerchant(ctx, v.MerchantID, &v.MerchantName); err != nil {
		return err
	}
	if err := v.Validate(s.today()); err != nil {
		return err
	}
	v.CreatedAt = s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertVisit(ctx, v, idOf(p)); err != nil {
			return err
		}
		return s.record(ctx, tx, "visit_record", "visit", itoa(v.ID), map[string]any{"merchant": v.MerchantName, "result": string(v.Result)})
	})
}

// Visits lists the visits for staff.
func (s *Service) Visits(ctx context.Context, p auth.Principal) ([]supervise.Visit, error) {
	if !p.System && !p.Staff() {
		return nil, ErrForbidden
	}
	return s.store.Visits(ctx)
}

// RecordSample records a product sampled for testing (商品抽检), its result pending.
func (s *Service) RecordSample(ctx context.Context, p auth.Principal, x *supervise.Sample) error {
	if !supervisionDesk(p) {
		return ErrForbidden
	}
	if err := s.resolveMerchant(ctx, x.MerchantID, &x.MerchantName); err != nil {
		return err
	}
	if err := x.Validate(s.today()); err != nil {
		return err
	}
	x.CreatedAt = s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertSample(ctx, x, idOf(p)); err != nil {
			return err
		}
		return s.record(ctx, tx, "sample_record", "sample", itoa(x.ID), map[string]any{"product": x.Product, "merchant": x.MerchantName})
	})
}

// SampleResult records a sample's lab result (result "pass" or "fail"), or publishes it
// (result "publish"): the heads decide both.
func (s *Service) SampleResult(ctx context.Context, p auth.Principal, id int64, result, reportNo, resultOn, items string) (supervise.Sample, error) {
	if !supervisionHead(p) {
		return supervise.Sample{}, ErrForbidden
	}
	var x supervise.Sample
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		if x, err = tx.LockSample(ctx, id); err != nil {
			return err
		}
		if result == "publish" {
			err = x.Publish(s.now())
		} else {
			err = x.RecordResult(supervise.LabResult(result), reportNo, resultOn, items, s.today())
		}
		if err != nil {
			if errs, _ := invalid.As(err); errs.Has("sample") {
				return invalid.Conflicting(err)
			}
			return err
		}
		if err := tx.UpdateSample(ctx, &x); err != nil {
			return err
		}
		return s.record(ctx, tx, "sample_"+map[bool]string{true: "publish", false: "result"}[result == "publish"], "sample", itoa(id),
			map[string]any{"result": string(x.Result), "report_no": x.ReportNo})
	})
	return x, err
}

// Samples lists every sample for staff.
func (s *Service) Samples(ctx context.Context, p auth.Principal) ([]supervise.Sample, error) {
	if !p.System && !p.Staff() {
		return nil, ErrForbidden
	}
	return s.store.Samples(ctx, false)
}

// PublishedSamples lists the published sampling results for anyone.
func (s *Service) PublishedSamples(ctx context.Context, p auth.Principal) ([]supervise.Sample, error) {
	return s.store.Samples(ctx, true)
}

// --- inspectors and draws -------------------------------------------------------------------

// SaveInspector adds an inspector who may be drawn.
func (s *Service) SaveInspector(ctx context.Context, p auth.Principal, i *store.Inspector) error {
	if !supervisionHead(p) {
		return ErrForbidden
	}
	i.Name, i.Unit, i.Active = strings.TrimSpace(i.Name), strings.TrimSpace(i.Unit), true
	var errs invalid.Errors
	errs.Need("name", i.Name)
	errs.MaxLen("name", i.Name, 50)
	errs.MaxLen("unit", i.Unit, 100)
	if err := errs.Err(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertInspector(ctx, i, s.now()); err != nil {
			return err
		}
		return s.record(ctx, tx, "inspector_save", "inspector", itoa(i.ID), map[string]any{"name": i.Name})
	})
}

// DeclareConflict records an inspector's declared conflict with a merchant: the draw never
// sends them there.
func (s *Service) DeclareConflict(ctx context.Context, p auth.Principal, inspectorID, merchantID int64, reason string) error {
	if !supervisionHead(p) {
		return ErrForbidden
	}
	var errs invalid.Errors
	if _, err := s.store.Merchant(ctx, merchantID); err != nil {
		errs.Add("merchant_id", invalid.NotFound)
	}
	reason = strings.TrimSpace(reason)
	errs.MaxLen("reason", reason, 200)
	if err := errs.Err(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		found := false
		is, err := tx.Inspectors(ctx)
		if err != nil {
			return err
		}
		for _, i := range is {
			found = found || i.ID == inspectorID
		}
		if !found {
			return invalid.New("inspector_id", invalid.NotFound)
		}
		if err := tx.DeclareConflict(ctx, inspectorID, merchantID, reason, s.now()); err != nil {
			return err
		}
		return s.record(ctx, tx, "inspector_conflict", "inspector", itoa(inspectorID), map[string]any{"merchant_id": merchantID})
	})
}

// Inspectors lists the inspectors for staff.
func (s *Service) Inspectors(ctx context.Context, p auth.Principal) ([]store.Inspector, error) {
	if !p.System && !p.Staff() {
		return nil, ErrForbidden
	}
	return s.store.Inspectors(ctx)
}

// DrawRequest is what the head asks of a draw.
type DrawRequest struct {
	Title         string `json:"title"`
	RecentDays    int    `json:"recent_days"`
	Merchants     int    `json:"merchants"`
	InspectorsPer int    `json:"inspectors_per"`
}

// PublishDraw fixes and publishes a draw before it is drawn: the pool of merchants with the
// day each was last inspected, the active inspectors, their declared conflicts, the numbers
// asked, and a fresh random seed, with the commitment (SHA-256) of all of it. A draw whose
// pool is empty once recent inspections are left out is refused with the rule, and nothing is
// written.
func (s *Service) PublishDraw(ctx context.Context, p auth.Principal, r DrawRequest) (store.Draw, error) {
	if !supervisionHead(p) {
		return store.Draw{}, ErrForbidden
	}
	seed := make([]byte, 32)
	if _, err := rand.Read(seed); err != nil {
		return store.Draw{}, err
	}
	d := store.Draw{Title: strings.TrimSpace(r.Title), Status: "published", PublishedAt: s.now()}
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var errs invalid.Errors
		errs.Need("title", d.Title)
		errs.MaxLen("title", d.Title, 100)
		pool, err := tx.DrawPool(ctx)
		if err != nil {
			return err
		}
		is, err := tx.Inspectors(ctx)
		if err != nil {
			return err
		}
		in := supervise.Inputs{Algorithm: supervise.Algorithm, Seed: hex.EncodeToString(seed), AsOf: s.today(), RecentDays: r.RecentDays,
			Merchants: r.Merchants, InspectorsPer: r.InspectorsPer, Pool: pool}
		for _, i := range is {
			if !i.Active {
				continue
			}
			in.Inspectors = append(in.Inspectors, supervise.Inspector{ID: i.ID, Name: i.Name})
			for _, m := range i.Conflicts {
				in.Conflicts = append(in.Conflicts, supervise.Conflict{Inspector: i.ID, Merchant: m})
			}
		}
		if err := in.Validate(); err != nil {
			errs = append(errs, mustErrors(err)...)
		}
		if err := errs.Err(); err != nil {
			return err
		}
		d.Inputs, d.Commitment = in, supervise.Commit(in)
		if err := tx.InsertDraw(ctx, &d, idOf(p)); err != nil {
			return err
		}
		return s.record(ctx, tx, "draw_publish", "draw", itoa(d.ID), map[string]any{"commitment": d.Commitment, "pool": len(pool)})
	})
	return d, err
}

func mustErrors(err error) invalid.Errors {
	e, _ := invalid.As(err)
	return e
}

// RunDraw draws a published draw from its published seed and inputs, once.
func (s *Service) RunDraw(ctx context.Context, p auth.Principal, id int64) (store.Draw, error) {
	if !supervisionHead(p) {
		return store.Draw{}, ErrForbidden
	}
	var d store.Draw
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		if d, err = tx.LockDraw(ctx, id); err != nil {
			return err
		}
		if d.Status != "published" {
			return invalid.Conflicting(invalid.New("status", invalid.Conflict))
		}
		if d.Result, err = supervise.Draw(d.Inputs); err != nil {
			return err
		}
		now := s.now()
		d.Status, d.DrawnAt = "drawn", &now
		if err := tx.SetDrawResult(ctx, &d); err != nil {
			return err
		}
		return s.record(ctx, tx, "draw_run", "draw", itoa(id), map[string]any{"picks": len(d.Result)})
	})
	return d, err
}

// Draws lists the draws: published ones are public, for anyone.
func (s *Service) Draws(ctx context.Context, p auth.Principal) ([]store.Draw, error) {
	return s.store.Draws(ctx)
}

// Draw reads one draw as published, for anyone: its seed, inputs, commitment and result.
func (s *Service) Draw(ctx context.Context, p auth.Principal, id int64) (store.Draw, error) {
	return s.store.DrawByID(ctx, id)
}
