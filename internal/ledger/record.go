package ledger

import (
	"strconv"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/merchant"
	"weiquan/internal/money"
)

// Record is one ledger row read into weiquan's terms, before the registry is consulted.
type Record struct {
	Row             int
	SourceID        string
	Kind            casework.Kind
	Channel         casework.Channel
	ReceivedAt      time.Time
	Area            string
	MerchantName    string
	MerchantUSCC    string // valid codes only; an invalid one is a warning and dropped here
	ConsumerName    string
	ConsumerPhone   string
	Category        casework.Category
	Subcategory     string // a category that is neither goods nor services, kept as written
	AmountInDispute money.Fen
	Facts           string
	Request         string
	State           casework.State
	Outcome         casework.Outcome
	ClosedAt        *time.Time
	Recovered       money.Fen
	Given           map[string]string // values kept as written because they matched nothing (for the timeline)
}

// Mapper reads rows of one table under one mapping.
type Mapper struct {
	index     map[string]int // field → 0-based column
	headers   map[string]string
	values    map[string]map[string]string
	constants map[string]string // field → the value of every row, for a field with no column
	shared    map[string]string // field → the other field its column feeds
	dateOrder string
	date1904  bool
	now       time.Time
	memo      map[string]map[string]memoCode // field → value as written → its code
}

type memoCode struct {
	code string
	ok   bool
}

// lookup finds the code of a coded value once per distinct value: a ledger
// repeats the same few kinds, channels and outcomes on every row.
func (mp *Mapper) lookup(field, v string, find func(string) (string, bool)) (string, bool) {
	m := mp.memo[field]
	if m == nil {
		m = map[string]memoCode{}
		mp.memo[field] = m
	}
	if c, ok := m[v]; ok {
		return c.code, c.ok
	}
	c, ok := find(v)
	if len(m) < 10000 && len(v) <= MaxShown {
		m[v] = memoCode{c, ok}
	}
	return c, ok
}

// NewMapper prepares to read rows whose columns are cols; now bounds received times from above.
func NewMapper(cols []Column, m Mapping, date1904 bool, now time.Time) *Mapper {
	mp := &Mapper{index: map[string]int{}, headers: map[string]string{}, values: map[string]map[string]string{}, date1904: date1904, now: now,
		memo: map[string]map[string]memoCode{}}
	mp.constants, mp.shared, mp.dateOrder = map[string]string{}, map[string]string{}, m.DateOrder
	byIndex := map[int]string{}
	for _, c := range cols {
		mp.index[c.Field], mp.headers[c.Field] = c.Index-1, c.Header
		if other, ok := byIndex[c.Index]; ok {
			mp.shared[c.Field], mp.shared[other] = other, c.Field
		}
		byIndex[c.Index] = c.Field
	}
	for f, v := range m.Constants {
		if _, hasColumn := mp.index[f]; !hasColumn {
			mp.constants[f] = v
		}
	}
	for f, vs := range m.Values {
		mp.values[f] = map[string]string{}
		for k, v := range vs {
			mp.values[f][k] = v
			mp.values[f][key(k)] = v
		}
	}
	return mp
}

// maxLen bounds text columns as intake does.
var maxLen = map[string]int{
	SourceID: 100, Area: 100, MerchantName: 200, ConsumerName: 100, ConsumerPhone: 40,
	Facts: 10000, Request: 4000, Category: 50,
}

