package service_test

import (
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestMerchantRecordAndDisclosure_R_L29: the staff record counts a merchant's complaints by
// month, mediation success and money recovered; the repeat-offender alert rises once at the
// threshold; the public disclosure shows only the configured fields of the published period.
func TestMerchantRecordAndDisclosure_R_L29(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-02-10 10:00"))
		shop := c.merchant(t, merchant.Merchant{Name: "回头客饭店", Type: merchant.Individual, Address: "人民路1号"})
		set := service.DefaultCreditSettings()
		set.Record.RepeatThreshold = 4
		set.Collective.Enabled = false
		if _, err := c.svc.SaveCreditSettings(c.ctx, c.admin, set); err != nil {
			t.Fatal(err)
		}
		var ms []casework.Matter
		for i, facts := range []string{"菜里有虫", "多收费", "食物变质", "服务态度差", "价格欺诈"} {
			if i == 3 {
				c.clock.Set(sh(t, "2026-03-05 10:00"))
			}
			ms = append(ms, c.complaint(t, c.town, func(in *casework.IntakeInput) { in.MerchantID, in.MerchantName, in.Facts = &shop.ID, "", facts }))
			if a := c.alerts(t, service.AlertRepeatOffender); len(a) != map[bool]int{true: 1, false: 0}[i >= 3] {
				t.Fatalf("after %d complaints: %d repeat-offender alerts", i+1, len(a))
			}
		}
		outcome := func(m casework.Matter, o string, fen int64) {
			if err := s.Tx(c.ctx, func(tx *store.Tx) error {
				return tx.Exec(c.ctx, "UPDATE matters SET outcome = $1, state = 'closed', recovered = $2 WHERE id = $3", o, fen, m.ID)
			}); err != nil {
				t.Fatal(err)
			}
		}
		outcome(ms[0], "agreement", 120_00)
		outcome(ms[1], "agreement", 30_50)
		outcome(ms[2], "terminated", 0)
		// All five accepted (the answered-online rate counts of the accepted), two of them answered
		// online by the merchant (issue 9), 24 and 48 hours after receipt: 2 ÷ 5.
		if err := s.Tx(c.ctx, func(tx *store.Tx) error {
			return tx.Exec(c.ctx, "UPDATE matters SET accepted_at = received_at WHERE merchant_id = $1", shop.ID)
		}); err != nil {
			t.Fatal(err)
		}
		for i, h := range []int{24, 48} {
			if err := s.Tx(c.ctx, func(tx *store.Tx) error {
				return tx.Exec(c.ctx, `INSERT INTO merchant_answers (matter_id, merchant_id, answer, text, offered, data, answered_at)
					VALUES ($1, $2, 'dispute', '', 0, '{}', $3)`, ms[i].ID, shop.ID, ms[i].ReceivedAt.Add(time.Duration(h)*time.Hour).UTC())
			}); err != nil {
				t.Fatal(err)
			}
		}
		q1 := func(m, d int) calendar.Date { return calendar.Date{Year: 2026, Month: time.Month(m), Day: d} }
		r, err := c.svc.MerchantRecordOf(c.ctx, auth.As(c.sup), shop.ID, q1(1, 1), q1(3, 31))
		if err != nil {
			t.Fatal(err)
		}
		f := r.Figures
		if f.Complaints != 5 || f.Agreements != 2 || f.Terminated != 1 || f.Recovered != 150_50 || f.SuccessRate == nil || *f.SuccessRate != 0.667 {
			t.Fatalf("figures %+v", f)
		}
		if f.Answered != 2 || f.AnswerRate == nil || *f.AnswerRate != 0.4 || *f.AnswerHours != 36 {
			t.Fatalf("answered online %+v", f)
		}
		if len(r.Months) != 2 || r.Months[0].Month != "2026-02" || r.Months[0].Complaints != 3 || r.Months[1].Complaints != 2 || !r.RepeatOffender {
			t.Fatalf("record %+v", r)
		}
		if _, err := c.svc.MerchantRecordOf(c.ctx, auth.Anonymous(""), shop.ID, q1(1, 1), q1(3, 31)); err != service.ErrForbidden {
			t.Fatal("the public read a staff record")
		}
		// Q1 is published 15 days after 31 March: not on 10 April, yes on 16 April.
		c.clock.Set(sh(t, "2026-04-10 10:00"))
		d, _ := c.svc.MerchantDisclosure(c.ctx, auth.Anonymous(""), nil)
		if d.Period.Name != "2025-Q4" || len(d.Merchants) != 0 {
			t.Fatalf("before the lag: %+v", d)
		}
		c.clock.Set(sh(t, "2026-04-16 10:00"))
		d, _ = c.svc.MerchantDisclosure(c.ctx, auth.Anonymous(""), nil)
		if d.Period.Name != "2026-Q1" || len(d.Merchants) != 1 {
			t.Fatalf("published: %+v", d)
		}
		row := d.Merchants[0]
		if row["merchant"] != "回头客饭店" || row["complaints"] != 5 || row["agreements"] != 2 {
			t.Fatalf("row %+v", row)
		}
		if _, ok := row["recovered"]; ok {
			t.Fatal("R-L29: recovered is not a configured public field")
		}
		staff, _ := c.svc.MerchantDisclosure(c.ctx, auth.As(c.sup), nil)
		if _, ok := staff.Merchants[0]["recovered"]; !ok {
			t.Fatal("staff see every field")
		}
	})
}
