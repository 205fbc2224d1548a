package service_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/deadline"
	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/merchant"
	"weiquan/internal/money"
	"weiquan/internal/reward"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// courtFixture adds the court (a station of its own) with a judge, another court's judge,
// and a merchant on the registry with its USCC and phone.
type courtFixture struct {
	*county
	court, other    dispatch.Station
	judge, stranger *auth.User
	shop            merchant.Merchant
}

func newCourt(t *testing.T, s *store.Store, start time.Time) *courtFixture {
	t.Helper()
	f := &courtFixture{county: newCounty(t, s, start)}
	for _, st := range []struct {
		st   *dispatch.Station
		name string
	}{{&f.court, "湖口县人民法院"}, {&f.other, "九江市浔阳区人民法院"}} {
		*st.st = dispatch.Station{AreaID: f.county.county.ID, Name: st.name, HostType: dispatch.HostCentre, Active: true}
		if err := f.svc.SaveStation(f.ctx, st.st); err != nil {
			t.Fatal(err)
		}
	}
	judge := func(name string, st dispatch.Station) *auth.User {
		id := st.ID
		u := &auth.User{Username: name, DisplayName: name, Role: auth.Judge, AreaID: &f.county.county.ID, StationID: &id, Lang: "zh-CN", Active: true, PasswordHash: "x", CreatedAt: start}
		if err := s.Tx(f.ctx, func(tx *store.Tx) error { return tx.CreateUser(f.ctx, u) }); err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.judge, f.stranger = judge("法官甲", f.court), judge("法官乙", f.other)
	f.shop = merchant.Merchant{Name: "悦动健身服务有限公司", USCC: "914403001922038216", Type: merchant.Enterprise, Address: "人民路8号", Phone: "0792-6312345", CreatedAt: start, UpdatedAt: start}
	if err := s.Tx(f.ctx, func(tx *store.Tx) error { return tx.CreateMerchant(f.ctx, &f.shop) }); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *courtFixture) dispute() casework.IntakeInput {
	return casework.IntakeInput{AreaID: &f.county.county.ID, Consumer: casework.Party{Name: "王小明", Phone: "13800138000", Address: "红星村1号", IDNumber: "11010519491231002X"},
		MerchantID: &f.shop.ID, Facts: "预付健身年卡3000元，商家停业未退款", Request: "退还余额", AmountInDispute: 2_360_50}
}

func (f *courtFixture) row(t *testing.T, m casework.Matter, k deadline.Kind) store.DeadlineRow {
	t.Helper()
	r, ok := f.deadlines(t, m)[string(k)]
	if !ok {
		t.Fatalf("%s: no %s clock", m.Number, k)
	}
	return r
}

// TestCourtDelegationToConfirmation_R_L30_R_L31_R_L32_R_L33_R_L34 is journey (a) in the
// service: the court delegates, the centre accepts within 3 working days, the period moves
// only with every party's consent and stands still during an appraisal, a judge guides an
// online session, the agreement signed by all is confirmed — package PDF and zip with every
// SHA-256 in its index — the ruling "valid" opens the enforcement deadline; each bad input
// of the issue is refused with the rule, nothing written.
func TestCourtDelegationToConfirmation_R_L30_R_L31_R_L32_R_L33_R_L34(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newCourt(t, s, sh(t, "2026-06-01 09:00"))
		ctx := f.ctx

		// A mediator is not the court.
		if _, _, err := f.svc.DelegateFromCourt(ctx, auth.As(f.med), service.CourtDelegationInput{Dispute: f.dispute(), Stage: court.PreFiling}); !errors.Is(err, service.ErrForbidden) {
			t.Fatalf("a mediator delegated: %v", err)
		}
		_, _, err := f.svc.DelegateFromCourt(ctx, auth.As(f.judge), service.CourtDelegationInput{Dispute: f.dispute(), Stage: "appeal"})
		refused(t, "unknown stage", err, false, "stage:one_of")
		m, d, err := f.svc.DelegateFromCourt(ctx, auth.As(f.judge), service.CourtDelegationInput{Dispute: f.dispute(), Stage: court.PreFiling, CourtRef: "(2026)赣0429诉前调1号"})
		if err != nil {
			t.Fatal(err)
		}
		if d.CourtName != "湖口县人民法院" || d.JudgeName != "法官甲" || m.Channel != casework.TransferDepartment || d.AcceptDue.String() != "2026-06-04" {
			t.Fatalf("delegation %+v on %s", d, m.Channel)
		}
		if r := f.row(t, m, deadline.CourtAcceptance); r.Status != deadline.Running || r.DueDate.String() != "2026-06-04" || r.Rule != "R-L33" {
			t.Fatalf("acceptance clock %+v", r)
		}

		// R-L33: accepted on the second day; a second decision is a clash.
		f.clock.Set(sh(t, "2026-06-02 10:00"))
		d, err = f.svc.DecideDelegation(ctx, auth.As(f.med), m.Number, court.Accept, calendar.Date{}, "")
		if err != nil || d.Late || d.ConfirmedOn.String() != "2026-06-02" {
			t.Fatalf("accept: %+v %v", d, err)
		}
		_, err = f.svc.DecideDelegation(ctx, auth.As(f.med), m.Number, court.Decline, calendar.Date{}, "不属受理范围")
		refused(t, "decided twice", err, true, "decision:court_decided")
		if r := f.row(t, m, deadline.CourtAcceptance); r.Status != deadline.Met {
			t.Fatalf("acceptance clock %s after the decision", r.Status)
		}
		period := f.row(t, m, deadline.CourtPeriod)
		if period.DueDate.String() != "2026-07-02" {
			t.Fatalf("period due %s, want 2026-07-02 (30 days from 2026-06-02)", period.DueDate)
		}

		// R-L33: no extension without every party's consent; nothing written.
		_, err = f.svc.ExtendCourtPeriod(ctx, auth.As(f.med), m.Number, court.Extension{Days: 10, Consents: []string{"王小明"}}, "等待检测")
		refused(t, "extension without the merchant's consent", err, false, "consents:court_extension_consent")
		if got, _ := f.svc.CourtDelegation(ctx, auth.As(f.sup), m.Number); len(got.Extensions) != 0 {
			t.Fatal("a refused extension was written")
		}
		if _, err := f.svc.ExtendCourtPeriod(ctx, auth.As(f.med), m.Number, court.Extension{Days: 10, Consents: []string{"王小明", "悦动健身服务有限公司"}}, "双方同意延长"); err != nil {
			t.Fatal(err)
		}
		// R-L33: an appraisal's days are not counted: the clock pauses, then moves by its length.
		if _, err := f.svc.CourtAppraisal(ctx, auth.As(f.med), m.Number, calendar.Date{}, "器材质量鉴定", false); err != nil {
			t.Fatal(err)
		}
		if r := f.row(t, m, deadline.CourtPeriod); r.Status != deadline.Paused {
			t.Fatalf("period %s during the appraisal", r.Status)
		}
		f.clock.Set(sh(t, "2026-06-05 09:00"))
		if _, err := f.svc.CourtAppraisal(ctx, auth.As(f.med), m.Number, calendar.Date{}, "", true); err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.CourtDelegation(ctx, auth.As(f.sup), m.Number)
		if err != nil || got.Status == nil || got.Status.Days != 30+10+3 {
			t.Fatalf("period after extension and appraisal: %+v %v", got.Status, err)
		}
		if r := f.row(t, m, deadline.CourtPeriod); r.Status != deadline.Running || r.DueDate != got.Status.Due.Date {
			t.Fatalf("period clock %s %s, want running to %s", r.Status, r.DueDate, got.Status.Due.Date)
		}

		// Mediation with an online session the judge joins.
		m = f.act(t, f.op, m, casework.Accept, casework.ActionInput{})
		m = f.act(t, f.med, m, casework.StartMediation, casework.ActionInput{})
		if _, err := f.svc.Declare(ctx, auth.As(f.med), m.Number, mediation.Declaration{Relation: mediation.NoRelation}); err != nil {
			t.Fatal(err)
		}
		ses, err := f.svc.ScheduleSession(ctx, auth.As(f.med), m.Number, mediation.Session{At: sh(t, "2026-06-08 10:00"), Mode: mediation.Video,
			MeetingLink: "https://tingshen.court.gov.cn/room/123", Mediators: []int64{f.med.ID}})
		if err != nil {
			t.Fatal(err)
		}
		f.clock.Set(sh(t, "2026-06-08 11:00"))
		if _, err := f.svc.JudgeAtSession(ctx, auth.As(f.stranger), m.Number, ses.ID, "", "旁听"); err == nil {
			t.Fatal("another court's judge joined")
		}
		if _, err := f.svc.JudgeAtSession(ctx, auth.As(f.judge), m.Number, ses.ID, "", "释明预付卡退费规则"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.RecordMinutes(ctx, auth.As(f.med), m.Number, ses.ID, time.Time{}, "法官在线指导，双方同意退还余额。", mediation.Sides); err != nil {
			t.Fatal(err)
		}
		perf := calendar.DateOf(f.clock.Now()).AddDays(6)
		ag := mediation.Agreement{Terms: "退还预付卡余额 2,360.50 元。", Mode: mediation.Video, DueDate: &perf, Online: true,
			Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 2_360_50}}, Recovered: 2_360_50}
		if _, err := f.svc.RecordAgreement(ctx, auth.As(f.med), m.Number, ag); err != nil {
			t.Fatal(err)
		}

		// R-L34, R-L30: not in effect before every signature — the button says which rule fails.
		el, err := f.svc.ConfirmationEligibility(ctx, auth.As(f.med), m.Number)
		if err != nil || el.Eligible || !slices.Contains(fieldCodes(el.Problems), "agreement:court_not_effective") {
			t.Fatalf("eligibility before signing: %+v %v", el, err)
		}
		in := service.ConfirmInput{Court: "湖口县人民法院", Applicants: []string{"王小明", "悦动健身服务有限公司"}}
		_, err = f.svc.ApplyConfirmation(ctx, auth.As(f.med), m.Number, in)
		refused(t, "confirmation of an agreement not in effect", err, true, "agreement:court_not_effective")
		for i, who := range []mediation.Signature{{Side: mediation.Complainant, SignerName: "王小明"}, {Side: mediation.Respondent, SignerName: "悦动健身服务有限公司"}} {
			who.Method = mediation.Drawn
			if _, err := f.svc.Sign(ctx, auth.As(f.med), m.Number, who, signPNG(t, i+1)); err != nil {
				t.Fatal(err)
			}
		}
		el, err = f.svc.ConfirmationEligibility(ctx, auth.As(f.med), m.Number)
		if err != nil || !el.Eligible || el.ApplyDue == nil || len(el.Courts) != 1 || el.Courts[0].Basis != court.Delegating {
			t.Fatalf("eligibility after signing: %+v %v", el, err)
		}
		_, err = f.svc.ApplyConfirmation(ctx, auth.As(f.med), m.Number, service.ConfirmInput{Court: in.Court, Applicants: []string{"王小明"}})
		refused(t, "one party applies", err, false, "applicants:court_not_both_parties")
		_, err = f.svc.ApplyConfirmation(ctx, auth.As(f.med), m.Number, service.ConfirmInput{Court: "九江市浔阳区人民法院", Applicants: in.Applicants})
		refused(t, "a court the law does not name", err, false, "court:court_wrong_court")
		_, err = f.svc.ApplyConfirmation(ctx, auth.As(f.med), m.Number, service.ConfirmInput{Court: in.Court, Applicants: in.Applicants, Property: true})
		refused(t, "property without its proof", err, false, "package:court_package_missing")
		if c, _ := f.svc.Confirmation(ctx, auth.As(f.sup), m.Number); c != nil {
			t.Fatal("a refused application was written")
		}
		c, err := f.svc.ApplyConfirmation(ctx, auth.As(f.med), m.Number, in)
		if err != nil {
			t.Fatal(err)
		}
		zipped, err := f.svc.ConfirmationZip(ctx, auth.As(f.sup), m.Number)
		if err != nil {
			t.Fatal(err)
		}
		ix, err := court.CheckBundle(zipped) // every file's SHA-256 as the index lists it
		if err != nil || len(ix.Files) < 1 || ix.Files[0].SHA256 != c.PackageSHA256 || ix.CaseNumber != m.Number {
			t.Fatalf("zip index %+v: %v", ix, err)
		}
		if r := f.row(t, m, deadline.ConfirmApply); r.Status != deadline.Met || r.Rule != "R-L30" {
			t.Fatalf("confirmation clock %+v", r)
		}
		docs, _ := f.svc.Documents(ctx, auth.As(f.sup), m.Number)
		var pkg string
		for _, doc := range docs {
			if doc.Kind == "court_application" {
				full, _ := f.svc.Document(ctx, auth.As(f.sup), m.Number, doc.ID)
				pkg = string(full.HTML)
			}
		}
		for _, want := range []string{"司法确认申请书", "王小明", "悦动健身服务有限公司", "11010519491231002X", "914403001922038216", "0792-6312345", "湖口县人民法院"} {
			if !strings.Contains(pkg, want) {
				t.Errorf("the package lacks %q", want)
			}
		}

		// The result goes back to the court as a document; the period's clock is met.
		if _, row, err := f.svc.SendCourtResult(ctx, auth.As(f.med), m.Number, court.Agreed, "双方达成协议并申请司法确认", ""); err != nil || len(row.HTMLSHA256) != 64 {
			t.Fatalf("result: %v", err)
		}
		if r := f.row(t, m, deadline.CourtPeriod); r.Status != deadline.Met {
			t.Fatalf("period %s after the result", r.Status)
		}

		// R-L32: a ruling for an application never filed is a clash.
		other := f.complaint(t, f.county.county, nil)
		_, err = f.svc.RecordRuling(ctx, auth.As(f.sup), other.Number, court.Ruling{Outcome: court.Valid, RuledOn: calendar.DateOf(f.clock.Now()), PerformanceEnd: perf})
		refused(t, "ruling without an application", err, true, "ruling:court_no_application")
		f.clock.Set(sh(t, "2026-06-10 15:00"))
		c, err = f.svc.RecordRuling(ctx, auth.As(f.judge), m.Number, court.Ruling{Outcome: court.Valid, RuledOn: calendar.DateOf(f.clock.Now()), PerformanceEnd: perf})
		if err != nil || c.After == nil || c.After.EnforcementDue == nil || !slices.Contains(c.After.Next, court.ApplyEnforcement) {
			t.Fatalf("ruling: %+v %v", c.After, err)
		}
		if r := f.row(t, m, deadline.Enforcement); r.Status != deadline.Running || r.DueDate != c.After.EnforcementDue.Date && r.MissingYear == 0 {
			t.Fatalf("enforcement clock %+v, want %s", r, c.After.EnforcementDue.Date)
		}
		if r := f.row(t, m, deadline.RulingObjection); r.DueDate != c.After.ObjectionDue.Date {
			t.Fatalf("objection clock %+v", r)
		}
		_, err = f.svc.RecordRuling(ctx, auth.As(f.judge), m.Number, court.Ruling{Outcome: court.Dismissed, RuledOn: calendar.DateOf(f.clock.Now())})
		refused(t, "a second ruling", err, true, "ruling:court_ruling_twice")

		// The judge's desk: exactly the court's delegations and applications.
		desk, err := f.svc.JudgeDeskOf(ctx, auth.As(f.judge))
		if err != nil || len(desk.Delegations) != 1 || len(desk.Confirmations) != 1 || desk.Delegations[0].Number != m.Number {
			t.Fatalf("desk %+v %v", desk, err)
		}
		if desk, _ := f.svc.JudgeDeskOf(ctx, auth.As(f.stranger)); len(desk.Delegations)+len(desk.Confirmations) != 0 {
			t.Fatalf("another court's judge sees %+v", desk)
		}
		// Need-to-know: the judge reads the delegated dispute, not the office's other matters;
		// another court's judge reads neither.
		if _, err := f.svc.MatterFor(ctx, auth.As(f.judge), m.Number); err != nil {
			t.Fatalf("the judge cannot read the delegated dispute: %v", err)
		}
		if _, err := f.svc.MatterFor(ctx, auth.As(f.judge), other.Number); err == nil {
			t.Fatal("the judge reads a matter the court never saw")
		}
		if _, err := f.svc.MatterFor(ctx, auth.As(f.stranger), m.Number); err == nil {
			t.Fatal("another court's judge reads the dispute")
		}
		evs := f.timeline(t, m)
		for _, a := range []casework.Action{casework.CourtDelegated, casework.CourtDecided, casework.CourtExtended, casework.CourtAppraisal,
			casework.JudgeGuidance, casework.ConfirmApplied, casework.CourtResult, casework.ConfirmRuled} {
			if count(evs, a) == 0 {
				t.Errorf("no %s on the timeline", a)
			}
		}
	})
}

