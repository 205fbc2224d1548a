package web

import (
	"net/http"
	"slices"
	"strings"

	"weiquan/internal/invalid"
	"weiquan/internal/ledger"
)

// emptyCode is the choice that maps a value to empty: it means nothing here.
const emptyCode = "-"

// constantFields are the fields the preview offers a value for every row when the
// file has no column for them: a complaints-only ledger's kind, a letters register's
// channel, a township's own ledger's area.
var constantFields = []string{ledger.Kind, ledger.Channel, ledger.Category, ledger.Area}

// postedExtras reads the rest of the preview's form into the mapping: a value for every
// row of fields with no column (c.<field>), the order of slash dates, value mappings
// already made (vf, vv, vc) and those chosen now for unknown values (uf, uv, uc).
func postedExtras(r *http.Request, m *ledger.Mapping, errs *invalid.Errors) {
	for _, f := range constantFields {
		v := strings.TrimSpace(r.PostForm.Get("c." + f))
		if v == "" {
			continue
		}
		if _, fed := m.Columns[f]; fed && m.Columns[f] != "" {
			continue // a column feeds it
		}
		if m.Constants == nil {
			m.Constants = map[string]string{}
		}
		m.Constants[f] = v
	}
	if o := r.PostForm.Get("date_order"); o != "" {
		if !slices.Contains(ledger.DateOrders, o) {
			errs.Add("date_order", invalid.OneOf, "values", strings.Join(ledger.DateOrders, ", "))
		} else {
			m.DateOrder = o
		}
	}
	add := func(fs, vs, cs []string) {
		if len(fs) != len(vs) || len(vs) != len(cs) || len(fs) > 2000 {
			errs.Add("mapping", invalid.Format)
			return
		}
		for i := range fs {
			f, v, c := fs[i], vs[i], cs[i]
			if c == "" {
				continue
			}
			if c == emptyCode {
				c = ""
			}
			if m.Values == nil {
				m.Values = map[string]map[string]string{}
			}
			if m.Values[f] == nil {
				m.Values[f] = map[string]string{}
			}
			m.Values[f][v] = c
		}
	}
	add(r.PostForm["vf"], r.PostForm["vv"], r.PostForm["vc"])
	add(r.PostForm["uf"], r.PostForm["uv"], r.PostForm["uc"])
	if err := m.Validate(); err != nil {
		errs.Add("mapping", "map_invalid", "detail", err.Error())
	}
}

// valueChoice is a value mapping in force, carried from one preview to the next.
type valueChoice struct {
	Field, Value, Code string
}

// mappedValues lists the value mappings of m in a steady order.
func mappedValues(m ledger.Mapping) []valueChoice {
	var out []valueChoice
	for _, f := range ledger.Fields {
		vs := m.Values[f]
		keys := make([]string, 0, len(vs))
		for k := range vs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			c := vs[k]
			if c == "" {
				c = emptyCode
			}
			out = append(out, valueChoice{Field: f, Value: k, Code: c})
		}
	}
	return out
}

// constantChoice is one field the file has no column for, with the value every row gets.
type constantChoice struct {
	Field, Label, Value string
	Codes               []string // the codes of a coded field; none for free text
}

func constantChoices(lang string, res *ledger.Result, m ledger.Mapping) []constantChoice {
	fed := map[string]bool{}
	for _, c := range res.Columns {
		fed[c.Field] = true
	}
	var out []constantChoice
	for _, f := range constantFields {
		if fed[f] {
			continue
		}
		c := constantChoice{Field: f, Label: tr(lang, "ledger.field."+f), Value: m.Constants[f]}
		switch f {
		case ledger.Kind:
			c.Codes = []string{"complaint", "report", "inquiry"}
		case ledger.Channel:
			c.Codes = []string{"hotline_12315", "platform_12315", "web", "letter", "visit", "transfer_12345", "transfer_department"}
		case ledger.Category:
			c.Codes = []string{"goods", "services"}
		}
		out = append(out, c)
	}
	return out
}
