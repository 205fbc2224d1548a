package cli

import (
	"fmt"
	"strconv"
	"time"

	"weiquan/internal/server"
)

// serverLimits reads how slowly a request body may arrive:
// WEIQUAN_BODY_TIMEOUT (a duration such as 30s, the grace for any body) and
// WEIQUAN_BODY_RATE (bytes per second a body must keep up beyond it). Unset
// means server.DefaultLimits.
func serverLimits(getenv func(string) string) (server.Limits, error) {
	l := server.DefaultLimits
	if v := getenv("WEIQUAN_BODY_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return l, fmt.Errorf("WEIQUAN_BODY_TIMEOUT=%q: want a duration of at least 1s, such as 30s", v)
		}
		l.BodyTimeout = d
	}
	if v := getenv("WEIQUAN_BODY_RATE"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return l, fmt.Errorf("WEIQUAN_BODY_RATE=%q: want bytes per second, such as 8192", v)
		}
		l.BodyRate = n
	}
	return l, nil
}
