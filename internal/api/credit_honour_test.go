package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/credit"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestHonoursOverAPI_R_S8: a supervisor grants an honour over JSON (an operator may not; a bad
// title or a period ending before it starts comes back with its field); it stands on the public
// roll; a substantiated complaint proposes revocation; a revocation without its document is
// refused and the revocation with it takes the title off the roll.
func TestHonoursOverAPI_R_S8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		ctx := context.Background()
		shop := merchant.Merchant{Name: "诚信超市", Type: merchant.Individual, Address: "人民路9号"}
		must(t, o.svc.SaveMerchant(ctx, &shop))
		grant := fmt.Sprintf(`{"merchant_id":%d,"title":"demo_store","criteria":"明码标价","from":"2026-01-01","to":"2026-12-31","document_ref":"湖消委〔2026〕1号"}`, shop.ID)
		o.call(auth.Operator, "POST", "/api/v1/credit/honours", grant, 403, nil)
		var eb errorBody
		o.call(auth.Supervisor, "POST", "/api/v1/credit/honours", strings.Replace(grant, "demo_store", "gold", 1), 422, &eb)
		if eb.Errors[0].Field != "title" {
			t.Fatalf("an unknown title: %+v", eb)
		}
		o.call(auth.Supervisor, "POST", "/api/v1/credit/honours", strings.Replace(grant, "2026-12-31", "2025-12-31", 1), 422, nil)
		var h credit.Honour
		o.call(auth.Supervisor, "POST", "/api/v1/credit/honours", grant, 201, &h)
		if h.ID == 0 || h.Status != credit.HonourActive || h.MerchantName != "诚信超市" {
			t.Fatalf("granted %+v", h)
		}
		var roll map[string]any
		body := o.call("", "GET", "/api/v1/credit/honour-roll", "", 200, &roll)
		if !strings.Contains(body, "诚信超市") || !strings.Contains(body, "消费维权示范店") {
			t.Fatalf("the roll: %s", body)
		}
		// One substantiated complaint (the default threshold) proposes revocation at the next scan.
		op := &auth.User{Username: "op-honour", Role: auth.Operator, Lang: "zh-CN", Active: true, AreaID: &o.county.ID}
		must(t, o.svc.CreateUser(ctx, op, "honour-test-pass"))
		ms, err := o.svc.Intake(ctx, auth.As(op), casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &o.village.ID,
			Consumer: casework.Party{Name: "李四", Phone: "13900139000", Address: "红星村"}, MerchantID: &shop.ID, Facts: "过期食品", Request: "退款"})
		must(t, err)
		must(t, s.Tx(ctx, func(tx *store.Tx) error {
			return tx.Exec(ctx, "UPDATE matters SET outcome = 'agreement', state = 'closed' WHERE id = $1", ms[0].ID)
		}))
		o.clock.t = o.clock.t.Add(11 * time.Minute)
		if _, err := o.svc.Scan(ctx, o.clock.t); err != nil {
			t.Fatal(err)
		}
		base := fmt.Sprintf("/api/v1/credit/honours/%d/decision", h.ID)
		o.call(auth.Supervisor, "POST", base, `{"revoke":true}`, 422, &eb)
		o.call(auth.Supervisor, "POST", base, `{"revoke":true,"ref":"湖消委〔2026〕7号"}`, 200, &h)
		if h.Status != credit.HonourRevoked || h.RevokeRef != "湖消委〔2026〕7号" {
			t.Fatalf("revoked %+v", h)
		}
		if body := o.call("", "GET", "/api/v1/credit/honour-roll", "", 200, nil); strings.Contains(body, "诚信超市") {
			t.Fatalf("the revoked title is still on the roll: %s", body)
		}
		o.call(auth.Supervisor, "POST", "/api/v1/credit/honours/999999/decision", `{"revoke":false,"note":"x"}`, 404, nil)
	})
}
