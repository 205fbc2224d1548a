package service_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// fired is one alert as the test sees it: "reminder on_site A @ 04-27 09:25".
func firedList(t *testing.T, c *county, names map[int64]string) []string {
	t.Helper()
	var out []string
	for _, kind := range []string{"reminder", "breach"} {
		for _, a := range c.alerts(t, kind) {
			at := a.CreatedAt.In(shLoc()).Format("01-02 15:04")
			out = append(out, fmt.Sprintf("%s %s %s @ %s", kind, a.Payload["deadline"], names[*a.MatterID], at))
		}
	}
	sort.Strings(out)
	return out
}

// TestFortnightThroughLabourDay drives two weeks of matters minute by minute through the 2026
// Labour Day holiday (05-01 – 05-05) and its make-up Saturday 05-09 with a simulated clock,
// calling the scanner once a minute: every reminder and breach fires exactly once, at the
// minute it is due (R-S1, R-L6, R-L19, R-L27, R-L42).
func TestFortnightThroughLabourDay(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		start := sh(t, "2026-04-27 08:00")
		c := newCounty(t, s, start)
		visit := func(in *casework.IntakeInput) { in.NeedsVisit = true }
		names := map[int64]string{}
		var m = map[string]casework.Matter{}
		schedule := map[string]func(){
			"2026-04-27 09:00": func() { m["A"] = c.complaint(t, c.village, visit) }, // nobody comes, nobody decides
			"2026-04-27 09:30": func() { m["E"] = c.report(t, "2026-04-27 09:30") },  // 15 working days: beyond the fortnight
			"2026-04-27 10:00": func() { m["B"] = c.complaint(t, c.street, visit) },  // urban: 15 minutes
			"2026-04-27 10:02": func() { m["B"] = c.act(t, c.op, m["B"], casework.Accept, casework.ActionInput{}) },
			"2026-04-27 10:03": func() {
				m["B"] = c.act(t, c.op, m["B"], casework.Dispatch, casework.ActionInput{StationID: &c.strtSt.ID})
			},
			"2026-04-27 10:12": func() { m["B"] = c.act(t, c.med, m["B"], casework.CheckIn, casework.ActionInput{}) },
			"2026-04-27 11:00": func() { m["D"] = c.complaint(t, c.village, nil) },
			"2026-04-27 11:30": func() { m["D"] = c.act(t, c.op, m["D"], casework.Accept, casework.ActionInput{}) },
			"2026-04-27 11:31": func() { m["D"] = c.act(t, c.med, m["D"], casework.StartMediation, casework.ActionInput{}) },
			"2026-04-27 16:00": func() {
				m["D"] = c.act(t, c.med, m["D"], casework.Terminate, casework.ActionInput{ReasonCode: "T2"})
			},
			"2026-04-28 14:00": func() {
				m["C"] = c.complaint(t, c.village, func(in *casework.IntakeInput) { in.Channel = casework.Transfer12345 })
			},
			"2026-04-30 17:00": func() { m["F"] = c.complaint(t, c.village, visit) },
			"2026-04-30 17:10": func() { m["F"] = c.act(t, c.op, m["F"], casework.Accept, casework.ActionInput{}) },
			"2026-04-30 17:11": func() {
				m["F"] = c.act(t, c.op, m["F"], casework.Dispatch, casework.ActionInput{StationID: &c.villSt.ID})
			},
			"2026-04-30 17:45": func() { m["F"] = c.act(t, c.med, m["F"], casework.CheckIn, casework.ActionInput{}) }, // 15 minutes late
		}
		end := sh(t, "2026-05-11 08:00")
		ticks := 0
		for now := start; !now.After(end); now = now.Add(time.Minute) {
			c.clock.Set(now)
			if f, ok := schedule[now.In(shLoc()).Format("2006-01-02 15:04")]; ok {
				f()
				for k, v := range m {
					names[v.ID] = k
				}
			}
			if _, err := c.svc.Scan(c.ctx, now); err != nil {
				t.Fatal(err)
			}
			ticks++
		}
		want := []string{
			"breach acceptance A @ 05-10 00:00",         // 7 working days end on make-up Saturday 05-09
			"breach on_site A @ 04-27 09:30",            // 30 minutes in a township (R-S1)
			"breach on_site F @ 04-30 17:30",            // checked in at 17:45
			"breach reply_12345 C @ 05-09 00:00",        // 5 working days: 04-29, 04-30, 05-06, 05-07, 05-08
			"breach termination_notice D @ 05-10 00:00", // 7 working days from 04-27, as acceptance
			"reminder acceptance A @ 05-09 00:00",       // one working day left: the make-up Saturday
			"reminder acceptance C @ 05-11 00:00",       // due 05-11; 05-09 counted, 05-10 not
			"reminder on_site A @ 04-27 09:25",
			"reminder on_site B @ 04-27 10:10", // urban 15 minutes, checked in at 10:12
			"reminder on_site F @ 04-30 17:25",
			"reminder reply_12345 C @ 05-08 00:00",
			"reminder termination_notice D @ 05-09 00:00",
		}
		if got := firedList(t, c, names); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("after %d ticks fired:\n%s\nwant:\n%s", ticks, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, k := range []string{"A", "C", "D", "F"} {
			mm, _ := s.Matter(c.ctx, m[k].ID)
			breaches := 0
			for _, ev := range c.timeline(t, mm) {
				if ev.Action == casework.Breach {
					breaches++
				}
			}
			wantBreaches := map[string]int{"A": 2, "C": 1, "D": 1, "F": 1}[k]
			if breaches != wantBreaches {
				t.Errorf("%s: %d breach events on the timeline, want %d", k, breaches, wantBreaches)
			}
		}
		// Missed on-site and acceptance deadlines moved A up twice: village → township → county (R-S3).
		a, _ := s.Matter(c.ctx, m["A"].ID)
		if a.Level != "county" || *a.StationID != c.centre.ID || count(c.timeline(t, a), casework.Escalate) != 2 {
			t.Errorf("A after two breaches: level %s station %v", a.Level, a.StationID)
		}
		f, _ := s.Matter(c.ctx, m["F"].ID)
		if f.Level != "township" || f.OnSiteKept == nil || *f.OnSiteKept {
			t.Errorf("F: level %s, kept %v", f.Level, f.OnSiteKept)
		}
		// A 12345 reply or a termination notice missed does not escalate by default.
		if d, _ := s.Matter(c.ctx, m["D"].ID); d.Level != "village" {
			t.Errorf("D escalated to %s", d.Level)
		}
	})
}

