package court

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// File is one file of a bundle for the court: the application package (R-L31) or the
// materials of a transfer to filing (转立案).
type File struct {
	Name  string // the name inside the zip, e.g. "01-application.pdf"
	Item  Item   // what it is, when the package asks for it
	Party string // whose, for a party's item
	Body  []byte
}

// IndexEntry is one file as the index lists it, with its SHA-256.
type IndexEntry struct {
	Name   string `json:"name"`
	Item   Item   `json:"item,omitempty"`
	Party  string `json:"party,omitempty"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// Index is the bundle's index.json: what it is for, and every file in it with its SHA-256,
// so the court (and a test) can check that nothing was changed on the way.
type Index struct {
	Kind       string       `json:"kind"` // "judicial_confirmation" or "transfer_to_filing"
	CaseNumber string       `json:"case_number"`
	Court      string       `json:"court"`
	Made       time.Time    `json:"made"`
	Files      []IndexEntry `json:"files"`
}

// IndexName is the index's name inside the zip.
const IndexName = "index.json"

// Bundle kinds.
const (
	BundleConfirmation = "judicial_confirmation"
	BundleTransfer     = "transfer_to_filing"
)

// Bundle zips the files with an index.json listing each with its size and SHA-256. Names
// must be plain, unique and not the index's; the zip is the same bytes for the same input.
func Bundle(ix Index, files []File) (zipped []byte, index []byte, err error) {
	var errs invalid.Errors
	var seen []string
	for _, f := range files {
		if f.Name == "" || f.Name == IndexName || path.Base(f.Name) != f.Name || strings.ContainsAny(f.Name, `\:`) || slices.Contains(seen, f.Name) {
			errs.Add("files", invalid.OneOf, "values", f.Name)
		}
		seen = append(seen, f.Name)
	}
	if len(files) == 0 {
		errs.Add("files", invalid.Required)
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	ix.Files = ix.Files[:0]
	for _, f := range files {
		s := sha256.Sum256(f.Body)
		ix.Files = append(ix.Files, IndexEntry{Name: f.Name, Item: f.Item, Party: f.Party, Size: len(f.Body), SHA256: hex.EncodeToString(s[:])})
	}
	index, err = json.MarshalIndent(ix, "", "  ")
	if err != nil {
		return nil, nil, fmt.Errorf("court: index: %w", err)
	}
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	put := func(name string, body []byte) error {
		fw, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: ix.Made.UTC()})
		if err != nil {
			return err
		}
		_, err = fw.Write(body)
		return err
	}
	if err := put(IndexName, index); err != nil {
		return nil, nil, fmt.Errorf("court: zip: %w", err)
	}
	for _, f := range files {
		if err := put(f.Name, f.Body); err != nil {
			return nil, nil, fmt.Errorf("court: zip: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, nil, fmt.Errorf("court: zip: %w", err)
	}
	return b.Bytes(), index, nil
}

// CheckBundle reads a bundle back and checks that its index lists every file in it, once,
// with the SHA-256 of its bytes; it returns the index.
func CheckBundle(zipped []byte) (Index, error) {
	r, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		return Index{}, fmt.Errorf("court: bundle: %w", err)
	}
	var ix Index
	sums := map[string]string{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			return Index{}, fmt.Errorf("court: bundle: %w", err)
		}
		var b bytes.Buffer
		_, err = b.ReadFrom(rc)
		rc.Close()
		if err != nil {
			return Index{}, fmt.Errorf("court: bundle: %w", err)
		}
		if f.Name == IndexName {
			if err := json.Unmarshal(b.Bytes(), &ix); err != nil {
				return Index{}, fmt.Errorf("court: bundle index: %w", err)
			}
			continue
		}
		s := sha256.Sum256(b.Bytes())
		sums[f.Name] = hex.EncodeToString(s[:])
	}
	if len(ix.Files) != len(sums) {
		return ix, fmt.Errorf("court: bundle: the index lists %d files, the zip holds %d", len(ix.Files), len(sums))
	}
	for _, e := range ix.Files {
		if sums[e.Name] != e.SHA256 {
			return ix, fmt.Errorf("court: bundle: %s does not match its SHA-256 in the index", e.Name)
		}
	}
	return ix, nil
}

// Codes of the departments' rules.
const (
	CodeNotIntakeUnit = "court_not_intake_unit" // R-L13: a matter without authority goes back to the intake unit only
	CodeCompetentName = "court_competent_name"  // R-L12: the "no authority" notice names the competent bureau
	CodeNotAsked      = "court_not_asked"       // C7: only the department asked may answer a referral
	CodeNotRealName   = "court_not_real_name"   // R-L44: only a real-name reporter is told the filing decision
)

// CheckReturn refuses sending a matter a unit has no authority over anywhere but back to
// the unit that took it in (R-L13: 退回, never 移送 onward by the receiving unit).
func CheckReturn(intake, to int64) error {
	if intake != to {
		return invalid.New("to", CodeNotIntakeUnit)
	}
	return nil
}

// CheckNoAuthority checks a "no authority" notice to a reporter (R-L12): it names the
// bureau that has authority.
func CheckNoAuthority(competent string) error {
	if strings.TrimSpace(competent) == "" {
		return invalid.New("competent", CodeCompetentName)
	}
	return nil
}
