package casework

import (
	"testing"
	"time"
)

// TestRepeats_R_L24: the same reporter, the same respondent and the same fact fingerprint make a
// later report a repeat of the earlier one ("not handled again", linked to the first).
func TestRepeats_R_L24(t *testing.T) {
	shop, other := int64(7), int64(8)
	day := time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)
	first := Matter{ID: 1, Kind: Report, ReceivedAt: day, Consumer: Party{Name: "钱七", Phone: "13700137000"}, MerchantID: &shop,
		MerchantName: "某药店", Facts: "该药店销售过期药品（阿莫西林），批号 2023-01。"}
	later := func(edit func(m *Matter)) Matter {
		m := first
		m.ID, m.ReceivedAt = 2, day.Add(48*time.Hour)
		edit(&m)
		return m
	}
	into := int64(1)
	cases := []struct {
		name   string
		later  Matter
		before Matter
		want   bool
	}{
		{"R-L24 the same report again", later(func(m *Matter) {}), first, true},
		{"R-L24 spacing, punctuation and full width do not make it new", later(func(m *Matter) { m.Facts = "该药店 销售过期药品 阿莫西林 批号２０２３－０１" }), first, true},
		{"R-L24 the same reporter by ID number, another phone", later(func(m *Matter) {
			m.Consumer.Phone, m.Consumer.IDNumber = "13900139000", "11010519491231002X"
		}), func() Matter { m := first; m.Consumer.IDNumber = "11010519491231002X"; return m }(), true},
		{"R-L24 the respondent by name when not on the registry", later(func(m *Matter) { m.MerchantID = nil; m.MerchantName = "某 药店" }),
			func() Matter { m := first; m.MerchantID = nil; return m }(), true},
		{"R-L24 other facts", later(func(m *Matter) { m.Facts = "该药店无证经营。" }), first, false},
		{"R-L24 another reporter", later(func(m *Matter) { m.Consumer.Phone = "13900139000" }), first, false},
		{"R-L24 an anonymous reporter", later(func(m *Matter) { m.Consumer = Party{} }), func() Matter { m := first; m.Consumer = Party{}; return m }(), false},
		{"R-L24 another respondent", later(func(m *Matter) { m.MerchantID = &other }), first, false},
		{"R-L24 the earlier one is no repeat of the later", first, later(func(m *Matter) {}), false},
		{"R-L24 a complaint is no report", later(func(m *Matter) { m.Kind = Complaint }), first, false},
		{"R-L24 linked to the first: a merged report is no original", later(func(m *Matter) {}), func() Matter { m := first; m.MergedInto = &into; return m }(), false},
		{"R-L24 empty facts", later(func(m *Matter) { m.Facts = "。" }), func() Matter { m := first; m.Facts = "，"; return m }(), false},
	}
	for _, c := range cases {
		if got := Repeats(c.later, c.before); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
