package money

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want Fen
		ok   bool
	}{
		{"0", 0, true},
		{"12", 1200, true},
		{"12.3", 1230, true},
		{"12.34", 1234, true},
		{"1,234.50", 123450, true},
		{"¥800000", 80000000, true},
		{"36.5元", 3650, true},
		{"-5.01", -501, true},
		{"12.345", 0, false},
		{"12.", 0, false},
		{".5", 0, false},
		{"1e3", 0, false},
		{"abc", 0, false},
		{"", 0, false},
		{"99999999999999", 0, false},
		// Thousands separators: only correctly grouped.
		{"1,234", 123400, true},
		{"12,345.6", 1234560, true},
		{"1,234,567.89", 123456789, true},
		{"¥1,234.50元", 123450, true},
		{"-1,000", -100000, true},
		{"1,2,3", 0, false},
		{"12,34", 0, false},
		{",5", 0, false},
		{",500", 0, false},
		{"1,", 0, false},
		{"1,,234", 0, false},
		{"1,234,5", 0, false},
		{"1234,567", 0, false},
		{"0,123", 0, false},
		{"1,234.5,6", 0, false},
		{"1.234,50", 0, false},
		{"1,234.", 0, false},
		{"1, 234", 0, false},
		{"1，234", 0, false}, // a full-width comma is not a separator
		{"9,999,999,999,999.99", 999999999999999, true},
		{"99,999,999,999,999", 0, false}, // 14 digits
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("Parse(%q) = %v, %v; want %v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	var v struct{ A, B Fen }
	if err := json.Unmarshal([]byte(`{"A": 12.5, "B": "7.05"}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A != 1250 || v.B != 705 {
		t.Fatalf("got %v %v", v.A, v.B)
	}
	out, _ := json.Marshal(v)
	if string(out) != `{"A":12.50,"B":7.05}` {
		t.Fatalf("marshal: %s", out)
	}
	if err := json.Unmarshal([]byte(`{"A": 0.001}`), &v); err == nil {
		t.Fatal("three decimals accepted")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1", "1.5", "¥3.20", "-0.01", "1,000", "1,2,3", "12,345.67"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			return
		}
		back, err := Parse(v.String())
		if err != nil || back != v {
			t.Fatalf("%q -> %v -> %q -> %v %v", s, v, v.String(), back, err)
		}
		// Every comma accepted stands before exactly three digits and after at least one.
		for i := strings.IndexByte(s, ','); i >= 0; i = strings.IndexByte(s, ',') {
			rest := s[i+1:]
			if i == 0 || s[i-1] < '0' || s[i-1] > '9' || len(rest) < 3 || strings.ContainsAny(rest[:3], ",.") ||
				len(rest) > 3 && rest[3] >= '0' && rest[3] <= '9' {
				t.Fatalf("%q accepted as %v with a comma out of place", s, v)
			}
			s = rest
		}
	})
}

func TestJSONErrorNamesField(t *testing.T) {
	var v struct {
		Inner struct {
			Amount Fen `json:"amount"`
		} `json:"changes"`
	}
	err := json.Unmarshal([]byte(`{"changes":{"amount":"12.345"}}`), &v)
	var ute *json.UnmarshalTypeError
	if !errors.As(err, &ute) || ute.Field != "changes.amount" {
		t.Fatalf("err = %v", err)
	}
}