// TestScannerRestart: the scanner was down while a deadline passed; a new instance started
// later fires the breach once, and the stale reminder not at all.
func TestScannerRestart(t *testing.T) {
	pair(t, func(t *testing.T, s1, s2 *store.Store) {
		c := newCounty(t, s1, sh(t, "2026-05-06 10:00"))
		m := c.complaint(t, c.village, func(in *casework.IntakeInput) { in.NeedsVisit = true })
		if r, _ := c.svc.Scan(c.ctx, sh(t, "2026-05-06 10:20")); r != (service.ScanResult{}) {
			t.Fatalf("fired early: %+v", r)
		}
		s1.Close() // the process stops; its clock moves on past the due time
		later := sh(t, "2026-05-06 13:00")
		svc := service.New(s2, func() time.Time { return later })
		r, err := svc.Scan(c.ctx, later)
		if err != nil || r.Breached != 1 || r.Reminded != 0 || r.Escalated != 1 {
			t.Fatalf("after restart: %+v, %v", r, err)
		}
		if r, _ := svc.Scan(c.ctx, later.Add(time.Minute)); r != (service.ScanResult{}) {
			t.Fatalf("fired twice: %+v", r)
		}
		evs, _ := s2.Timeline(c.ctx, m.ID)
		if count(evs, casework.Breach) != 1 || count(evs, casework.Escalate) != 1 {
			t.Fatalf("timeline %+v", evs)
		}
		for _, ev := range evs {
			if ev.Action == casework.Breach && !ev.At.Equal(later) {
				t.Fatalf("breach recorded at %v", ev.At)
			}
		}
	})
}

