package portal_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The portal's browser harness: headless Chromium (skipped loudly without it, failing under
// WEIQUAN_REQUIRE_BROWSER=1), axe-core from WEIQUAN_AXE, screenshots in testdata/artifacts.

var artifacts = filepath.Join("..", "..", "testdata", "artifacts")

func startBrowser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("SKIPPED: browser tests do not run with -short")
	}
	path := os.Getenv("WEIQUAN_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("WEIQUAN_REQUIRE_BROWSER") == "1" {
			t.Fatalf("WEIQUAN_REQUIRE_BROWSER=1 but Chromium is missing at %s", path)
		}
		t.Skipf("SKIPPED: Chromium not found at %s — the portal's browser journey did NOT run", path)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.UserDataDir(t.TempDir()),
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

func axeScript(t *testing.T) string {
	t.Helper()
	path := os.Getenv("WEIQUAN_AXE")
	b, err := os.ReadFile(path)
	if path == "" || err != nil {
		if os.Getenv("WEIQUAN_REQUIRE_BROWSER") == "1" {
			t.Fatalf("WEIQUAN_REQUIRE_BROWSER=1 but axe-core is missing (WEIQUAN_AXE=%q)", path)
		}
		t.Skipf("SKIPPED: axe-core not found (WEIQUAN_AXE=%q) — the portal's accessibility checks did NOT run", path)
	}
	return string(b)
}

type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	axe  string
}

// phone is a browser window at a phone's size (390×844, touch, portrait), with its own cookies.
func phone(t *testing.T, root context.Context, base, axe string) *tab {
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(cancel)
	b := &tab{t: t, ctx: ctx, base: base, axe: axe}
	b.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
	return b
}

func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

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

func (b *tab) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(b.eval("document.querySelector(" + strconv.Quote(sel) + ").innerText"))
}

func (b *tab) shot(name string) {
	b.t.Helper()
	b.eval(`window.scrollTo(0, 0); ""`)
	if w := b.eval(`document.documentElement.scrollWidth > window.innerWidth ? String(document.documentElement.scrollWidth) : ""`); w != "" {
		b.t.Errorf("%s: the page is %spx wide, wider than the phone", name, w)
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(artifacts, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// check runs axe-core's WCAG 2.1 A and AA rules on the page and fails on any violation.
func (b *tab) check(name string) {
	b.t.Helper()
	if b.eval(`typeof window.axe === "undefined" ? "no" : "yes"`) == "no" {
		b.do(chromedp.Evaluate[chromedp.Void](b.axe + `;""`))
	}
	out, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " " + n.failureSummary)}))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe %s: %v", name, err)
	}
	var vs []struct {
		ID, Help string
		Nodes    []string
	}
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		b.t.Fatalf("axe %s: %v", name, err)
	}
	for _, v := range vs {
		b.t.Errorf("%s: axe %s: %s — %s", name, v.ID, v.Help, strings.ReplaceAll(strings.Join(v.Nodes, " | "), "\n", " "))
	}
}
