package cli

import (
	"context"
	"slices"
	"strings"
	"testing"

	"weiquan/internal/store"
)

func TestSplitGlobalsAnywhere(t *testing.T) {
	t.Setenv("WEIQUAN_DATA", "")
	t.Setenv("WEIQUAN_DB", "")
	cases := []struct {
		args []string
		data string
		rest []string
	}{
		{[]string{"--data", "d", "apikey", "create", "--name", "x"}, "d", []string{"apikey", "create", "--name", "x"}},
		{[]string{"apikey", "create", "--name", "x", "--data", "d"}, "d", []string{"apikey", "create", "--name", "x"}},
		{[]string{"apikey", "--data=d", "create", "--name=x"}, "d", []string{"apikey", "create", "--name=x"}},
		{[]string{"-data", "d"}, "d", nil},
		{nil, "weiquan-data", nil},
	}
	for _, c := range cases {
		g, rest, err := splitGlobals(c.args)
		if err != nil || g.Data != c.data || !slices.Equal(rest, c.rest) {
			t.Errorf("splitGlobals(%q) = %+v %q %v", c.args, g, rest, err)
		}
	}
	if _, _, err := splitGlobals([]string{"--db"}); err == nil {
		t.Error("--db without a value accepted")
	}
	t.Setenv("WEIQUAN_DB", "postgres://x")
	if g, _, _ := splitGlobals(nil); g.DB != "postgres://x" {
		t.Error("WEIQUAN_DB ignored")
	}
	if g, _, _ := splitGlobals([]string{"--db", "postgres://y"}); g.DB != "postgres://y" {
		t.Error("flag does not override the environment")
	}
}

// TestAPIKeyCreate: "weiquan apikey create --name NAME" prints a new key as its last line,
// and the --data flag works after the subcommand's own arguments.
func TestAPIKeyCreate(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run(t, "apikey", "create", "--name", "12345热线", "--data", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	key := lines[len(lines)-1]
	if len(key) < 40 {
		t.Fatalf("last line %q is not a key", key)
	}
	st, err := store.Open(context.Background(), store.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	keys, _ := st.APIKeys(context.Background())
	if len(keys) != 1 || keys[0].Name != "12345热线" {
		t.Fatalf("keys %+v", keys)
	}
	code, out, _ = run(t, "--data", dir, "apikey", "list")
	if code != 0 || !strings.Contains(out, "12345热线\t") || !strings.Contains(out, "active") {
		t.Fatalf("list: %d %q", code, out)
	}
	if code, _, _ = run(t, "apikey", "revoke", "1", "--data", dir); code != 0 {
		t.Fatal("revoke failed")
	}
	if code, _, errs = run(t, "apikey", "create", "--data", dir); code == 0 || !strings.Contains(errs, "--name") {
		t.Fatalf("create without a name: %d %q", code, errs)
	}
	if code, _, _ = run(t, "frobnicate"); code != 2 {
		t.Fatalf("unknown command exit %d", code)
	}
	if code, out, _ = run(t, "help"); code != 0 || !strings.Contains(out, "--data") {
		t.Fatalf("help: %d %q", code, out)
	}
	if code, out, _ = run(t, "migrate", "--data", dir); code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %q", code, out)
	}
	// Creating and revoking the key were audited, and the chain verifies (R-P8).
	if code, out, _ = run(t, "verify-audit", "--data", dir); code != 0 || !strings.Contains(out, "2 entries verified") {
		t.Fatalf("verify-audit: %d %q", code, out)
	}
}

// TestLoadCommand keeps the load command working; its figures go to BENCHMARKS.md, not here.
func TestLoadCommand(t *testing.T) {
	code, out, errs := run(t, "load", "--n", "40", "--c", "4")
	if code != 0 || !strings.Contains(out, "40 acknowledged, 0 failed") || !strings.Contains(out, "physical limit") {
		t.Fatalf("load: %d %q %q", code, out, errs)
	}
}

// TestLoadFillsWithoutIntakes: `load --fill N --n 0` fills an office and stops
// (it panicked on the empty latency list); --n 0 alone, or a negative count,
// is refused with a message.
func TestLoadFillsWithoutIntakes(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run(t, "load", "--fill", "2000", "--n", "0", "--office", dir)
	if code != 0 || !strings.Contains(out, "2000 matters added") || strings.Contains(out, "intake over HTTP") {
		t.Fatalf("fill only: %d %q %q", code, out, errs)
	}
	for _, args := range [][]string{{"--n", "0"}, {"--n", "-1"}, {"--c", "0"}} {
		if code, _, errs := run(t, append([]string{"load"}, args...)...); code == 0 || !strings.Contains(errs, "--n must be at least 1") {
			t.Errorf("load %v: %d %q", args, code, errs)
		}
	}
}
