// Package ledger reads an office's historical ledgers (台账) — .xlsx, .csv in
// UTF-8 or GB18030, .jsonl — maps their columns and values to weiquan's codes,
// and turns each row into a matter, reporting every problem by row and column.
// It is pure: the caller resolves areas and merchants and writes the matters.
package ledger

import (
	"strconv"

	"weiquan/internal/i18n"
)

// Problem is one thing wrong (or worth a warning) in a file, a row or a cell.
type Problem struct {
	Row     int      `json:"row"`              // spreadsheet row or JSONL line; 0 for the file as a whole
	Column  string   `json:"column,omitempty"` // canonical field
	Header  string   `json:"header,omitempty"` // the column as the file names it
	Value   string   `json:"value,omitempty"`
	Code    string   `json:"code"`
	Count   int      `json:"rows,omitempty"` // for a warning shared by many rows: how many
	Message string   `json:"message"`
	Effect  string   `json:"effect,omitempty"` // a warning: what it will do to the report once committed
	Args    []string `json:"-"`                // extra {placeholders} of the message, as pairs
}

// MaxListed bounds how many failures a result lists; the counts stay exact.
const MaxListed = 1000

// Result is the preview of an import, and after a commit its summary.
type Result struct {
	File       string            `json:"file"`
	Format     string            `json:"format"`             // xlsx, csv, jsonl
	Encoding   string            `json:"encoding,omitempty"` // utf-8, utf-8-bom, gb18030 (csv)
	Sheet      string            `json:"sheet,omitempty"`
	HeaderRow  int               `json:"header_row,omitempty"`
	Columns    []Column          `json:"columns"`
	Ignored    []string          `json:"ignored_headers"`
	Constants  map[string]string `json:"constants,omitempty"`     // fields every row gets from the mapping
	DateOrder  string            `json:"date_order,omitempty"`    // how slash dates were read: dmy, mdy, ymd
	OrderBy    string            `json:"date_order_by,omitempty"` // map (declared) or auto (a day above 12 showed it)
	OrderProof string            `json:"date_order_example,omitempty"`
	Guesses    []Guess           `json:"guesses"`        // headers that merely resemble a field: not imported unless mapped
	Unknown    []Unknown         `json:"unknown_values"` // coded values that name nothing, with their counts
	Rows       int               `json:"rows"`           // data rows read (blank rows are not counted)
	FailedRows int               `json:"failed_rows"`    // rows with at least one failure
	New        int               `json:"new"`            // rows that would be (or were) imported
	Skipped    int               `json:"skipped"`        // rows whose source_id is already imported
	Failures   []Problem         `json:"failures"`
	Warnings   []Problem         `json:"warnings"`
	Truncated  bool              `json:"failures_truncated"` // more than MaxListed failures
	WarnTrunc  bool              `json:"warnings_truncated"` // more than MaxListed different warnings
	DryRun     bool              `json:"dry_run"`
	Committed  bool              `json:"committed"`
	Imported   int               `json:"imported"`
	ImportID   int64             `json:"import_id,omitempty"`

	warnAt map[[3]string]int
}

// OK reports whether nothing in the file failed, so it may be committed.
func (r *Result) OK() bool { return len(r.Failures) == 0 && r.FailedRows == 0 }

// Fail records a failure, listing at most MaxListed.
func (r *Result) Fail(p Problem) {
	if len(r.Failures) >= MaxListed {
		r.Truncated = true
		return
	}
	r.Failures = append(r.Failures, clipProblem(p))
}

// Warn records a warning; the same warning on the same value is listed once with a count.
func (r *Result) Warn(p Problem) {
	p = clipProblem(p)
	k := [3]string{p.Code, p.Column, p.Value}
	if i, ok := r.warnAt[k]; ok {
		r.Warnings[i].Count++
		return
	}
	if len(r.Warnings) >= MaxListed {
		r.WarnTrunc = true
		return
	}
	if r.warnAt == nil {
		r.warnAt = map[[3]string]int{}
	}
	r.warnAt[k] = len(r.Warnings)
	p.Count = 1
	r.Warnings = append(r.Warnings, p)
}

// AddWarnings adds the warnings of o after those of r, as if each had been
// given to Warn here in turn.
func (r *Result) AddWarnings(o *Result) {
	for _, p := range o.Warnings {
		n := p.Count
		r.Warn(p)
		if i, ok := r.warnAt[[3]string{p.Code, p.Column, p.Value}]; ok {
			r.Warnings[i].Count += n - 1
		}
	}
	if o.WarnTrunc {
		r.WarnTrunc = true
	}
}

// Localize fills every message in lang (zh-CN or en).
func (r *Result) Localize(lang string) {
	for i := range r.Failures {
		r.Failures[i].Message = r.Failures[i].text(lang, "ledger.err.")
	}
	for i := range r.Warnings {
		r.Warnings[i].Message = r.Warnings[i].text(lang, "ledger.warn.")
		if key := "ledger.effect." + r.Warnings[i].Code; i18n.Has(lang, key) {
			r.Warnings[i].Effect = r.Warnings[i].text(lang, "ledger.effect.")
		}
	}
}

// Guess is a header that merely resembles a field: Fits of the Of values sampled
// would be read as that field.
type Guess struct {
	Header  string   `json:"header"`
	Index   int      `json:"column"`
	Field   string   `json:"field"`
	Fits    int      `json:"fits"`
	Of      int      `json:"of"`
	Samples []string `json:"samples"`
}

// Unknown is a value of a coded field that names nothing: how many rows hold it and
// the codes it may be mapped to (or to empty).
type Unknown struct {
	Field  string   `json:"field"`
	Header string   `json:"header,omitempty"`
	Value  string   `json:"value"`
	Rows   int      `json:"rows"`
	Codes  []string `json:"codes"`
}

// codeLabels are message arguments that hold a code, shown by their label.
var codeLabels = map[string]string{"kind": "kind.", "status": "state.", "outcome": "outcome."}

func (p Problem) text(lang, prefix string) string {
	col := p.Column
	if col != "" {
		if l := i18n.T(lang, "ledger.field."+col); l != "ledger.field."+col {
			col = l
		}
	}
	args := append([]string{"row", strconv.Itoa(p.Row), "column", col, "header", p.Header, "value", p.Value, "rows", strconv.Itoa(p.Count)}, p.Args...)
	for i := 0; i+1 < len(args); i += 2 {
		if prefix, ok := codeLabels[args[i]]; ok && args[i+1] != "" {
			args[i+1] = i18n.T(lang, prefix+args[i+1])
		}
	}
	return i18n.T(lang, prefix+p.Code, args...)
}