// TestTransferToFiling is journey (b): mediation fails, the bundle goes to the court with
// every file's SHA-256 in its index, and the court's case number comes back.
func TestTransferToFiling(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newCourt(t, s, sh(t, "2026-06-01 09:00"))
		ctx := f.ctx
		m := f.complaint(t, f.county.county, nil)
		_, err := f.svc.TransferToFiling(ctx, auth.As(f.med), m.Number, service.TransferInput{Court: "湖口县人民法院"})
		refused(t, "transfer before mediation failed", err, true, "state:court_not_failed")
		_, err = f.svc.RecordCaseNumber(ctx, auth.As(f.med), m.Number, "(2026)赣0429民初100号")
		refused(t, "case number without a transfer", err, true, "transfer:court_no_transfer")
		m = f.act(t, f.op, m, casework.Accept, casework.ActionInput{})
		m = f.act(t, f.med, m, casework.StartMediation, casework.ActionInput{})
		m = f.act(t, f.med, m, casework.Terminate, casework.ActionInput{ReasonCode: casework.TerminateReasons(m.RuleSet)[0].Code, Note: "商家拒绝调解"})
		tr, err := f.svc.TransferToFiling(ctx, auth.As(f.med), m.Number, service.TransferInput{Court: "湖口县人民法院"})
		if err != nil {
			t.Fatal(err)
		}
		zipped, err := f.svc.TransferZip(ctx, auth.As(f.sup), m.Number)
		if err != nil {
			t.Fatal(err)
		}
		ix, err := court.CheckBundle(zipped)
		if err != nil || ix.Kind != court.BundleTransfer || len(ix.Files) == 0 || len(tr.Index.Files) != len(ix.Files) {
			t.Fatalf("bundle %+v: %v", ix, err)
		}
		if _, err := f.svc.TransferToFiling(ctx, auth.As(f.med), m.Number, service.TransferInput{Court: "湖口县人民法院"}); !invalid409(err) {
			t.Fatalf("a second transfer: %v", err)
		}
		_, err = f.svc.RecordCaseNumber(ctx, auth.As(f.med), m.Number, "赣0429民初100")
		refused(t, "no court case number", err, false, "case_number:"+court.CodeCaseNumber)
		tr, err = f.svc.RecordCaseNumber(ctx, auth.As(f.med), m.Number, "(2026)赣0429民初100号")
		if err != nil || tr.CaseNumber != "（2026）赣0429民初100号" { // as the court writes it
			t.Fatalf("case number %+v %v", tr, err)
		}
		if got, _ := f.svc.Transfer(ctx, auth.As(f.sup), m.Number); got == nil || got.CaseNumber != tr.CaseNumber {
			t.Fatalf("transfer read back %+v", got)
		}
	})
}

