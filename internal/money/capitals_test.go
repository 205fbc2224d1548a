package money

import (
	"strings"
	"testing"
)

// TestCapitals: documents show every amount in figures and in Chinese capitals (issue 9
// item 6, R-L20); the rows come from the bill-filling rules' own examples and their cases.
func TestCapitals(t *testing.T) {
	cases := []struct {
		in   string
		want string
	}{
		{"360.50", "人民币叁佰陆拾元伍角整"}, // the example: 角 without 分 takes 整
		{"0", "人民币零元整"},           // zero amount
		{"0.05", "人民币伍分"},         // only 分
		{"0.50", "人民币伍角整"},        // only 角
		{"0.55", "人民币伍角伍分"},
		{"1", "人民币壹元整"},
		{"10", "人民币壹拾元整"}, // a leading 1 is written 壹拾
		{"15.80", "人民币壹拾伍元捌角整"},
		{"100", "人民币壹佰元整"},
		{"101", "人民币壹佰零壹元整"},
		{"110", "人民币壹佰壹拾元整"},
		{"1409.50", "人民币壹仟肆佰零玖元伍角整"},  // the rules' example (一)
		{"6007.14", "人民币陆仟零柒元壹角肆分"},   // the rules' example (二): 00 inside is one 零
		{"1680.32", "人民币壹仟陆佰捌拾元叁角贰分"}, // example (四), second form: no 零 before 角
		{"3000.07", "人民币叁仟元零柒分"},      // 角 zero, 分 not: 零 after 元 (rule 三)
		{"3000.70", "人民币叁仟元柒角整"},
		{"10005", "人民币壹万零伍元整"},          // zero run across the 万 group
		{"10050", "人民币壹万零伍拾元整"},         //
		{"10500", "人民币壹万零伍佰元整"},         //
		{"15000", "人民币壹万伍仟元整"},          // nothing between 万 and 仟
		{"107000.53", "人民币壹拾万零柒仟元伍角叁分"}, // example (四), second form: 零 for the 万 place
		{"100000", "人民币壹拾万元整"},          //
		{"1000000", "人民币壹佰万元整"},         // 1,000,000.00
		{"1000500", "人民币壹佰万零伍佰元整"},      //
		{"12345678.90", "人民币壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整"},
		{"100000000", "人民币壹亿元整"},
		{"100000100.10", "人民币壹亿零壹佰元壹角整"},     // 100,000,100.10: one 零 for seven zeros
		{"100010000", "人民币壹亿零壹万元整"},          // the 万 group after 亿
		{"100100000", "人民币壹亿零壹拾万元整"},         //
		{"110000000", "人民币壹亿壹仟万元整"},          // nothing between 亿 and 仟万
		{"1000000001", "人民币壹拾亿零壹元整"},         //
		{"1010000000", "人民币壹拾亿零壹仟万元整"},       // the zero in the 亿 place
		{"1000000000000", "人民币壹万亿元整"},        // 万 of 亿
		{"1234500000000", "人民币壹万贰仟叁佰肆拾伍亿元整"}, //
		{"9999999999999.99", "人民币玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"}, // the largest amount Parse takes
		{"-12.30", "人民币负壹拾贰元叁角整"},
	}
	for _, c := range cases {
		f, err := Parse(c.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.in, err)
		}
		if got := f.Capitals(); got != c.want {
			t.Errorf("Capitals(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestCapitalsShape checks every amount up to ¥1,000.00 and a sweep of larger ones for the
// rules that hold of all of them: one unit of each kind at most, 零 never doubled, never
// before a unit or at the end, and 整 exactly when there are no 分.
func TestCapitalsShape(t *testing.T) {
	check := func(f Fen) {
		s := strings.TrimPrefix(f.Capitals(), "人民币")
		bad := strings.Contains(s, "零零") || strings.HasSuffix(s, "零") || strings.Contains(s, "零元") && f >= 100 ||
			strings.Contains(s, "零万") || strings.Contains(s, "零亿") || strings.Count(s, "元") > 1 ||
			strings.HasSuffix(s, "整") == (f%10 != 0) || strings.HasPrefix(s, "拾")
		if bad {
			t.Fatalf("Capitals(%s) = %s", f, s)
		}
	}
	for f := Fen(0); f <= 100_000; f++ {
		check(f)
	}
	for f := Fen(1); f < 1e15; f = f*7 + 3 {
		check(f)
		check(f - f%100)
	}
}
