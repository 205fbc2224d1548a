package web

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// publishDraw fixes and publishes a 双随机一公开 draw — its seed and inputs — before drawing.
func (h *Handler) publishDraw(w http.ResponseWriter, r *http.Request) {
	h.supervisionStep(w, r, "draws", func() error {
		f := r.PostForm
		var errs invalid.Errors
		num := func(name string) int {
			n, err := strconv.Atoi(strings.TrimSpace(f.Get(name)))
			if err != nil {
				errs.Add(name, invalid.Format)
			}
			return n
		}
		req := service.DrawRequest{Title: f.Get("draw_title"), RecentDays: num("recent_days"), Merchants: num("merchants"), InspectorsPer: num("inspectors_per")}
		if err := errs.Err(); err != nil {
			return err
		}
		_, err := h.svc.PublishDraw(r.Context(), who(r), req)
		return err
	})
}
