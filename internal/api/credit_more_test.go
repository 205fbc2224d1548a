package api_test

import (
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestCreditSettingsAndListsAPI: the thresholds read by staff and changed by an admin over
// their current values (a bad value refused with its field, nothing stored); the procedures
// and honours listed for staff; a joint agreement on an unknown case is not found.
func TestCreditSettingsAndListsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		var set service.CreditSettings
		o.call(auth.Operator, "GET", "/api/v1/settings/credit", "", 200, &set)
		if set.Collective.MinMatters != service.DefaultCreditSettings().Collective.MinMatters {
			t.Fatalf("defaults %+v", set.Collective)
		}
		o.call(auth.Admin, "PUT", "/api/v1/settings/credit", `{"collective": {"min_matters": 7}}`, 200, &set)
		if set.Collective.MinMatters != 7 || set.Collective.WindowDays != service.DefaultCreditSettings().Collective.WindowDays {
			t.Fatalf("a partial update: %+v", set.Collective)
		}
		var eb errorBody
		o.call(auth.Admin, "PUT", "/api/v1/settings/credit", `{"collective": {"min_matters": -1}}`, 422, &eb)
		if len(eb.Errors) == 0 {
			t.Fatal("no field error")
		}
		o.call(auth.Operator, "GET", "/api/v1/settings/credit", "", 200, &set)
		if set.Collective.MinMatters != 7 {
			t.Fatal("a refused change was stored")
		}
		o.call(auth.Supervisor, "PUT", "/api/v1/settings/credit", `{}`, 403, nil)
		var ls struct {
			Listings []any `json:"listings"`
		}
		o.call(auth.Operator, "GET", "/api/v1/credit/listings?active=1", "", 200, &ls)
		if ls.Listings == nil {
			t.Fatal("listings is not a list")
		}
		var hs struct {
			Honours []any `json:"honours"`
		}
		o.call(auth.Mediator, "GET", "/api/v1/credit/honours", "", 200, &hs)
		if hs.Honours == nil {
			t.Fatal("honours is not a list")
		}
		o.call(auth.Mediator, "POST", "/api/v1/collective/999/agreement", `{"terms":"退款","representative_matter_id":1,"shares":[]}`, 404, nil)
		o.call(auth.Operator, "POST", "/api/v1/collective/999/agreement", `{}`, 403, nil)
	})
}
