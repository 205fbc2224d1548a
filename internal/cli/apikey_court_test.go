package cli

import (
	"strings"
	"testing"
)

// TestCourtKeyNeedsItsCourt: a key for a court's system is bound to one court; without
// --court it is refused, nothing made.
func TestCourtKeyNeedsItsCourt(t *testing.T) {
	t.Setenv("WEIQUAN_DB", "")
	t.Setenv("WEIQUAN_AUDIT_KEY", "")
	dir := t.TempDir()
	code, out, errs := run(t, "apikey", "create", "--name", "法院系统", "--scope", "court", "--data", dir)
	if code == 0 || !strings.Contains(errs, "court_station_id") {
		t.Fatalf("court key without its court: %d %q %q", code, out, errs)
	}
	if code, out, _ := run(t, "apikey", "list", "--data", dir); code != 0 || strings.TrimSpace(out) != "" {
		t.Fatalf("a key was made: %q", out)
	}
}
