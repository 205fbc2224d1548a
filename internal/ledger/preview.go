package ledger

import (
	"slices"

	"weiquan/internal/casework"
)

// decideDateOrder settles how slash dates are read: as the mapping declares, or as the
// file shows by a day above 12. A file that reads both ways, or holds both orders,
// fails with the values that show it; nothing is guessed.
func decideDateOrder(res *Result, cols []Column, rows []numbered, m *Mapping) bool {
	if m.DateOrder != "" {
		res.DateOrder, res.OrderBy = m.DateOrder, "map"
		return true
	}
	var values []string
	for _, c := range cols {
		if c.Field != ReceivedAt && c.Field != ClosedAt {
			continue
		}
		for _, r := range rows {
			if c.Index-1 < len(r.cells) {
				values = append(values, r.cells[c.Index-1])
			}
		}
	}
	order, code, example := DetectDateOrder(values)
	if code != "" {
		res.Fail(Problem{Column: ReceivedAt, Code: code, Value: example})
		return false
	}
	if order != "" {
		m.DateOrder, res.DateOrder, res.OrderBy, res.OrderProof = order, order, "auto", example
	}
	return true
}

// guessSample is how many values of a column a guess looks at.
const guessSample = 200

// guesses lists the unused headers that merely resemble a field the file does not
// map yet, with how many of their values that field would take.
func guesses(header []string, cols []Column, rows []numbered, m Mapping) []Guess {
	out := []Guess{}
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
		g := Guess{Header: h, Index: i + 1, Field: f, Samples: []string{}}
		for _, r := range rows {
			if g.Of == guessSample {
				break
			}
			if i >= len(r.cells) || r.cells[i] == "" {
				continue
			}
			v := r.cells[i]
			g.Of++
			if fits(f, v, m) {
				g.Fits++
			}
			if len(g.Samples) < 5 && !slices.Contains(g.Samples, v) {
				g.Samples = append(g.Samples, v)
			}
		}
		out = append(out, g)
	}
	return out
}

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
