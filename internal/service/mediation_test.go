package service_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/money"
	"weiquan/internal/report"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// signPNG is a small drawn signature.
func signPNG(t testing.TB, seed int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 60, 20))
	for x := range 60 {
		img.Set(x, 10+(x*seed)%8, color.White)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fieldCodes lists "field:code" of the field errors in err.
func fieldCodes(err error) []string {
	errs, _ := invalid.As(err)
	var out []string
	for _, f := range errs {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

// refused asserts err holds the field error want and whether it is a clash (409) or not (422).
func refused(t *testing.T, name string, err error, clash bool, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: accepted", name)
	}
	if !slices.Contains(fieldCodes(err), want) || invalid.IsConflict(err) != clash {
		t.Fatalf("%s: %v (codes %v, clash %v), want %s clash %v", name, err, fieldCodes(err), invalid.IsConflict(err), want, clash)
	}
}

// consentBoth records both parties' consent to mediation by phone (R-L14), those not yet given.
func (c *county) consentBoth(t *testing.T, m casework.Matter) {
	t.Helper()
	have, err := c.st.Consents(c.ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, side := range mediation.Missing(have, mediation.ToMediation) {
		if _, err := c.svc.RecordConsent(c.ctx, auth.As(c.med), m.Number, mediation.Consent{Side: side, Purpose: mediation.ToMediation,
			Method: mediation.ByPhone, Said: "同意由市场监管部门调解"}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMediationToTheEnd walks a prepaid-card complaint through consent, a session with its
// notices, the agreement with refund and compensation, both signatures, the 调解书, fulfilment,
// closing with the outcome notice and the callback counted in the report, refusing every bad
// input of the issue on the way with nothing written.
func TestMediationToTheEnd_R_L14_R_L15_R_L20_R_S5_R_S6_R_L23(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 09:00"))
		m := c.complaint(t, c.county, func(in *casework.IntakeInput) {
			in.Consumer.Name, in.MerchantName = "王小明", "悦动健身服务有限公司"
			in.Facts, in.Request = "预付健身年卡3000元，商家停业未退款", "退还余额并赔偿"
		})
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})

		// R-L14: mediation cannot start before both consents; a consent twice is a clash.
		_, err := c.svc.Act(c.ctx, auth.As(c.med), m.Number, casework.StartMediation, casework.ActionInput{})
		refused(t, "start without consent", err, false, "consent_complainant:no_consent")
		_, err = c.svc.RecordConsent(c.ctx, auth.As(c.med), m.Number, mediation.Consent{Side: mediation.Complainant, Purpose: mediation.ToMediation, Method: mediation.OnPaper})
		refused(t, "paper without its scan", err, false, "attachment_id:required")
		c.consentBoth(t, m)
		_, err = c.svc.RecordConsent(c.ctx, auth.As(c.med), m.Number, mediation.Consent{Side: mediation.Respondent, Purpose: mediation.ToMediation, Method: mediation.ByPhone, Said: "同意"})
		refused(t, "consent twice", err, true, "side:already")
		if cs, _ := s.Consents(c.ctx, m.ID); len(cs) != 2 {
			t.Fatalf("consents %d, want 2 (nothing written by the refusal)", len(cs))
		}
		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})

		// R-L16: a mediator must declare before being put on a session; a relation bars them.
		other := &auth.User{Username: "mediator2", DisplayName: "李调解", Role: auth.Mediator, AreaID: &c.county.ID, Lang: "zh-CN", Active: true, PasswordHash: "x", CreatedAt: c.clock.Now()}
		if err := s.Tx(c.ctx, func(tx *store.Tx) error { return tx.CreateUser(c.ctx, other) }); err != nil {
			t.Fatal(err)
		}
		at := sh(t, "2026-05-08 10:00")
		ses := mediation.Session{At: at, Mode: mediation.OnSite, Place: "县消费维权联调中心调解室", Mediators: []int64{c.med.ID}}
		_, err = c.svc.ScheduleSession(c.ctx, auth.As(c.med), m.Number, ses)
		refused(t, "undeclared mediator", err, false, "mediators:not_declared")
		if _, err := c.svc.Declare(c.ctx, auth.As(c.med), m.Number, mediation.Declaration{Relation: mediation.NoRelation}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.Declare(c.ctx, auth.As(c.sup), m.Number, mediation.Declaration{MediatorID: other.ID, Relation: mediation.CloseRelative, Detail: "投诉人之表兄"}); err != nil {
			t.Fatal(err)
		}
		_, err = c.svc.ScheduleSession(c.ctx, auth.As(c.med), m.Number, mediation.Session{At: at, Mode: mediation.OnSite, Place: "调解室", Mediators: []int64{c.med.ID, other.ID}})
		refused(t, "mediator with a conflict", err, false, "mediators:conflict_of_interest")
		ses, err = c.svc.ScheduleSession(c.ctx, auth.As(c.med), m.Number, ses)
		if err != nil {
			t.Fatal(err)
		}
		// R-L15: both parties are told, through the outbox.
		msgs, err := s.MatterMessages(c.ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		notices := 0
		for _, msg := range msgs {
			if msg.Kind == "session_notice" && strings.Contains(msg.Body, "2026-05-08 10:00") && strings.Contains(msg.Body, "mediator1") {
				notices++
			}
		}
		if notices != 2 {
			t.Fatalf("%d session notices in the outbox, want 2: %+v", notices, msgs)
		}
		c.clock.Set(sh(t, "2026-05-08 11:30"))
		if _, err := c.svc.RecordMinutes(c.ctx, auth.As(c.med), m.Number, ses.ID, time.Time{}, "双方到场，商家同意退还余额并赔偿。", mediation.Sides); err != nil {
			t.Fatal(err)
		}

		// R-S6: amounts by kind add up to the recovered amount, fen-exact.
		due := calendar.DateOf(c.clock.Now()).AddDays(7)
		ag := mediation.Agreement{Terms: "一、退还预付卡余额 2,360.50 元；\n二、赔偿 500.00 元。", Mode: mediation.OnSite, DueDate: &due,
			Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 2_360_50}, {Kind: mediation.Compensation, Amount: 500_00}}, Recovered: 2_860_49}
		_, err = c.svc.RecordAgreement(c.ctx, auth.As(c.med), m.Number, ag)
		refused(t, "amounts that do not add up", err, false, "recovered_amount:sum_mismatch")
		ag.Recovered = 2_860_50
		if ag, err = c.svc.RecordAgreement(c.ctx, auth.As(c.med), m.Number, ag); err != nil {
			t.Fatal(err)
		}
		m, _ = c.svc.MatterFor(c.ctx, auth.As(c.sup), m.Number)
		if m.State != casework.Agreement || m.Recovered != 2_860_50 {
			t.Fatalf("matter %s %v after the agreement", m.State, m.Recovered)
		}

		// Documents: the 调解书 is due (on site, not performed on the spot); a termination notice is the wrong state.
		_, err = c.svc.IssueDocument(c.ctx, auth.As(c.med), m.Number, service.IssueInput{Kind: mediation.TerminationNotice})
		refused(t, "termination notice for an agreement", err, true, "state:wrong_state")
		// R-L20: closing is refused until the document exists.
		_, err = c.svc.Act(c.ctx, auth.As(c.sup), m.Number, casework.Close, casework.ActionInput{})
		refused(t, "close without the 调解书", err, true, "document_mediation_document:required")

		// Signatures: someone who is not a party is refused; each party once.
		_, err = c.svc.Sign(c.ctx, auth.As(c.med), m.Number, mediation.Signature{Side: mediation.Complainant, SignerName: "路人甲", Method: mediation.Drawn}, signPNG(t, 1))
		refused(t, "a stranger signs", err, false, "signer_name:not_party")
		for i, who := range []mediation.Signature{{Side: mediation.Complainant, SignerName: "王小明"}, {Side: mediation.Respondent, SignerName: "悦动健身服务有限公司"}} {
			who.Method = mediation.Drawn
			sig, err := c.svc.Sign(c.ctx, auth.As(c.med), m.Number, who, signPNG(t, i+1))
			if err != nil || len(sig.ImageSHA256) != 64 {
				t.Fatalf("sign %s: %+v %v", who.SignerName, sig, err)
			}
		}
		_, err = c.svc.Sign(c.ctx, auth.As(c.med), m.Number, mediation.Signature{Side: mediation.Complainant, SignerName: "王小明", Method: mediation.Drawn}, signPNG(t, 3))
		refused(t, "signs twice", err, true, "side:already")
		file, err := c.svc.Mediation(c.ctx, auth.As(c.sup), m.Number)
		if err != nil || !file.Effective || file.Required != mediation.MediationDocument {
			t.Fatalf("file: effective %v required %s %v", file.Effective, file.Required, err)
		}

		doc, err := c.svc.IssueDocument(c.ctx, auth.As(c.med), m.Number, service.IssueInput{Kind: mediation.MediationDocument})
		if err != nil {
			t.Fatal(err)
		}
		page := string(doc.HTML)
		for _, want := range []string{"王小明", "悦动健身服务有限公司", m.Number, "2,860.50", "贰仟捌佰陆拾元伍角整", "mediator1"} {
			if !strings.Contains(page, want) {
				t.Errorf("调解书 lacks %q", want)
			}
		}
		again, err := c.svc.Document(c.ctx, auth.As(c.sup), m.Number, doc.ID)
		if err != nil || !bytes.Equal(again.HTML, doc.HTML) || again.HTMLSHA256 != doc.HTMLSHA256 {
			t.Fatalf("reprint differs: %v", err)
		}
		_, err = c.svc.IssueDocument(c.ctx, auth.As(c.med), m.Number, service.IssueInput{Kind: mediation.MediationDocument})
		refused(t, "issued twice without a reason", err, true, "kind:already")
		v2, err := c.svc.IssueDocument(c.ctx, auth.As(c.med), m.Number, service.IssueInput{Kind: mediation.MediationDocument, Reason: "更正被投诉人名称"})
		if err != nil || v2.Version != 2 || v2.Supersedes != doc.HTMLSHA256 {
			t.Fatalf("correction: version %d supersedes %s: %v", v2.Version, v2.Supersedes, err)
		}

		// Fulfilment: a date before the agreement is refused.
		_, err = c.svc.RecordFulfilment(c.ctx, auth.As(c.med), m.Number, mediation.Fulfilment{Status: mediation.Performed, At: sh(t, "2026-05-01 10:00")})
		refused(t, "fulfilled before the agreement", err, false, "at:before_agreement")
		c.clock.Set(sh(t, "2026-05-12 16:00"))
		if _, err := c.svc.RecordFulfilment(c.ctx, auth.As(c.med), m.Number, mediation.Fulfilment{Status: mediation.Performed}); err != nil {
			t.Fatal(err)
		}

		// Closing: the outcome notice goes to the consumer (R-S5), a callback task is opened (R-L23).
		m = c.act(t, c.sup, m, casework.Close, casework.ActionInput{})
		msgs, _ = s.MatterMessages(c.ctx, m.ID)
		last := msgs[len(msgs)-1]
		if last.Kind != "outcome_notice" || last.Recipient != "13800138000" || !strings.Contains(last.Body, "贰仟捌佰陆拾元伍角整") {
			t.Fatalf("outcome notice: %+v", last)
		}
		if tasks := c.alerts(t, service.AlertCallbackTask); len(tasks) != 1 || tasks[0].Number != m.Number ||
			!strings.Contains(service.AlertMessage("zh-CN", tasks[0]), "回访") {
			t.Fatalf("callback task alerts: %+v", tasks)
		}
		five := 5
		_, err = c.svc.RecordCallback(c.ctx, auth.As(c.op), m.Number, service.CallbackInput{Reached: true, Satisfaction: ptr(9)})
		refused(t, "satisfaction 9", err, false, "satisfaction:one_of")
		if _, err := c.svc.RecordCallback(c.ctx, auth.As(c.op), m.Number, service.CallbackInput{Reached: true, Satisfaction: &five, Comment: "很满意"}); err != nil {
			t.Fatal(err)
		}
		_, err = c.svc.RecordCallback(c.ctx, auth.As(c.op), m.Number, service.CallbackInput{Reached: true, Satisfaction: &five})
		refused(t, "callback twice", err, true, "callback:already")
		sum, err := c.svc.Summary(c.ctx, auth.As(c.sup), report.Params{From: calendar.Date{Year: 2026, Month: 5, Day: 1}, To: calendar.Date{Year: 2026, Month: 5, Day: 31}})
		if err != nil || sum.Satisfaction.Count != 1 || sum.Satisfaction.Mean == nil || *sum.Satisfaction.Mean != 5 {
			t.Fatalf("report satisfaction %+v %v", sum.Satisfaction, err)
		}
		if sum.RecoveredAmount != money.Fen(2_860_50) {
			t.Fatalf("recovered %v", sum.RecoveredAmount)
		}
		evs := c.timeline(t, m)
		for _, a := range []casework.Action{casework.GiveConsent, casework.DeclareMediate, casework.ScheduleMeet, casework.RecordMinutes,
			casework.Agree, casework.Sign, casework.IssueDocument, casework.Fulfil, casework.Close, casework.Callback} {
			if count(evs, a) == 0 {
				t.Errorf("no %s on the timeline", a)
			}
		}
	})
}

