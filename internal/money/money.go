// Package money holds amounts of Chinese yuan exactly, as whole fen, so that
// sums over thousands of agreements never drift the way float yuan would.
package money

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Fen is an amount in fen (1/100 yuan).
type Fen int64

// ErrFormat is returned for text that is not a yuan amount with at most two decimals.
var ErrFormat = errors.New("money: not an amount in yuan with at most two decimals")

// maxYuanDigits bounds the integer part so that the fen value fits in int64 with room to sum.
const maxYuanDigits = 13

// Parse reads a yuan amount such as "1234", "1234.5", "1,234.50" or "¥12.30".
// Thousands separators are commas between correctly grouped digits only, as
// ledgers write them ("1,234,567.50"): "1,2,3", "12,34" and ",5" are not amounts.
func Parse(s string) (Fen, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "¥")
	s = strings.TrimPrefix(s, "￥")
	s = strings.TrimSuffix(s, "元")
	s = strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if strings.Contains(whole, ",") {
		if !grouped(whole) {
			return 0, ErrFormat
		}
		whole = strings.ReplaceAll(whole, ",", "")
	}
	if whole == "" || len(whole) > maxYuanDigits || (hasDot && (frac == "" || len(frac) > 2)) {
		return 0, ErrFormat
	}
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, ErrFormat
		}
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, ErrFormat
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := Fen(w*100 + f)
	if neg {
		v = -v
	}
	return v, nil
}

// grouped reports whether digits with commas are grouped in threes: one to three
// digits, not starting with 0, then ",ddd" groups.
func grouped(s string) bool {
	groups := strings.Split(s, ",")
	if first := groups[0]; len(first) < 1 || len(first) > 3 || first[0] == '0' {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true // the digits themselves are checked by the caller
}

// String formats the amount in yuan with two decimals, e.g. "1234.50".
func (f Fen) String() string {
	sign := ""
	v := int64(f)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Yuan returns the amount as a float for charts only; never sum floats.
func (f Fen) Yuan() float64 { return float64(f) / 100 }

// MarshalJSON writes the amount as a JSON number in yuan with two decimals.
func (f Fen) MarshalJSON() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalJSON accepts a JSON number or string in yuan. Its error is a
// *json.UnmarshalTypeError so the decoder names the field that was wrong.
func (f *Fen) UnmarshalJSON(b []byte) error {
	if err := f.unmarshal(b); err != nil {
		return &json.UnmarshalTypeError{Value: "amount " + string(b), Type: reflect.TypeFor[Fen]()}
	}
	return nil
}

func (f *Fen) unmarshal(b []byte) error {
	s := string(b)
	if s == "null" {
		*f = 0
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		u, err := strconv.Unquote(s)
		if err != nil {
			return ErrFormat
		}
		s = u
	} else if strings.ContainsAny(s, "eE") {
		return ErrFormat
	}
	v, err := Parse(s)
	if err != nil {
		return err
	}
	*f = v
	return nil
}
