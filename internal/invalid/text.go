package invalid

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// Codes for text that is not text: PostgreSQL cannot store NUL, and a control
// character or a broken byte sequence is never what a person typed.
const (
	ControlChar = "control_char"
	Encoding    = "encoding"
)

// freeText are the fields where people write prose, by the last part of their
// name: there, and only there, tab and line breaks are allowed.
var freeText = map[string]bool{
	"facts": true, "request": true, "report_facts": true, "answer": true, "note": true,
	"description": true, "major_subcategories": true,
	"notice":  true, // a State Council holiday notice pasted whole
	"summary": true, // the words the public may read of a matter
	"terms":   true, "minutes": true, "comment": true, "grounds": true, "said": true, "body": true,
	"map": true, // a ledger's column mapping: lines of text
	"h":   true, // the web import's mapping posts back the file's headers, which Excel lets hold line breaks
}

// FreeText lists the free-text field names, for the documentation and tests.
func FreeText() []string {
	out := make([]string, 0, len(freeText))
	for k := range freeText {
		out = append(out, k)
	}
	return out
}

// IsFreeText reports whether a field takes prose with line breaks. The field
// may be a path ("changes.facts") or an Open311 attribute ("attribute[facts]").
func IsFreeText(field string) bool {
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		field = field[i+1:]
	}
	if rest, ok := strings.CutPrefix(field, "attribute["); ok {
		field, _, _ = strings.Cut(rest, "]")
	}
	return freeText[field]
}

// TextCode returns the problem with s as a code (ControlChar or Encoding), or ""
// when s is clean. Control characters are C0 (but tab, line feed and carriage
// return where multiline), DEL and C1.
func TextCode(s string, multiline bool) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && !(multiline && (c == '\t' || c == '\n' || c == '\r')) || c == 0x7F {
				return ControlChar
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return Encoding
		}
		if r >= 0x80 && r <= 0x9F {
			return ControlChar
		}
		i += n
	}
	return ""
}

// Text records a problem when v is not clean text for field (see TextCode and IsFreeText).
func (e *Errors) Text(field, v string) {
	if code := TextCode(v, IsFreeText(field)); code != "" && !e.Has(field) {
		e.Add(field, code)
	}
}

// maxTextErrors bounds the field errors one request gets back for its text.
const maxTextErrors = 20

// Values checks every name and value of a form or query. A bad name cannot
// name itself, so it is reported as the field whole (e.g. "query" or "form").
func (e *Errors) Values(whole string, vals url.Values) {
	for k, vs := range vals {
		if len(*e) >= maxTextErrors {
			return
		}
		if code := TextCode(k, false); code != "" {
			if !e.Has(whole) {
				e.Add(whole, code)
			}
			continue
		}
		for _, v := range vs {
			e.Text(k, v)
		}
	}
}
