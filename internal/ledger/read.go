package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Table is an opened ledger: the header it found and its data rows, read one at a time.
type Table struct {
	Format    string
	Encoding  string
	Sheet     string
	Header    []string
	HeaderRow int  // 0 when the format has no header row (JSONL)
	Date1904  bool // the workbook counts Excel dates from 1904

	pending []numbered // rows read ahead while looking for the header
	next    func() (numbered, error)
	close   func() error
}

type numbered struct {
	row   int
	cells []string
	err   error // a row that cannot be read (a bad JSONL line); the file goes on
}

// FileError refuses a file as a whole: it cannot be read as a ledger at all.
type FileError struct {
	Code string   // empty, xls, xlsx, utf16, encoding, csv, no_sheet
	Args []string // {placeholders} of the message, as pairs
}

func (e *FileError) Error() string { return fmt.Sprintf("ledger: file: %s %v", e.Code, e.Args) }

// RowError is a row that cannot be read; the row fails, the others are still checked.
type RowError struct {
	Code   string
	Detail string
}

func (e *RowError) Error() string { return "ledger: row: " + e.Code + ": " + e.Detail }

// headerSearch is how many rows at the top may hold a title before the header.
const headerSearch = 10

// Open reads a ledger held in memory. The format comes from the name's
// extension, or from the content when the extension says nothing; m helps
// find the header row under a title.
func Open(name string, data []byte, m Mapping) (*Table, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &FileError{Code: "empty"}
	}
	switch format(name, data) {
	case "xls":
		return nil, &FileError{Code: "xls"}
	case "xlsx":
		return openXLSX(data, m)
	case "jsonl":
		return openJSONL(data)
	default:
		return openCSV(data, m)
	}
}

func format(name string, data []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xls", ".et":
		return "xls"
	case ".xlsx", ".xlsm":
		return "xlsx"
	case ".jsonl", ".ndjson", ".json":
		return "jsonl"
	case ".csv", ".txt", ".tsv":
		return "csv"
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "xlsx"
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "xls"
	case bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")):
		return "jsonl"
	}
	return "csv"
}

// Next returns the next data row with its row number; blank rows are skipped.
// It returns io.EOF after the last row, a *RowError for a row that cannot be
// read, and any other error for a file that breaks off.
func (t *Table) Next() (int, []string, error) {
	for {
		var n numbered
		if len(t.pending) > 0 {
			n, t.pending = t.pending[0], t.pending[1:]
		} else {
			var err error
			if n, err = t.next(); err != nil {
				return 0, nil, err
			}
		}
		if n.err != nil {
			return n.row, nil, n.err
		}
		if !blank(n.cells) {
			return n.row, n.cells, nil
		}
	}
}

// Close releases what the reader holds.
func (t *Table) Close() error {
	if t.close != nil {
		return t.close()
	}
	return nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// findHeader reads up to headerSearch rows and takes as header the first that
// names at least two known columns (else the one naming most, else the first
// non-blank row). The rows after it are kept for Next.
func (t *Table) findHeader(m Mapping) error {
	var seen []numbered
	for len(seen) < headerSearch {
		n, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if n.err == nil && !blank(n.cells) {
			seen = append(seen, n)
		}
	}
	if len(seen) == 0 {
		return &FileError{Code: "empty"}
	}
	best, bestScore := 0, -1
	for i, n := range seen {
		s := headerScore(n.cells, m)
		if s >= 2 {
			best = i
			break
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	t.Header, t.HeaderRow = seen[best].cells, seen[best].row
	t.pending = seen[best+1:]
	return nil
}

// checkTextBytes is checkText over bytes, as decoded from a file.
func checkTextBytes(b []byte) error {
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x20 && c < 0x7F {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7F {
			return &FileError{Code: "encoding", Args: []string{"offset", fmt.Sprint(i)}}
		}
		i += size
	}
	return nil
}

// checkText refuses bytes that are not text: control characters other than
// tab and line breaks, and the replacement character a failed decoding leaves.
func checkText(s string) error {
	for i, r := range s {
		if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7F {
			return &FileError{Code: "encoding", Args: []string{"offset", fmt.Sprint(i)}}
		}
	}
	return nil
}
