package court

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"
)

// TestBundleIndex_R_L31: the zip's index lists every file with its SHA-256, and a file
// changed on the way is caught.
func TestBundleIndex_R_L31(t *testing.T) {
	made := time.Date(2026, 6, 2, 8, 0, 0, 0, time.UTC)
	files := []File{{Name: "01-application.pdf", Item: ItemApplication, Body: []byte("%PDF app")},
		{Name: "02-agreement.pdf", Item: ItemAgreement, Body: []byte("%PDF agreement")},
		{Name: "03-identity-张三.txt", Item: ItemIdentity, Party: "张三", Body: []byte("110101…")}}
	z, idx, err := Bundle(Index{Kind: BundleConfirmation, CaseNumber: "TS-1", Court: "县人民法院", Made: made}, files)
	if err != nil || len(idx) == 0 {
		t.Fatal(err)
	}
	ix, err := CheckBundle(z)
	if err != nil || len(ix.Files) != 3 || ix.Files[2].Party != "张三" {
		t.Fatalf("%+v %v", ix, err)
	}
	z2, _, _ := Bundle(Index{Kind: BundleConfirmation, CaseNumber: "TS-1", Court: "县人民法院", Made: made}, files)
	if !bytes.Equal(z, z2) {
		t.Error("the same input makes another zip")
	}
	// A file changed after the index was written.
	var b bytes.Buffer
	r, _ := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	w := zip.NewWriter(&b)
	for _, f := range r.File {
		fw, _ := w.Create(f.Name)
		if f.Name == "02-agreement.pdf" {
			fw.Write([]byte("%PDF forged"))
			continue
		}
		rc, _ := f.Open()
		var body bytes.Buffer
		body.ReadFrom(rc)
		fw.Write(body.Bytes())
	}
	w.Close()
	if _, err := CheckBundle(b.Bytes()); err == nil {
		t.Error("a changed file passed")
	}
	for _, bad := range [][]File{nil, {{Name: "index.json"}}, {{Name: "../x"}}, {{Name: "a"}, {Name: "a"}}} {
		if _, _, err := Bundle(Index{}, bad); err == nil {
			t.Errorf("%v bundled", bad)
		}
	}
}

// TestReturnAndNotice_R_L12_R_L13: a unit without authority returns the matter to the
// intake unit only; a "no authority" notice names the competent bureau.
func TestReturnAndNotice_R_L12_R_L13(t *testing.T) {
	for _, tc := range []struct {
		name       string
		intake, to int64
		want       []string
	}{
		{"back to the intake unit (R-L13)", 3, 3, nil},
		{"onward to another unit is refused (R-L13)", 3, 7, []string{CodeNotIntakeUnit}},
	} {
		if got := codes(CheckReturn(tc.intake, tc.to)); len(got) != len(tc.want) || len(got) > 0 && got[0] != tc.want[0] {
			t.Errorf("%s: %v", tc.name, got)
		}
	}
	if CheckNoAuthority("  ") == nil || CheckNoAuthority("县卫生健康委员会") != nil {
		t.Error("R-L12: the competent bureau must be named")
	}
}
