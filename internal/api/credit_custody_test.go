package api_test

import (
	"fmt"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/credit"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestCustodyOverAPI_R_L39: a cluster-registered shop's custody agreement over JSON — an
// operator may not record it; an end before the start, a company its own custodian and an
// unknown custody company come back on their fields; the stored agreement carries the
// custody company's USCC.
func TestCustodyOverAPI_R_L39(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		custody, shop := clusterShop(t, o)
		path := fmt.Sprintf("/api/v1/merchants/%d/custody", shop.ID)
		good := fmt.Sprintf(`{"custody_id":%d,"starts_on":"2025-01-01","ends_on":"2027-12-31"}`, custody.ID)
		o.call(auth.Operator, "PUT", path, good, 403, nil)
		for body, field := range map[string]string{
			fmt.Sprintf(`{"custody_id":%d,"starts_on":"2025-01-01","ends_on":"2024-12-31"}`, custody.ID): "ends_on",
			`{"custody_id":999999,"starts_on":"2025-01-01"}`:                                             "custody_id",
		} {
			var eb errorBody
			o.call(auth.Supervisor, "PUT", path, body, 422, &eb)
			if len(eb.Errors) == 0 || eb.Errors[0].Field != field {
				t.Fatalf("%s: %+v, want a refusal on %s", body, eb, field)
			}
		}
		o.call(auth.Supervisor, "PUT", fmt.Sprintf("/api/v1/merchants/%d/custody", custody.ID),
			fmt.Sprintf(`{"custody_id":%d,"starts_on":"2025-01-01"}`, custody.ID), 422, nil)
		var a credit.Agreement
		o.call(auth.Supervisor, "PUT", path, good, 200, &a)
		if a.MerchantID != shop.ID || a.CustodyID != custody.ID || a.CustodyUSCC != "91330100799655058B" || a.EndsOn.String() != "2027-12-31" {
			t.Fatalf("stored %+v", a)
		}
	})
}
