package ledger

import (
	"errors"
	"regexp"
	"strconv"
	"time"

	"weiquan/internal/calendar"
)

// slashRE is a date written with the year last or two-digit first: 15/03/2021,
// 03/15/2021 09:30, 21/03/15 — whose order only the file's writer knows.
var slashRE = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)

var errDateOrder = errors.New("ledger: the order of a slash date is not known")

// slashDate reads a slash date in a declared order; ok is false when v is no slash date,
// so the caller reads it as any other date.
func slashDate(v, order string) (t time.Time, ok bool, err error) {
	p := slashRE.FindStringSubmatch(fold(v))
	if p == nil {
		return time.Time{}, false, nil
	}
	n := func(i int) int { x, _ := strconv.Atoi(p[i]); return x }
	a, b, c := n(1), n(2), n(3)
	var y, m, d int
	switch order {
	case DMY:
		d, m, y = a, b, c
	case MDY:
		m, d, y = a, b, c
	case YMD:
		y, m, d = a, b, c
		if len(p[3]) == 4 {
			return time.Time{}, true, errDate
		}
	default:
		return time.Time{}, true, errDateOrder
	}
	if y < 100 {
		y += 2000
		if y > time.Now().Year()+1 {
			y -= 100
		}
	}
	t, err = civil(y, m, d, n(4), n(5), n(6), 0, calendar.Shanghai)
	return t, true, err
}

// DetectDateOrder finds the order of the slash dates of a file from its values: a
// first number above 12 can only be a day (day first), a second one above 12 only a
// day (month first). code is "" when the order is clear or there is no slash date,
// date_order_ambiguous when every value reads both ways, date_order_mixed when the
// file holds both orders; example is a value that shows it.
func DetectDateOrder(values []string) (order, code, example string) {
	var dmy, mdy, any string
	for _, v := range values {
		a, b, ok := slashParts(v)
		if !ok {
			continue
		}
		if any == "" {
			any = v
		}
		if a > 12 && b <= 12 && dmy == "" {
			dmy = v
		}
		if b > 12 && a <= 12 && mdy == "" {
			mdy = v
		}
	}
	return dateOrderOf(any, dmy, mdy)
}

// slashParts reads the first two numbers of a slash date with the year last
// (or a two-digit year first); ok is false for any other value.
func slashParts(v string) (a, b int, ok bool) {
	p := slashRE.FindStringSubmatch(fold(v))
	if p == nil {
		return 0, 0, false
	}
	a, _ = strconv.Atoi(p[1])
	b, _ = strconv.Atoi(p[2])
	return a, b, true
}

// dateOrderOf decides from the first slash date, the first that only reads
// day first and the first that only reads month first.
func dateOrderOf(any, dmy, mdy string) (order, code, example string) {
	switch {
	case dmy != "" && mdy != "":
		return "", "date_order_mixed", dmy + " / " + mdy
	case dmy != "":
		return DMY, "", dmy
	case mdy != "":
		return MDY, "", mdy
	case any != "":
		return "", "date_order_ambiguous", any
	}
	return "", "", ""
}
