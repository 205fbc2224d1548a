package server

import (
	"io"
	"net/http"
	"time"
)

// Limits bound how slowly a client may send a request body. A body gets
// BodyTimeout, plus one second for every BodyRate bytes it has sent: a client
// that sends its headers and then trickles (or stalls) is cut off after
// BodyTimeout, while a 64 MB ledger on a link of at least BodyRate keeps its
// connection as long as it keeps up. The zero value is DefaultLimits.
type Limits struct {
	BodyTimeout time.Duration
	BodyRate    int64 // bytes per second
}

// DefaultLimits: 30 s for any body, and 8 KB/s (64 kbit/s, a poor mobile link)
// beyond that — a 1 MB form may take 2½ minutes, a 64 MB ledger 2¼ hours.
var DefaultLimits = Limits{BodyTimeout: 30 * time.Second, BodyRate: 8 << 10}

func (l Limits) orDefault() Limits {
	if l.BodyTimeout <= 0 {
		l.BodyTimeout = DefaultLimits.BodyTimeout
	}
	if l.BodyRate <= 0 {
		l.BodyRate = DefaultLimits.BodyRate
	}
	return l
}

// bodyDeadline sets the connection's read deadline while a request body is read
// (http.Server has ReadHeaderTimeout for headers but, without a ReadTimeout that
// would cut off a long upload, nothing for the body). The deadline is lifted
// when the body ends, so a long import after the upload is not cut short.
func bodyDeadline(l Limits) func(http.Handler) http.Handler {
	l = l.orDefault()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
				next.ServeHTTP(w, r)
				return
			}
			rc := http.NewResponseController(w)
			start := time.Now()
			first := start.Add(l.BodyTimeout)
			if rc.SetReadDeadline(first) == nil { // not every writer is a connection (tests' recorders)
				r.Body = &pacedBody{ReadCloser: r.Body, rc: rc, start: start, limits: l, set: first}
			}
			next.ServeHTTP(w, r)
		})
	}
}

// pacedBody moves the read deadline on as the body arrives.
type pacedBody struct {
	io.ReadCloser
	rc     *http.ResponseController
	start  time.Time
	limits Limits
	read   int64
	set    time.Time // the deadline last set
	done   bool
}

func (p *pacedBody) Read(b []byte) (int, error) {
	n, err := p.ReadCloser.Read(b)
	p.read += int64(n)
	switch {
	case err == io.EOF && !p.done: // a timeout keeps its deadline: the server reads on after the handler
		p.done = true
		_ = p.rc.SetReadDeadline(time.Time{})
	case n > 0:
		d := p.start.Add(p.limits.BodyTimeout + time.Duration(p.read*1000/p.limits.BodyRate)*time.Millisecond)
		if d.Sub(p.set) >= 100*time.Millisecond {
			_ = p.rc.SetReadDeadline(d)
			p.set = d
		}
	}
	return n, err
}
