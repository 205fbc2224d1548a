package calendar

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Kind says whether a listed day is a day off or a make-up working day (调休).
type Kind string

// The two kinds of row in a State Council holiday notice.
const (
	Holiday Kind = "holiday" // an official day off, including weekend days inside a holiday run
	Workday Kind = "workday" // a weekend day worked to make up for a holiday
)

// Day is one row of an official notice, kept with its source so every deadline can be traced.
type Day struct {
	Date   Date   `json:"date"`
	Kind   Kind   `json:"kind"`
	Name   string `json:"name"`
	Source string `json:"source"`
}

var header = []string{"date", "kind", "name", "source"}

// ParseCSV reads holiday data as shipped and as uploaded by an admin, naming the line of any fault.
func ParseCSV(r io.Reader) ([]Day, error) {
	br := bufio.NewReader(r)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("calendar: empty file, header date,kind,name,source missing")
	}
	if err != nil {
		return nil, csvError(err)
	}
	if strings.Join(rec, ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("calendar: line 1: header must be %q, got %q",
			strings.Join(header, ","), strings.Join(rec, ","))
	}
	var days []Day
	seen := map[Date]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return days, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		d, err := parseRow(rec)
		if err != nil {
			return nil, fmt.Errorf("calendar: line %d: %v", line, err)
		}
		if first, ok := seen[d.Date]; ok {
			return nil, fmt.Errorf("calendar: line %d: duplicate date %s (first on line %d)", line, d.Date, first)
		}
		seen[d.Date] = line
		days = append(days, d)
	}
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("calendar: line %d: %w", pe.Line, pe.Err)
	}
	return fmt.Errorf("calendar: read: %w", err)
}

func parseRow(rec []string) (Day, error) {
	if len(rec) != len(header) {
		return Day{}, fmt.Errorf("want %d fields (date,kind,name,source), got %d", len(header), len(rec))
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	date, err := ParseDate(rec[0])
	if err != nil {
		return Day{}, fmt.Errorf("bad date %q", rec[0])
	}
	d := Day{Date: date, Kind: Kind(rec[1]), Name: rec[2], Source: rec[3]}
	return d, d.validate()
}

// validate holds the rules shared by ParseCSV and New; errors carry no prefix so callers can place them.
func (d Day) validate() error {
	if !d.Date.valid() {
		return fmt.Errorf("bad date %s", d.Date)
	}
	switch d.Kind {
	case Holiday:
	case Workday:
		if wd := d.Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return fmt.Errorf("workday %s is a %s; a make-up working day must fall on a weekend", d.Date, wd)
		}
	default:
		return fmt.Errorf("unknown kind %q (want holiday or workday)", string(d.Kind))
	}
	if err := checkText("name", d.Name); err != nil {
		return err
	}
	return checkText("source", d.Source)
}

func checkText(field, s string) error {
	switch {
	case s == "":
		return fmt.Errorf("%s is empty", field)
	case !utf8.ValidString(s):
		return fmt.Errorf("%s is not valid UTF-8", field)
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return fmt.Errorf("%s contains a control character", field)
	}
	return nil
}

// WriteCSV writes days in the format ParseCSV reads, so admin edits can be exported and reloaded.
func WriteCSV(w io.Writer, days []Day) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("calendar: write: %w", err)
	}
	for _, d := range days {
		if err := cw.Write([]string{d.Date.String(), string(d.Kind), d.Name, d.Source}); err != nil {
			return fmt.Errorf("calendar: write: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("calendar: write: %w", err)
	}
	return nil
}
