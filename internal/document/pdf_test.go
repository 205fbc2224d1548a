package document

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/mediation"
)

// artifacts is where the page images go, beside the browser journeys' screenshots:
// testdata/artifacts at the repository root, which git ignores.
var artifacts = filepath.Join("..", "..", "testdata", "artifacts", "documents")

// renderer starts the shared Chromium, or skips loudly when it is missing — unless
// WEIQUAN_REQUIRE_BROWSER=1 (CI), where a missing browser or poppler fails.
func renderer(t *testing.T) *Renderer {
	t.Helper()
	if testing.Short() {
		t.Skip("SKIPPED: PDF tests do not run with -short")
	}
	path := FindChromium()
	_, popplerErr := exec.LookPath("pdftotext")
	if path == "" || popplerErr != nil {
		if os.Getenv("WEIQUAN_REQUIRE_BROWSER") == "1" {
			t.Fatalf("WEIQUAN_REQUIRE_BROWSER=1 but Chromium (%q) or pdftotext is missing: install chromium, fonts-noto-cjk and poppler-utils", path)
		}
		t.Skipf("SKIPPED: Chromium (%q) or pdftotext missing — the PDF documents were NOT checked (apt-get install chromium fonts-noto-cjk poppler-utils)", path)
	}
	r := &Renderer{Path: path, Timeout: time.Minute}
	t.Cleanup(func() { _ = r.Close() })
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	return r
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// squash drops all white space, so text that pdftotext broke across lines still matches.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// TestPDF_R_L20: every document in both languages prints to A4 PDF in headless Chromium; the PDF's
// text holds both parties' names, the case number and the amount in figures and in capitals;
// page images are saved to look at.
func TestPDF_R_L20(t *testing.T) {
	r := renderer(t)
	dir := t.TempDir()
	for _, k := range Kinds {
		for _, lang := range []string{"zh-CN", "en"} {
			d := sample(t, k, lang)
			is, err := Issue(context.Background(), r, d)
			if err != nil {
				t.Fatalf("%s %s: %v", k, lang, err)
			}
			if !strings.HasPrefix(string(is.PDF), "%PDF-") || is.PDFSHA256 != Sum(is.PDF) || is.HTMLSHA256 != Sum(is.HTML) {
				t.Fatalf("%s %s: not a PDF, or hashes wrong", k, lang)
			}
			name := string(k) + "-" + lang
			pdf := filepath.Join(dir, name+".pdf")
			if err := os.WriteFile(pdf, is.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			info := run(t, "pdfinfo", pdf)
			if !strings.Contains(info, "(A4)") {
				t.Errorf("%s: not A4:\n%s", name, info)
			}
			txt := squash(run(t, "pdftotext", "-enc", "UTF-8", pdf, "-"))
			want := []string{d.CaseNumber, d.Complainant.Name, d.Respondent.Name}
			if k == mediation.MediationDocument || k == mediation.MediationRecord {
				want = append(want, "2,860.50", "人民币贰仟捌佰陆拾元伍角整", "2,360.50", "500.00")
			}
			for _, w := range want {
				if !strings.Contains(txt, squash(w)) {
					t.Errorf("%s: PDF text lacks %q", name, w)
				}
			}
			old, _ := filepath.Glob(filepath.Join(artifacts, name+"-*.png"))
			for _, f := range old {
				_ = os.Remove(f)
			}
			run(t, "pdftocairo", "-png", "-r", "60", pdf, filepath.Join(artifacts, name)) // poppler's pdftoppm drops images with a soft mask
		}
	}
}

// TestRendererConcurrent: one browser serves renders from several goroutines at once.
func TestRendererConcurrent(t *testing.T) {
	r := renderer(t)
	page, err := Render(sample(t, mediation.AcceptanceNotice, "zh-CN"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			pdf, err := r.PDF(context.Background(), page, "x")
			if err == nil && !strings.HasPrefix(string(pdf), "%PDF-") {
				err = errors.New("not a PDF")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.PDF(cancelled, page, "x"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled render: %v", err)
	}
	if _, err := r.PDF(context.Background(), page, "x"); err != nil {
		t.Errorf("render after a cancelled one: %v", err)
	}
}

// TestNoChromium: without a browser the PDF says why, and the HTML is still issued.
func TestNoChromium(t *testing.T) {
	r := &Renderer{Path: filepath.Join(t.TempDir(), "no-chromium")}
	d := sample(t, mediation.TerminationNotice, "zh-CN")
	is, err := Issue(context.Background(), r, d)
	if !errors.Is(err, ErrNoChromium) || !strings.Contains(err.Error(), "chromium") {
		t.Fatalf("err = %v", err)
	}
	if len(is.HTML) == 0 || is.HTMLSHA256 != Sum(is.HTML) || is.PDF != nil {
		t.Errorf("issued without Chromium: %d bytes of HTML, pdf %v", len(is.HTML), is.PDF != nil)
	}
	if _, err := Issue(context.Background(), nil, d); !errors.Is(err, ErrNoChromium) {
		t.Errorf("nil renderer: %v", err)
	}
	v := Correction(is, "reason")
	if v.Number != 2 || v.Supersedes != is.HTMLSHA256 {
		t.Errorf("correction of an HTML-only issue: %+v", v)
	}
}
