package service_test

import (
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/notify"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestReporterNoticeForEveryRealNameReporter_R_L44: under Order 20 the clock runs for every
// real-name reporter, and the notice that meets it is never refused for one of them — a
// reporter who wrote a letter with no phone is told by post (an internal notice in the
// outbox), not left with a clock nobody can meet; an anonymous reporter has neither the clock
// nor the notice (422, nothing written).
func TestReporterNoticeForEveryRealNameReporter_R_L44(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newCourt(t, s, sh(t, "2026-04-01 09:00"))
		ctx := f.ctx
		report := func(p casework.Party) casework.Matter {
			t.Helper()
			ms, err := f.svc.Intake(ctx, auth.As(f.op), casework.IntakeInput{Kind: casework.Report, Channel: casework.Letter, AreaID: &f.county.county.ID,
				Consumer: p, MerchantName: "某药店", MerchantAddress: "东街3号", Facts: "销售过期药品"})
			if err != nil {
				t.Fatal(err)
			}
			m := f.act(t, f.op, ms[0], casework.Verify, casework.ActionInput{})
			return f.act(t, f.sup, m, casework.File, casework.ActionInput{})
		}

		letter := report(casework.Party{Name: "钱七", Address: "东街5号"})
		if row := f.row(t, letter, deadline.ReporterNotice); row.Status != deadline.Running || row.Rule != "R-L44" {
			t.Fatalf("reporter clock %+v", row)
		}
		n := len(messagesOf(t, s, f, letter))
		if _, err := f.svc.NotifyReporter(ctx, auth.As(f.sup), letter.Number); err != nil {
			t.Fatalf("a real-name reporter without a phone: %v", err)
		}
		msgs := messagesOf(t, s, f, letter)
		if len(msgs) != n+1 || msgs[n].Kind != "reporter_notice" || msgs[n].Channel != notify.Internal || msgs[n].Recipient != "钱七" {
			t.Fatalf("the notice to send by post: %+v", msgs[n:])
		}
		if row := f.row(t, letter, deadline.ReporterNotice); row.Status != deadline.Met {
			t.Fatalf("reporter clock %s after the notice", row.Status)
		}

		anonymous := report(casework.Party{Phone: "13700137001"})
		if _, ok := f.deadlines(t, anonymous)[string(deadline.ReporterNotice)]; ok {
			t.Fatal("a clock for an anonymous reporter")
		}
		events, sent := len(f.timeline(t, anonymous)), len(messagesOf(t, s, f, anonymous))
		_, err := f.svc.NotifyReporter(ctx, auth.As(f.sup), anonymous.Number)
		refused(t, "an anonymous reporter", err, false, "reporter:court_not_real_name")
		if len(messagesOf(t, s, f, anonymous)) != sent || len(f.timeline(t, anonymous)) != events {
			t.Fatal("the refusal wrote something")
		}
	})
}

func messagesOf(t *testing.T, s *store.Store, f *courtFixture, m casework.Matter) []notify.Message {
	t.Helper()
	msgs, err := s.MatterMessages(f.ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}
