package collective

import (
	"testing"
)

// FuzzSimilarity: the facts compared at intake are the public's words, in any script and any
// encoding. Whatever they are, similarity is between 0 and 1, the same both ways, 1 for a text
// with itself (unless nothing is left of it), and the shared terms come back without a panic.
func FuzzSimilarity(f *testing.F) {
	f.Add("在力美健身办理年卡预付3000元，健身房突然停业关门。", "健身房停业关门，预付卡余额无法退还。")
	f.Add("", "，。！？ 　")
	f.Add("ＡＢＣ１２３预付卡", "abc123预付卡")
	f.Add("\xff\xfe\x00预", "预\u200b付")
	f.Fuzz(func(t *testing.T, a, b string) {
		pa, pb := NewProfile(a), NewProfile(b)
		s, r := Similarity(pa, pb), Similarity(pb, pa)
		if s < 0 || s > 1 || s != r {
			t.Fatalf("similarity %v / %v", s, r)
		}
		if self := Similarity(pa, pa); !pa.Empty() && self != 1 {
			t.Fatalf("a text with itself: %v", self)
		}
		for _, term := range SharedTerms([]Profile{pa, pb, pa}, 8) {
			if term == "" {
				t.Fatal("an empty shared term")
			}
		}
	})
}
