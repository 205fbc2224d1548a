package portal_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image/png"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	qrcode "github.com/piglig/go-qr"

	"weiquan/internal/auth"
	"weiquan/internal/document"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestPosterPDFStoredAndReprinted: a station's poster is an A4 PDF printed through
// internal/document by headless Chromium and kept with its SHA-256; a reprint is the same file
// (the ETag is its SHA-256), and its QR code — read back from the printed page — opens the
// submit page with the station's area filled in. A changed station prints a new poster.
func TestPosterPDFStoredAndReprinted(t *testing.T) {
	chromium := document.FindChromium()
	if testing.Short() || chromium == "" {
		if os.Getenv("WEIQUAN_REQUIRE_BROWSER") == "1" {
			t.Fatal("WEIQUAN_REQUIRE_BROWSER=1 but there is no Chromium to print the poster")
		}
		t.Skip("SKIPPED: no Chromium (or -short): the poster PDF was NOT printed")
	}
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("SKIPPED: %s (poppler) missing", tool)
		}
	}
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		x := newSite(t, s)
		r := &document.Renderer{Path: chromium}
		defer r.Close()
		x.svc.Printer = r
		ctx := context.Background()
		stations, _ := x.svc.PublicStations(ctx, auth.Anonymous(""), nil)
		path := "/portal/stations/" + itoa(stations[0].ID) + "/poster.pdf"
		c := newClient()
		get := func() (*http.Response, []byte) {
			res, err := c.Get(x.srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			return res, b
		}
		res, pdf := get()
		sum := sha256.Sum256(pdf)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(pdf), "%PDF-") ||
			res.Header.Get("ETag") != `"`+hex.EncodeToString(sum[:])+`"` {
			t.Fatalf("poster: %d %s %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("ETag"))
		}
		res2, again := get()
		if string(again) != string(pdf) || res2.Header.Get("ETag") != res.Header.Get("ETag") {
			t.Fatal("a reprint is not the same file")
		}
		dir := t.TempDir()
		file := filepath.Join(dir, "poster.pdf")
		if err := os.WriteFile(file, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		info, _ := exec.Command("pdfinfo", file).Output()
		if !regexp.MustCompile(`Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)`).Match(info) || !regexp.MustCompile(`Pages:\s+1\n`).Match(info) {
			t.Errorf("not one A4 page:\n%s", info)
		}
		text, _ := exec.Command("pdftotext", "-layout", file, "-").Output()
		for _, want := range []string{"码头镇消费维权服务站", "扫码投诉、举报、咨询", "周一至周五 8:30–17:30", "12315"} {
			if !strings.Contains(string(text), want) {
				t.Errorf("the printed poster lacks %q:\n%s", want, text)
			}
		}
		if out, err := exec.Command("pdftoppm", "-png", "-r", "150", "-singlefile", file, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "page.png")); err == nil {
			_ = os.WriteFile(filepath.Join(artifacts, "portal-16-poster-pdf.png"), b, 0o644) // to look at
		}
		f, err := os.Open(filepath.Join(dir, "page.png"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		link, err := qrcode.Decode(img)
		if err != nil || !strings.HasSuffix(link, "/portal/submit?area="+itoa(x.area.ID)) {
			t.Fatalf("the printed QR code says %q (%v)", link, err)
		}

		// The station's hours change: a new poster is printed and kept beside the first.
		st := stations[0]
		full, err := x.svc.Station(ctx, auth.As(&x.op), st.ID)
		if err != nil {
			t.Fatal(err)
		}
		full.Hours = "每天 9:00–18:00"
		if err := x.svc.SaveStation(ctx, &full); err != nil {
			t.Fatal(err)
		}
		if _, changed := get(); string(changed) == string(pdf) {
			t.Fatal("a changed station reprinted the old poster")
		}

		// New prints are throttled per address (the page follows the request's host without
		// --public-url); reprints are not.
		x.svc.SetPortal("", service.PortalLimits{PrintPerAddr: service.Throttle{N: 2, Window: time.Hour}})
		full.Hours = "每天 8:00–20:00"
		if err := x.svc.SaveStation(ctx, &full); err != nil {
			t.Fatal(err)
		}
		if res, _ := get(); res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("a third new print within the hour: %d", res.StatusCode)
		}
		full.Hours = "每天 9:00–18:00"
		if err := x.svc.SaveStation(ctx, &full); err != nil {
			t.Fatal(err)
		}
		if res, _ := get(); res.StatusCode != 200 {
			t.Fatalf("a reprint under the throttle: %d", res.StatusCode)
		}
	})
}
