package money

import "strings"

// Amounts in Chinese capitals (大写金额) follow the rules for filling in bills and settlement
// vouchers (《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》): 人民币 first; a leading
// 1 is written 壹拾, not 拾; a run of zeros between written digits is one 零, also across the
// 万 and 亿 groups; 元 is followed by 整 when there are no 角 or 分, 角 without 分 by 整, and 零
// stands between 元 and 分 when 角 is zero. Where the rules allow two forms we write the second
// of their examples every time: ¥1,680.32 → 壹仟陆佰捌拾元叁角贰分 (no 零 before 角) and
// ¥107,000.53 → 壹拾万零柒仟元伍角叁分 (零 for the zero in the 万 place).

var capitalDigits = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}

var capitalUnits = []string{"", "拾", "佰", "仟"}

// Capitals writes the amount as a document or a receipt must show it next to the figures,
// so that nobody can add a digit: ¥360.50 → 人民币叁佰陆拾元伍角整.
func (f Fen) Capitals() string {
	var b strings.Builder
	b.WriteString("人民币")
	v := int64(f)
	if v < 0 {
		b.WriteString("负")
		v = -v
	}
	yuan, jiao, fen := v/100, v%100/10, v%10
	switch {
	case yuan == 0 && jiao == 0 && fen == 0:
		b.WriteString("零元整")
		return b.String()
	case yuan > 0:
		b.WriteString(capitalInt(yuan))
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && fen == 0:
		b.WriteString("整")
	case jiao == 0:
		if yuan > 0 {
			b.WriteString("零")
		}
		b.WriteString(capitalDigits[fen] + "分")
	case fen == 0:
		b.WriteString(capitalDigits[jiao] + "角整")
	default:
		b.WriteString(capitalDigits[jiao] + "角" + capitalDigits[fen] + "分")
	}
	return b.String()
}

// capitalInt writes n > 0 in groups of four digits: …亿, …万 and the rest, one 零 for every
// gap of zeros that stands between two written digits.
func capitalInt(n int64) string {
	const wan, yi = 10_000, 100_000_000
	switch {
	case n >= yi:
		return capitalInt(n/yi) + "亿" + capitalRest(n/yi, n%yi, yi/10)
	case n >= wan:
		return capitalGroup(n/wan) + "万" + capitalRest(n/wan, n%wan, wan/10)
	}
	return capitalGroup(n)
}

// capitalRest writes the lower part after a 万 or 亿 unit: nothing when it is zero, and a
// 零 first when a zero stands between it and the upper part — the unit's own place (upper
// ends in 0) or the place just below the unit (rest < highest).
func capitalRest(upper, rest, highest int64) string {
	if rest == 0 {
		return ""
	}
	if upper%10 == 0 || rest < highest {
		return "零" + capitalInt(rest)
	}
	return capitalInt(rest)
}

// capitalGroup writes 1–9999 with 仟佰拾: inner zeros become one 零, trailing zeros nothing.
func capitalGroup(n int64) string {
	var b strings.Builder
	zero := false
	for place := 3; place >= 0; place-- {
		d := n / pow10[place] % 10
		if d == 0 {
			zero = b.Len() > 0
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		b.WriteString(capitalDigits[d] + capitalUnits[place])
	}
	return b.String()
}

var pow10 = []int64{1, 10, 100, 1000}
