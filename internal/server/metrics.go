package server

import (
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/httpio"
	"weiquan/internal/service"
)

// metrics counts requests per route pattern and status, in Prometheus text format.
type metrics struct {
	mu       sync.Mutex
	requests map[[3]string]uint64 // method, pattern, status class
	seconds  map[[2]string]float64
	started  time.Time
}

func newMetrics() *metrics {
	return &metrics{requests: map[[3]string]uint64{}, seconds: map[[2]string]float64{}, started: time.Now()}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (m *metrics) measure(mux *http.ServeMux) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r)
			_, pattern := mux.Handler(r)
			if pattern == "" {
				pattern = "unmatched"
			}
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			class := fmt.Sprintf("%dxx", sw.status/100)
			m.mu.Lock()
			m.requests[[3]string{r.Method, pattern, class}]++
			m.seconds[[2]string{r.Method, pattern}] += time.Since(start).Seconds()
			m.mu.Unlock()
		})
	}
}

// handler serves /metrics to the local machine, or to an admin's token.
func (m *metrics) handler(svc *service.Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopback(r.RemoteAddr) {
			u, err := svc.UserByToken(r.Context(), httpio.Token(r))
			if err != nil || u.Role != auth.Admin {
				http.Error(w, "forbidden", http.StatusForbidden)
				return
			}
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		var b strings.Builder
		m.mu.Lock()
		b.WriteString("# HELP weiquan_http_requests_total HTTP requests by route and status class.\n# TYPE weiquan_http_requests_total counter\n")
		keys := make([][3]string, 0, len(m.requests))
		for k := range m.requests {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return strings.Join(keys[i][:], " ") < strings.Join(keys[j][:], " ") })
		for _, k := range keys {
			fmt.Fprintf(&b, "weiquan_http_requests_total{method=%q,route=%q,status=%q} %d\n", k[0], k[1], k[2], m.requests[k])
		}
		b.WriteString("# HELP weiquan_http_request_seconds_total Time spent serving requests by route.\n# TYPE weiquan_http_request_seconds_total counter\n")
		skeys := make([][2]string, 0, len(m.seconds))
		for k := range m.seconds {
			skeys = append(skeys, k)
		}
		sort.Slice(skeys, func(i, j int) bool { return skeys[i][0]+skeys[i][1] < skeys[j][0]+skeys[j][1] })
		for _, k := range skeys {
			fmt.Fprintf(&b, "weiquan_http_request_seconds_total{method=%q,route=%q} %g\n", k[0], k[1], m.seconds[k])
		}
		fmt.Fprintf(&b, "# HELP weiquan_uptime_seconds Seconds since the process started.\n# TYPE weiquan_uptime_seconds gauge\nweiquan_uptime_seconds %g\n", time.Since(m.started).Seconds())
		m.mu.Unlock()
		_, _ = w.Write([]byte(b.String()))
	})
}

func loopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