func ptr[T any](v T) *T { return &v }

// TestRecusalSuspends_R_L16: a recusal application suspends mediation (中止) and stops its clock;
// the decision resumes it, an upheld one takes the mediator off the sessions not yet held.
func TestRecusalSuspends_R_L16(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 09:00"))
		m := c.complaint(t, c.county, nil)
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		c.consentBoth(t, m)
		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})
		if _, err := c.svc.Declare(c.ctx, auth.As(c.med), m.Number, mediation.Declaration{Relation: mediation.NoRelation}); err != nil {
			t.Fatal(err)
		}
		ses, err := c.svc.ScheduleSession(c.ctx, auth.As(c.med), m.Number, mediation.Session{At: sh(t, "2026-05-09 10:00"), Mode: mediation.Video,
			MeetingLink: "https://meet.example.cn/r/123", Mediators: []int64{c.med.ID}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := c.svc.ApplyRecusal(c.ctx, auth.As(c.med), m.Number, mediation.Recusal{Side: mediation.Respondent, MediatorID: c.med.ID, Grounds: "调解员与投诉人相识"})
		if err != nil {
			t.Fatal(err)
		}
		m, _ = c.svc.MatterFor(c.ctx, auth.As(c.sup), m.Number)
		if m.State != casework.Suspended || c.deadlines(t, m)["mediation"].Status != "paused" {
			t.Fatalf("after recusal: %s, clock %s", m.State, c.deadlines(t, m)["mediation"].Status)
		}
		c.clock.Set(sh(t, "2026-05-07 09:00"))
		_, err = c.svc.DecideRecusal(c.ctx, auth.As(c.med), m.Number, r.ID, true, "回避")
		if !errors.Is(err, service.ErrForbidden) {
			t.Fatalf("a mediator decides: %v", err)
		}
		if _, err := c.svc.DecideRecusal(c.ctx, auth.As(c.sup), m.Number, r.ID, true, "申请成立，调解员回避"); err != nil {
			t.Fatal(err)
		}
		m, _ = c.svc.MatterFor(c.ctx, auth.As(c.sup), m.Number)
		file, _ := c.svc.Mediation(c.ctx, auth.As(c.sup), m.Number)
		if m.State != casework.Mediating || c.deadlines(t, m)["mediation"].Status != "running" || len(file.Sessions) != 1 || len(file.Sessions[0].Mediators) != 0 || file.Sessions[0].ID != ses.ID {
			t.Fatalf("after decision: %s %s %+v", m.State, c.deadlines(t, m)["mediation"].Status, file.Sessions)
		}
		_, err = c.svc.DecideRecusal(c.ctx, auth.As(c.sup), m.Number, r.ID, false, "再次")
		refused(t, "decided twice", err, true, "decided_at:already")
	})
}

