package service_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/money"
	"weiquan/internal/report"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

func shanghai(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
	return time.Date(y, mo, d, h, mi, s, ns, calendar.Shanghai)
}

type seed struct {
	m       casework.Matter
	arrived time.Duration // after receipt; 0: not arrived
}

// reportCounty makes a city with towns A (with village A1) and B, and the
// matters of the report tests; it returns the areas.
func reportCounty(t *testing.T, s *store.Store, svc *service.Service) (city, a, a1, b dispatch.Area) {
	t.Helper()
	ctx := context.Background()
	city = dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
	mk := func(ar *dispatch.Area) {
		if err := svc.CreateArea(ctx, ar); err != nil {
			t.Fatal(err)
		}
	}
	mk(&city)
	a = dispatch.Area{ParentID: &city.ID, Name: "码头镇", Level: dispatch.Township}
	mk(&a)
	a1 = dispatch.Area{ParentID: &a.ID, Name: "码头村", Level: dispatch.Village}
	mk(&a1)
	b = dispatch.Area{ParentID: &city.ID, Name: "夏畈镇", Level: dispatch.Township}
	mk(&b)
	goods, services := casework.Goods, casework.Services
	yes, no := true, false
	five, three := 5, 3
	seeds := []seed{
		// 1: the first instant of the year counts; arrived after 12 min 30.9 s → 12 minutes.
		{m: casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Closed, Outcome: casework.OutcomeAgreement,
			ReceivedAt: shanghai(2021, 1, 1, 0, 0, 0, 0), AreaID: &a1.ID, Category: goods, Recovered: 10050, OnSiteKept: &yes, Satisfaction: &five}, arrived: 12*time.Minute + 30900*time.Millisecond},
		// 2: mediation terminated, still open; late on site.
		{m: casework.Matter{Kind: casework.Complaint, Channel: casework.Visit, State: casework.Terminated, Outcome: casework.OutcomeTerminated,
			ReceivedAt: shanghai(2021, 2, 5, 9, 0, 0, 0), AreaID: &a.ID, Category: services, OnSiteKept: &no, Satisfaction: &three}, arrived: 45 * time.Minute},
		// 3: a recovered amount of 25 fen must not drift; on-site promised, nobody arrived yet.
		{m: casework.Matter{Kind: casework.Complaint, Channel: casework.Web, State: casework.Closed, Outcome: casework.OutcomeAgreement,
			ReceivedAt: shanghai(2021, 2, 20, 10, 0, 0, 0), AreaID: &b.ID, Recovered: 25}, arrived: -1},
		// 4: the last instant of the year counts; placed at the city itself.
		{m: casework.Matter{Kind: casework.Report, Channel: casework.Letter, State: casework.Closed, Outcome: casework.OutcomeFiled,
			ReceivedAt: shanghai(2021, 12, 31, 23, 59, 59, 999999000), AreaID: &city.ID}},
		// 5: no area.
		{m: casework.Matter{Kind: casework.Inquiry, Channel: casework.Transfer12345, State: casework.Closed, Outcome: casework.OutcomeAnswered,
			ReceivedAt: shanghai(2021, 6, 15, 8, 0, 0, 0)}},
		// 6 and 7: one instant outside the year on each side.
		{m: casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Received, ReceivedAt: shanghai(2022, 1, 1, 0, 0, 0, 0), AreaID: &a.ID}},
		{m: casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Received, ReceivedAt: shanghai(2020, 12, 31, 23, 59, 59, 0), AreaID: &a.ID}},
		// 8: an agreement not yet closed still counts as an agreement, with its money (R-S6).
		{m: casework.Matter{Kind: casework.Complaint, Channel: casework.Platform12315, State: casework.Agreement, Outcome: casework.OutcomeAgreement,
			ReceivedAt: shanghai(2021, 3, 10, 14, 0, 0, 0), AreaID: &a.ID, Recovered: 100000}},
	}
	err := s.Tx(ctx, func(tx *store.Tx) error {
		for _, sd := range seeds {
			m := sd.m
			m.RuleSet, m.CreatedAt, m.UpdatedAt, m.Version, m.Consumers = casework.RuleSetFor(m.ReceivedAt), clock, clock, 1, 1
			if m.State == casework.Closed {
				c := m.ReceivedAt.Add(48 * time.Hour)
				m.ClosedAt = &c
			}
			if m.AreaID != nil {
				ar, err := tx.Area(ctx, *m.AreaID)
				if err != nil {
					return err
				}
				m.AreaPath = ar.Path
			}
			if sd.arrived != 0 {
				due := m.ReceivedAt.Add(30 * time.Minute)
				m.OnSiteDueAt = &due
			}
			if sd.arrived > 0 {
				at := m.ReceivedAt.Add(sd.arrived)
				m.ArrivedAt = &at
			}
			if err := tx.InsertMatter(ctx, &m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return city, a, a1, b
}

func year(y int) report.Params {
	return report.Params{From: calendar.Date{Year: y, Month: 1, Day: 1}, To: calendar.Date{Year: y, Month: 12, Day: 31}}
}

func TestReportFigures_R_S4_R_S6(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		city, a, a1, b := reportCounty(t, s, svc)
		r, err := svc.Summary(ctx, auth.System, year(2021))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int64{
			"total": 6, "closed": 4, "mediations_concluded": 4, "agreements": 3,
			"kind.complaint": 4, "kind.report": 1, "kind.inquiry": 1,
			"channel.hotline_12315": 1, "channel.platform_12315": 1, "channel.web": 1, "channel.letter": 1, "channel.visit": 1,
			"channel.transfer_12345": 1, "channel.transfer_department": 0,
			"category.goods": 1, "category.services": 1, "category.none": 4,
			"on_site.count": 3, "on_site.kept": 1, "on_site.arrived": 2, "satisfaction.count": 2,
		}
		got := map[string]int64{"total": r.Total, "closed": r.Closed, "mediations_concluded": r.MediationsConcluded, "agreements": r.Agreements,
			"on_site.count": r.OnSite.Count, "on_site.kept": r.OnSite.Kept, "on_site.arrived": r.OnSite.Arrived, "satisfaction.count": r.Satisfaction.Count}
		for k, v := range r.ByKind {
			got["kind."+k] = v
		}
		for k, v := range r.ByChannel {
			got["channel."+k] = v
		}
		for k, v := range r.ByCategory {
			got["category."+k] = v
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %d, want %d", k, got[k], v)
			}
		}
		if len(got) != len(want) {
			t.Errorf("figures %v, want %v", got, want)
		}
		if r.RecoveredAmount != money.Fen(110075) {
			t.Errorf("recovered %s, want 1100.75", r.RecoveredAmount)
		}
		checkRate(t, "completion_rate", r.CompletionRate, 4.0/6)
		checkRate(t, "mediation_success_rate", r.MediationSuccessRate, 0.75)
		checkRate(t, "on_site.kept_rate", r.OnSite.KeptRate, 1.0/3)
		checkRate(t, "satisfaction.mean", r.Satisfaction.Mean, 4)
		if r.OnSite.MedianMinutes == nil || *r.OnSite.MedianMinutes != 12 || r.OnSite.P90Minutes == nil || *r.OnSite.P90Minutes != 45 {
			t.Errorf("on-site minutes: median %v p90 %v, want 12 and 45", r.OnSite.MedianMinutes, r.OnSite.P90Minutes)
		}
		areas := map[string]int64{}
		for _, l := range r.ByArea {
			areas[l.Key] = l.Count
		}
		wantAreas := map[string]int64{"self": 1, "area:" + itoa(a.ID): 3, "area:" + itoa(b.ID): 1, "unplaced": 1}
		if len(areas) != len(wantAreas) || r.ByArea[0].Key != "self" || *r.ByArea[0].AreaID != city.ID {
			t.Errorf("by_area %+v", r.ByArea)
		}
		for k, v := range wantAreas {
			if areas[k] != v {
				t.Errorf("by_area %s = %d, want %d", k, areas[k], v)
			}
		}
		months := map[string]int64{}
		for _, m := range r.ByMonth {
			months[m.Month] = m.Count
		}
		if len(r.ByMonth) != 12 || months["2021-01"] != 1 || months["2021-02"] != 2 || months["2021-03"] != 1 || months["2021-06"] != 1 ||
			months["2021-12"] != 1 || months["2021-07"] != 0 {
			t.Errorf("by_month %+v", r.ByMonth)
		}

		// A chosen area splits into its own children and itself; nothing is unplaced in it.
		p := year(2021)
		p.AreaID = &a.ID
		ra, err := svc.Summary(ctx, auth.System, p)
		if err != nil {
			t.Fatal(err)
		}
		if ra.Total != 3 || len(ra.ByArea) != 2 || ra.ByArea[0].Key != "self" || ra.ByArea[0].Count != 2 ||
			ra.ByArea[1].Key != "area:"+itoa(a1.ID) || ra.ByArea[1].Count != 1 {
			t.Errorf("area report %d %+v", ra.Total, ra.ByArea)
		}

		// An empty period: every count 0, every rate and mean null.
		e, err := svc.Summary(ctx, auth.System, year(2019))
		if err != nil {
			t.Fatal(err)
		}
		if e.Total != 0 || e.CompletionRate != nil || e.MediationSuccessRate != nil || e.OnSite.KeptRate != nil ||
			e.OnSite.MedianMinutes != nil || e.Satisfaction.Mean != nil || e.ByChannel["letter"] != 0 || len(e.ByChannel) != len(casework.Channels) {
			t.Errorf("empty period: %+v", e)
		}
	})
}

func TestReportScope_R_P4(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		_, a, a1, _ := reportCounty(t, s, svc)
		// A supervisor of town A sees A's matters only, split by A's villages.
		sup := &auth.User{ID: 1, Role: auth.Supervisor, AreaID: &a.ID}
		r, err := svc.Summary(ctx, auth.As(sup), year(2021))
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != 3 || len(r.ByArea) != 2 || r.ByArea[1].Key != "area:"+itoa(a1.ID) {
			t.Fatalf("town supervisor: %d %+v", r.Total, r.ByArea)
		}
		if _, err := svc.Summary(ctx, auth.As(&auth.User{Role: auth.Merchant}), year(2021)); err != service.ErrForbidden {
			t.Fatalf("merchant: %v", err)
		}
	})
}

func checkRate(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	if got == nil || *got < want-1e-12 || *got > want+1e-12 {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
