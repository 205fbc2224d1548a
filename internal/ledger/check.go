package ledger

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

// Check reads a whole file under mapping m at time now and returns the
// preview and the rows that passed. Nothing may be committed unless the
// result is OK: one failing row refuses the file (all or nothing).
func Check(name string, data []byte, m Mapping, now time.Time) (*Result, []Record) {
	var recs []Record
	res, _ := Stream(name, data, m, now, func(_ *Result, r Record) error {
		recs = append(recs, r)
		return nil
	})
	if !res.OK() {
		return res, nil
	}
	return res, recs
}

// Stream checks a file as Check does but hands each row that passes to each,
// in file order, as soon as it is read, instead of holding them all: a
// million-row ledger is never in memory as records. A row that fails after
// rows were handed on makes the result not OK, so whatever the caller did
// with them must be undone (one transaction, rolled back) unless res.OK()
// when Stream returns; res given to each is the result so far. The file is
// read whole, without calling each, before the first row is handed on: a
// file that breaks off, a date order that cannot be decided or a missing
// column refuse it with no row handed on. An error from each stops the
// reading and is returned.
func Stream(name string, data []byte, m Mapping, now time.Time, each func(*Result, Record) error) (*Result, error) {
	return stream(name, format(name, data), func() (*Table, error) { return Open(name, data, m) }, m, now, each)
}

// stream is Stream over a file that open opens, as often as needed.
func stream(name, form string, open func() (*Table, error), m Mapping, now time.Time, each func(*Result, Record) error) (*Result, error) {
	res := &Result{File: name, Format: form, Columns: []Column{}, Ignored: []string{}, Failures: []Problem{}, Warnings: []Problem{},
		Guesses: []Guess{}, Unknown: []Unknown{}}
	defer res.clipResult()
	t, err := open()
	if err != nil {
		res.Fail(fileProblem(err))
		return res, nil
	}
	defer func() { t.Close() }()
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
	// The first reading: the whole file, for the date order and the guesses.
	// A CSV file is read a second time for the rows (cheaper than holding a
	// million of them); other formats keep the rows read (their files are
	// bounded by what a spreadsheet or an upload holds).
	reread := t.Format == "csv"
	g := newGuesser(t.Header, cols, m)
	dates := newDateScan(cols)
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
		g.add(cells)
		dates.add(cells)
		if !reread {
			rows = append(rows, numbered{row: row, cells: cells, err: err})
		}
	}
	if !decideDateOrder(res, dates, &m) {
		return res, nil
	}
	res.Guesses = g.result()
	next := func() (numbered, error) {
		if len(rows) == 0 {
			return numbered{}, io.EOF
		}
		n := rows[0]
		rows[0] = numbered{}
		rows = rows[1:]
		return n, nil
	}
	if reread {
		t.Close()
		if t, err = open(); err != nil { // it opened a moment ago: it opens again
			res.Fail(fileProblem(err))
			return res, nil
		}
		next = func() (numbered, error) {
			row, cells, err := t.Next()
			if errors.Is(err, io.EOF) {
				return numbered{}, io.EOF
			}
			var re *RowError
			if err != nil && !errors.As(err, &re) {
				return numbered{}, err
			}
			return numbered{row: row, cells: cells, err: err}, nil
		}
	}
	mp := NewMapper(cols, m, t.Date1904, now)
	res.Constants = mp.constants
	first := map[string]int{}
	for {
		nr, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.Fail(fileProblem(err))
			return res, nil
		}
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
				first[strings.Clone(rec.SourceID)] = row // not the row's text: the map outlives it
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
		if err := each(res, rec); err != nil {
			return res, err
		}
	}
	if res.Rows == 0 {
		res.Fail(Problem{Code: "no_rows"})
	}
	return res, nil
}

func fileProblem(err error) Problem {
	var fe *FileError
	if errors.As(err, &fe) {
		return Problem{Code: fe.Code, Args: fe.Args}
	}
	return Problem{Code: "read", Args: []string{"detail", err.Error()}}
}
