package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/credit"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestListingStepsOverAPI_R_S7_R_L35_R_L37: an unreachable cluster-registered shop's procedure
// over JSON — the listing refused until the custody company was asked (R-S7) and nothing
// written, an operator refused the decision, the exact ground on the public list, a removal
// before listing refused for another merchant, an objection, a bad action — each a field error.
func TestListingStepsOverAPI_R_S7_R_L35_R_L37(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		ctx := context.Background()
		_, shop := clusterShop(t, o)
		other := merchant.Merchant{Name: "张记小吃", Type: merchant.Individual, Address: "人民路3号"}
		must(t, o.svc.SaveMerchant(ctx, &other))

		var l credit.Listing
		o.call(auth.Mediator, "POST", "/api/v1/credit/listings", fmt.Sprintf(`{"merchant_id":%d}`, shop.ID), 403, nil)
		o.call(auth.Operator, "POST", "/api/v1/credit/listings", `{"merchant_id":999999}`, 422, nil)
		o.call(auth.Operator, "POST", "/api/v1/credit/listings", fmt.Sprintf(`{"merchant_id":%d}`, shop.ID), 201, &l)
		base := fmt.Sprintf("/api/v1/credit/listings/%d", l.ID)
		if b := o.call(auth.Operator, "POST", "/api/v1/credit/listings", fmt.Sprintf(`{"merchant_id":%d}`, shop.ID), 422, nil); !strings.Contains(b, `"duplicate"`) {
			t.Fatalf("a second procedure for one merchant: %s", b)
		}
		step := func(role auth.Role, body string, status int) credit.Listing {
			t.Helper()
			var out credit.Listing
			if status == 200 {
				o.call(role, "POST", base+"/steps", body, status, &out)
			} else {
				var eb errorBody
				o.call(role, "POST", base+"/steps", body, status, &eb)
				if status == 422 && len(eb.Errors) == 0 {
					t.Fatalf("%s: a refusal without its field", body)
				}
			}
			return out
		}
		step(auth.Operator, `{"action":"attempt","method":"phone","note":"电话停机"}`, 200)
		o.call(auth.Operator, "POST", base+"/steps", `{"action":"refer"}`, 422, nil)
		body := o.call(auth.Supervisor, "POST", base+"/steps", `{"action":"list","reason":"ADDRESS_UNREACHABLE","ref":"x"}`, 422, nil)
		if !strings.Contains(body, `"custody"`) {
			t.Fatalf("the listing without the custody company asked: %s", body)
		}
		step(auth.Operator, `{"action":"pigeon"}`, 422)
		step(auth.Operator, `{"action":"attempt","method":"custody","note":"托管企业书面回复：已失联"}`, 200)
		step(auth.Operator, `{"action":"refer"}`, 200)
		step(auth.Operator, `{"action":"list","reason":"ADDRESS_UNREACHABLE","ref":"x"}`, 403)
		l = step(auth.Supervisor, `{"action":"list","reason":"ADDRESS_UNREACHABLE","ref":"湖市监异字〔2026〕8号"}`, 200)
		if l.Status != credit.Listed || l.DecisionRef != "湖市监异字〔2026〕8号" || len(l.Attempts) != 2 {
			t.Fatalf("listed %+v", l)
		}
		var got credit.Listing
		o.call(auth.Mediator, "GET", base, "", 200, &got)
		if got.ID != l.ID || got.Attempts[1].Method != credit.Custody {
			t.Fatalf("read back %+v", got)
		}
		o.call(auth.Merchant, "GET", base, "", 403, nil)
		o.call(auth.Mediator, "GET", "/api/v1/credit/listings/999999", "", 404, nil)
		l = step(auth.Operator, `{"action":"object","text":"已恢复经营"}`, 200)
		if len(l.Objections) != 1 {
			t.Fatalf("objection %+v", l.Objections)
		}
		var pub struct {
			Entries []map[string]any `json:"entries"`
		}
		o.call("", "GET", "/api/v1/credit/abnormal-list", "", 200, &pub)
		if len(pub.Entries) != 1 || pub.Entries[0]["reason_text"] != credit.AddressUnreachable.Text() {
			t.Fatalf("public list %+v", pub)
		}

		// Another merchant: a removal before listing is refused with the rule, and nothing written.
		var l2 credit.Listing
		o.call(auth.Operator, "POST", "/api/v1/credit/listings", fmt.Sprintf(`{"merchant_id":%d}`, other.ID), 201, &l2)
		body = o.call(auth.Supervisor, "POST", fmt.Sprintf("/api/v1/credit/listings/%d/steps", l2.ID), `{"action":"remove","ref":"移字1号"}`, 422, nil)
		if !strings.Contains(body, `"status"`) {
			t.Fatalf("a removal before listing: %s", body)
		}
		o.call(auth.Mediator, "GET", fmt.Sprintf("/api/v1/credit/listings/%d", l2.ID), "", 200, &got)
		if got.Status != credit.Verifying || got.RemovedAt != nil {
			t.Fatalf("a refused removal wrote: %+v", got)
		}
	})
}

// clusterShop registers a custody company and an online shop registered at its address
// (集群注册), the pair the listing procedure and the custody agreement work on.
func clusterShop(t *testing.T, o *office) (custody, shop merchant.Merchant) {
	t.Helper()
	ctx := context.Background()
	custody = merchant.Merchant{Name: "某商务秘书有限公司", USCC: "91330100799655058B", Type: merchant.Enterprise, Address: "园区1号"}
	must(t, o.svc.SaveMerchant(ctx, &custody))
	shop = merchant.Merchant{Name: "优品家居旗舰店", Type: merchant.OnlineShop, ClusterRegistered: true, CustodyID: &custody.ID, Address: "园区1号301室(集群注册)"}
	must(t, o.svc.SaveMerchant(ctx, &shop))
	return custody, shop
}
