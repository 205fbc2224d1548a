package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"weiquan/internal/calendar"
	"weiquan/internal/money"
)

// Table is one sheet of an export: a header and rows produced one at a time,
// so a long list is streamed, never held.
type Table struct {
	Name   string
	Header []string
	Widths []float64 // column widths in characters; optional
	Rows   func(emit func(row []any) error) error
}

// Rate is a fraction 0–1 written as a percentage in .xlsx; nil is an empty cell.
type Rate struct{ V *float64 }

// Cell values a row may hold: string, int, int64, float64, Rate, money.Fen,
// time.Time, *time.Time and nil. Times are written in Asia/Shanghai.

const (
	dateFormat  = "yyyy-mm-dd hh:mm"
	moneyFormat = "#,##0.00"
	rateFormat  = "0.00%"
)

// WriteXLSX writes tables as the sheets of one workbook with excelize's
// StreamWriter: dates as dates formatted yyyy-mm-dd hh:mm, numbers as numbers.
func WriteXLSX(w io.Writer, tables ...Table) error {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, t := range tables {
		name := sheetName(t.Name, i)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("report: xlsx: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
		for c, wd := range t.Widths {
			if err := sw.SetColWidth(c+1, c+1, wd); err != nil {
				return fmt.Errorf("report: xlsx: %w", err)
			}
		}
		row := 1
		put := func(vals []any, header bool) error {
			cells := make([]any, len(vals))
			for j, v := range vals {
				cells[j] = styles.cell(v, header)
			}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			row++
			return sw.SetRow(cell, cells)
		}
		if err := put(strs(t.Header), true); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
		if err := t.Rows(func(r []any) error { return put(r, false) }); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	return nil
}

type styles struct{ header, date, money, rate int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true}})
	s.date = mk(&excelize.Style{CustomNumFmt: strPtr(dateFormat)})
	s.money = mk(&excelize.Style{CustomNumFmt: strPtr(moneyFormat)})
	s.rate = mk(&excelize.Style{CustomNumFmt: strPtr(rateFormat)})
	if err != nil {
		return s, fmt.Errorf("report: xlsx styles: %w", err)
	}
	return s, nil
}

func strPtr(s string) *string { return &s }

func (s styles) cell(v any, header bool) any {
	if header {
		return excelize.Cell{StyleID: s.header, Value: v}
	}
	switch x := v.(type) {
	case time.Time:
		return excelize.Cell{StyleID: s.date, Value: x.In(calendar.Shanghai)}
	case *time.Time:
		if x == nil {
			return nil
		}
		return excelize.Cell{StyleID: s.date, Value: x.In(calendar.Shanghai)}
	case money.Fen:
		return excelize.Cell{StyleID: s.money, Value: x.Yuan()}
	case Rate:
		if x.V == nil {
			return nil
		}
		return excelize.Cell{StyleID: s.rate, Value: *x.V}
	case *int64:
		if x == nil {
			return nil
		}
		return *x
	case *float64:
		if x == nil {
			return nil
		}
		return *x
	}
	return v
}

// sheetName makes a name Excel accepts: at most 31 characters, none of : \ / ? * [ ].
func sheetName(name string, i int) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		name = "Sheet" + strconv.Itoa(i+1)
	}
	return name
}

func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// WriteCSV writes a table as UTF-8 CSV with a BOM, so Excel and WPS read the
// Chinese right; text cells that a spreadsheet would run as a formula (= + - @,
// tab, carriage return at the start) get a leading apostrophe.
func WriteCSV(w io.Writer, t Table) error {
	if _, err := w.Write([]byte("\uFEFF")); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(textRow(strs(t.Header))); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	err := t.Rows(func(r []any) error { return cw.Write(textRow(r)) })
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	return nil
}

func textRow(vals []any) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = csvText(v)
	}
	return out
}

func csvText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return Neutralise(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case *int64:
		if x == nil {
			return ""
		}
		return strconv.FormatInt(*x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case *float64:
		if x == nil {
			return ""
		}
		return strconv.FormatFloat(*x, 'f', -1, 64)
	case Rate:
		if x.V == nil {
			return ""
		}
		return strconv.FormatFloat(*x.V, 'f', -1, 64)
	case money.Fen:
		return x.String()
	case time.Time:
		return x.In(calendar.Shanghai).Format("2006-01-02 15:04")
	case *time.Time:
		if x == nil {
			return ""
		}
		return x.In(calendar.Shanghai).Format("2006-01-02 15:04")
	}
	return Neutralise(fmt.Sprint(v))
}

// Neutralise stops a spreadsheet from running consumer-entered text as a formula.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