// TestTwoInstancesFireOnce: two services on one database scan at once; every deadline
// fires exactly once and every matter escalates once.
func TestTwoInstancesFireOnce(t *testing.T) {
	pair(t, func(t *testing.T, s1, s2 *store.Store) {
		c := newCounty(t, s1, sh(t, "2026-05-06 10:00"))
		var ms []casework.Matter
		for i := 0; i < 12; i++ {
			c.clock.Set(sh(t, "2026-05-06 10:00").Add(time.Duration(i) * time.Minute))
			ms = append(ms, c.complaint(t, c.village, func(in *casework.IntakeInput) { in.NeedsVisit = true }))
		}
		later := sh(t, "2026-05-06 12:00")
		svcs := []*service.Service{service.New(s1, func() time.Time { return later }), service.New(s2, func() time.Time { return later })}
		var wg sync.WaitGroup
		results := make([]service.ScanResult, 6)
		errs := make([]error, 6)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = svcs[i%2].Scan(context.Background(), later)
			}()
		}
		wg.Wait()
		total := service.ScanResult{}
		for i, r := range results {
			if errs[i] != nil {
				t.Fatalf("scan %d: %v", i, errs[i])
			}
			total.Breached, total.Reminded, total.Escalated = total.Breached+r.Breached, total.Reminded+r.Reminded, total.Escalated+r.Escalated
		}
		if total.Breached != 12 || total.Reminded != 0 || total.Escalated != 12 {
			t.Fatalf("fired %+v, want 12 breaches and 12 escalations", total)
		}
		for _, m := range ms {
			evs, _ := s1.Timeline(c.ctx, m.ID)
			if count(evs, casework.Breach) != 1 || count(evs, casework.Escalate) != 1 {
				t.Fatalf("%s: %d breaches, %d escalations", m.Number, count(evs, casework.Breach), count(evs, casework.Escalate))
			}
		}
		if n := len(c.alerts(t, "breach")); n != 12 {
			t.Fatalf("%d breach alerts", n)
		}
	})
}

// pair runs fn with two stores on one database, on SQLite and on PostgreSQL.
func pair(t *testing.T, fn func(t *testing.T, s1, s2 *store.Store)) {
	open := func(t *testing.T, o store.Options) *store.Store {
		s, err := store.Open(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		fn(t, open(t, store.Options{DataDir: dir}), open(t, store.Options{DataDir: dir}))
	})
	t.Run("postgres", func(t *testing.T) {
		u := testdb.PostgresURL(t)
		fn(t, open(t, store.Options{URL: u}), open(t, store.Options{URL: u}))
	})
}

