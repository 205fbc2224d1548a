package ledger

import (
	"archive/zip"
	"bufio"
	"bytes"
	"io"
	"strings"

	"weiquan/internal/invalid"
)

// Bounds on what a ledger may hold and what a preview echoes back, so that a
// small file crafted to unpack to gigabytes, or a cell of hundreds of
// megabytes, costs a refusal and not the server's memory.
const (
	// MaxCell is the most text one cell may hold (the longest column, facts,
	// takes 10,000 characters: 30 KB of Chinese). A longer cell fails its row.
	MaxCell = 32 << 10
	// MaxUnzipped is the most an .xlsx may unpack to, all its parts together,
	// read from the zip's central directory before anything is unpacked.
	MaxUnzipped = 256 << 20
	// maxZipEntries bounds the parts of a workbook (a real one has dozens).
	maxZipEntries = 10000
	// maxXMLRun bounds any stretch of a workbook's XML between two tags, and
	// any one cell or shared string, before excelize reads it: far above
	// MaxCell, so a long cell still fails its row by name, and far below what
	// would cost memory.
	maxXMLRun = 1 << 20
	// MaxShown is how many characters of a value, header, file or sheet name a
	// preview or an error message repeats.
	MaxShown = 200
)

// Clip shortens text that is shown back to at most MaxShown characters.
func Clip(s string) string {
	if len(s) <= MaxShown {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxShown {
			return strings.ToValidUTF8(s[:i], "") + "…"
		}
		n++
	}
	return s
}

// checkZip refuses a workbook before excelize unpacks it: too many parts, more
// than MaxUnzipped in all (as the central directory declares; archive/zip
// refuses to read a part past its declared size), or XML with a stretch of
// text, a cell or a shared string longer than maxXMLRun.
func checkZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &FileError{Code: "xlsx", Args: []string{"detail", err.Error()}}
	}
	if len(zr.File) > maxZipEntries {
		return &FileError{Code: "xlsx_parts", Args: []string{"max", "10000"}}
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > MaxUnzipped || total > MaxUnzipped {
			return &FileError{Code: "xlsx_too_large", Args: []string{"max", "256 MB"}}
		}
	}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !xmlPart(f.Name) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return &FileError{Code: "xlsx", Args: []string{"detail", err.Error()}}
		}
		err = scanXML(rc)
		rc.Close()
		if err == errXMLRun {
			return &FileError{Code: "xlsx_cell", Args: []string{"part", Clip(f.Name), "max", "1 MB"}}
		}
		if err != nil {
			return &FileError{Code: "xlsx", Args: []string{"detail", err.Error()}}
		}
	}
	return nil
}

// xmlPart reports whether a part of the zip holds XML that excelize may parse.
// Worksheets can be named anything the workbook's relations say, so every part
// but the usual binary ones is scanned.
func xmlPart(name string) bool {
	n := strings.ToLower(name)
	for _, ext := range []string{".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".tif", ".tiff", ".bin"} {
		if strings.HasSuffix(n, ext) {
			return false
		}
	}
	return true
}

var errXMLRun = &FileError{Code: "xlsx_cell"}

// scanXML streams one XML part and fails when a stretch between two tags is
// longer than maxXMLRun, or when one cell (in <sheetData>, from one <c> or <row>
// to the next) or one shared string (in <sst>, from one <si> to the next) is.
// It looks only at where tags start and at their names, so it runs at the speed
// of unpacking.
func scanXML(r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var pos, lastTag, lastCell int64
	var inSheet, inStrings bool
	var name [32]byte
	for {
		for { // to the next '<'
			chunk, err := br.ReadSlice('<')
			pos += int64(len(chunk))
			if pos-lastTag > maxXMLRun || (inSheet || inStrings) && pos-lastCell > maxXMLRun {
				return errXMLRun
			}
			if err == nil {
				break
			}
			if err == io.EOF {
				return nil
			}
			if err != bufio.ErrBufferFull {
				return err
			}
		}
		lastTag = pos
		k := 0
		for k < len(name) { // the tag's name
			b, err := br.ReadByte()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if b == '<' {
				_ = br.UnreadByte()
				break
			}
			pos++
			if b == ' ' || b == '>' || b == '\t' || b == '\r' || b == '\n' || b == '/' && k > 0 {
				break
			}
			name[k] = b
			k++
		}
		end := k > 0 && name[0] == '/'
		switch string(local(name[:k])) { // no allocation: the compiler compares the bytes
		case "sheetData":
			inSheet, lastCell = !end, pos
		case "sst":
			inStrings, lastCell = !end, pos
		case "c", "row":
			if inSheet && !end {
				lastCell = pos
			}
		case "si":
			if inStrings && !end {
				lastCell = pos
			}
		}
	}
}

// local is a tag's name without its '/' and namespace prefix.
func local(name []byte) []byte {
	name = bytes.TrimPrefix(name, []byte("/"))
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// clipResult bounds everything a result repeats from the file.
func (r *Result) clipResult() {
	r.File, r.Sheet = Clip(r.File), Clip(r.Sheet)
	for i := range r.Columns {
		r.Columns[i].Header = Clip(r.Columns[i].Header)
	}
	if len(r.Ignored) > MaxListed {
		r.Ignored = r.Ignored[:MaxListed]
	}
	for i := range r.Ignored {
		r.Ignored[i] = Clip(r.Ignored[i])
	}
}

// clipProblem bounds what a problem repeats: its value, header and arguments.
func clipProblem(p Problem) Problem {
	p.Value, p.Header = Clip(p.Value), Clip(p.Header)
	if len(p.Args) > 0 {
		args := make([]string, len(p.Args))
		for i, a := range p.Args {
			args[i] = Clip(a)
		}
		p.Args = args
	}
	return p
}

// cellCode is the problem with one mapped cell, or "": too long, a control
// character (tab and line breaks only in facts and request), not UTF-8.
func cellCode(field, v string) string {
	if len(v) > MaxCell {
		return "cell_too_long"
	}
	switch invalid.TextCode(v, field == Facts || field == Request) {
	case invalid.ControlChar:
		return "control_char"
	case invalid.Encoding:
		return "cell_encoding"
	}
	return ""
}
