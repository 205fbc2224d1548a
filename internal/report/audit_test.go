package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"weiquan/internal/audit"
)

// TestAuditTableCSV_R_P8: the audit export gives each entry's time in Asia/Shanghai to
// the second and its reason, with a BOM, and a reason typed by staff never runs as a formula.
func TestAuditTableCSV_R_P8(t *testing.T) {
	id := int64(4)
	e := audit.Entry{ID: 9, At: time.Date(2026, 11, 30, 16, 30, 5, 0, time.UTC), ActorID: &id, ActorName: "zuoxi", Action: "show_personal",
		Entity: "matter", Ref: "20261201-000001", Data: `{"field":"phone","reason":"=HYPERLINK(\"http://x\")"}`, Keyed: true, Hash: "ab"}
	var buf bytes.Buffer
	err := WriteCSV(&buf, AuditTable("en", func(emit func(*audit.Entry) error) error { return emit(&e) }))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "\uFEFF") {
		t.Fatal("no BOM")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"9", "2026-12-01 00:30:05", "zuoxi", "4", "show_personal", "matter", "20261201-000001", `'=HYPERLINK("http://x")`,
		`{"field":"phone","reason":"=HYPERLINK(\"http://x\")"}`, "1", "ab"}
	if len(recs) != 2 || strings.Join(recs[1], "|") != strings.Join(want, "|") || recs[0][7] != "Reason" {
		t.Fatalf("got %q", recs)
	}
}
