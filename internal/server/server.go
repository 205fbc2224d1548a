// Package server puts the parts of weiquan behind one http.Handler: the JSON
// API, Open311, the web UI, health and metrics, with the middleware they share.
package server

import (
	"context"
	"net/http"
	"time"

	"weiquan/internal/api"
	"weiquan/internal/service"
)

// Part is anything that registers routes on the mux: the API, Open311, the web UI.
type Part interface {
	Mount(mux *http.ServeMux)
}

// New builds the whole HTTP handler with the default limits.
func New(svc *service.Service, parts ...Part) http.Handler {
	return NewWith(svc, DefaultLimits, parts...)
}

// NewWith builds the whole HTTP handler with the given limits.
func NewWith(svc *service.Service, lim Limits, parts ...Part) http.Handler {
	mux := http.NewServeMux()
	m := newMetrics()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := svc.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database unavailable\n"))
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /metrics", m.handler(svc))
	api.New(svc).Mount(mux)
	for _, p := range parts {
		p.Mount(mux)
	}
	cop := http.NewCrossOriginProtection()
	return chain(mux, bodyDeadline(lim), recoverPanics, m.measure(mux), securityHeaders, crossOrigin(cop))
}

// chain wraps h in middleware, the first listed outermost.
func chain(h http.Handler, mw ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}
