// Package demo fills a database with a realistic county: its areas, stations,
// staff, merchants and a year of matters in every channel and state.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
)

// Matters is how many matters the demo county holds.
const Matters = 500

// seed makes the county the same every time (the day the Ruichang association was founded).
const seed = 20180104

// Fill creates the demo county unless the database already holds matters; it
// returns how many matters it created. Everything goes through the service
// layer, with a clock moved along so every timeline reads as it happened.
func Fill(ctx context.Context, svc *service.Service) (int, error) {
	empty, err := svc.Empty(ctx)
	if err != nil || !empty {
		return 0, err
	}
	f, err := newFiller(ctx, svc)
	if err != nil {
		return 0, err
	}
	for _, build := range []func() error{f.buildNetwork, f.buildMerchants, f.buildStaff, f.heads, f.officeSettings} {
		if err := build(); err != nil {
			return 0, err
		}
	}
	jobs := f.jobs(Matters - len(gymComplaints) - mediationCaseCount)
	slices.SortStableFunc(jobs, func(a, b job) int { return a.in.ReceivedAt.Compare(*b.in.ReceivedAt) })
	created := 0
	for _, j := range jobs {
		n, err := f.run(j)
		created += n
		if err != nil {
			return created, err
		}
	}
	if err := f.notices(); err != nil {
		return created, err
	}
	n, err := f.gymIntake()
	if created += n; err != nil {
		return created, err
	}
	if err := f.creditRecords(); err != nil {
		return created, err
	}
	if err := f.supervision(); err != nil {
		return created, err
	}
	n, err = f.portal()
	if created += n; err != nil {
		return created, err
	}
	n, err = f.mediationCases()
	if created += n; err != nil {
		return created, err
	}
	n, err = f.portalOffer()
	if created += n; err != nil {
		return created, err
	}
	n, err = f.courtWork()
	if created += n; err != nil {
		return created, err
	}
	return created, f.summaries()
}

// newFiller starts a county at the service's present time. It reads the areas
// and stations already there, so a fill interrupted before its first matter
// takes up what it had built instead of building it twice.
func newFiller(ctx context.Context, svc *service.Service) (*filler, error) {
	f := &filler{ctx: ctx, svc: svc, now: svc.Now().UTC().Truncate(time.Second), rnd: rand.New(rand.NewPCG(seed, seed)),
		townOf: map[int64]*town{}, posts: map[int64][]post{}}
	var err error
	if f.cal, err = calendar.New(calendar.Embedded()); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	f.clk = &clock{t: f.now.AddDate(-1, -1, 0)}
	f.bs = svc.WithClock(f.clk.Now) // one database and one audit chain, another time
	if f.oldAreas, err = svc.Areas(ctx, auth.System); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if f.oldStations, err = svc.Stations(ctx, auth.System); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return f, nil
}

// filler holds the county as it is built.
type filler struct {
	ctx context.Context
	svc *service.Service // the real clock: reads
	bs  *service.Service // the moving clock: every command
	clk *clock
	now time.Time
	rnd *rand.Rand
	cal *calendar.Calendar

	oldAreas    []dispatch.Area
	oldStations []dispatch.Station

	county          dispatch.Area
	towns           []*town
	townOf          map[int64]*town // township or village id → its township
	posts           map[int64][]post
	hq, court       dispatch.Station
	courtHouse      dispatch.Station // the people's court, where the judge sits (issue 10)
	shops           []*shop
	supervisors     []auth.User
	operators       []auth.User
	mediators       []auth.User
	centreMediators []int // at the office, the office, the joint mediation centre
	judge           auth.User
}

// clock is the time the demo's commands believe it is.
type clock struct{ t time.Time }

// Now returns the clock's time.
func (c *clock) Now() time.Time { return c.t }

// between returns a duration drawn evenly from [lo, hi).
func (f *filler) between(lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(f.rnd.Int64N(int64(hi-lo)))
}

// chance is true with probability p.
func (f *filler) chance(p float64) bool { return f.rnd.Float64() < p }

// office returns the first moment at or after t when the office is open
// (a working day of the official calendar, 8:30–17:30 in Shanghai).
func (f *filler) office(t time.Time) time.Time {
	l := t.In(calendar.Shanghai)
	for range 40 {
		d := calendar.DateOf(l)
		open := d.Start().Add(8*time.Hour + 30*time.Minute)
		shut := d.Start().Add(17*time.Hour + 30*time.Minute)
		if f.workday(d) {
			if l.Before(open) {
				return open.Add(f.between(0, 50*time.Minute))
			}
			if l.Before(shut) {
				return l
			}
		}
		l = d.AddDays(1).Start()
	}
	return t
}

// awake moves a call to a consumer made late at night to the next office hours.
func (f *filler) awake(t time.Time) time.Time {
	if h := t.In(calendar.Shanghai).Hour(); h >= 21 || h < 8 {
		return f.office(t)
	}
	return t
}

// workday follows the official calendar, and weekdays where it has no data.
func (f *filler) workday(d calendar.Date) bool {
	ok, err := f.cal.IsWorkday(d)
	if err != nil {
		wd := d.Weekday()
		return wd != time.Saturday && wd != time.Sunday
	}
	return ok
}

// days is n days as a duration.
func days(n float64) time.Duration { return time.Duration(n * float64(24*time.Hour)) }

// pick returns an index drawn by weight.
func (f *filler) pick(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := f.rnd.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}
