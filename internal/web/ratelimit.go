package web

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// loginLimiter slows down password guessing: per client address and per user
// name, in memory. The address is the connection's own; X-Forwarded-For is
// never trusted, since anyone can send it.
type loginLimiter struct {
	mu     sync.Mutex
	byIP   map[string]*limitEntry
	byUser map[string]*limitEntry
	now    func() time.Time
}

type limitEntry struct {
	lim  *rate.Limiter
	seen time.Time
}

const (
	ipBurst, userBurst = 20, 5
	ipEvery, userEvery = 3 * time.Second, 20 * time.Second
	limitForget        = 30 * time.Minute
)

func newLoginLimiter() *loginLimiter {
	return &loginLimiter{byIP: map[string]*limitEntry{}, byUser: map[string]*limitEntry{}, now: time.Now}
}

// allow spends one attempt for this address and user name, and reports whether it may go ahead.
func (l *loginLimiter) allow(r *http.Request, username string) bool {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.byIP)+len(l.byUser) > 10000 {
		l.sweep(now)
	}
	okIP := take(l.byIP, ip, rate.Every(ipEvery), ipBurst, now)
	okUser := take(l.byUser, strings.ToLower(strings.TrimSpace(username)), rate.Every(userEvery), userBurst, now)
	return okIP && okUser
}

func take(m map[string]*limitEntry, key string, every rate.Limit, burst int, now time.Time) bool {
	e, ok := m[key]
	if !ok {
		e = &limitEntry{lim: rate.NewLimiter(every, burst)}
		m[key] = e
	}
	e.seen = now
	return e.lim.AllowN(now, 1)
}

func (l *loginLimiter) sweep(now time.Time) {
	for _, m := range []map[string]*limitEntry{l.byIP, l.byUser} {
		for k, e := range m {
			if now.Sub(e.seen) > limitForget {
				delete(m, k)
			}
		}
	}
}
