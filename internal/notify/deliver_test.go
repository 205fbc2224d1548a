package notify

import (
	"errors"
	"testing"
	"time"
)

// TestPolicyBackoff: retries wait twice as long each time, capped, and the message is
// dead after the last attempt or at once on a permanent failure (issue 14).
func TestPolicyBackoff(t *testing.T) {
	now := time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)
	p := Policy{Attempts: 5, Base: time.Minute, Max: 5 * time.Minute}
	for _, c := range []struct {
		n    int
		perm bool
		wait time.Duration
		dead bool
	}{
		{1, false, time.Minute, false},
		{2, false, 2 * time.Minute, false},
		{3, false, 4 * time.Minute, false},
		{4, false, 5 * time.Minute, false}, // capped
		{5, false, 0, true},                // the last attempt
		{1, true, 0, true},                 // refused for good
	} {
		next, dead := p.After(c.n, now, c.perm)
		if dead != c.dead || !dead && next.Sub(now) != c.wait {
			t.Errorf("attempt %d perm=%v: next %v dead %v, want +%v dead %v", c.n, c.perm, next.Sub(now), dead, c.wait, c.dead)
		}
	}
	if !IsPermanent(Permanent(errors.New("x"))) || IsPermanent(errors.New("x")) || Permanent(nil) != nil {
		t.Error("Permanent does not mark")
	}
}
