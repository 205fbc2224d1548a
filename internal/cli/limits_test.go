package cli

import (
	"testing"
	"time"

	"weiquan/internal/server"
)

func TestServerLimits(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	if l, err := serverLimits(env()); err != nil || l != server.DefaultLimits {
		t.Fatalf("defaults: %+v %v", l, err)
	}
	if l, err := serverLimits(env("WEIQUAN_BODY_TIMEOUT", "2m", "WEIQUAN_BODY_RATE", "1024")); err != nil || l.BodyTimeout != 2*time.Minute || l.BodyRate != 1024 {
		t.Fatalf("set: %+v %v", l, err)
	}
	for _, bad := range [][]string{{"WEIQUAN_BODY_TIMEOUT", "30"}, {"WEIQUAN_BODY_TIMEOUT", "10ms"}, {"WEIQUAN_BODY_RATE", "0"}, {"WEIQUAN_BODY_RATE", "8KB"}} {
		if _, err := serverLimits(env(bad...)); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
