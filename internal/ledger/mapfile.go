package ledger

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

// Mapping overrides how a file's columns and coded values are read.
//
// Columns maps a canonical field to the header the file uses for it (an empty
// header leaves an optional field out, whatever column would feed it; two fields
// may name one header, as a 办结情况 column holds both state and outcome); Values
// maps, per coded field (kind, channel, status, outcome, category), a value
// as written in the file to its code, "" for empty (a value that means nothing
// here); Constants gives a field the file has no column for one value on every
// row (a complaints-only ledger's kind); DateOrder says how to read slash dates
// such as 03/04/2021: dmy, mdy or ymd ("" finds it from a day above 12).
// Everything not named falls back to the known Chinese and English headers and values.
type Mapping struct {
	Columns   map[string]string            `json:"columns,omitempty"`
	Values    map[string]map[string]string `json:"values,omitempty"`
	Constants map[string]string            `json:"constants,omitempty"`
	DateOrder string                       `json:"date_order,omitempty"`
}

// Date orders of slash dates.
const (
	DMY = "dmy" // 15/03/2021, day first
	MDY = "mdy" // 03/15/2021, month first
	YMD = "ymd" // 2021/03/15 or 21/03/15, year first
)

// DateOrders lists the orders a mapping may declare.
var DateOrders = []string{DMY, MDY, YMD}

// MapError is a line of a mapping that cannot be understood.
type MapError struct {
	Line   int
	Code   string // map_syntax, map_field, map_code
	Detail string
}

func (e *MapError) Error() string {
	return fmt.Sprintf("ledger: mapping line %d: %s (%s)", e.Line, e.Code, e.Detail)
}

var codedFields = map[string][]string{
	Kind:     strs(casework.Kinds),
	Channel:  strs(casework.Channels),
	Status:   strs(casework.States),
	Outcome:  strs(casework.Outcomes),
	Category: {string(casework.Goods), string(casework.Services)},
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// ParseMap reads a mapping, either as JSON ({"columns": {...}, "values": {...},
// "constants": {...}, "date_order": "mdy"}) or as lines of text:
//
//	# comment
//	source_id = 序号           (field = header in the file)
//	request =                  (field = nothing: left out, whatever column would feed it)
//	status = 办结情况            (two fields may name one header)
//	outcome = 办结情况
//	channel.电话投诉 = hotline_12315   (field.value in the file = code)
//	status.待定 =               (field.value = nothing: the value means empty)
//	const.kind = complaint     (every row: a field the file has no column for)
//	date_order = mdy           (slash dates are month first: dmy, mdy or ymd)
func ParseMap(b []byte) (Mapping, error) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
		var m Mapping
		dec := json.NewDecoder(bytes.NewReader(t))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil {
			return Mapping{}, &MapError{Line: 1, Code: "map_syntax", Detail: Clip(err.Error())}
		}
		if err := m.checkText(); err != nil {
			return Mapping{}, err
		}
		return m, m.check(0)
	}
	m := Mapping{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		left, right, ok := strings.Cut(line, "=")
		left, right = strings.TrimSpace(left), strings.TrimSpace(right)
		if !ok || left == "" {
			return Mapping{}, &MapError{Line: i + 1, Code: "map_syntax", Detail: Clip(line)}
		}
		if left == "date_order" {
			m.DateOrder = right
			if err := m.checkOrder(i + 1); err != nil {
				return Mapping{}, err
			}
			continue
		}
		if field, ok := strings.CutPrefix(left, "const."); ok {
			if m.Constants == nil {
				m.Constants = map[string]string{}
			}
			m.Constants[strings.TrimSpace(field)] = right
			if err := m.checkConstant(strings.TrimSpace(field), right, i+1); err != nil {
				return Mapping{}, err
			}
			continue
		}
		if field, value, isValue := strings.Cut(left, "."); isValue {
			if m.Values == nil {
				m.Values = map[string]map[string]string{}
			}
			if m.Values[field] == nil {
				m.Values[field] = map[string]string{}
			}
			m.Values[field][strings.TrimSpace(value)] = right
			if err := m.checkValue(field, right, i+1); err != nil {
				return Mapping{}, err
			}
			continue
		}
		if m.Columns == nil {
			m.Columns = map[string]string{}
		}
		m.Columns[left] = right
		if err := m.checkField(left, i+1); err != nil {
			return Mapping{}, err
		}
	}
	return m, m.checkText()
}

