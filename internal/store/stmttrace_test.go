package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The trace keeps each statement once per dialect, one JSON line each.
func TestStmtTracerWritesEachStatementOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trace.jsonl")
	trace := stmtTracer(path)
	trace(true, "SELECT 1")
	trace(true, "SELECT\n1 FROM matters WHERE id = $1")
	trace(true, "SELECT 1")
	trace(false, "SELECT 1")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"d":"sqlite","q":"SELECT 1"}` + "\n" + `{"d":"sqlite","q":"SELECT\n1 FROM matters WHERE id = $1"}` + "\n" + `{"d":"postgres","q":"SELECT 1"}` + "\n"
	if got := string(b); got != want {
		t.Errorf("trace:\n%s\nwant:\n%s", got, want)
	}
	stmts, err := readTrace(path, "sqlite")
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) != 2 || !strings.Contains(stmts[0], "matters") && !strings.Contains(stmts[1], "matters") {
		t.Errorf("read back %q", stmts)
	}
}
