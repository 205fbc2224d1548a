package open311_test

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestRoundTripFromPython files a request and reads it back through a client written in
// another language with its standard library only (testdata/roundtrip.py): discovery read
// as XML with both endpoints, the test endpoint tried, an error read, then POST → GET in XML
// and JSON over a real socket on loopback (issue 14, point 4).
func TestRoundTripFromPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 is needed for the Open311 round trip from another language")
		}
		t.Skip("SKIPPED LOUDLY: python3 not found; the Open311 round trip from another language did not run")
	}
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newEnv(t, s)
		srv := httptest.NewServer(e.h)
		defer srv.Close()
		out, err := exec.Command(py, "testdata/roundtrip.py", srv.URL, e.key).CombinedOutput()
		if err != nil || !strings.HasPrefix(string(out), "OK ") {
			t.Fatalf("python client: %v\n%s", err, out)
		}
		number := strings.TrimSpace(strings.TrimPrefix(string(out), "OK "))
		if n := countMatters(t, s); n != 1 {
			t.Errorf("%d matters after one filed and one tried on the test endpoint, want 1", n)
		}
		t.Logf("filed %s from Python", number)
	})
}
