package cli_test

import (
	"strings"
	"testing"
)

// TestWorkOrdersFile takes a batch file of the 12345 centre's work orders all or nothing:
// a file with one bad line takes nothing and names the line; the good file takes every
// order, and an order's later steps may follow it in the same file (R-L27, issue 14).
func TestWorkOrdersFile(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.jsonl", []byte(`{"order_no":"RC-1","state":"派单","content":"过期食品","caller_name":"王女士","caller_phone":"13907920000"}
{"order_no":"RC-2","state":"dispatched","content":"","caller_name":"李先生","caller_phone":"13907920001"}
{"order_no":"RC-9","state":"closed"}
`))
	code, _, errb := run(t, "workorders", "import", bad, "--data", dir)
	if code == 0 || !strings.Contains(errb, "orders[1].content: required") || !strings.Contains(errb, "orders[2].order_no: not_found") {
		t.Fatalf("bad file: %d %s", code, errb)
	}
	good := writeFile(t, dir, "good.json", []byte(`[{"order_no":"RC-1","state":"派单","content":"过期食品","caller_name":"王女士","caller_phone":"13907920000"},
		{"order_no":"RC-1","state":"designated"}]`))
	code, out, errb := run(t, "workorders", "import", good, "--data", dir)
	if code != 0 || !strings.Contains(out, "RC-1\tdispatched\t") || strings.Count(out, "RC-1") != 2 {
		t.Fatalf("good file: %d %s %s", code, out, errb)
	}
	// The bad file's RC-1 was not taken: the good file could take it.
	code, _, errb = run(t, "workorders", "import", good, "--data", dir)
	if code == 0 || !strings.Contains(errb, "orders[0].order_no: duplicate") {
		t.Errorf("again: %d %s", code, errb)
	}
}