// TestExtensionRearmsClock_R_L22: an extension after the reminder reminds again before the
// new due time; an extension after a breach keeps the breach on record and starts a new row
// that can breach in its turn — each firing once.
func TestExtensionRearmsClock_R_L22(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-04-30 09:00"))
		m := c.complaint(t, c.village, nil)
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		c.clock.Set(sh(t, "2026-04-30 10:00"))
		m = c.act(t, c.med, m, casework.RecordClue, casework.ActionInput{Note: "疑似无证经营"}) // due 05-25
		m = c.act(t, c.med, m, casework.StartMediation, casework.ActionInput{})
		m = c.act(t, c.med, m, casework.Terminate, casework.ActionInput{ReasonCode: "T1"})
		m = c.act(t, c.med, m, casework.NotifyParties, casework.ActionInput{}) // only the clue runs now
		scan := func(at string) service.ScanResult {
			t.Helper()
			c.clock.Set(sh(t, at))
			r, err := c.svc.Scan(c.ctx, sh(t, at))
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		if r := scan("2026-05-25 00:00"); r.Reminded != 1 {
			t.Fatalf("reminder at the start of the due day: %+v", r)
		}
		c.clock.Set(sh(t, "2026-05-25 09:00"))
		m = c.act(t, c.sup, m, casework.ExtendVerification, casework.ActionInput{Note: "部门负责人批准延长"})
		if d := c.deadlines(t, m)["violation_clue"]; d.DueDate.String() != "2026-06-15" || d.RemindedAt != nil {
			t.Fatalf("after the extension: %+v", d)
		}
		if r := scan("2026-06-15 00:00"); r.Reminded != 1 {
			t.Fatalf("no second reminder before the new due time: %+v", r)
		}
		if r := scan("2026-06-16 00:00"); r.Breached != 1 {
			t.Fatalf("extended clue not breached: %+v", r)
		}
		if r := scan("2026-06-16 00:01"); r != (service.ScanResult{}) {
			t.Fatalf("fired again: %+v", r)
		}

		rep := c.report(t, "2026-06-16 00:01") // 15 working days, Dragon Boat 06-19 skipped: 07-08
		if d := c.deadlines(t, rep)["report_verification"]; d.DueDate.String() != "2026-07-08" {
			t.Fatalf("report due %s", d.DueDate)
		}
		if r := scan("2026-07-09 00:00"); r.Breached != 1 {
			t.Fatalf("report not breached: %+v", r)
		}
		c.clock.Set(sh(t, "2026-07-09 09:00"))
		rep = c.act(t, c.sup, rep, casework.ExtendVerification, casework.ActionInput{Note: "案情复杂，批准延长"})
		rows, _ := s.MatterDeadlines(c.ctx, rep.ID)
		if len(rows) != 2 || rows[0].BreachedAt == nil || rows[0].CancelReason != "moved" || rows[1].BreachedAt != nil || rows[1].DueDate.String() != "2026-07-29" {
			t.Fatalf("rows after a late extension: %+v", rows)
		}
		if r := scan("2026-07-29 23:59"); r.Breached != 0 {
			t.Fatalf("breached a minute early: %+v", r)
		}
		if r := scan("2026-07-30 00:00"); r.Breached != 1 {
			t.Fatalf("the extended period did not breach: %+v", r)
		}
		if n := len(c.alerts(t, "breach")); n != 3 {
			t.Fatalf("%d breach alerts, want 3", n)
		}
	})
}

// TestCalendarReminder_R_L43: from October the office is asked, once, to load next year's notice.
func TestCalendarReminder_R_L43(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-09-30 23:59"))
		for _, at := range []string{"2026-09-30 23:59", "2026-10-01 00:00", "2026-10-01 00:01", "2026-11-15 09:00"} {
			if _, err := c.svc.Scan(c.ctx, sh(t, at)); err != nil {
				t.Fatal(err)
			}
			want := 1
			if at == "2026-09-30 23:59" {
				want = 0
			}
			if got := c.alerts(t, "calendar_missing"); len(got) != want {
				t.Fatalf("at %s: %d calendar alerts, want %d", at, len(got), want)
			}
		}
	})
}

// TestRunScannerStops: the worker scans at once on start (a restart fires what fell due
// while it was down) and returns when serve shuts down.
func TestRunScannerStops(t *testing.T) {
	s := testdb.SQLite(t)
	c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
	m := c.complaint(t, c.village, func(in *casework.IntakeInput) { in.NeedsVisit = true })
	c.clock.Set(sh(t, "2026-05-06 11:00"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { c.svc.RunScanner(ctx); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for count(c.timeline(t, m), casework.Breach) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the worker did not scan on start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the worker did not stop")
	}
}
