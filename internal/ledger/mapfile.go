package ledger

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

// Mapping overrides how a file's columns and coded values are read.
//
// Columns maps a canonical field to the header the file uses for it (an empty
// header leaves an optional field out, whatever column would feed it); Values
// maps, per coded field (kind, channel, status, outcome, category), a value
// as written in the file to its code. Everything not named falls back to the
// known Chinese and English headers and values.
type Mapping struct {
	Columns map[string]string            `json:"columns,omitempty"`
	Values  map[string]map[string]string `json:"values,omitempty"`
}

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

// ParseMap reads a mapping, either as JSON ({"columns": {...}, "values": {...}})
// or as lines of text:
//
//	# comment
//	source_id = 序号           (field = header in the file)
//	channel.电话投诉 = hotline_12315   (field.value in the file = code)
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
		if !ok || left == "" || right == "" {
			return Mapping{}, &MapError{Line: i + 1, Code: "map_syntax", Detail: Clip(line)}
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
	for _, x := range codes {
		if x == c {
			return nil
		}
	}
	return &MapError{Line: line, Code: "map_code", Detail: Clip(f + "=" + c)}
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
	out := Mapping{Columns: map[string]string{}, Values: map[string]map[string]string{}}
	for _, src := range []Mapping{m, o} {
		for k, v := range src.Columns {
			out.Columns[k] = v
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
