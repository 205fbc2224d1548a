package claimant

import (
	"testing"
	"time"
)

func TestFlags_R_L9(t *testing.T) {
	now := time.Date(2026, 5, 6, 10, 0, 0, 0, time.UTC)
	set := DefaultSettings() // N=3, M=3, D=180, multiple 5
	day := 24 * time.Hour
	base := Complaint{ID: 100, Number: "N100", Name: "张三", Phone: "13800000001", Address: "湖口县双钟镇人民路1号",
		MerchantKey: "id:1", Subcategory: "食品", Facts: "买到过期牛奶2瓶", ReceivedAt: now}
	h := func(id int64, ago time.Duration, mod func(*Complaint)) Complaint {
		c := base
		c.ID, c.Number, c.ReceivedAt = id, "N"+string(rune('0'+id)), now.Add(-ago)
		c.Name, c.Phone, c.Address, c.MerchantKey, c.Subcategory, c.Facts = "路人", "13900000000", "别处某某路99号", "id:9", "服装", "衣服起球"
		if mod != nil {
			mod(&c)
		}
		return c
	}
	samePhone := func(name string) func(*Complaint) { return func(c *Complaint) { c.Phone, c.Name = base.Phone, name } }
	sameAddr := func(name string) func(*Complaint) {
		return func(c *Complaint) { c.Address, c.Name = "湖口县双钟镇 人民路1号", name }
	}
	mine := func(mod func(*Complaint)) func(*Complaint) {
		return func(c *Complaint) {
			c.Phone, c.Name = base.Phone, base.Name
			if mod != nil {
				mod(c)
			}
		}
	}
	for _, tc := range []struct {
		name    string
		m       func(*Complaint)
		history []Complaint
		mod     func(*Settings)
		want    []string // pattern/detail of each flag, in order
	}{
		{"nothing in common: no flag", nil, []Complaint{h(1, day, nil), h(2, day, nil)}, nil, nil},
		{"(a) one phone, three distinct complainants", nil, []Complaint{h(1, day, samePhone("李四")), h(2, day, samePhone("王五"))}, nil,
			[]string{"shared_contact/phone"}},
		{"(a) one phone, the same complainant twice is one", nil, []Complaint{h(1, day, samePhone("李四")), h(2, day, samePhone("李四"))}, nil, nil},
		{"(a) N raised to four: three are not enough", nil, []Complaint{h(1, day, samePhone("李四")), h(2, day, samePhone("王五"))},
			func(s *Settings) { s.Complainants = 4 }, nil},
		{"(a) one address, spacing aside", nil, []Complaint{h(1, day, sameAddr("李四")), h(2, day, sameAddr("王五"))}, nil,
			[]string{"shared_contact/address"}},
		{"(a) outside D days does not count", nil, []Complaint{h(1, day, samePhone("李四")), h(2, 200*day, samePhone("王五"))}, nil, nil},
		{"(b) three against one respondent", nil, []Complaint{h(1, day, mine(func(c *Complaint) { c.MerchantKey = "id:1" })), h(2, 9*day, mine(func(c *Complaint) { c.MerchantKey = "id:1" }))}, nil,
			[]string{"repeated/respondent"}},
		{"(b) three of one product class", nil, []Complaint{h(1, day, mine(func(c *Complaint) { c.Subcategory = "食品" })), h(2, day, mine(func(c *Complaint) { c.Subcategory = "食品" }))}, nil,
			[]string{"repeated/product_class"}},
		{"(b) three of one issue, other shops", nil, []Complaint{h(1, day, mine(func(c *Complaint) { c.Facts = "买到过期牛奶3瓶" })), h(2, day, mine(func(c *Complaint) { c.Facts = "买到的牛奶过期" }))},
			func(s *Settings) { s.IssueSimilarity = 0.4 }, []string{"repeated/issue"}},
		{"(b) two are not three", nil, []Complaint{h(1, day, mine(func(c *Complaint) { c.MerchantKey = "id:1" }))}, nil, nil},
		{"(b) M lowered to two", nil, []Complaint{h(1, day, mine(func(c *Complaint) { c.MerchantKey = "id:1" }))}, func(s *Settings) { s.Complaints = 2 },
			[]string{"repeated/respondent"}},
		{"(b) outside D days does not count", nil, []Complaint{h(1, day, mine(func(c *Complaint) { c.MerchantKey = "id:1" })), h(2, 181*day, mine(func(c *Complaint) { c.MerchantKey = "id:1" }))}, nil, nil},
		{"(c) 200 bottles of milk is over 5 × 6", func(c *Complaint) { c.Facts = "在超市一次购买过期牛奶200瓶，要求十倍赔偿" }, nil, nil, []string{"quantity/牛奶"}},
		{"(c) 30 bottles is exactly 5 × 6: no flag", func(c *Complaint) { c.Facts = "购买牛奶30瓶已过期" }, nil, nil, nil},
		{"(c) a product not in the table: no flag", func(c *Complaint) { c.Facts = "购买毛巾200条" }, nil, nil, nil},
		{"switched off: nothing", nil, []Complaint{h(1, day, samePhone("李四")), h(2, day, samePhone("王五"))}, func(s *Settings) { s.Enabled = false }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := set
			s.Normal = set.Normal
			if tc.mod != nil {
				tc.mod(&s)
			}
			m := base
			if tc.m != nil {
				tc.m(&m)
			}
			got := Flags(s, m, tc.history)
			var keys []string
			for _, f := range got {
				keys = append(keys, string(f.Pattern)+"/"+f.Detail)
				if f.Rule == "" || f.Count < f.Limit-1 {
					t.Errorf("flag %+v", f)
				}
			}
			if len(keys) != len(tc.want) {
				t.Fatalf("flags %v, want %v", keys, tc.want)
			}
			for i := range keys {
				if keys[i] != tc.want[i] {
					t.Fatalf("flags %v, want %v", keys, tc.want)
				}
			}
		})
	}
}

func TestSettingsValidate_R_L9(t *testing.T) {
	if err := DefaultSettings().Validate(); err != nil {
		t.Fatal(err)
	}
	bad := DefaultSettings()
	bad.Complainants = 1
	if bad.Validate() == nil {
		t.Fatal("N=1 accepted")
	}
	bad = DefaultSettings()
	bad.Normal = map[string]int{"牛奶": 0}
	if bad.Validate() == nil {
		t.Fatal("a normal quantity of 0 accepted")
	}
}