// checkText refuses headers and values in a mapping that hold control
// characters or broken text: they could match no cell, and are shown back.
func (m Mapping) checkText() error {
	bad := func(s string) bool { return invalid.TextCode(s, false) != "" }
	for f, h := range m.Columns {
		if bad(f) || bad(h) {
			return &MapError{Code: invalid.ControlChar, Detail: Clip(f)}
		}
	}
	for f, vs := range m.Values {
		for k, c := range vs {
			if bad(f) || bad(k) || bad(c) {
				return &MapError{Code: invalid.ControlChar, Detail: Clip(f)}
			}
		}
	}
	return nil
}

func (m Mapping) check(line int) error {
	for f := range m.Columns {
		if err := m.checkField(f, line); err != nil {
			return err
		}
	}
	for f, v := range m.Constants {
		if err := m.checkConstant(f, v, line); err != nil {
			return err
		}
	}
	if err := m.checkOrder(line); err != nil {
		return err
	}
	for f, vs := range m.Values {
		for _, c := range vs {
			if err := m.checkValue(f, c, line); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m Mapping) checkField(f string, line int) error {
	if !isField(f) {
		return &MapError{Line: line, Code: "map_field", Detail: Clip(f)}
	}
	return nil
}

func (m Mapping) checkValue(f, c string, line int) error {
	codes, ok := codedFields[f]
	if !ok {
		return &MapError{Line: line, Code: "map_field", Detail: Clip(f)}
	}
	if c == "" {
		return nil // the value means empty
	}
	for _, x := range codes {
		if x == c {
			return nil
		}
	}
	return &MapError{Line: line, Code: "map_code", Detail: Clip(f + "=" + c)}
}

// checkConstant: the field must exist, be no row's own id, and a coded field's
// constant must be understood as one of its codes.
func (m Mapping) checkConstant(f, v string, line int) error {
	if !isField(f) || f == SourceID {
		return &MapError{Line: line, Code: "map_field", Detail: f}
	}
	if strings.TrimSpace(v) == "" {
		return &MapError{Line: line, Code: "map_syntax", Detail: "const." + f}
	}
	if _, coded := codedFields[f]; coded {
		if _, ok := understood(f, v, m.Values[f]); !ok {
			return &MapError{Line: line, Code: "map_code", Detail: f + "=" + v}
		}
	}
	return nil
}

func (m Mapping) checkOrder(line int) error {
	if m.DateOrder != "" && !slices.Contains(DateOrders, m.DateOrder) {
		return &MapError{Line: line, Code: "map_code", Detail: "date_order=" + m.DateOrder}
	}
	return nil
}

// understood reads a value of a coded field as the file's own mapping and the known
// aliases do; ok is false when it names nothing.
func understood(f, v string, own map[string]string) (string, bool) {
	switch f {
	case Kind:
		c, ok := code(v, own, casework.Kinds, kindAliases)
		return string(c), ok && c.Valid()
	case Channel:
		c, ok := code(v, own, casework.Channels, channelAliases)
		return string(c), ok && (c == "" || c.Valid())
	case Status:
		c, ok := code(v, own, casework.States, statusAliases)
		return string(c), ok && (c == "" || c.Valid())
	case Outcome:
		c, ok := code(v, own, casework.Outcomes, outcomeAliases)
		return string(c), ok && c.Valid()
	case Category:
		c, ok := code(v, own, []casework.Category{casework.Goods, casework.Services}, categoryAliases)
		return string(c), ok && c.Valid()
	}
	return v, true
}

func isField(f string) bool {
	for _, x := range Fields {
		if x == f {
			return true
		}
	}
	return false
}

// Merge returns m with o's entries added on top (o wins), so a caller can
// override a mapping file.
func (m Mapping) Merge(o Mapping) Mapping {
	out := Mapping{Columns: map[string]string{}, Values: map[string]map[string]string{}, Constants: map[string]string{}}
	for _, src := range []Mapping{m, o} {
		for k, v := range src.Columns {
			out.Columns[k] = v
		}
		for k, v := range src.Constants {
			out.Constants[k] = v
		}
		if src.DateOrder != "" {
			out.DateOrder = src.DateOrder
		}
		for f, vs := range src.Values {
			if out.Values[f] == nil {
				out.Values[f] = map[string]string{}
			}
			for k, v := range vs {
				out.Values[f][k] = v
			}
		}
	}
	return out
}

// Validate checks a mapping built in code (the upload page) as ParseMap checks one read.
func (m Mapping) Validate() error { return m.check(0) }
