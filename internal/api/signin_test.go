package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"weiquan/internal/testdb"
)

// TestSessionThrottle_Issue8: POST /api/v1/session took 330 wrong passwords and then
// signed the guesser in. Now the guesses end in 429 rate_limited (in the request's
// language) and the right password after them is refused too; an oversized user name is
// a 422 field error.
func TestSessionThrottle_Issue8(t *testing.T) {
	f := newFixture(t, testdb.SQLite(t))
	// The fixture signed everyone in from 127.0.0.1, so this address is the operator's own:
	// the guesses spend her budget there (ten a quarter hour).
	body := func(pw string) string { return `{"username":"op","password":"` + pw + `"}` }
	var status int
	var last string
	for i := 0; i < 330; i++ {
		status, last = f.do(t, "", "POST", "/api/v1/session", body("guess-"+strings.Repeat("x", i%7)), nil)
		if i < 10 && status != 401 || i >= 10 && status != 429 {
			t.Fatalf("guess %d: %d %s", i+1, status, last)
		}
	}
	var eb struct {
		Errors []struct{ Field, Code, Message string }
	}
	if err := json.Unmarshal([]byte(last), &eb); err != nil || len(eb.Errors) != 1 || eb.Errors[0].Code != "rate_limited" || !strings.Contains(eb.Errors[0].Message, "登录失败次数过多") {
		t.Fatalf("429 body: %s", last)
	}
	status, last = f.do(t, "", "POST", "/api/v1/session", body(testPassword), map[string]string{"Accept-Language": "en"})
	if status != 429 || !strings.Contains(last, "Too many failed sign-ins") {
		t.Fatalf("right password after 330 guesses: %d %s", status, last)
	}
	status, last = f.do(t, "", "POST", "/api/v1/session", `{"username":"`+strings.Repeat("a", 900<<10)+`","password":"x"}`, nil)
	if status != 422 || !strings.Contains(last, `"field":"username"`) || !strings.Contains(last, `"code":"too_many_bytes"`) || len(last) > 4<<10 {
		t.Fatalf("900 KB user name: %d, %d bytes back", status, len(last))
	}
}
