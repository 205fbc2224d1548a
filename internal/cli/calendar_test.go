package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run calls the command line as a user would, returning the exit code and both outputs.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestCalendarCommand_R_L42_R_L43 runs `weiquan calendar` through Main on a fresh data folder.
func TestCalendarCommand_R_L42_R_L43(t *testing.T) {
	t.Setenv("WEIQUAN_DB", "")
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // exact, or a prefix when it ends in "…"
		stderr string // a part of it
	}{
		{"R-L42 example 1", []string{"calendar", "add-workdays", "2026-04-30", "7", "--data", dir}, 0, "2026-05-13\n", ""},
		{"R-L42 example 2, global flag first", []string{"--data", dir, "calendar", "add-workdays", "2026-09-30", "7"}, 0, "2026-10-15\n", ""},
		{"R-L42 example 3", []string{"calendar", "add-workdays", "2026-02-13", "7", "--data=" + dir}, 0, "2026-03-02\n", ""},
		{"R-L42 example 4", []string{"calendar", "add-workdays", "2024-09-27", "7", "--data", dir}, 0, "2024-10-12\n", ""},
		{"R-L42 example 5", []string{"calendar", "add-workdays", "2025-01-24", "7", "--data", dir}, 0, "2025-02-10\n", ""},
		{"R-L42 working days 2026", []string{"calendar", "workdays", "2026", "--data", dir}, 0, "248\n", ""},
		{"R-L42 working days 2024", []string{"calendar", "workdays", "2024", "--data", dir}, 0, "251\n", ""},
		{"R-L43 a year with no notice", []string{"calendar", "workdays", "2027", "--data", dir}, 1, "", "2027 年的法定节假日安排尚未导入"},
		{"R-L43 in English too", []string{"calendar", "add-workdays", "2026-12-25", "7", "--data", dir}, 1, "", "no official holiday calendar is loaded for 2027"},
		{"years", []string{"calendar", "years", "--data", dir}, 0, "2024\t36 days listed / 条\t251 working days / 个工作日\n…", ""},
		{"bad date", []string{"calendar", "add-workdays", "2026-4-30", "7", "--data", dir}, 1, "", "YYYY-MM-DD"},
		{"missing argument", []string{"calendar", "add-workdays", "2026-04-30", "--data", dir}, 1, "", "usage"},
		{"unknown subcommand", []string{"calendar", "nope", "--data", dir}, 1, "", "unknown calendar command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, tt.code, out, errOut)
			}
			if p, ok := strings.CutSuffix(tt.stdout, "…"); ok {
				if !strings.HasPrefix(out, p) {
					t.Fatalf("stdout %q, want prefix %q", out, p)
				}
			} else if out != tt.stdout {
				t.Fatalf("stdout %q, want %q", out, tt.stdout)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Fatalf("stderr %q, want %q in it", errOut, tt.stderr)
			}
		})
	}

	// Loading 2027 (all or nothing) makes it countable; a bad file changes nothing.
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("date,kind,name,source\n2027-01-01,holiday,元旦,x\n2027-01-06,workday,x,x\n"), 0o600)
	if code, _, errOut := run(t, "calendar", "load", bad, "--data", dir); code != 1 || !strings.Contains(errOut, "line 3") {
		t.Fatalf("bad file: exit %d, %q", code, errOut)
	}
	if code, _, _ := run(t, "calendar", "workdays", "2027", "--data", dir); code != 1 {
		t.Fatal("a refused file loaded part of 2027")
	}
	good := filepath.Join(t.TempDir(), "2027.csv")
	os.WriteFile(good, []byte("date,kind,name,source\n2027-01-01,holiday,元旦,test notice\n"), 0o600)
	code, out, errOut := run(t, "calendar", "load", good, "--data", dir)
	if code != 0 || !strings.HasPrefix(out, "2027: 1 days loaded, 260 working days") {
		t.Fatalf("load: exit %d, %q %q", code, out, errOut)
	}
	if code, out, _ := run(t, "calendar", "add-workdays", "2026-12-25", "7", "--data", dir); code != 0 || out != "2027-01-06\n" {
		t.Fatalf("after loading 2027: exit %d, %q", code, out)
	}
	if code, out, _ := run(t, "calendar", "export", "2027", "--data", dir); code != 0 || out != "date,kind,name,source\n2027-01-01,holiday,元旦,test notice\n" {
		t.Fatalf("export: exit %d, %q", code, out)
	}
}
