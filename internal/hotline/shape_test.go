package hotline

import (
	"encoding/json"
	"testing"
	"time"

	"weiquan/internal/invalid"
)

var city = Mapping{
	Fields:    map[string]string{FieldOrderNo: "data.gdbh", FieldState: "data.zt", FieldAt: "data.clsj", FieldNote: "clyj", FieldScore: "fs"},
	States:    map[string]string{"signed": "02", "closed": "05", "rated": "07"},
	Ratings:   map[string]string{Satisfied: "1"},
	Time:      "2006-01-02 15:04:05",
	Constants: map[string]any{"dwbm": "360481"},
	Success:   &Success{Field: "code", Values: []string{"0"}},
}

// TestMappingOut: the shape goes out renamed, nested, recoded, in the city's time, with its constants.
func TestMappingOut(t *testing.T) {
	if err := city.Validate(); err != nil {
		t.Fatal(err)
	}
	out := city.Out(map[string]any{FieldOrderNo: "RC1", FieldState: "signed", FieldAt: "2026-11-30T02:00:00Z", FieldNote: "已签收", FieldCaseNumber: "20261130-000001"})
	b, _ := json.Marshal(out)
	want := `{"case_number":"20261130-000001","clyj":"已签收","data":{"clsj":"2026-11-30 10:00:00","gdbh":"RC1","zt":"02"},"dwbm":"360481"}`
	if string(b) != want {
		t.Errorf("out:\n%s\nwant\n%s", b, want)
	}
}

// TestMappingIn: the city's message comes in as the shape; states and ratings by the city's
// code, the shape's code or the centre's Chinese word; a bad time or score is named.
func TestMappingIn(t *testing.T) {
	for _, c := range []struct {
		doc   string
		state string
		bad   string
	}{
		{`{"data":{"gdbh":"RC1","zt":"05","clsj":"2026-11-30 10:00:00"}}`, "closed", ""},
		{`{"data":{"gdbh":"RC1","zt":"办结"}}`, "closed", ""},
		{`{"data":{"gdbh":"RC1","zt":"驳回退回"}}`, "return_refused", ""},
		{`{"data":{"gdbh":"RC1","zt":"rated"},"pj":"满意"}`, "rated", ""},
		{`{"data":{"gdbh":"RC1","zt":"05","clsj":"yesterday"}}`, "", "data.clsj"},
		{`{"data":{"gdbh":"RC1","zt":"07"},"fs":"five"}`, "", "fs"},
	} {
		var doc map[string]any
		if err := json.Unmarshal([]byte(c.doc), &doc); err != nil {
			t.Fatal(err)
		}
		in, err := city.In(doc)
		if c.bad != "" {
			if !containsField(err, c.bad) {
				t.Errorf("%s: %v, want a problem with %s", c.doc, err, c.bad)
			}
			continue
		}
		if err != nil || in[FieldState] != c.state || in[FieldOrderNo] != "RC1" {
			t.Errorf("%s: %v %v", c.doc, in, err)
		}
		if at, ok := in[FieldAt].(time.Time); ok && !at.Equal(time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: at %v", c.doc, at)
		}
	}
}

func containsField(err error, f string) bool {
	fe, ok := invalid.As(err)
	return ok && fe.Has(f)
}

// TestMappingValidate: a mapping that names what the shape does not have is refused.
func TestMappingValidate(t *testing.T) {
	for name, m := range map[string]Mapping{
		"unknown field":  {Fields: map[string]string{"ordr_no": "gdbh"}},
		"unknown state":  {States: map[string]string{"teleported": "99"}},
		"unknown rating": {Ratings: map[string]string{"great": "9"}},
		"clash":          {Fields: map[string]string{FieldOrderNo: "x", FieldNote: "x"}},
		"empty name":     {Fields: map[string]string{FieldOrderNo: " "}},
		"bad time":       {Time: "yesterday"},
		"no verdict":     {Success: &Success{Field: "code"}},
	} {
		if m.Validate() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if (Mapping{}).Validate() != nil {
		t.Error("the empty mapping is the shape itself")
	}
}

// TestSignature: what the office signs, the centre verifies; a changed byte does not.
func TestSignature(t *testing.T) {
	body := []byte(`{"order_no":"RC1"}`)
	sig := Sign("secret", 1796600000, body)
	if !Verify("secret", sig, "1796600000", body) || Verify("secret", sig, "1796600001", body) ||
		Verify("other", sig, "1796600000", body) || Verify("secret", sig, "1796600000", []byte(`{"order_no":"RC2"}`)) {
		t.Error("signature")
	}
}

// FuzzMappingIn: any JSON the centre sends comes in as the shape or as named problems, never a panic.
func FuzzMappingIn(f *testing.F) {
	f.Add(`{"data":{"gdbh":"RC1","zt":"05","clsj":"2026-11-30 10:00:00"},"fs":"3"}`)
	f.Add(`{"data":[1,2],"fs":null}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, s string) {
		var doc map[string]any
		if json.Unmarshal([]byte(s), &doc) != nil {
			return
		}
		for _, m := range []Mapping{city, {}} {
			_, _ = m.In(doc)
		}
	})
}
