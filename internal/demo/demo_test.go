package demo

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"weiquan/internal/audit"
	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/dispatch"
	"weiquan/internal/merchant"
	"weiquan/internal/money"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

var demoNow = time.Date(2026, 11, 30, 10, 0, 0, 0, calendar.Shanghai)

func allMatters(t *testing.T, s *store.Store) []casework.Matter {
	t.Helper()
	var out []casework.Matter
	for {
		page, total, err := s.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}, Limit: 500, Offset: len(out)})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page...)
		if len(out) >= total || len(page) == 0 {
			return out
		}
	}
}

func TestFill(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := service.New(s, func() time.Time { return demoNow })
		// A key and head as serve has them: the demo's second service must seal with the same key.
		cfg := service.AuditConfig{Key: bytes.Repeat([]byte{3}, audit.KeySize), HeadPath: filepath.Join(t.TempDir(), service.AuditHeadFile)}
		if err := svc.UseAudit(ctx, cfg); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.EnsureAdmin(ctx, "admin-password"); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		n, err := Fill(ctx, svc)
		if err != nil {
			t.Fatalf("Fill: %v", err)
		}
		t.Logf("filled %d matters in %v", n, time.Since(start).Round(time.Millisecond))
		if n != Matters+PortalMatters+CourtMatters {
			t.Errorf("Fill created %d matters, want %d", n, Matters+PortalMatters+CourtMatters)
		}
		ms := allMatters(t, s)
		if len(ms) != n {
			t.Fatalf("database holds %d matters, Fill said %d", len(ms), n)
		}

		t.Run("the audit log verifies against its head (R-P8)", func(t *testing.T) {
			r, err := svc.VerifyAudit(ctx)
			if err != nil || !r.OK() || r.Keyed == 0 || r.Head == nil || r.Head.Count != r.Checked {
				t.Fatalf("%+v %v", r, err)
			}
		})
		t.Run("second fill creates nothing", func(t *testing.T) {
			n2, err := Fill(ctx, svc)
			if err != nil || n2 != 0 {
				t.Fatalf("second Fill = %d, %v; want 0, nil", n2, err)
			}
			if got := len(allMatters(t, s)); got != n {
				t.Errorf("after second Fill %d matters, want %d", got, n)
			}
		})
		t.Run("station heads and public summaries (R-L25, R-P5)", func(t *testing.T) {
			sts, err := s.Stations(ctx)
			if err != nil {
				t.Fatal(err)
			}
			heads := 0
			for _, st := range sts {
				if st.HeadID != nil {
					heads++
				}
			}
			if heads < 10 {
				t.Errorf("%d of %d stations have a head", heads, len(sts))
			}
			pub, err := svc.PublicMatters(ctx, auth.Anonymous(""), service.PublicQuery{Kinds: service.PublicKinds, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			with := 0
			for _, m := range pub {
				if m.Summary != "" {
					with++
				}
			}
			if with == 0 {
				t.Error("no public matter of the last 90 days has an approved summary")
			}
		})
		t.Run("every channel kind state outcome and rule set", func(t *testing.T) {
			seen := map[string]int{}
			for _, m := range ms {
				seen["channel "+string(m.Channel)]++
				seen["kind "+string(m.Kind)]++
				seen["state "+string(m.State)]++
				seen["outcome "+string(m.Outcome)]++
				seen["rule_set "+string(m.RuleSet)]++
			}
			var want []string
			for _, c := range casework.Channels {
				want = append(want, "channel "+string(c))
			}
			for _, k := range casework.Kinds {
				want = append(want, "kind "+string(k))
			}
			for _, st := range casework.States {
				want = append(want, "state "+string(st))
			}
			for _, o := range casework.Outcomes {
				want = append(want, "outcome "+string(o))
			}
			want = append(want, "rule_set order20", "rule_set order121")
			for _, w := range want {
				if seen[w] == 0 {
					t.Errorf("no matter with %s", w)
				}
			}
			t.Logf("counts: %v", seen)
		})
		t.Run("shares follow the article: phone first, reports about a fifth, most closed", func(t *testing.T) {
			var phone, reports, closed int
			for _, m := range ms {
				if m.Channel == casework.Hotline12315 {
					phone++
				}
				if m.Kind == casework.Report {
					reports++
				}
				if m.State == casework.Closed {
					closed++
				}
			}
			if phone*2 < n {
				t.Errorf("%d of %d on the 12315 hotline, want at least half", phone, n)
			}
			if reports*100 < n*15 || reports*100 > n*27 {
				t.Errorf("%d reports of %d, want about a fifth", reports, n)
			}
			if closed*100 < n*85 {
				t.Errorf("%d of %d closed, want most", closed, n)
			}
		})
		t.Run("timelines start with intake and never run ahead of now", func(t *testing.T) {
			checkIns := 0
			for _, m := range ms {
				if m.ReceivedAt.After(demoNow) {
					t.Errorf("%s received in the future: %v", m.Number, m.ReceivedAt)
				}
				if demoNow.Sub(m.ReceivedAt) > 366*24*time.Hour {
					t.Errorf("%s received more than a year ago: %v", m.Number, m.ReceivedAt)
				}
				evs, err := s.Timeline(ctx, m.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(evs) == 0 || evs[0].Action != casework.Intake {
					t.Errorf("%s timeline does not start with intake: %v", m.Number, evs)
					continue
				}
				if !evs[0].At.Equal(m.ReceivedAt) {
					t.Errorf("%s intake at %v, received %v", m.Number, evs[0].At, m.ReceivedAt)
				}
				for i, ev := range evs {
					if ev.At.After(demoNow) {
						t.Errorf("%s event %s in the future: %v", m.Number, ev.Action, ev.At)
					}
					if i > 0 && ev.At.Before(evs[i-1].At) {
						t.Errorf("%s event %s before the one preceding it", m.Number, ev.Action)
					}
					if ev.Action == casework.CheckIn {
						checkIns++
					}
				}
				if m.State == casework.OnSite && m.ArrivedAt == nil {
					t.Errorf("%s on site without a check-in", m.Number)
				}
			}
			if checkIns < 50 {
				t.Errorf("%d check-ins, want dispatched complaints checked in on site", checkIns)
			}
		})
		t.Run("recovered amounts", func(t *testing.T) {
			var total money.Fen
			for _, m := range ms {
				if m.Outcome == casework.OutcomeAgreement && m.Recovered <= 0 {
					t.Errorf("%s agreement without an amount recovered", m.Number)
				}
				total += m.Recovered
			}
			if total < 30000000 || total > 150000000 {
				t.Errorf("recovered %s yuan, want hundreds of thousands", total)
			}
			t.Logf("recovered total ¥%s", total)
		})
		t.Run("reason codes of the matter's rule set", func(t *testing.T) {
			prefixes := map[string]int{}
			for _, m := range ms {
				if m.Outcome == casework.OutcomeRejected {
					prefixes[m.ReasonCode[:3]]++
				}
				switch m.Outcome {
				case casework.OutcomeRejected:
					if _, ok := casework.FindReason(casework.RejectReasons(m.RuleSet), m.ReasonCode); !ok {
						t.Errorf("%s rejected with %q under %s", m.Number, m.ReasonCode, m.RuleSet)
					}
					if m.RuleSet == casework.Order20 && !strings.HasPrefix(m.ReasonCode, "R15-") {
						t.Errorf("%s received %v rejected with %s", m.Number, m.ReceivedAt, m.ReasonCode)
					}
				case casework.OutcomeTerminated:
					if _, ok := casework.FindReason(casework.TerminateReasons(m.RuleSet), m.ReasonCode); !ok {
						t.Errorf("%s terminated with %q under %s", m.Number, m.ReasonCode, m.RuleSet)
					}
				}
			}
			if prefixes["R15"] == 0 || prefixes["R16"] == 0 {
				t.Errorf("rejections by rule set %v, want some under Order 20 (R15-) and Order 121 (R16-)", prefixes)
			}
		})
		t.Run("merchants have valid USCCs, some online shops unreachable", func(t *testing.T) {
			list, total, err := s.Merchants(ctx, store.MerchantFilter{Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			if total < 45 {
				t.Errorf("%d merchants, want about 50", total)
			}
			var cluster, unreachable int
			for _, m := range list {
				if m.USCC != "" && !merchant.ValidUSCC(m.USCC) {
					t.Errorf("%s has invalid USCC %s", m.Name, m.USCC)
				}
				if m.USCC != "" && len(merchant.USCCWarnings(m.USCC)) > 0 {
					t.Errorf("%s USCC %s: %v", m.Name, m.USCC, merchant.USCCWarnings(m.USCC))
				}
				if m.ClusterRegistered {
					cluster++
				}
				if m.Unreachable {
					unreachable++
				}
			}
			if cluster == 0 || unreachable == 0 {
				t.Errorf("%d cluster-registered and %d unreachable merchants, want some of each", cluster, unreachable)
			}
		})
		t.Run("network: county, townships, villages, stations of every host type", func(t *testing.T) {
			areas, err := s.Areas(ctx)
			if err != nil {
				t.Fatal(err)
			}
			levels := map[dispatch.Level]int{}
			for _, a := range areas {
				levels[a.Level]++
			}
			if levels[dispatch.County] != 1 || levels[dispatch.Township] < 10 || levels[dispatch.Village] < 30 {
				t.Errorf("areas by level %v, want one county, about ten townships and their villages", levels)
			}
			sts, err := s.Stations(ctx)
			if err != nil {
				t.Fatal(err)
			}
			hosts := map[dispatch.HostType]int{}
			for _, st := range sts {
				hosts[st.HostType]++
			}
			for _, h := range dispatch.HostTypes {
				if hosts[h] == 0 {
					t.Errorf("no station hosted by %s", h)
				}
			}
		})
		t.Run("the office kept its duties: no 12345 reply or termination notice overdue", func(t *testing.T) {
			// R-L19, R-L27: the demo replies to 12345 and tells both parties when mediation
			// ends, so starting the server does not greet staff with dozens of stale breaches.
			if _, err := svc.Scan(ctx, demoNow); err != nil {
				t.Fatal(err)
			}
			alerts, _, err := s.Alerts(ctx, store.AlertFilter{Scope: store.Scope{All: true}, Kind: "breach", Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range alerts {
				if k := fmt.Sprint(a.Payload["deadline"]); k == string(deadline.Reply12345) || k == string(deadline.TerminationNotice) {
					t.Errorf("overdue %s on matter %v", k, a.MatterID)
				}
			}
			unreachable, _, _ := s.Alerts(ctx, store.AlertFilter{Scope: store.Scope{All: true}, Kind: "merchant_unreachable", Limit: 500})
			seen := map[any]bool{}
			for _, a := range unreachable {
				if seen[a.Payload["merchant_id"]] {
					t.Errorf("merchant %v alerted twice while unread", a.Payload["merchant"])
				}
				seen[a.Payload["merchant_id"]] = true
			}
		})
		t.Run("demo accounts sign in with the banner's password", func(t *testing.T) {
			for _, name := range []string{"operator1", "mediator1", "supervisor1", "judge1", "liaison1", "merchant1"} {
				if _, u, err := svc.Login(ctx, auth.Principal{}, name, Password); err != nil {
					t.Errorf("login %s: %v", name, err)
				} else if !strings.ContainsFunc(u.DisplayName, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
					t.Errorf("%s display name %q is not Chinese", name, u.DisplayName)
				}
			}
			if _, _, err := svc.Login(ctx, auth.Principal{}, "admin", "admin-password"); err != nil {
				t.Errorf("the admin made before the demo cannot sign in: %v", err)
			}
		})
	})
}

// An interrupted fill (here: stopped after the network, merchants and staff,
// before the first matter) is taken up again without building anything twice.
// The store calls are the same on both databases; SQLite keeps this test quick.
func TestFillResumesAfterInterruption(t *testing.T) {
	s := testdb.SQLite(t)
	ctx := context.Background()
	svc := service.New(s, func() time.Time { return demoNow })
	f, err := newFiller(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	for _, build := range []func() error{f.buildNetwork, f.buildMerchants, f.buildStaff} {
		if err := build(); err != nil {
			t.Fatal(err)
		}
	}
	counts := func() [4]int {
		areas, _ := s.Areas(ctx)
		sts, _ := s.Stations(ctx)
		_, ms, _ := s.Merchants(ctx, store.MerchantFilter{})
		users, _ := s.Users(ctx)
		return [4]int{len(areas), len(sts), ms, len(users)}
	}
	before := counts()
	n, err := Fill(ctx, svc)
	if err != nil || n != Matters+PortalMatters+CourtMatters {
		t.Fatalf("Fill after interruption = %d, %v; want %d, nil", n, err, Matters+PortalMatters+CourtMatters)
	}
	if after := counts(); after != before {
		t.Errorf("areas, stations, merchants, users: %v before, %v after taking up the fill", before, after)
	}
}
