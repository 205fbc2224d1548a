package ledger

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Opener opens a ledger file from the start, as often as it is asked: a file
// on disk read where it lies instead of held in memory.
type Opener func() (io.ReadCloser, error)

// StreamFile is Stream over a file read through open. A CSV file is read
// from open a chunk at a time — once to choose and check its encoding, then
// as Stream reads a CSV, twice — so a large ledger is never in memory as
// bytes; a workbook or a JSONL file is read whole, as Stream takes it.
func StreamFile(name string, open Opener, m Mapping, now time.Time, each func(*Result, Record) error) (*Result, error) {
	head, err := readHead(open, 4096)
	if err != nil {
		return nil, err
	}
	if format(name, head) != "csv" {
		data, err := readWhole(open)
		if err != nil {
			return nil, err
		}
		return Stream(name, data, m, now, each)
	}
	res := func(err error) (*Result, error) { // a file refused before its rows, as Stream refuses it
		r := &Result{File: name, Format: "csv", Columns: []Column{}, Ignored: []string{}, Failures: []Problem{}, Warnings: []Problem{},
			Guesses: []Guess{}, Unknown: []Unknown{}}
		r.Fail(fileProblem(err))
		r.clipResult()
		return r, nil
	}
	if len(bytes.TrimSpace(head)) == 0 && len(head) < 4096 {
		return res(&FileError{Code: "empty"})
	}
	enc, sep, err := scanCSVFile(open, head)
	var fe *FileError
	if errors.As(err, &fe) {
		return res(err)
	}
	if err != nil {
		return nil, err
	}
	return stream(name, "csv", func() (*Table, error) {
		f, err := open()
		if err != nil {
			return nil, err
		}
		text, err := decodedReader(f, enc)
		if err != nil {
			f.Close()
			return nil, err
		}
		return readCSV(text, sep, enc, f, m)
	}, m, now, each)
}

func readHead(open Opener, n int) ([]byte, error) {
	f, err := open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	k, err := io.ReadFull(f, b)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = nil
	}
	return b[:k], err
}

func readWhole(open Opener) ([]byte, error) {
	f, err := open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// scanCSVFile chooses a text file's encoding as decodeText does — UTF-8 (with
// or without a BOM) when every byte is valid UTF-8, else GB18030 — and checks
// the decoded text as checkTextBytes does, a chunk at a time; it returns the
// separator of the first line. head is the start of the file.
func scanCSVFile(open Opener, head []byte) (enc string, sep rune, err error) {
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		enc = "utf-8-bom"
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		return "", 0, &FileError{Code: "utf16"}
	default:
		enc = "utf-8"
		f, err := open()
		if err != nil {
			return "", 0, err
		}
		valid, err := validUTF8(f)
		f.Close()
		if err != nil {
			return "", 0, err
		}
		if !valid {
			enc = "gb18030"
		}
	}
	f, err := open()
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	text, err := decodedReader(f, enc)
	if err != nil {
		return "", 0, err
	}
	first, err := checkTextReader(text)
	var fe *FileError
	if err != nil && enc == "gb18030" && !errors.As(err, &fe) {
		return "", 0, &FileError{Code: "encoding"} // as decodeText: bytes GB18030 cannot decode
	}
	if err != nil {
		return "", 0, err
	}
	return enc, separatorOf(first), nil
}

// decodedReader reads a file's text: UTF-8 without its BOM, or GB18030 decoded.
func decodedReader(f io.Reader, enc string) (io.Reader, error) {
	switch enc {
	case "utf-8-bom":
		if _, err := io.ReadFull(f, make([]byte, len(bomUTF8))); err != nil {
			return nil, err
		}
		return f, nil
	case "gb18030":
		return simplifiedchinese.GB18030.NewDecoder().Reader(f), nil
	}
	return f, nil
}

// fullRunes is how many leading bytes of b end on a whole UTF-8 sequence
// (invalid bytes count as whole): the rest waits for the next chunk.
func fullRunes(b []byte) int {
	for k := 1; k <= utf8.UTFMax && k <= len(b); k++ {
		if utf8.RuneStart(b[len(b)-k]) {
			if utf8.FullRune(b[len(b)-k:]) {
				return len(b)
			}
			return len(b) - k
		}
	}
	return len(b)
}

// chunks calls fn with r's bytes, a chunk at a time, each ending on a whole
// UTF-8 sequence (but for the last), and the offset of the chunk.
func chunks(r io.Reader, fn func(b []byte, off int) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	buf := make([]byte, 64<<10)
	have, off := 0, 0
	for {
		n, rerr := br.Read(buf[have:])
		have += n
		end := have
		if rerr == nil {
			end = fullRunes(buf[:have])
		}
		if err := fn(buf[:end], off); err != nil {
			return err
		}
		off += end
		have = copy(buf, buf[end:have])
		if errors.Is(rerr, io.EOF) {
			if have > 0 {
				return fn(buf[:have], off)
			}
			return nil
		}
		if rerr != nil {
			return rerr
		}
	}
}

func validUTF8(r io.Reader) (bool, error) {
	valid := true
	err := chunks(r, func(b []byte, _ int) error {
		if !utf8.Valid(b) {
			valid = false
			return io.EOF
		}
		return nil
	})
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return valid, err
}

// checkTextReader is checkTextBytes over text read a chunk at a time; it
// returns the first line (up to 1 MB), for the separator.
func checkTextReader(r io.Reader) (string, error) {
	var first []byte
	done := false
	err := chunks(r, func(b []byte, off int) error {
		if !done {
			line, _, found := bytes.Cut(b, []byte("\n"))
			first = append(first, line[:min(len(line), 1<<20-len(first))]...)
			done = found || len(first) >= 1<<20
		}
		if err := checkTextBytes(b); err != nil {
			var fe *FileError
			if errors.As(err, &fe) && len(fe.Args) == 2 {
				var at int
				fmt.Sscan(fe.Args[1], &at)
				fe.Args[1] = fmt.Sprint(off + at)
			}
			return err
		}
		return nil
	})
	return string(first), err
}
