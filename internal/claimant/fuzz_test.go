package claimant

import (
	"strings"
	"testing"
	"time"
)

// FuzzFlags: the facts, names, phones and addresses are the public's words. Whatever they
// hold, the flags come back without a panic, each of one of the three patterns of R-L9 with
// its rule, a count at or over its threshold (over it for quantities), and nothing else.
func FuzzFlags(f *testing.F) {
	f.Add("一次购买过期牛奶200瓶，要求十倍赔偿", "张三", "13700000000", "人民路1号", "牛奶")
	f.Add("买了9999999箱牛奶", "", "", "", "")
	f.Add("牛奶١٢٣瓶 ２００瓶 0瓶 -5瓶", " ", "+86 137", "（集群注册）", "食品")
	f.Add("\xff\xfe牛奶\x00200瓶", "李\u200b四", "137-0000-0000", "\t", "牛奶")
	f.Fuzz(func(t *testing.T, facts, name, phone, addr, sub string) {
		set := DefaultSettings()
		now := time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)
		m := Complaint{ID: 9, Number: "N9", Name: name, Phone: phone, Address: addr, MerchantKey: "name:" + name, Subcategory: sub, Facts: facts, ReceivedAt: now}
		var history []Complaint
		for i := range 4 {
			h := m
			h.ID, h.Number, h.Name, h.ReceivedAt = int64(i+1), "N"+string(rune('1'+i)), name+string(rune('a'+i)), now.Add(-time.Duration(i)*time.Hour)
			history = append(history, h)
		}
		for _, fl := range Flags(set, m, history) {
			switch fl.Pattern {
			case SharedContact, Repeated:
				if fl.Count < fl.Limit {
					t.Fatalf("%s under its threshold: %+v", fl.Pattern, fl)
				}
			case Quantity:
				if fl.Count <= fl.Limit || fl.Limit < 1 {
					t.Fatalf("a quantity not over its limit: %+v", fl)
				}
			default:
				t.Fatalf("an unknown pattern: %+v", fl)
			}
			if !strings.HasPrefix(fl.Rule, "R-L9") {
				t.Fatalf("a flag without its rule: %+v", fl)
			}
		}
	})
}