// TestConsentByCode_R_L14: a one-time code goes to the party through the outbox; a wrong code
// counts an attempt and records nothing; the right one records the online consent.
func TestConsentByCode_R_L14(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 09:00"))
		m := c.complaint(t, c.county, nil)
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		ch, err := c.svc.SendConsentCode(c.ctx, auth.As(c.op), m.Number, mediation.Complainant, mediation.ToMediation)
		if err != nil {
			t.Fatal(err)
		}
		msgs, _ := s.MatterMessages(c.ctx, m.ID)
		body := msgs[len(msgs)-1].Body
		i := strings.Index(body, "验证码为 ")
		if i < 0 || msgs[len(msgs)-1].Recipient != "13800138000" {
			t.Fatalf("code message: %+v", msgs[len(msgs)-1])
		}
		code := body[i+len("验证码为 ") : i+len("验证码为 ")+6]
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		_, err = c.svc.ConfirmConsentCode(c.ctx, auth.As(c.op), m.Number, ch.ID, wrong)
		refused(t, "wrong code", err, false, "code:mismatch")
		if cs, _ := s.Consents(c.ctx, m.ID); len(cs) != 0 {
			t.Fatal("a wrong code recorded consent")
		}
		cs, err := c.svc.ConfirmConsentCode(c.ctx, auth.As(c.op), m.Number, ch.ID, code)
		if err != nil || cs.Method != mediation.Online || cs.ChallengeID == nil || *cs.ChallengeID != ch.ID {
			t.Fatalf("online consent: %+v %v", cs, err)
		}
		_, err = c.svc.ConfirmConsentCode(c.ctx, auth.As(c.op), m.Number, ch.ID, code)
		refused(t, "code used twice", err, false, "code:already")
	})
}
