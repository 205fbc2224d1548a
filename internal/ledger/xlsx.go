package ledger

import (
	"bytes"
	"io"

	"github.com/xuri/excelize/v2"
)

// openXLSX reads the first sheet that has a header row, with raw cell values
// so dates arrive as Excel serial numbers whatever their display format.
func openXLSX(data []byte, m Mapping) (*Table, error) {
	if err := checkZip(data); err != nil {
		return nil, err
	}
	// Every part is read in memory (nothing of a ledger is written to disk); checkZip
	// has bounded the whole to MaxUnzipped and any one cell to maxXMLRun.
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxUnzipped})
	if err != nil {
		return nil, &FileError{Code: "xlsx", Args: []string{"detail", err.Error()}}
	}
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	chosen := ""
	for _, sheet := range f.GetSheetList() {
		t, err := sheetTable(f, sheet, m)
		if err != nil {
			continue
		}
		good := headerScore(t.Header, m) >= 2
		t.Close()
		if chosen == "" || good {
			chosen = sheet
		}
		if good {
			break
		}
	}
	if chosen == "" {
		f.Close()
		return nil, &FileError{Code: "no_sheet"}
	}
	t, err := sheetTable(f, chosen, m)
	if err != nil {
		f.Close()
		return nil, err
	}
	t.Date1904 = date1904
	closeRows := t.close
	t.close = func() error { _ = closeRows(); return f.Close() }
	return t, nil
}

func sheetTable(f *excelize.File, sheet string, m Mapping) (*Table, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	t := &Table{Format: "xlsx", Sheet: sheet}
	row := 0
	raw := excelize.Options{RawCellValue: true}
	t.next = func() (numbered, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return numbered{}, &FileError{Code: "xlsx", Args: []string{"detail", err.Error()}}
			}
			return numbered{}, io.EOF
		}
		row++
		cells, err := rows.Columns(raw)
		if err != nil {
			return numbered{}, &FileError{Code: "xlsx", Args: []string{"detail", err.Error()}}
		}
		return numbered{row: row, cells: cells}, nil
	}
	t.close = rows.Close
	if err := t.findHeader(m); err != nil {
		rows.Close()
		return nil, err
	}
	return t, nil
}
