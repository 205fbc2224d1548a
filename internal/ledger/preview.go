package ledger

import (
	"slices"
	"strings"

	"weiquan/internal/casework"
)

// decideDateOrder settles how slash dates are read: as the mapping declares, or as the
// file shows by a day above 12. A file that reads both ways, or holds both orders,
// fails with the values that show it; nothing is guessed.
func decideDateOrder(res *Result, dates *dateScan, m *Mapping) bool {
	if m.DateOrder != "" {
		res.DateOrder, res.OrderBy = m.DateOrder, "map"
		return true
	}
	order, code, example := dates.result()
	if code != "" {
		res.Fail(Problem{Column: ReceivedAt, Code: code, Value: example})
		return false
	}
	if order != "" {
		m.DateOrder, res.DateOrder, res.OrderBy, res.OrderProof = order, order, "auto", example
	}
	return true
}

// dateScan looks at the date columns' values row by row, as DetectDateOrder
// looks at them all: every value of the first date column, then the next.
type dateScan struct {
	index []int       // 0-based columns of received_at and closed_at, in the order of cols
	found [][3]string // per column: the first slash date, the first only day-first, the first only month-first
}

func newDateScan(cols []Column) *dateScan {
	d := &dateScan{}
	for _, c := range cols {
		if c.Field == ReceivedAt || c.Field == ClosedAt {
			d.index = append(d.index, c.Index-1)
			d.found = append(d.found, [3]string{})
		}
	}
	return d
}

func (d *dateScan) add(cells []string) {
	for k, i := range d.index {
		f := &d.found[k]
		if i >= len(cells) || (f[1] != "" && f[2] != "") {
			continue
		}
		a, b, ok := slashParts(cells[i])
		if !ok {
			continue
		}
		v := strings.Clone(cells[i])
		if f[0] == "" {
			f[0] = v
		}
		if a > 12 && b <= 12 && f[1] == "" {
			f[1] = v
		}
		if b > 12 && a <= 12 && f[2] == "" {
			f[2] = v
		}
	}
}

// result is DetectDateOrder's answer for the values seen.
func (d *dateScan) result() (order, code, example string) {
	var any, dmy, mdy string
	for _, f := range d.found {
		if any == "" {
			any = f[0]
		}
		if dmy == "" {
			dmy = f[1]
		}
		if mdy == "" {
			mdy = f[2]
		}
	}
	return dateOrderOf(any, dmy, mdy)
}

// guessSample is how many values of a column a guess looks at.
const guessSample = 200

// guesses lists the unused headers that merely resemble a field the file does not
// map yet, with how many of their values that field would take.
func guesses(header []string, cols []Column, rows []numbered, m Mapping) []Guess {
	g := newGuesser(header, cols, m)
	for _, r := range rows {
		g.add(r.cells)
	}
	return g.result()
}

// guesser builds the guesses row by row, looking at up to guessSample values of each column.
type guesser struct {
	m  Mapping
	gs []Guess
}

func newGuesser(header []string, cols []Column, m Mapping) *guesser {
	g := &guesser{m: m, gs: []Guess{}}
	used := map[int]bool{}
	have := map[string]bool{}
	for _, c := range cols {
		used[c.Index], have[c.Field] = true, true
	}
	for i, h := range header {
		f := GuessOf(h)
		if f == "" || used[i+1] || have[f] {
			continue
		}
		if _, set := m.Columns[f]; set {
			continue
		}
		g.gs = append(g.gs, Guess{Header: h, Index: i + 1, Field: f, Samples: []string{}})
	}
	return g
}

func (g *guesser) add(cells []string) {
	for k := range g.gs {
		gu := &g.gs[k]
		i := gu.Index - 1
		if gu.Of == guessSample || i >= len(cells) || cells[i] == "" {
			continue
		}
		v := cells[i]
		gu.Of++
		if fits(gu.Field, v, g.m) {
			gu.Fits++
		}
		if len(gu.Samples) < 5 && !slices.Contains(gu.Samples, v) {
			gu.Samples = append(gu.Samples, strings.Clone(v))
		}
	}
}

func (g *guesser) result() []Guess { return g.gs }

// fits reports whether a field would take a value as it stands.
func fits(f, v string, m Mapping) bool {
	switch f {
	case Kind, Channel, Status, Outcome, Category:
		_, ok := understood(f, v, m.Values[f])
		return ok
	case ReceivedAt, ClosedAt:
		if _, ok, err := slashDate(v, m.DateOrder); ok {
			return err == nil || err == errDateOrder
		}
		_, err := ParseTime(v, false)
		return err == nil
	case AmountInDispute, Recovered:
		_, err := ParseAmount(v)
		return err == nil
	case ConsumerPhone:
		return casework.ValidPhone(phone(v))
	}
	return true
}

// unknownCodes are the failures of a coded value that names nothing.
var unknownCodes = map[string]string{"kind": Kind, "channel": Channel, "status": Status, "outcome": Outcome}

// unknown counts a failing coded value in the preview's list of unknown values.
func (r *Result) unknown(p Problem, mp *Mapper) {
	f, ok := unknownCodes[p.Code]
	if !ok || p.Column != f || p.Value == "" {
		return
	}
	for i := range r.Unknown {
		if r.Unknown[i].Field == f && r.Unknown[i].Value == p.Value {
			r.Unknown[i].Rows++
			return
		}
	}
	if len(r.Unknown) >= MaxListed {
		return
	}
	r.Unknown = append(r.Unknown, Unknown{Field: f, Header: mp.headers[f], Value: p.Value, Rows: 1, Codes: codedFields[f]})
}
