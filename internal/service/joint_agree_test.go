package service_test

import (
	"fmt"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/collective"
	"weiquan/internal/mediation"
	"weiquan/internal/money"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestJointAgreement_R_L5: a representative's change of requests, and signature of the joint
// agreement or of a member's own agreement, are refused until every member consented, and the
// refusal writes nothing; then one agreement gives each member its refund as the member's own
// agreement, the tally counts members, consumers and money fen-exact, and every member gets a
// notice of their own at their own phone.
func TestJointAgreement_R_L5(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-03-10 09:00"))
		set := service.DefaultCreditSettings()
		set.Collective.MinMatters, set.Collective.MinSimilarity = 3, 0.12
		if _, err := c.svc.SaveCreditSettings(c.ctx, c.admin, set); err != nil {
			t.Fatal(err)
		}
		var ms []casework.Matter
		for i, f := range gymFacts[:3] {
			c.clock.Add(time.Hour)
			m := c.complaint(t, c.town, func(in *casework.IntakeInput) {
				in.MerchantName, in.Facts = "无名健身房", f
				in.Consumer.Name, in.Consumer.Phone = fmt.Sprintf("会员%d", i+1), fmt.Sprintf("1390000000%d", i+1)
			})
			m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
			ms = append(ms, c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{}))
		}
		list, _ := c.svc.CollectiveCases(c.ctx, auth.As(c.sup), service.CollectiveQuery{})
		id := list[0].ID
		if _, err := c.svc.DecideCollective(c.ctx, auth.As(c.sup), id, collective.Decision{Confirm: true}); err != nil {
			t.Fatal(err)
		}
		for _, m := range ms[:2] {
			if _, err := c.svc.JointStep(c.ctx, auth.As(c.op), id, "elect", m.ID, "选举书"); err != nil {
				t.Fatal(err)
			}
		}
		shares := []collective.Share{{MatterID: ms[0].ID, Amount: 3000_00}, {MatterID: ms[1].ID, Amount: 5000_00}, {MatterID: ms[2].ID, Amount: 1234_56}}
		in := service.JointInput{Terms: "经营者分别退还各会员预付卡余额", Representative: ms[0].ID, Shares: shares, PerformedOnSpot: true}

		// R-L5: before every member consented, nothing a representative does for them goes through.
		_, err := c.svc.JointAgree(c.ctx, auth.As(c.med), id, in)
		refused(t, "agreement before consents", err, false, "consents:required")
		_, err = c.svc.RepresentativeAct(c.ctx, auth.As(c.med), id, ms[0].ID, collective.WaiveRequests, "放弃赔偿请求")
		refused(t, "waiver before consents", err, false, "consents:required")
		if _, err := c.svc.RecordAgreement(c.ctx, auth.As(c.med), ms[2].Number, mediation.Agreement{Terms: "退款", Mode: mediation.OnSite,
			PerformedOnSpot: true, Amounts: []mediation.Amount{{Kind: mediation.Refund, Amount: 100}}, Recovered: 100}); err != nil {
			t.Fatal(err)
		}
		_, err = c.svc.Sign(c.ctx, auth.As(c.med), ms[2].Number, mediation.Signature{Side: mediation.Complainant, SignerName: "会员1", Method: mediation.Drawn}, signPNG(t, 1))
		refused(t, "representative signs before consents", err, false, "consents:required")
		for _, m := range ms {
			if evs, _ := s.Timeline(c.ctx, m.ID); count(evs, casework.JointWaiveRequests)+count(evs, casework.JointAgreement)+count(evs, casework.Sign) != 0 {
				t.Fatal("a refused act wrote to a timeline")
			}
		}
		for _, m := range ms {
			if _, err := c.svc.JointStep(c.ctx, auth.As(c.op), id, "consent", m.ID, "同意书"); err != nil {
				t.Fatal(err)
			}
		}
		// Now the representative signs the third member's own agreement for it (R-L5), and not
		// someone who is no representative.
		if _, err := c.svc.Sign(c.ctx, auth.As(c.med), ms[2].Number, mediation.Signature{Side: mediation.Complainant, SignerName: "会员1", Method: mediation.Drawn}, signPNG(t, 1)); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.RepresentativeAct(c.ctx, auth.As(c.med), id, ms[2].ID, collective.ChangeRequests, "x"); err == nil {
			t.Fatal("a member who is no representative changed the requests")
		}
		if _, err := c.svc.RepresentativeAct(c.ctx, auth.As(c.med), id, ms[1].ID, collective.ChangeRequests, "请求变更为退还余额"); err != nil {
			t.Fatal(err)
		}

		// The third member already agreed on its own: the whole joint agreement is refused and
		// nothing of it written.
		_, err = c.svc.JointAgree(c.ctx, auth.As(c.med), id, in)
		refused(t, "a member not in mediation", err, true, "state:wrong_state")
		if got, _ := c.svc.JointAgreements(c.ctx, auth.As(c.sup), id); len(got) != 0 {
			t.Fatal("a refused joint agreement was stored")
		}
		in.Shares = shares[:2]
		in.Shares = append(in.Shares, collective.Share{MatterID: ms[0].ID, Amount: 1})
		_, err = c.svc.JointAgree(c.ctx, auth.As(c.med), id, in)
		refused(t, "a member twice", err, false, "shares:duplicate")

		before := outboxCount(t, c)
		in.Shares = shares[:2]
		ja, err := c.svc.JointAgree(c.ctx, auth.As(c.med), id, in)
		if err != nil {
			t.Fatal(err)
		}
		if ja.Total != 8000_00 || ja.ID == 0 {
			t.Fatalf("joint agreement %+v", ja)
		}
		for i, m := range ms[:2] {
			got, _ := s.MatterByNumber(c.ctx, m.Number)
			if got.State != casework.Agreement || got.Recovered != shares[i].Amount {
				t.Fatalf("member %d: %s recovered %s", i, got.State, got.Recovered)
			}
		}
		msgs, _, _ := s.OutboxMessages(c.ctx, store.MessageFilter{Limit: 500})
		sent := map[string]string{}
		for _, msg := range msgs[:outboxCount(t, c)-before] {
			if msg.Kind == "joint_agreement" {
				sent[msg.Recipient] = msg.Body
			}
		}
		if len(sent) != 2 || sent["13900000001"] == "" || sent["13900000002"] == "" {
			t.Fatalf("notices: %v", sent)
		}
		cs, _ := c.svc.CollectiveCase(c.ctx, auth.As(c.sup), id)
		if cs.Members[0].Request != "退货退款" || cs.Members[0].Recovered != 3000_00 || !cs.Members[0].Agreed {
			t.Fatalf("a member's own claim and recovery: %+v", cs.Members[0])
		}
		tl := cs.Tally()
		if tl.Members != 3 || tl.Consumers != 3 || tl.Consented != 3 || tl.Agreed != 3 || tl.Recovered != money.Fen(8000_00+100) || !tl.Represented {
			t.Fatalf("tally %+v", tl)
		}
		if _, err := c.svc.NotifyMembers(c.ctx, auth.As(c.med), id, "请于3月20日前来领取退款"); err != nil {
			t.Fatal(err)
		}
		msgs, _, _ = s.OutboxMessages(c.ctx, store.MessageFilter{Limit: 500})
		told := map[string]bool{}
		for _, msg := range msgs {
			if msg.Kind == string(casework.JointNotice) {
				told[msg.Recipient] = true
			}
		}
		if len(told) != 3 || !told["13900000003"] {
			t.Fatalf("one notice to every member: %v", told)
		}
	})
}

func outboxCount(t *testing.T, c *county) int {
	t.Helper()
	_, n, err := c.st.OutboxMessages(c.ctx, store.MessageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
