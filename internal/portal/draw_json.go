package portal

import (
	"encoding/json"
	"net/http"
	"time"

	"weiquan/internal/service"
	"weiquan/internal/supervise"
)

// drawJSON serves a draw as published, the file the verifier reads:
// go run ./cmd/drawverify draw.json (C10).
func (h *Handler) drawJSON(w http.ResponseWriter, r *http.Request) {
	d, ok := h.drawOf(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="draw-`+r.PathValue("id")+`.json"`)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(d.Published)
}

func eligible(d service.Draw) int {
	asOf, err := time.Parse(time.DateOnly, d.AsOf)
	if err != nil {
		return len(d.Pool)
	}
	return len(supervise.Eligible(d.Inputs, asOf))
}
