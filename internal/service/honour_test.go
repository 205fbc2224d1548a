package service_test

import (
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/credit"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestHonourRollRevocation_R_S8: a demonstration store on the public roll; substantiated
// complaints in its period crossing the threshold propose revocation once, with an alert; a
// supervisor revokes with a document and the title leaves the roll.
func TestHonourRollRevocation_R_S8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-06-01 10:00"))
		shop := c.merchant(t, merchant.Merchant{Name: "诚信超市", Type: merchant.Individual, Address: "人民路9号"})
		other := c.merchant(t, merchant.Merchant{Name: "老实人家电", Type: merchant.Individual, Address: "人民路10号"})
		year := func(id int64, title credit.Title) credit.Honour {
			return credit.Honour{MerchantID: id, Title: title, Criteria: "年度内无有效投诉，明码标价", DocumentRef: "湖消委〔2026〕1号",
				From: calendar.Date{Year: 2026, Month: 1, Day: 1}, To: calendar.Date{Year: 2026, Month: 12, Day: 31}}
		}
		if _, err := c.svc.GrantHonour(c.ctx, auth.As(c.op), year(shop.ID, credit.DemoStore)); err != service.ErrForbidden {
			t.Fatal("an operator granted an honour")
		}
		bad := year(shop.ID, "gold")
		if _, err := c.svc.GrantHonour(c.ctx, auth.As(c.sup), bad); err == nil {
			t.Fatal("an unknown title granted")
		}
		h, err := c.svc.GrantHonour(c.ctx, auth.As(c.sup), year(shop.ID, credit.DemoStore))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.GrantHonour(c.ctx, auth.As(c.sup), year(other.ID, credit.HonestHousehold)); err != nil {
			t.Fatal(err)
		}
		roll, err := c.svc.HonourRoll(c.ctx, auth.Anonymous(""))
		if err != nil || len(roll) != 2 || roll[0].TitleText != "消费维权示范店" || roll[0].Merchant != "诚信超市" {
			t.Fatalf("roll %+v %v", roll, err)
		}
		set := service.DefaultCreditSettings()
		set.Honours.RevokeThreshold = 2
		if _, err := c.svc.SaveCreditSettings(c.ctx, c.admin, set); err != nil {
			t.Fatal(err)
		}
		settle := func() {
			m := c.complaint(t, c.town, func(in *casework.IntakeInput) { in.MerchantID, in.MerchantName = &shop.ID, "" })
			if err := s.Tx(c.ctx, func(tx *store.Tx) error {
				return tx.Exec(c.ctx, "UPDATE matters SET outcome = 'agreement', state = 'closed' WHERE id = $1", m.ID)
			}); err != nil {
				t.Fatal(err)
			}
		}
		scan := func() {
			c.clock.Add(11 * time.Minute)
			if _, err := c.svc.Scan(c.ctx, c.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		settle()
		scan()
		if len(c.alerts(t, service.AlertHonourRevoke)) != 0 {
			t.Fatal("one substantiated complaint is below the threshold of two")
		}
		settle()
		scan()
		scan()
		if a := c.alerts(t, service.AlertHonourRevoke); len(a) != 1 {
			t.Fatalf("R-S8: one proposal, got %d alerts", len(a))
		}
		if _, err := c.svc.DecideHonour(c.ctx, auth.As(c.sup), h.ID, true, "", ""); err == nil {
			t.Fatal("revoked without a document")
		}
		if h, err = c.svc.DecideHonour(c.ctx, auth.As(c.sup), h.ID, true, "湖消委〔2026〕7号", ""); err != nil || h.Status != credit.HonourRevoked {
			t.Fatalf("%+v %v", h, err)
		}
		if roll, _ = c.svc.HonourRoll(c.ctx, auth.Anonymous("")); len(roll) != 1 || roll[0].Merchant != "老实人家电" {
			t.Fatalf("the revoked title left the roll: %+v", roll)
		}
		c.clock.Set(sh(t, "2027-01-02 10:00"))
		if roll, _ = c.svc.HonourRoll(c.ctx, auth.Anonymous("")); len(roll) != 0 {
			t.Fatalf("past its period no title holds: %+v", roll)
		}
	})
}