// TestReferralsAndDepartments_C7_R_L12_R_L13_R_L44_R_L26 is journey (c) and the rest of the
// departments: a fraud case referred to the police with a due date (a clock), answered only
// by the police, the clock met; an incoming referral becomes a matter; the no-authority
// notice names the competent bureau; a unit without authority returns the matter to the
// intake unit, never onward; a joint meeting's decision is a clock; the real-name
// reporter is told of the filing decision under Order 20; the reward is computed.
func TestReferralsAndDepartments_C7_R_L12_R_L13_R_L44_R_L26(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newCourt(t, s, sh(t, "2026-06-01 09:00"))
		ctx := f.ctx
		m := f.complaint(t, f.county.county, nil)
		due := calendar.DateOf(f.clock.Now()).AddDays(10)
		r, err := f.svc.Refer(ctx, auth.As(f.med), m.Number, mediation.Referral{Department: mediation.Police, DepartmentName: "湖口县公安局双钟派出所",
			Request: "商家负责人失联，请协助查找", DueDate: &due})
		if err != nil {
			t.Fatal(err)
		}
		if row := f.row(t, m, deadline.ReferralAnswer); row.Status != deadline.Running || row.DueDate != due {
			t.Fatalf("referral clock %+v", row)
		}
		_, err = f.svc.AnswerReferral(ctx, auth.As(f.med), m.Number, r.ID, mediation.ReferralAnswer{DepartmentName: "湖口县卫生健康委员会", Text: "已处理"})
		refused(t, "an answer from a department not asked", err, false, "department_name:court_not_asked")
		if _, err := f.svc.AnswerReferral(ctx, auth.As(f.med), m.Number, r.ID, mediation.ReferralAnswer{DepartmentName: "湖口县公安局双钟派出所", Text: "已立案侦查"}); err != nil {
			t.Fatal(err)
		}
		if row := f.row(t, m, deadline.ReferralAnswer); row.Status == deadline.Running {
			t.Fatalf("referral clock still running after the answer")
		}
		_, err = f.svc.AnswerReferral(ctx, auth.As(f.med), m.Number, r.ID, mediation.ReferralAnswer{DepartmentName: "湖口县公安局双钟派出所", Text: "再答"})
		refused(t, "answered twice", err, true, "answer:already")

		// An incoming referral becomes a matter.
		in, err := f.svc.ReceiveReferral(ctx, auth.As(f.op), service.IncomingReferral{
			Referral: mediation.Referral{Department: mediation.OtherBureau, DepartmentName: "湖口县文化广电新闻出版旅游局", Request: "游客投诉旅行社强制购物，转请处理"},
			Matter: casework.IntakeInput{Kind: casework.Complaint, AreaID: &f.county.county.ID, Consumer: casework.Party{Name: "赵六", Phone: "13900139000"},
				MerchantName: "某旅行社", MerchantAddress: "滨江路1号", Facts: "强制购物", Request: "退款"}})
		if err != nil || in.Channel != casework.TransferDepartment {
			t.Fatalf("incoming referral: %+v %v", in, err)
		}

		// R-L12: the no-authority notice names the competent bureau, through the outbox.
		_, err = f.svc.TellNoAuthority(ctx, auth.As(f.op), in.Number, " ")
		refused(t, "no competent bureau named", err, false, "competent:court_competent_name")
		if _, err := f.svc.TellNoAuthority(ctx, auth.As(f.op), in.Number, "湖口县文化广电新闻出版旅游局"); err != nil {
			t.Fatal(err)
		}
		msgs, _ := s.MatterMessages(ctx, in.ID)
		if len(msgs) == 0 || !strings.Contains(msgs[len(msgs)-1].Body, "湖口县文化广电新闻出版旅游局") {
			t.Fatalf("no-authority message %+v", msgs)
		}

		// R-L13: a station without authority returns the matter to the intake unit, never onward.
		x := f.complaint(t, f.town, nil)
		x = f.act(t, f.op, x, casework.Accept, casework.ActionInput{})
		x = f.act(t, f.sup, x, casework.Dispatch, casework.ActionInput{StationID: &f.townSt.ID})
		townMed := &auth.User{Username: "town-med", DisplayName: "镇调解员", Role: auth.Mediator, StationID: &f.townSt.ID, Lang: "zh-CN", Active: true, PasswordHash: "x", CreatedAt: f.clock.Now()}
		if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, townMed) }); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.ReturnToIntake(ctx, auth.As(townMed), x.Number, &f.strtSt.ID, "不属本站辖区")
		refused(t, "sent onward", err, false, "to:court_not_intake_unit")
		x, err = f.svc.ReturnToIntake(ctx, auth.As(townMed), x.Number, nil, "不属本站辖区")
		if err != nil || x.StationID != nil || x.State != casework.Accepted {
			t.Fatalf("returned: %+v %v", x, err)
		}

		// A joint meeting's decision on a matter is a clock until carried out.
		mt, err := f.svc.RecordMeeting(ctx, auth.As(f.sup), court.Meeting{HeldOn: calendar.DateOf(f.clock.Now()), Title: "预付式消费联席会议",
			Departments: []string{"县市场监管局", "县公安局", "县人民法院"}, Matters: []string{m.Number}, Minutes: "通报预付卡跑路案件。",
			Decisions: []court.MeetingDecision{{Number: m.Number, Text: "公安机关核查商家负责人去向", Owner: "县公安局", DueOn: due}}})
		if err != nil {
			t.Fatal(err)
		}
		if row := f.row(t, m, deadline.MeetingDecision); row.Status != deadline.Running || row.DueDate != due {
			t.Fatalf("decision clock %+v", row)
		}
		if _, err := f.svc.DecisionDone(ctx, auth.As(f.sup), mt.ID, mt.Decisions[0].ID, "已核查"); err != nil {
			t.Fatal(err)
		}
		if row := f.row(t, m, deadline.MeetingDecision); row.Status == deadline.Running {
			t.Fatal("decision clock still running")
		}
		minutes, err := f.svc.MeetingMinutes(ctx, auth.As(f.sup), mt.ID, "zh-CN")
		if err != nil || !strings.Contains(string(minutes.HTML), "预付式消费联席会议") || !strings.Contains(string(minutes.HTML), "联席会议纪要") {
			t.Fatalf("minutes: %v", err)
		}

		// R-L44: under Order 20 the real-name reporter is told of the filing decision within 5 working days.
		f.clock.Set(sh(t, "2026-04-01 09:00"))
		rep, err := f.svc.Intake(ctx, auth.As(f.op), casework.IntakeInput{Kind: casework.Report, Channel: casework.Hotline12315, AreaID: &f.county.county.ID,
			Consumer: casework.Party{Name: "钱七", Phone: "13700137000"}, MerchantName: "某药店", MerchantAddress: "东街3号", Facts: "销售过期药品"})
		if err != nil {
			t.Fatal(err)
		}
		rm := rep[0]
		rm = f.act(t, f.op, rm, casework.Verify, casework.ActionInput{})
		rm = f.act(t, f.sup, rm, casework.File, casework.ActionInput{})
		if row := f.row(t, rm, deadline.ReporterNotice); row.Status != deadline.Running || row.DueDate.String() != "2026-04-09" {
			t.Fatalf("reporter clock %+v (5 working days from 2026-04-01, Qingming off)", row)
		}
		if _, err := f.svc.NotifyReporter(ctx, auth.As(f.sup), rm.Number); err != nil {
			t.Fatal(err)
		}
		if row := f.row(t, rm, deadline.ReporterNotice); row.Status != deadline.Met {
			t.Fatalf("reporter clock %s after the notice", row.Status)
		}
		_, err = f.svc.NotifyReporter(ctx, auth.As(f.sup), rm.Number)
		refused(t, "told twice", err, true, "notice:already")

		// R-L26: the reward on the report's page.
		rw, err := f.svc.Reward(ctx, auth.As(f.sup), rm.Number, reward.Case{MajorViolation: true, NaturalPerson: true, Level: 1, Fines: money.Fen(200_000_00)})
		if err != nil || rw.Amount != 10_000_00 {
			t.Fatalf("reward %+v %v", rw, err)
		}
		if _, err := f.svc.Reward(ctx, auth.As(f.judge), rm.Number, reward.Case{}); err == nil {
			t.Fatal("a judge computed a reward on a report")
		}
	})
}

func invalid409(err error) bool { return err != nil && invalidIsConflict(err) }

func invalidIsConflict(err error) bool { return invalid.IsConflict(err) }
