package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's Chromium; WEIQUAN_CHROMIUM may name another.
func chromiumPath() string {
	if p := os.Getenv("WEIQUAN_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// artifacts is where the screenshots go: testdata/artifacts at the repository root.
var artifacts = filepath.Join("..", "..", "testdata", "artifacts")

// startBrowser launches headless Chromium, or skips loudly when it is missing —
// unless WEIQUAN_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("SKIPPED: browser tests do not run with -short")
	}
	path := chromiumPath()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("WEIQUAN_REQUIRE_BROWSER") == "1" {
			t.Fatalf("WEIQUAN_REQUIRE_BROWSER=1 but Chromium is missing at %s: install chromium and fonts-noto-cjk", path)
		}
		t.Skipf("SKIPPED: Chromium not found at %s — the browser journeys did NOT run (apt-get install chromium fonts-noto-cjk, or set WEIQUAN_CHROMIUM)", path)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1366, 900),
		chromedp.Flag("lang", "zh-CN"), chromedp.Flag("accept-lang", "zh-CN,zh"), chromedp.Flag("hide-scrollbars", true))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// tab is one person's browser window, with its own cookies.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (c *county) tab(t *testing.T, root context.Context, width, height int64, mobile bool) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 10*time.Minute)
	t.Cleanup(cancel)
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	b := &tab{t: t, ctx: ctx, base: c.srv.URL}
	b.do(chromedp.EmulateViewport(width, height, opts...))
	return b
}

func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// open loads a page and fails on an unexpected status.
func (b *tab) open(path string, status int64) {
	b.t.Helper()
	res, err := chromedp.RunResponse(b.ctx, chromedp.Navigate(b.base+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	if res.Status != status {
		b.t.Fatalf("open %s: status %d, want %d", path, res.Status, status)
	}
}

// submit clicks something that loads a new page and waits for it.
func (b *tab) submit(sel string, status int64) {
	b.t.Helper()
	res, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("submit %s: %v", sel, err)
	}
	if res.Status != status {
		b.t.Fatalf("submit %s: status %d, want %d", sel, res.Status, status)
	}
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func (b *tab) value(sel string) string {
	b.t.Helper()
	return b.eval("document.querySelector(" + strconv.Quote(sel) + ").value")
}

func (b *tab) typeIn(sel, text string) {
	b.t.Helper()
	b.do(chromedp.Click(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), text))
}

func (b *tab) eval(js string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("eval %s: %v", js, err)
	}
	return s
}

// shot saves a full-page screenshot as testdata/artifacts/<name>.png.
func (b *tab) shot(name string) {
	b.t.Helper()
	b.eval(`window.scrollTo(0, 0); ""`)
	if w := b.eval(`document.documentElement.scrollWidth > window.innerWidth ? String(document.documentElement.scrollWidth) : ""`); w != "" {
		b.t.Errorf("%s: the page is %spx wide, wider than the screen", name, w)
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(artifacts, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func (b *tab) signIn(username string) {
	b.t.Helper()
	b.open("/login", 200)
	b.typeIn("#f-username", username)
	b.typeIn("#f-password", password)
	b.submit("button[type=submit]", 200)
}

// geolocate lets the page read a fixed position, as a mediator's phone would give.
func (b *tab) geolocate(lat, lng float64) {
	b.t.Helper()
	c := chromedp.FromContext(b.ctx)
	_, err := chromedp.CallBrowser(b.ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "geolocation"}, Setting: browser.PermissionSettingGranted,
		Origin: b.base, BrowserContextID: c.BrowserContextID})
	if err != nil {
		b.t.Fatalf("grant geolocation: %v", err)
	}
	acc := 10.0
	if _, err := chromedp.Call(b.ctx, emulation.SetGeolocationOverride, emulation.SetGeolocationOverrideParams{Latitude: &lat, Longitude: &lng, Accuracy: &acc}); err != nil {
		b.t.Fatalf("geolocation: %v", err)
	}
}
