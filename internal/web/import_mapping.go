package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"sort"
	"strings"

	"weiquan/internal/invalid"
	"weiquan/internal/ledger"
)

// columnChoice is one column of the uploaded file on the preview, with the
// field it feeds ("" when it is not imported) and the field its header is known as.
type columnChoice struct {
	Pos           int
	Header, Field string
	Auto          string
}

// Changed reports whether the user overrode what the header is known as.
func (c columnChoice) Changed() bool { return c.Field != c.Auto }

// fieldOption is one choice of the selects.
type fieldOption struct {
	Code, Label string
	Required    bool
}

func fieldOptions(lang string) []fieldOption {
	out := make([]fieldOption, len(ledger.Fields))
	for i, f := range ledger.Fields {
		out[i] = fieldOption{Code: f, Label: tr(lang, "ledger.field."+f), Required: slices.Contains(ledger.Required, f)}
	}
	return out
}

// postedMapping reads the selects of the preview: pairs of h (a header of the file) and
// f (the field it feeds, "" for none). Every field not chosen is left out on purpose,
// so the selects are the whole mapping. No pairs: the headers decide (the first preview).
// A field chosen twice is an error; the first column keeps it.
func postedMapping(r *http.Request, lang string) (ledger.Mapping, []columnChoice, invalid.Errors) {
	var errs invalid.Errors
	hs, fs := r.PostForm["h"], r.PostForm["f"]
	if len(hs) == 0 && len(fs) == 0 {
		return ledger.Mapping{}, nil, nil
	}
	if len(hs) != len(fs) || len(hs) > 500 {
		errs.Add("mapping", invalid.Format)
		return ledger.Mapping{}, nil, errs
	}
	m := ledger.Mapping{Columns: map[string]string{}}
	var cols []columnChoice
	by := map[string]string{}
	for i, h := range hs {
		f := fs[i]
		if f != "" && !slices.Contains(ledger.Fields, f) {
			errs.Add("mapping", invalid.OneOf, "values", strings.Join(ledger.Fields, ", "))
			f = ""
		}
		if first, dup := by[f]; dup && f != "" {
			errs.Add("mapping", "map_twice", "column", tr(lang, "ledger.field."+f), "first", first, "second", h)
			f = ""
		}
		if f != "" {
			by[f] = h
			m.Columns[f] = h
		}
		cols = append(cols, columnChoice{Pos: i + 1, Header: h, Field: f})
	}
	for _, f := range ledger.Fields {
		if _, ok := m.Columns[f]; !ok {
			m.Columns[f] = ""
		}
	}
	return m, cols, errs
}

// choicesOf lays the file's columns out as the preview found them: the columns used
// in the file's order, with the unused headers in their places.
func choicesOf(res *ledger.Result) []columnChoice {
	cols := slices.Clone(res.Columns)
	sort.Slice(cols, func(i, j int) bool { return cols[i].Index < cols[j].Index })
	var out []columnChoice
	ignored := res.Ignored
	pos := 1
	for _, c := range cols {
		for pos < c.Index && len(ignored) > 0 {
			out = append(out, columnChoice{Header: ignored[0]})
			ignored, pos = ignored[1:], pos+1
		}
		out = append(out, columnChoice{Header: c.Header, Field: c.Field})
		pos = c.Index + 1
	}
	for _, h := range ignored {
		out = append(out, columnChoice{Header: h})
	}
	return out
}

// withAuto numbers the columns and notes the field each header is known as.
func withAuto(cols []columnChoice) []columnChoice {
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.Header
	}
	auto := map[string]string{}
	known, _, _, _ := ledger.Resolve(headers, ledger.Mapping{})
	for _, k := range known {
		auto[k.Header] = k.Field
	}
	for i := range cols {
		cols[i].Pos, cols[i].Auto = i+1, auto[cols[i].Header]
	}
	return cols
}

// fingerprint names a mapping as the selects show it, so a commit can tell that
// it imports under the very mapping that was previewed.
func fingerprint(cols []columnChoice) string {
	var b strings.Builder
	for _, c := range cols {
		b.WriteString(c.Header + "\x00" + c.Field + "\x01")
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}
