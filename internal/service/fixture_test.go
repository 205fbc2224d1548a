package service_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

// fakeClock is the simulated time the tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func (c *fakeClock) Add(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// sh reads "2006-01-02 15:04" in Asia/Shanghai.
func sh(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.Shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return v.UTC()
}

// county is a small network: a county (urban, with the centre), a township with its
// township station, a village with a community station, and an urban street.
type county struct {
	svc                            *service.Service
	st                             *store.Store // the database behind svc, for setting up and checking
	clock                          *fakeClock
	ctx                            context.Context
	county, town, village, street  dispatch.Area
	centre, townSt, villSt, strtSt dispatch.Station
	admin, op, med, sup            *auth.User
}

func newCounty(t *testing.T, s *store.Store, start time.Time) *county {
	t.Helper()
	c := &county{clock: &fakeClock{t: start}, ctx: context.Background()}
	c.svc = service.New(s, c.clock.Now)
	c.st = s
	area := func(a *dispatch.Area, parent *dispatch.Area, name string, level dispatch.Level, kind dispatch.Kind) {
		*a = dispatch.Area{Name: name, Level: level, Kind: kind}
		if parent != nil {
			a.ParentID = &parent.ID
		}
		if err := c.svc.CreateArea(c.ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	area(&c.county, nil, "湖口县", dispatch.County, dispatch.KindUrban)
	area(&c.town, &c.county, "流泗镇", dispatch.Township, dispatch.KindTownship)
	area(&c.village, &c.town, "红星村", dispatch.Village, dispatch.KindTownship)
	area(&c.street, &c.county, "双钟镇", dispatch.Township, dispatch.KindUrban)
	station := func(st *dispatch.Station, a dispatch.Area, name string, host dispatch.HostType) {
		*st = dispatch.Station{AreaID: a.ID, Name: name, HostType: host, Active: true}
		if err := c.svc.SaveStation(c.ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	station(&c.centre, c.county, "县消费维权联调中心", dispatch.HostCentre)
	station(&c.townSt, c.town, "流泗镇维权服务站", dispatch.HostTownship)
	station(&c.villSt, c.village, "红星村联络站", dispatch.HostCommunity)
	station(&c.strtSt, c.street, "双钟镇维权服务站", dispatch.HostTownship)
	user := func(name string, role auth.Role, areaID *int64) *auth.User {
		u := &auth.User{Username: name, DisplayName: name, Role: role, AreaID: areaID, Lang: "zh-CN", Active: true, PasswordHash: "x", CreatedAt: start}
		if err := s.Tx(c.ctx, func(tx *store.Tx) error { return tx.CreateUser(c.ctx, u) }); err != nil {
			t.Fatal(err)
		}
		return u
	}
	c.admin = user("admin", auth.Admin, nil)
	c.op = user("operator1", auth.Operator, &c.county.ID)
	c.med = user("mediator1", auth.Mediator, &c.county.ID)
	c.sup = user("supervisor1", auth.Supervisor, &c.county.ID)
	return c
}

// complaint takes in a complaint now, with every R-L3 field, in the given area.
func (c *county) complaint(t *testing.T, area dispatch.Area, edit func(in *casework.IntakeInput)) casework.Matter {
	t.Helper()
	in := casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &area.ID,
		Consumer:     casework.Party{Name: "张三", Phone: "13800138000", Address: "红星村1号"},
		MerchantName: "某某超市", MerchantAddress: "人民路2号", Facts: "买到过期牛奶", Request: "退货退款", AmountInDispute: 300_00}
	if edit != nil {
		edit(&in)
	}
	ms, err := c.svc.Intake(c.ctx, auth.As(c.op), in)
	if err != nil {
		t.Fatal(err)
	}
	return ms[0]
}

func (c *county) act(t *testing.T, u *auth.User, m casework.Matter, a casework.Action, in casework.ActionInput) casework.Matter {
	t.Helper()
	if a == casework.StartMediation {
		c.consentBoth(t, m) // R-L14: mediation starts once both parties consented
	}
	out, err := c.svc.Act(c.ctx, auth.As(u), m.Number, a, in)
	if err != nil {
		t.Fatalf("%s on %s: %v", a, m.Number, err)
	}
	return out
}

// deadlines returns a matter's deadline rows by kind; for a kind with several rows, the last.
func (c *county) deadlines(t *testing.T, m casework.Matter) map[string]store.DeadlineRow {
	t.Helper()
	rows, err := c.st.MatterDeadlines(c.ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.DeadlineRow{}
	for _, r := range rows {
		out[string(r.Kind)] = r
	}
	return out
}

func (c *county) alerts(t *testing.T, kind string) []store.Alert {
	t.Helper()
	list, _, err := c.svc.Alerts(c.ctx, auth.As(c.admin), service.AlertQuery{Kind: kind, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func (c *county) timeline(t *testing.T, m casework.Matter) []casework.Event {
	t.Helper()
	evs, err := c.st.Timeline(c.ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func count(evs []casework.Event, a casework.Action) int {
	n := 0
	for _, e := range evs {
		if e.Action == a {
			n++
		}
	}
	return n
}

func errForbidden() error { return service.ErrForbidden }

func shLoc() *time.Location { return calendar.Shanghai }
