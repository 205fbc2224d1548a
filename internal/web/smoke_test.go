package web_test

import "testing"

func TestSmokePages(t *testing.T) {
	c := fixture(t)
	ms := c.intake(t, c.operator, complaintIn(c))
	b := c.as(t, "admin")
	for _, p := range []string{"/queue", "/intake", "/matters/" + ms[0].Number, "/intake/" + ms[0].Number, "/profile", "/admin/areas", "/admin/areas/new", "/admin/stations", "/admin/stations/new", "/admin/users", "/admin/users/new", "/admin/merchants", "/admin/merchants/new", "/admin/apikeys"} {
		r := b.get(p)
		if r.status != 200 {
			t.Errorf("%s: %d\n%s", p, r.status, r.body)
		}
	}
	if r := c.anon(t).get("/login"); r.status != 200 {
		t.Errorf("login %d %s", r.status, r.body)
	}
}
