package document

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium means the server cannot make PDFs: the HTML print layout still works, and the
// user can print it or save it as PDF from the browser.
var ErrNoChromium = errors.New("document: no Chromium on this server to print PDFs (install Debian's chromium and fonts-noto-cjk, or set WEIQUAN_CHROMIUM); the print layout still works in the browser")

// FindChromium is the browser the renderer starts: WEIQUAN_CHROMIUM, else Debian's chromium, else
// the first of the usual names on PATH; "" when there is none.
func FindChromium() string {
	if p := os.Getenv("WEIQUAN_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Renderer prints HTML to A4 PDF in one headless Chromium kept for its lifetime: each render
// runs in its own tab with a time limit, so renders may run in parallel. A browser that died is
// started again on the next render.
type Renderer struct {
	Path    string        // the browser; "" means FindChromium
	Timeout time.Duration // per render; 0 means 30 seconds

	mu      sync.Mutex
	browser context.Context
	stop    func()
}

// PDF prints an HTML document to PDF on A4 paper with its margins and backgrounds, and a footer
// with the page number after footer — HTML the caller has escaped, as Footer returns it. It
// returns ErrNoChromium when there is no browser.
func (r *Renderer) PDF(ctx context.Context, html []byte, footer string) ([]byte, error) {
	browser, err := r.start()
	if err != nil {
		return nil, err
	}
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	run, cancel := context.WithTimeout(tab, timeout)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()
	pdf, err := chromedp.Run(run, printPDF(string(html), footer))
	if err != nil {
		if browser.Err() != nil {
			r.reset(browser)
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("document: pdf: %w", ctx.Err())
		}
		return nil, fmt.Errorf("document: pdf: %w", err)
	}
	return pdf, nil
}

// printPDF loads the HTML into the tab, waits for its fonts and images, and prints it.
func printPDF(html, footer string) chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		if _, err := chromedp.Navigate("about:blank")(ctx, t); err != nil {
			return nil, err
		}
		tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		if _, err := cdp.Call(ctx, t, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: html}); err != nil {
			return nil, err
		}
		ready := `Promise.all([document.fonts.ready, ...Array.from(document.images, i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r }))]).then(() => true)`
		res, err := cdp.Call(ctx, t, runtime.Evaluate, runtime.EvaluateParams{Expression: ready, AwaitPromise: ptr(true)})
		if err != nil {
			return nil, err
		}
		if res.ExceptionDetails != nil {
			return nil, fmt.Errorf("waiting for fonts and images: %s", res.ExceptionDetails.Text)
		}
		return chromedp.PrintToPDF(
			chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(),
			chromedp.PDFMargins(22/25.4, 20/25.4, 20/25.4, 24/25.4), chromedp.PDFPrintBackground(),
			chromedp.PDFHeaderTemplate(`<span></span>`),
			chromedp.PDFFooterTemplate(`<div style="width:100%;font-size:8pt;text-align:center;color:#444;font-family:'Noto Serif CJK SC',serif">`+
				footer+` · <span class="pageNumber"></span> / <span class="totalPages"></span></div>`),
		)(ctx, t)
	}
}

func ptr[T any](v T) *T { return &v }

// start launches the browser the first time, and again after it died.
func (r *Renderer) start() (context.Context, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.browser != nil && r.browser.Err() == nil {
		return r.browser, nil
	}
	path := r.Path
	if path == "" {
		path = FindChromium()
	}
	if path == "" {
		return nil, ErrNoChromium
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoChromium, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("hide-scrollbars", true))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root with its sandbox
	}
	alloc, stopAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, stopBrowser := chromedp.NewContext(alloc)
	if err := chromedp.Do(browser); err != nil {
		stopBrowser()
		stopAlloc()
		return nil, fmt.Errorf("document: start chromium %s: %w", path, err)
	}
	r.browser, r.stop = browser, func() { stopBrowser(); stopAlloc() }
	return browser, nil
}

// reset forgets a browser that died, so the next render starts a new one.
func (r *Renderer) reset(dead context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.browser == dead {
		r.stop()
		r.browser, r.stop = nil, nil
	}
}

// Close stops the browser; a later render starts a new one.
func (r *Renderer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stop != nil {
		r.stop()
	}
	r.browser, r.stop = nil, nil
	return nil
}
