package service_test

import (
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestAgentDelegationAndBadInput_R_L4_R_L14_R_S6_R_L20_R_L21_R_L34_R_L45 holds on both databases what the
// pure tables hold for the agent (R-L4) and delegation (R-L14) — kept and read back whole, a
// missing element or a second delegation refused — and walks the issue's bad input: a
// document for a matter in the wrong state, a signature from someone who is not a party,
// amounts that do not add up, a fulfilment date before the agreement, consent recorded twice.
// Each is 422 or 409 with its field error and writes nothing: the timeline and the file read
// back the same. The agent with a special authority signs for the consumer (R-L34), and the
// issued document's SHA-256 is on the timeline, its text with the Art.39 remedies (R-L21).
func TestAgentDelegationAndBadInput_R_L4_R_L14_R_S6_R_L20_R_L21_R_L34_R_L45(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 09:00"))
		m := c.complaint(t, c.county, func(in *casework.IntakeInput) {
			in.Consumer.Name, in.MerchantName = "王小明", "悦动健身服务有限公司"
		})
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		file := func() service.MediationFile {
			t.Helper()
			f, err := c.svc.Mediation(c.ctx, auth.As(c.sup), m.Number)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		// nothing asserts a refusal left the timeline and the file as they were.
		nothing := func(name string, before service.MediationFile, events int) {
			t.Helper()
			after := file()
			if n := len(c.timeline(t, m)); n != events {
				t.Errorf("%s: %d timeline entries, want %d", name, n, events)
			}
			if (after.Agent == nil) != (before.Agent == nil) || len(after.Consents) != len(before.Consents) ||
				len(after.Delegations) != len(before.Delegations) || len(after.Signatures) != len(before.Signatures) ||
				len(after.Documents) != len(before.Documents) || (after.Agreement == nil) != (before.Agreement == nil) ||
				after.Agreement != nil && (after.Agreement.Fulfilment == nil) != (before.Agreement.Fulfilment == nil) {
				t.Errorf("%s: the file changed: %+v\nwas %+v", name, after, before)
			}
		}
		try := func(name string, clash bool, want string, do func() error) {
			t.Helper()
			before, events := file(), len(c.timeline(t, m))
			refused(t, name, do(), clash, want)
			nothing(name, before, events)
		}

		// R-L45: beside the agreement, what fraud would add on the ¥300.00 in dispute: three times it.
		if fr := file().Helpers.Fraud; fr == nil || fr.Price != 300_00 || fr.Compensation != 900_00 {
			t.Fatalf("fraud helper %+v", fr)
		}

		// R-L4: the agent needs every element of the power of attorney, kept and read back whole.
		scan, err := c.svc.Attach(c.ctx, auth.As(c.op), m.Number, "授权委托书.png", signPNG(t, 7), "")
		if err != nil {
			t.Fatal(err)
		}
		to := calendar.DateOf(c.clock.Now()).AddDays(90)
		agent := mediation.Agent{Name: "王大明", Phone: "13900001111", IDType: mediation.ResidentID, IDNumber: "11010519491231002X",
			POARef: "委托书第17号", POAAttachmentID: &scan.ID, Scope: "代为参加调解、签收文书、签订调解协议", Authority: mediation.SpecialAuthority,
			TermFrom: calendar.DateOf(c.clock.Now()), TermTo: &to, PrincipalSigned: true, OriginalReceived: true, Relation: "兄弟"}
		try("R-L4 agent without the principal's signature", false, "poa_principal_signed:required", func() error {
			a := agent
			a.PrincipalSigned = false
			_, err := c.svc.SetAgent(c.ctx, auth.As(c.op), m.Number, a)
			return err
		})
		try("R-L4 agent whose power of attorney is not one of the matter's files", false, "poa_attachment_id:not_found", func() error {
			a := agent
			a.POAAttachmentID = ptr(scan.ID + 1000)
			_, err := c.svc.SetAgent(c.ctx, auth.As(c.op), m.Number, a)
			return err
		})
		if _, err := c.svc.SetAgent(c.ctx, auth.As(c.op), m.Number, agent); err != nil {
			t.Fatal(err)
		}
		if got := file().Agent; got == nil || got.Name != agent.Name || got.IDNumber != agent.IDNumber || got.POARef != agent.POARef ||
			got.POAAttachmentID == nil || *got.POAAttachmentID != scan.ID || got.Scope != agent.Scope || got.Authority != mediation.SpecialAuthority ||
			got.TermFrom != agent.TermFrom || got.TermTo == nil || *got.TermTo != to || !got.PrincipalSigned || !got.OriginalReceived || got.Relation != "兄弟" {
			t.Fatalf("the agent read back: %+v", got)
		}

		// R-L14: delegation needs both parties' consent to it (Order 121), and is made once.
		assoc := mediation.Delegation{Kind: mediation.ConsumerAssociation, Delegate: "县消费者协会"}
		try("R-L14 delegation without the consents", false, "consent_complainant:no_consent", func() error {
			_, err := c.svc.Delegate(c.ctx, auth.As(c.med), m.Number, assoc)
			return err
		})
		for _, side := range mediation.Sides {
			if _, err := c.svc.RecordConsent(c.ctx, auth.As(c.op), m.Number, mediation.Consent{Side: side, Purpose: mediation.ToDelegation,
				Method: mediation.ByPhone, Said: "同意委托消协调解"}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := c.svc.Delegate(c.ctx, auth.As(c.med), m.Number, assoc); err != nil {
			t.Fatal(err)
		}
		try("R-L14 no re-delegation", false, "delegate:redelegation", func() error {
			_, err := c.svc.Delegate(c.ctx, auth.As(c.med), m.Number, mediation.Delegation{Kind: mediation.OtherMediationOrg, Delegate: "某人民调解委员会"})
			return err
		})
		if d := file().Delegations; len(d) != 1 || d[0].Delegate != "县消费者协会" || d[0].Kind != mediation.ConsumerAssociation {
			t.Fatalf("delegations read back: %+v", d)
		}

		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})
		try("consent recorded twice", true, "side:already", func() error {
			_, err := c.svc.RecordConsent(c.ctx, auth.As(c.op), m.Number, mediation.Consent{Side: mediation.Complainant, Purpose: mediation.ToMediation,
				Method: mediation.ByPhone, Said: "同意"})
			return err
		})
		try("a 调解书 while still mediating", true, "state:wrong_state", func() error {
			_, err := c.svc.IssueDocument(c.ctx, auth.As(c.med), m.Number, service.IssueInput{Kind: mediation.MediationDocument})
			return err
		})
		due := calendar.DateOf(c.clock.Now()).AddDays(7)
		ag := mediation.Agreement{Terms: "退还预付卡余额并赔偿。", Mode: mediation.OnSite, DueDate: &due,
			Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 2_360_50}, {Kind: mediation.Compensation, Amount: 500_00}}, Recovered: 2_860_00}
		try("R-S6 amounts that do not add up", false, "recovered_amount:sum_mismatch", func() error {
			_, err := c.svc.RecordAgreement(c.ctx, auth.As(c.med), m.Number, ag)
			return err
		})
		ag.Recovered = 2_860_50
		early := calendar.DateOf(c.clock.Now()).AddDays(-1)
		try("a fulfilment date before the agreement", false, "due_date:before_agreement", func() error {
			a := ag
			a.DueDate = &early
			_, err := c.svc.RecordAgreement(c.ctx, auth.As(c.med), m.Number, a)
			return err
		})
		if _, err := c.svc.RecordAgreement(c.ctx, auth.As(c.med), m.Number, ag); err != nil {
			t.Fatal(err)
		}
		try("R-L34 a signature from someone who is not a party", false, "signer_name:not_party", func() error {
			_, err := c.svc.Sign(c.ctx, auth.As(c.med), m.Number, mediation.Signature{Side: mediation.Respondent, SignerName: "路人甲", Method: mediation.Drawn}, signPNG(t, 1))
			return err
		})
		try("a termination notice for an agreement", true, "state:wrong_state", func() error {
			_, err := c.svc.IssueDocument(c.ctx, auth.As(c.med), m.Number, service.IssueInput{Kind: mediation.TerminationNotice})
			return err
		})
		try("fulfilment dated before the agreement", false, "at:before_agreement", func() error {
			_, err := c.svc.RecordFulfilment(c.ctx, auth.As(c.med), m.Number, mediation.Fulfilment{Status: mediation.Performed, At: sh(t, "2026-05-01 10:00")})
			return err
		})

		// R-L4 with R-L34: the agent with a special authority signs for the consumer.
		sig, err := c.svc.Sign(c.ctx, auth.As(c.med), m.Number, mediation.Signature{Side: mediation.Complainant, SignerName: "王大明", Method: mediation.Drawn}, signPNG(t, 2))
		if err != nil || !sig.ByAgent {
			t.Fatalf("the agent signs: %+v %v", sig, err)
		}
		if _, err := c.svc.Sign(c.ctx, auth.As(c.med), m.Number, mediation.Signature{Side: mediation.Respondent, SignerName: "悦动健身服务有限公司", Method: mediation.Drawn}, signPNG(t, 3)); err != nil {
			t.Fatal(err)
		}
		if f := file(); !f.Effective {
			t.Fatalf("not in effect after both signatures: %+v", f.Unsigned)
		}

		// R-L20: the 调解书, its SHA-256 on the timeline.
		doc, err := c.svc.IssueDocument(c.ctx, auth.As(c.med), m.Number, service.IssueInput{Kind: mediation.MediationDocument})
		if err != nil {
			t.Fatal(err)
		}
		if page := string(doc.HTML); !strings.Contains(page, "第三十九条") || !strings.Contains(page, "向人民法院提起诉讼") { // R-L21
			t.Error("the 调解书 does not list the CRPL Art.39 remedies")
		}
		var hashed bool
		for _, ev := range c.timeline(t, m) {
			if ev.Action == casework.IssueDocument && ev.Data["html_sha256"] == doc.HTMLSHA256 && len(doc.HTMLSHA256) == 64 {
				hashed = true
			}
		}
		if !hashed {
			t.Fatal("the document's SHA-256 is not on the timeline")
		}
	})
}