// Row reads one row. Failures make the row refused; warnings keep it.
func (mp *Mapper) Row(row int, cells []string) (rec Record, fails, warns []Problem) {
	rec.Row = row
	problem := func(f, code, v string, args ...string) Problem {
		return Problem{Row: row, Column: f, Header: mp.headers[f], Value: Clip(v), Code: code, Args: args}
	}
	fail := func(f, code, v string, args ...string) { fails = append(fails, problem(f, code, v, args...)) }
	warn := func(f, code, v string, args ...string) { warns = append(warns, problem(f, code, v, args...)) }
	// A cell too long, or holding control characters or broken text, fails the
	// row by its column and is read no further.
	var bad map[string]bool
	for _, f := range Fields {
		if i, ok := mp.index[f]; ok && i < len(cells) {
			if code := cellCode(f, cells[i]); code != "" {
				args := []string(nil)
				if code == "cell_too_long" {
					args = []string{"max", "32 KB"}
				}
				fail(f, code, cells[i], args...)
				if bad == nil {
					bad = map[string]bool{}
				}
				bad[f] = true
			}
		}
	}
	get := func(f string) string {
		i, ok := mp.index[f]
		if !ok {
			return mp.constants[f]
		}
		if i >= len(cells) || bad[f] {
			return ""
		}
		return mp.meant(f, strings.TrimSpace(cells[i]))
	}

	for _, f := range Required {
		if get(f) == "" && !bad[f] {
			fail(f, "required", "")
		}
	}
	for f, n := range maxLen {
		if v := get(f); len([]rune(v)) > n {
			fail(f, "too_long", v, "max", strconv.Itoa(n))
		}
	}
	rec.SourceID = get(SourceID)
	if v := get(Kind); v != "" {
		c, ok := mp.lookup(Kind, v, func(v string) (string, bool) {
			k, ok := code(v, mp.values[Kind], casework.Kinds, kindAliases)
			return string(k), ok
		})
		k := casework.Kind(c)
		if !ok || !k.Valid() {
			fail(Kind, "kind", v)
		}
		rec.Kind = k
	}
	if v := get(Channel); v != "" {
		cs, ok := mp.lookup(Channel, v, func(v string) (string, bool) {
			c, ok := code(v, mp.values[Channel], casework.Channels, channelAliases)
			return string(c), ok
		})
		c := casework.Channel(cs)
		if !ok || !c.Valid() {
			fail(Channel, "channel", v)
		}
		rec.Channel = c
	}
	if v := get(ReceivedAt); v != "" {
		t, err := mp.parseTime(v)
		switch {
		case err == errDateOrder:
			fail(ReceivedAt, "date_order_ambiguous", v)
		case err != nil:
			fail(ReceivedAt, "date", v)
		case t.After(mp.now.Add(5 * time.Minute)):
			fail(ReceivedAt, "future", v)
		}
		rec.ReceivedAt = t
	}
	if v := get(ClosedAt); v != "" {
		t, err := mp.parseTime(v)
		switch {
		case err == errDateOrder:
			fail(ClosedAt, "date_order_ambiguous", v)
		case err != nil:
			fail(ClosedAt, "date", v)
		case t.After(mp.now.Add(5 * time.Minute)):
			fail(ClosedAt, "future", v)
		case !rec.ReceivedAt.IsZero() && t.Before(rec.ReceivedAt):
			fail(ClosedAt, "closed_before_received", v)
		}
		rec.ClosedAt = &t
	}
	for _, a := range []struct {
		f   string
		dst *money.Fen
	}{{AmountInDispute, &rec.AmountInDispute}, {Recovered, &rec.Recovered}} {
		if v := get(a.f); v != "" {
			fen, err := ParseAmount(v)
			switch {
			case err == errNegative:
				fail(a.f, "negative", v)
			case err != nil:
				fail(a.f, "amount", v)
			}
			*a.dst = fen
		}
	}
	if v := get(Category); v != "" {
		cs, ok := mp.lookup(Category, v, func(v string) (string, bool) {
			c, ok := code(v, mp.values[Category], []casework.Category{casework.Goods, casework.Services}, categoryAliases)
			return string(c), ok
		})
		if c := casework.Category(cs); ok && c.Valid() {
			rec.Category = c
		} else {
			rec.Subcategory = v
			warn(Category, "category_kept", v)
		}
	}
	rec.Area = get(Area)
	rec.MerchantName = get(MerchantName)
	if v := get(MerchantUSCC); v != "" {
		if u := merchant.NormalizeUSCC(v); merchant.ValidUSCC(u) {
			rec.MerchantUSCC = u
		} else {
			warn(MerchantUSCC, "uscc_invalid", v)
			rec.given(MerchantUSCC, v)
		}
	}
	rec.ConsumerName = get(ConsumerName)
	if v := get(ConsumerPhone); v != "" {
		p := phone(v)
		if !casework.ValidPhone(p) {
			warn(ConsumerPhone, "phone_format", v)
		}
		rec.ConsumerPhone = p
	}
	rec.Facts, rec.Request = get(Facts), get(Request)

	var status casework.State
	if v := get(Status); v != "" {
		ss, ok := mp.lookup(Status, v, func(v string) (string, bool) {
			s, ok := code(v, mp.values[Status], casework.States, statusAliases)
			return string(s), ok
		})
		s := casework.State(ss)
		if !ok || !s.Valid() {
			fail(Status, "status", v)
		}
		status = s
	}
	var outcome casework.Outcome
	if v := get(Outcome); v != "" {
		os, ok := mp.lookup(Outcome, v, func(v string) (string, bool) {
			o, ok := code(v, mp.values[Outcome], casework.Outcomes, outcomeAliases)
			return string(o), ok
		})
		o := casework.Outcome(os)
		if !ok || !o.Valid() || o == "" {
			fail(Outcome, "outcome", v)
		}
		outcome = o
	}
	if len(fails) == 0 {
		st, out, code, f := settle(rec.Kind, status, outcome, rec.ClosedAt != nil)
		if code != "" {
			v := get(f)
			fail(f, code, v, "kind", string(rec.Kind), "status", string(status), "outcome", string(outcome))
		}
		rec.State, rec.Outcome = st, out
		if rec.Recovered > 0 && out != casework.OutcomeAgreement {
			warn(Recovered, "recovered_not_agreement", get(Recovered))
		}
	}
	return rec, fails, warns
}

// meant is what a cell means for a field: "" when the mapping maps the value to empty,
// or when the column also feeds another field and only that field understands the
// value (a 办结情况 of 调解成功 is an outcome, no state).
func (mp *Mapper) meant(f, v string) string {
	if v == "" {
		return ""
	}
	if own := mp.values[f]; own != nil {
		if c, hit := own[v]; hit && c == "" {
			return ""
		}
		if c, hit := own[key(v)]; hit && c == "" {
			return ""
		}
	}
	if sib, ok := mp.shared[f]; ok {
		if _, mine := understood(f, v, mp.values[f]); !mine {
			if _, theirs := understood(sib, v, mp.values[sib]); theirs {
				return ""
			}
		}
	}
	return v
}

// parseTime reads a date as the file writes it, slash dates in the file's order.
func (mp *Mapper) parseTime(v string) (time.Time, error) {
	if t, ok, err := slashDate(v, mp.dateOrder); ok {
		return t, err
	}
	return ParseTime(v, mp.date1904)
}

func (r *Record) given(f, v string) {
	if r.Given == nil {
		r.Given = map[string]string{}
	}
	r.Given[f] = v
}

// phone drops the spaces and dashes people type inside phone numbers.
func phone(s string) string {
	s = fold(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, s)
}
