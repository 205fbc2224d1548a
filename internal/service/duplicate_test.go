package service_test

import (
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestDuplicateDetection_R_L24: a report by the same reporter on the same respondent with the
// same facts (spacing and punctuation aside) is found as the repeat of the first; taken up, it
// is "not handled again", linked to the first; a later repeat links to the first again, not to
// the repeat; other facts, another reporter, an anonymous one are no repeats.
func TestDuplicateDetection_R_L24(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		report := func(phone, facts string) casework.Matter {
			ms, err := c.svc.Intake(c.ctx, auth.As(c.op), casework.IntakeInput{Kind: casework.Report, Channel: casework.Hotline12315, AreaID: &c.village.ID,
				Consumer: casework.Party{Name: "钱七", Phone: phone}, MerchantName: "某某药店", MerchantAddress: "东街3号", Facts: facts})
			if err != nil {
				t.Fatal(err)
			}
			c.clock.Set(c.clock.Now().Add(3600e9))
			return ms[0]
		}
		first := report("13700137000", "该药店销售过期药品（阿莫西林）。")
		again := report("13700137000", "该药店 销售过期药品 阿莫西林")
		other := report("13700137000", "该药店无证经营。")
		stranger := report("13900139000", "该药店销售过期药品（阿莫西林）。")
		anonymous := report("", "该药店销售过期药品（阿莫西林）。")
		for _, x := range []struct {
			name string
			m    casework.Matter
			want string
		}{{"R-L24 the repeat", again, first.Number}, {"R-L24 the first repeats nothing", first, ""}, {"R-L24 other facts", other, ""},
			{"R-L24 another reporter", stranger, ""}, {"R-L24 an anonymous reporter", anonymous, ""}} {
			got, err := c.svc.DuplicateOf(c.ctx, auth.As(c.op), x.m.Number)
			if err != nil || (got == nil) != (x.want == "") || got != nil && got.Number != x.want {
				t.Fatalf("%s: %+v %v, want %q", x.name, got, err, x.want)
			}
			if got != nil && got.Consumer.Phone == "13700137000" {
				t.Fatalf("%s: the list shows the reporter's phone", x.name)
			}
		}
		again = c.act(t, c.op, again, casework.Merge, casework.ActionInput{Into: first.Number})
		if again.Outcome != casework.OutcomeDuplicate || again.MergedInto == nil || *again.MergedInto != first.ID {
			t.Fatalf("not handled again: %s %v", again.Outcome, again.MergedInto)
		}
		third := report("13700137000", "该药店销售过期药品(阿莫西林)")
		if got, err := c.svc.DuplicateOf(c.ctx, auth.As(c.op), third.Number); err != nil || got == nil || got.Number != first.Number {
			t.Fatalf("a later repeat links to %+v (%v), want the first %s", got, err, first.Number)
		}
	})
}
