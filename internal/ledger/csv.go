package ledger

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// DecodeText turns a text file's bytes into a string: UTF-8 with or without
// a BOM when the bytes are valid UTF-8, else GB18030 as Chinese Excel saves
// CSV. It refuses UTF-16 and anything that is not text.
func DecodeText(data []byte) (text, encoding string, err error) {
	b, encoding, err := decodeText(data)
	if err != nil {
		return "", "", err
	}
	return string(b), encoding, nil
}

// decodeText is DecodeText without the copy: UTF-8 comes back as the bytes
// given (less a BOM), so a large file is not held twice.
func decodeText(data []byte) (text []byte, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		text, encoding = data[len(bomUTF8):], "utf-8-bom"
		if !utf8.Valid(text) {
			return nil, "", &FileError{Code: "encoding"}
		}
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		return nil, "", &FileError{Code: "utf16"}
	case utf8.Valid(data):
		text, encoding = data, "utf-8"
	default:
		b, derr := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if derr != nil {
			return nil, "", &FileError{Code: "encoding"}
		}
		text, encoding = b, "gb18030"
	}
	if err := checkTextBytes(text); err != nil {
		return nil, "", err
	}
	return text, encoding, nil
}

func openCSV(data []byte, m Mapping) (*Table, error) {
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	return readCSV(bytes.NewReader(text), separator(text), enc, nil, m)
}

// readCSV reads the rows of decoded text; closer, when not nil, closes the file it comes from.
func readCSV(text io.Reader, sep rune, enc string, closer io.Closer, m Mapping) (*Table, error) {
	r := csv.NewReader(text)
	r.Comma = sep
	r.FieldsPerRecord = -1
	t := &Table{Format: "csv", Encoding: enc}
	if closer != nil {
		t.close = closer.Close
	}
	row := 0
	t.next = func() (numbered, error) {
		rec, err := r.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return numbered{}, &FileError{Code: "csv", Args: []string{"line", strconv.Itoa(pe.Line), "detail", pe.Err.Error()}}
			}
			return numbered{}, err // io.EOF
		}
		row++
		return numbered{row: row, cells: rec}, nil
	}
	if err := t.findHeader(m); err != nil {
		t.Close()
		return nil, err
	}
	if len(t.Header) > 0 {
		t.Header[0] = strings.TrimPrefix(t.Header[0], "\uFEFF")
	}
	return t, nil
}

// separator guesses the delimiter from the first line: comma, unless tabs or semicolons are more common.
func separator(text []byte) rune {
	line, _, _ := bytes.Cut(text, []byte("\n"))
	return separatorOf(string(line))
}

func separatorOf(line string) rune {
	best, n := ',', strings.Count(line, ",")
	for _, c := range []rune{'\t', ';'} {
		if k := strings.Count(line, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}
