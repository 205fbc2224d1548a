package store

import (
	"bytes"
	"encoding/json"
)

func marshalData(d map[string]any) (string, error) {
	b, err := json.Marshal(d)
	return string(b), err
}

func unmarshalData(s string) (map[string]any, error) {
	var d map[string]any
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	err := dec.Decode(&d)
	return d, err
}
