package calendar

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// RowError is one fault of an uploaded calendar file and the line it is on, so a form can
// show every fault at once instead of only the first.
type RowError struct {
	Line  int    // 1 is the header; 0 is the file as a whole
	Code  string // header, syntax, fields, date, kind, weekend, name, source, text, duplicate, year, nodata, too_many
	Value string // what was found: the header, the date, the kind, or the line of the first duplicate
}

// MaxRowErrors is how many faults CheckCSV lists before it stops.
const MaxRowErrors = 50

// CheckCSV reads a file in the shipped format as ParseCSV does, but collects every fault
// (up to MaxRowErrors) and refuses rows outside year when year is not 0. It returns the days
// only when the file has no fault, so a load is all or nothing.
func CheckCSV(r io.Reader, year int) ([]Day, []RowError) {
	br := bufio.NewReader(r)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	var errs []RowError
	fault := func(line int, code, value string) bool {
		if len(errs) == MaxRowErrors {
			errs = append(errs, RowError{Code: "too_many"})
		}
		if len(errs) > MaxRowErrors {
			return false
		}
		errs = append(errs, RowError{Line: line, Code: code, Value: value})
		return true
	}
	rec, err := cr.Read()
	switch {
	case errors.Is(err, io.EOF):
		return nil, []RowError{{Code: "nodata"}}
	case err != nil:
		return nil, []RowError{{Line: 1, Code: "syntax"}}
	case strings.Join(rec, ",") != strings.Join(header, ","):
		got := strings.Join(rec, ",")
		if utf8.RuneCountInString(got) > 80 {
			got = string([]rune(got)[:80]) + "…"
		}
		return nil, []RowError{{Line: 1, Code: "header", Value: strings.ToValidUTF8(got, "?")}}
	}
	var days []Day
	seen := map[Date]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			fault(line, "syntax", "")
			break // a broken quote leaves the rest of the file unreadable
		}
		line, _ := cr.FieldPos(0)
		d, code, value := checkRow(rec, year)
		if code == "" {
			if first, dup := seen[d.Date]; dup {
				code, value = "duplicate", strconv.Itoa(first)
			} else {
				seen[d.Date] = line
				days = append(days, d)
				continue
			}
		}
		if !fault(line, code, value) {
			break
		}
	}
	if len(errs) == 0 && len(days) == 0 {
		errs = append(errs, RowError{Code: "nodata"})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return days, nil
}

// checkRow applies the rules of Day.validate, naming the fault by a code instead of a sentence.
func checkRow(rec []string, year int) (Day, string, string) {
	if len(rec) != len(header) {
		return Day{}, "fields", strconv.Itoa(len(rec))
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	date, err := ParseDate(rec[0])
	if err != nil {
		return Day{}, "date", clip(rec[0])
	}
	d := Day{Date: date, Kind: Kind(rec[1]), Name: rec[2], Source: rec[3]}
	switch {
	case year != 0 && date.Year != year:
		return d, "year", date.String()
	case d.Kind != Holiday && d.Kind != Workday:
		return d, "kind", clip(rec[1])
	case d.Kind == Workday && date.Weekday() != time.Saturday && date.Weekday() != time.Sunday:
		return d, "weekend", date.String()
	case d.Name == "":
		return d, "name", ""
	case d.Source == "":
		return d, "source", ""
	case badText(d.Name) || badText(d.Source):
		return d, "text", ""
	}
	return d, "", ""
}

func badText(s string) bool {
	return !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0
}

// clip keeps what a faulty cell held short and printable for the message that quotes it.
func clip(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}
