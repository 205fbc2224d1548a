package dispatch

import "testing"

// TestPromiseMinutes_R_S1: 15 minutes in the city proper, 30 in townships, configurable per area.
func TestPromiseMinutes_R_S1(t *testing.T) {
	cases := []struct {
		a    Area
		want int
	}{
		{Area{Kind: KindUrban}, 15},
		{Area{Kind: KindTownship}, 30},
		{Area{Kind: KindTownship, OnSiteMinutes: 45}, 45},
		{Area{Kind: KindUrban, OnSiteMinutes: 10}, 10},
	}
	for _, c := range cases {
		if got := c.a.PromiseMinutes(); got != c.want {
			t.Errorf("%+v: %d, want %d", c.a, got, c.want)
		}
	}
}

func TestAreaValidate(t *testing.T) {
	county := &Area{Name: "瑞昌市", Level: County, Kind: KindUrban}
	ok := Area{Name: "码头镇", Level: Township}
	if err := ok.Validate(county); err != nil || ok.Kind != KindTownship {
		t.Fatalf("township under county: %v kind %s", err, ok.Kind)
	}
	for _, bad := range []Area{
		{Name: "", Level: Township},
		{Name: "x", Level: "hamlet"},
		{Name: "x", Level: Province}, // above its parent
		{Name: "x", Level: County},   // same level as its parent
		{Name: "x", Level: Village, Kind: "suburb"},
		{Name: "x", Level: Village, OnSiteMinutes: -1},
	} {
		b := bad
		if err := b.Validate(county); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestSubtreeRange(t *testing.T) {
	lo, hi := SubtreeRange("/1/5/")
	for _, p := range []string{"/1/5/", "/1/5/23/", "/1/5/9/"} {
		if !(p >= lo && p < hi) {
			t.Errorf("%s outside [%s, %s)", p, lo, hi)
		}
	}
	for _, p := range []string{"/1/50/", "/1/6/", "/1/", "/1/4/9/"} {
		if p >= lo && p < hi {
			t.Errorf("%s inside [%s, %s)", p, lo, hi)
		}
	}
}
