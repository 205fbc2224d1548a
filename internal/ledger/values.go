package ledger

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/money"
)

// Dates outside these years are typing mistakes, not history.
const (
	minYear = 1990
	maxYear = 2100
)

var errDate = errors.New("ledger: not a date")

// fold turns the full-width digits and punctuation Chinese input methods type
// into ASCII and trims the spaces around the value.
func fold(s string) string {
	if isASCII(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == '\u3000':
			r = ' '
		case r >= '！' && r <= '～': // the full-width ASCII block
			r = r - '！' + '!'
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var dateRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})` +
	`(?:(?:\s*日\s*|\s+|T)(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})(?:\.(\d{1,9}))?\s*秒?)?\s*分?|\s*日)?` +
	`\s*(Z|[+-]\d{2}:?\d{2})?$`)

var serialRE = regexp.MustCompile(`^\d{1,7}(?:\.\d+)?$`)

// ParseTime reads a date or date-time as ledgers hold it: 2006-01-02,
// 2006-01-02 15:04[:05], 2006/1/2, 2006年1月2日, 20060102, an RFC 3339 time
// with its offset, or an Excel serial number. Times without an offset are
// wall-clock times in Asia/Shanghai. date1904 selects the Mac epoch of old workbooks.
func ParseTime(s string, date1904 bool) (time.Time, error) {
	s = fold(s)
	if len(s) == 8 && allDigits(s) {
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[4:6])
		d, _ := strconv.Atoi(s[6:])
		return civil(y, m, d, 0, 0, 0, 0, calendar.Shanghai)
	}
	if t, ok := quickTime(s); ok {
		return t, nil
	}
	if serialRE.MatchString(s) {
		return excelSerial(s, date1904)
	}
	return slowTime(s)
}

// slowTime reads every written form with a regular expression.
func slowTime(s string) (time.Time, error) {
	p := dateRE.FindStringSubmatch(s)
	if p == nil {
		return time.Time{}, errDate
	}
	n := func(i int) int {
		v, _ := strconv.Atoi(p[i])
		return v
	}
	nanos := 0
	if p[7] != "" {
		frac := (p[7] + "000000000")[:9]
		nanos, _ = strconv.Atoi(frac)
	}
	loc := calendar.Shanghai
	if z := p[8]; z != "" {
		if z == "Z" {
			loc = time.UTC
		} else {
			z = strings.ReplaceAll(z, ":", "")
			h, _ := strconv.Atoi(z[1:3])
			m, _ := strconv.Atoi(z[3:5])
			if h > 14 || m > 59 {
				return time.Time{}, errDate
			}
			off := (h*60 + m) * 60
			if z[0] == '-' {
				off = -off
			}
			loc = time.FixedZone(z, off)
		}
	}
	return civil(n(1), n(2), n(3), n(4), n(5), n(6), nanos, loc)
}

// quickTime reads the common shapes — 2006-01-02, 2006/1/2 15:04, 2006-01-02 15:04:05 —
// without a regular expression, since a ledger has one or two per row; ok is
// false for anything else, which ParseTime then reads the long way.
func quickTime(s string) (time.Time, bool) {
	i := 0
	num := func(min, max int) (int, bool) {
		n, start := 0, i
		for i < len(s) && i-start < max && s[i] >= '0' && s[i] <= '9' {
			n = n*10 + int(s[i]-'0')
			i++
		}
		return n, i-start >= min
	}
	y, ok := num(4, 4)
	if !ok || i >= len(s) || (s[i] != '-' && s[i] != '/' && s[i] != '.') {
		return time.Time{}, false
	}
	sep := s[i]
	i++
	mo, ok := num(1, 2)
	if !ok || i >= len(s) || s[i] != sep {
		return time.Time{}, false
	}
	i++
	d, ok := num(1, 2)
	if !ok {
		return time.Time{}, false
	}
	h, mi, sec := 0, 0, 0
	if i < len(s) {
		if s[i] != ' ' && s[i] != 'T' {
			return time.Time{}, false
		}
		i++
		if h, ok = num(1, 2); !ok || i >= len(s) || s[i] != ':' {
			return time.Time{}, false
		}
		i++
		if mi, ok = num(2, 2); !ok {
			return time.Time{}, false
		}
		if i < len(s) {
			if s[i] != ':' {
				return time.Time{}, false
			}
			i++
			if sec, ok = num(2, 2); !ok || i != len(s) {
				return time.Time{}, false
			}
		}
	}
	t, err := civil(y, mo, d, h, mi, sec, 0, calendar.Shanghai)
	return t, err == nil
}

// civil builds a time and refuses values that time.Date would silently roll over (Feb 30, 25:00).
func civil(y, mo, d, h, mi, sec, nanos int, loc *time.Location) (time.Time, error) {
	if y < minYear || y > maxYear || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, errDate
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, nanos, loc)
	if t.Day() != d {
		return time.Time{}, errDate
	}
	return t, nil
}

// excelSerial converts Excel's day count (1900 date system, or 1904) to a
// Shanghai wall-clock time, rounded to the second to drop float noise.
func excelSerial(s string, date1904 bool) (time.Time, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 {
		return time.Time{}, errDate
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, calendar.Shanghai)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, calendar.Shanghai)
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	t := base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	if t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}, errDate
	}
	// AddDate counts calendar days in the wall clock, so DST-free Shanghai keeps the time exact.
	return t, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

var errNegative = errors.New("ledger: negative amount")

var noiseRE = regexp.MustCompile(`^\d{1,13}\.\d{3,20}$`)

// ParseAmount reads an amount in yuan with money.Parse. Blank cells, "-", "/"
// and "无" mean zero. A spreadsheet number carrying binary float noise
// (1234.5600000000002) is accepted when it is a whole number of fen to within 1e-6.
func ParseAmount(s string) (money.Fen, error) {
	s = fold(s)
	switch s {
	case "", "-", "/", "—", "无", "－":
		return 0, nil
	}
	v, err := money.Parse(s)
	if err != nil && noiseRE.MatchString(s) {
		f, ferr := strconv.ParseFloat(s, 64)
		fen := math.Round(f * 100)
		if ferr == nil && math.Abs(f*100-fen) < 1e-6*math.Max(1, math.Abs(fen)) {
			v, err = money.Fen(fen), nil
		}
	}
	if err != nil {
		return 0, err
	}
	if v < 0 {
		return 0, errNegative
	}
	return v, nil
}
