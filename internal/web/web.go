// Package web is the staff workbench: server-rendered pages for intake, the
// work queue, the case page, profile and administration, in zh-CN and English.
// Every form works without JavaScript; the little script only enhances.
package web

import (
	"net/http"
	"time"

	"weiquan/internal/service"
)

// Options tune the workbench; the zero value is the office's default.
type Options struct {
	// AmberFraction and AmberWithin decide when a countdown turns amber: when
	// less than this share of the time is left, or less than this duration.
	AmberFraction float64
	AmberWithin   time.Duration
}

// Handler serves the workbench pages.
type Handler struct {
	svc    *service.Service
	opt    Options
	views  *views
	assets *assets
}

// New returns the workbench; it panics when a page template is missing or broken,
// so a bad build never starts.
func New(svc *service.Service) *Handler {
	return NewWithOptions(svc, Options{})
}

// NewWithOptions is New with other countdown thresholds.
func NewWithOptions(svc *service.Service, opt Options) *Handler {
	if opt.AmberFraction <= 0 {
		opt.AmberFraction = 0.25
	}
	if opt.AmberWithin <= 0 {
		opt.AmberWithin = 10 * time.Minute
	}
	v, err := loadViews()
	if err != nil {
		panic(err)
	}
	return &Handler{svc: svc, opt: opt, views: v, assets: loadAssets()}
}

// Mount registers every page on mux.
func (h *Handler) Mount(mux *http.ServeMux) {
	for _, rt := range h.routes() {
		mux.Handle(rt.pattern, h.guard(rt))
	}
}
