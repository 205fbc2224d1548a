package ledger

import (
	"errors"
	"io"
	"strconv"
	"time"
)

// Check reads a whole file under mapping m at time now and returns the
// preview and the rows that passed. Nothing may be committed unless the
// result is OK: one failing row refuses the file (all or nothing).
func Check(name string, data []byte, m Mapping, now time.Time) (*Result, []Record) {
	res := &Result{File: name, Format: format(name, data), Columns: []Column{}, Ignored: []string{}, Failures: []Problem{}, Warnings: []Problem{},
		Guesses: []Guess{}, Unknown: []Unknown{}}
	defer res.clipResult()
	t, err := Open(name, data, m)
	if err != nil {
		res.Fail(fileProblem(err))
		return res, nil
	}
	defer t.Close()
	res.Format, res.Encoding, res.Sheet, res.HeaderRow = t.Format, t.Encoding, t.Sheet, t.HeaderRow
	cols, ignored, fails, warns := Resolve(t.Header, m)
	res.Columns = append(res.Columns, cols...)
	res.Ignored = append(res.Ignored, ignored...)
	for _, w := range warns {
		res.Warn(w)
	}
	if len(fails) > 0 {
		for _, f := range fails {
			res.Fail(f)
		}
		res.Guesses = guesses(t.Header, cols, nil, m)
		return res, nil
	}
	var rows []numbered
	for {
		row, cells, err := t.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		if err != nil && !errors.As(err, &re) {
			res.Fail(fileProblem(err))
			return res, nil
		}
		rows = append(rows, numbered{row: row, cells: cells, err: err})
	}
	if !decideDateOrder(res, cols, rows, &m) {
		return res, nil
	}
	mp := NewMapper(cols, m, t.Date1904, now)
	res.Constants = mp.constants
	first := map[string]int{}
	var recs []Record
	for _, nr := range rows {
		row, cells := nr.row, nr.cells
		var re *RowError
		if errors.As(nr.err, &re) {
			res.Rows++
			res.FailedRows++
			res.Fail(Problem{Row: row, Code: re.Code, Value: re.Detail})
			continue
		}
		res.Rows++
		rec, fails, warns := mp.Row(row, cells)
		if rec.SourceID != "" {
			if at, dup := first[rec.SourceID]; dup {
				fails = append(fails, Problem{Row: row, Column: SourceID, Header: mp.headers[SourceID], Value: rec.SourceID,
					Code: "duplicate", Args: []string{"first", strconv.Itoa(at)}})
			} else {
				first[rec.SourceID] = row
			}
		}
		for _, w := range warns {
			res.Warn(w)
		}
		if len(fails) > 0 {
			res.FailedRows++
			for _, f := range fails {
				res.Fail(f)
				res.unknown(f, mp)
			}
			continue
		}
		recs = append(recs, rec)
	}
	res.Guesses = guesses(t.Header, cols, rows, m)
	if res.Rows == 0 {
		res.Fail(Problem{Code: "no_rows"})
		return res, nil
	}
	if !res.OK() {
		return res, nil
	}
	return res, recs
}

func fileProblem(err error) Problem {
	var fe *FileError
	if errors.As(err, &fe) {
		return Problem{Code: fe.Code, Args: fe.Args}
	}
	return Problem{Code: "read", Args: []string{"detail", err.Error()}}
}
