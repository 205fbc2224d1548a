package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"
)

// openJSONL reads one JSON object per line; the header is every key met, in
// the order first met, so lines may leave keys out.
func openJSONL(data []byte) (*Table, error) {
	data = bytes.TrimPrefix(data, bomUTF8)
	if err := checkTextBytes(data); err != nil {
		return nil, err
	}
	t := &Table{Format: "jsonl", Encoding: "utf-8"}
	index := map[string]int{}
	var rows []numbered
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var keys, vals []string
		var err error
		if len(t.Header) == 0 {
			keys, vals, err = object(line) // the first object gives the columns their order
		} else {
			keys, vals, err = objectFast(line)
		}
		if err != nil {
			rows = append(rows, numbered{row: i + 1, err: &RowError{Code: "json", Detail: err.Error()}})
			continue
		}
		cells := make([]string, len(t.Header))
		for k, key := range keys {
			j, ok := index[key]
			if !ok {
				j = len(t.Header)
				index[key] = j
				t.Header = append(t.Header, key)
			}
			for len(cells) <= j {
				cells = append(cells, "")
			}
			cells[j] = vals[k]
		}
		rows = append(rows, numbered{row: i + 1, cells: cells})
	}
	if len(t.Header) == 0 {
		if len(rows) > 0 && rows[0].err != nil {
			return nil, &FileError{Code: "json", Args: []string{"line", "1", "detail", rows[0].err.(*RowError).Detail}}
		}
		return nil, &FileError{Code: "empty"}
	}
	t.next = func() (numbered, error) {
		if len(rows) == 0 {
			return numbered{}, io.EOF
		}
		n := rows[0]
		rows = rows[1:]
		return n, nil
	}
	return t, nil
}

var errNotObject = errors.New("not a JSON object")

// object reads one JSON object, keeping its keys in order; values become text
// (strings as they are, numbers as written, null as empty).
func object(line []byte) ([]string, []string, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, errNotObject
	}
	var keys, vals []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, err
		}
		keys = append(keys, k)
		vals = append(vals, jsonText(raw))
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, nil, errors.New("data after the object")
	}
	return keys, vals, nil
}

// objectFast reads one JSON object as object does, in a single Unmarshal; keys
// come out sorted, which only matters for keys the first object did not have.
func objectFast(line []byte) ([]string, []string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(line, &m); err != nil {
		return nil, nil, err
	}
	if m == nil {
		return nil, nil, errNotObject
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	vals := make([]string, len(keys))
	for i, k := range keys {
		vals[i] = jsonText(m[k])
	}
	return keys, vals, nil
}

func jsonText(raw json.RawMessage) string {
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return ""
	case raw[0] == '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	return strings.TrimSpace(string(raw))
}
