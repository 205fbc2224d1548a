// Package siptest places calls with Debian's sipp (package sip-tester) for the tests of
// the hotline desk: sipp plays the PBX that forks a call to the desk's extension.
package siptest

import (
	"context"
	"embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

//go:embed testdata/*.xml
var scenarios embed.FS

// Sipp finds sipp, or skips loudly — unless WEIQUAN_REQUIRE_SIP=1 (CI), where a missing
// sipp fails.
func Sipp(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("sipp")
	if err != nil {
		if os.Getenv("WEIQUAN_REQUIRE_SIP") == "1" {
			t.Fatal("WEIQUAN_REQUIRE_SIP=1 but sipp is missing: apt-get install sip-tester")
		}
		t.Skip("SKIPPED LOUDLY: sipp not found — the SIP desk tests did NOT run (apt-get install sip-tester)")
	}
	return p
}

// Scenario writes one of the sipp scenarios to a folder of the test and returns its path.
func Scenario(t testing.TB, name string) string {
	t.Helper()
	b, err := scenarios.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Call is one call sipp places to the desk's extension.
type Call struct {
	To        string        // the user agent's host:port
	Caller    string        // the calling number, as the From user
	Recording string        // the PBX's recording reference (X-Recording-Ref)
	Ring      time.Duration // how long it rings before the PBX cancels it
	Answered  bool          // the CANCEL says the desk's phone took the call
}

// Command is the sipp command that places c; the test runs it and waits for it.
func Command(ctx context.Context, t testing.TB, c Call) *exec.Cmd {
	t.Helper()
	cause := "487"
	if c.Answered {
		cause = "200"
	}
	rec := c.Recording
	if rec == "" {
		rec = "-"
	}
	cmd := exec.CommandContext(ctx, Sipp(t), "-sf", Scenario(t, "call.xml"), "-m", "1", "-s", "12315", "-i", "127.0.0.1", "-p", "0",
		"-key", "caller", c.Caller, "-key", "recording", rec, "-key", "answered", cause, "-d", fmt.Sprint(c.Ring.Milliseconds()),
		"-timeout", "60s", "-timeout_error", "-nostdin", c.To)
	cmd.Dir = t.TempDir()
	return cmd
}

// Place places c and waits until sipp has finished it.
func Place(ctx context.Context, t testing.TB, c Call) ([]byte, error) {
	t.Helper()
	return Command(ctx, t, c).CombinedOutput()
}
