package ledger

import (
	"testing"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/money"
)

func sh(y int, mo time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, mo, d, h, mi, s, 0, calendar.Shanghai)
}

func TestParseTime(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
	}{
		{"2021-03-01", sh(2021, 3, 1, 0, 0, 0)},
		{"2021-3-1", sh(2021, 3, 1, 0, 0, 0)},
		{"2021/3/1", sh(2021, 3, 1, 0, 0, 0)},
		{"2021/03/01 8:05", sh(2021, 3, 1, 8, 5, 0)},
		{"2021-03-01 08:30", sh(2021, 3, 1, 8, 30, 0)},
		{"2021-03-01 08:30:15", sh(2021, 3, 1, 8, 30, 15)},
		{"2021-03-01T08:30:15", sh(2021, 3, 1, 8, 30, 15)},
		{"2021.3.1", sh(2021, 3, 1, 0, 0, 0)},
		{"2021年3月1日", sh(2021, 3, 1, 0, 0, 0)},
		{"2021年3月1日 8时30分", sh(2021, 3, 1, 8, 30, 0)},
		{"２０２１－０３－０１　０８：３０", sh(2021, 3, 1, 8, 30, 0)}, // full-width, as some input methods type
		{"20210301", sh(2021, 3, 1, 0, 0, 0)},
		{"2021-03-01T00:30:00Z", sh(2021, 3, 1, 8, 30, 0)},
		{"2021-03-01T08:30:00+08:00", sh(2021, 3, 1, 8, 30, 0)},
		{"44256", sh(2021, 3, 1, 0, 0, 0)},                      // Excel serial date
		{"44256.354166666664", sh(2021, 3, 1, 8, 30, 0)},        // Excel serial with time, float noise rounded
		{"44256.35416666667", sh(2021, 3, 1, 8, 30, 0)},         // the same, written with fewer digits
		{"44561.99999999", sh(2022, 1, 1, 0, 0, 0)},             // rounds up over midnight
		{" 2021-12-31 23:59:59 ", sh(2021, 12, 31, 23, 59, 59)}, // spaces around
	}
	for _, c := range cases {
		got, err := ParseTime(c.in, false)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	// The 1904 date system of old Mac workbooks counts from 1904-01-01.
	if got, err := ParseTime("42794", true); err != nil || !got.Equal(sh(2021, 3, 1, 0, 0, 0)) {
		t.Errorf("1904 serial: %v %v", got, err)
	}
	for _, bad := range []string{"", "2021-02-30", "2021-13-01", "2021-00-10", "2021-03-01 24:00", "2021-03-01 08:60",
		"yesterday", "1/3/2021", "2021-03", "12", "0", "-44256", "1899-12-31", "2200-01-01", "20211301", "44256.5.1",
		"2021-03-01 08:30 +99:00", "2021-03-0108:30"} {
		if got, err := ParseTime(bad, false); err == nil {
			t.Errorf("ParseTime(%q) = %v, want an error", bad, got)
		}
	}
}

func TestParseAmount(t *testing.T) {
	cases := map[string]money.Fen{
		"":                    0,
		"-":                   0,
		"/":                   0,
		"无":                   0,
		"0":                   0,
		"12":                  1200,
		"12.5":                1250,
		"12.34":               1234,
		"1,234.56":            123456,
		"¥99.90":              9990,
		"99.9元":               9990,
		"１２３":                 12300,
		"1234.5600000000002":  123456, // spreadsheet float noise
		"0.30000000000000004": 30,
		"800000":              80000000,
	}
	for in, want := range cases {
		got, err := ParseAmount(in)
		if err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"12.345", "abc", "1e3", "12..3", "1.2.3", "12.3456"} {
		if got, err := ParseAmount(bad); err == nil {
			t.Errorf("ParseAmount(%q) = %v, want an error", bad, got)
		}
	}
	if _, err := ParseAmount("-5"); err != errNegative {
		t.Errorf("negative amount: %v", err)
	}
}
