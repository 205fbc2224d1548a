package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"weiquan/internal/invalid"
	"weiquan/internal/ledger"
)

// columnChoice is one column of the uploaded file on the preview, with the
// field it feeds ("" when it is not imported) and the field its header is known as.
type columnChoice struct {
	Pos           int
	Header, Field string
	Also          string // a second field the same column feeds (办结情况: state and outcome)
	Auto          string
	Guess         *ledger.Guess // the field the header merely resembles, not mapped unless chosen
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
	hs, fs, f2s := r.PostForm["h"], r.PostForm["f"], r.PostForm["f2"]
	if len(hs) == 0 && len(fs) == 0 {
		return ledger.Mapping{}, nil, nil
	}
	if len(hs) != len(fs) || len(hs) > 500 || len(f2s) > len(hs) {
		errs.Add("mapping", invalid.Format)
		return ledger.Mapping{}, nil, errs
	}
	if pos, field, ok := strings.Cut(r.PostForm.Get("use"), ":"); ok { // the one-click "use this guess"
		if i, err := strconv.Atoi(pos); err == nil && i >= 1 && i <= len(fs) {
			fs = slices.Clone(fs)
			fs[i-1] = field
		}
	}
	m := ledger.Mapping{Columns: map[string]string{}}
	var cols []columnChoice
	by := map[string]string{}
	take := func(f, h string) string {
		if f != "" && !slices.Contains(ledger.Fields, f) {
			errs.Add("mapping", invalid.OneOf, "values", strings.Join(ledger.Fields, ", "))
			return ""
		}
		if first, dup := by[f]; dup && f != "" {
			errs.Add("mapping", "map_twice", "column", tr(lang, "ledger.field."+f), "first", first, "second", h)
			return ""
		}
		if f != "" {
			by[f] = h
			m.Columns[f] = h
		}
		return f
	}
	for i, h := range hs {
		f := take(fs[i], h)
		also := ""
		if i < len(f2s) && f2s[i] != fs[i] {
			also = take(f2s[i], h)
		}
		cols = append(cols, columnChoice{Pos: i + 1, Header: h, Field: f, Also: also})
	}
	postedExtras(r, &m, &errs)
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
	for i, c := range cols {
		if i > 0 && cols[i-1].Index == c.Index {
			out[len(out)-1].Also = c.Field // one column feeding two fields
			continue
		}
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

// fingerprint names a mapping as the form shows it, so a commit can tell that
// it imports under the very mapping that was previewed.
func fingerprint(cols []columnChoice, m ledger.Mapping) string {
	var b strings.Builder
	for _, c := range cols {
		b.WriteString(c.Header + "\x00" + c.Field + "\x00" + c.Also + "\x01")
	}
	extra, _ := json.Marshal(ledger.Mapping{Values: m.Values, Constants: m.Constants, DateOrder: m.DateOrder})
	b.Write(extra)
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}
