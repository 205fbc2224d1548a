package web

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"

	"weiquan/internal/service"
)

// showCallCard renders the card of a ringing call — the caller's earlier matters within
// the operator's scope, their open deadlines, the merchants involved, and the button that
// puts the number in the intake form — as a fragment the intake page shows at once.
func (h *Handler) showCallCard(w http.ResponseWriter, r *http.Request) {
	card, err := h.svc.CallerCard(r.Context(), who(r), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderPart(w, r, "intake", "callcard", callCard{CallerCard: card, Lang: langOf(r)})
}

type callCard struct {
	service.CallerCard
	Lang string
}

// renderPart writes one template of a view without the layout, for the page's script.
func (h *Handler) renderPart(w http.ResponseWriter, r *http.Request, view, name string, data any) {
	t, ok := h.views.pages[langOf(r)][view]
	err := fmt.Errorf("web: no view %s", view)
	if ok {
		var buf bytes.Buffer
		if err = t.ExecuteTemplate(&buf, name, data); err == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			_, _ = w.Write(buf.Bytes())
			return
		}
	}
	slog.Error("web: render part", "view", view, "part", name, "error", err)
	http.Error(w, "internal error / 服务器内部错误", http.StatusInternalServerError)
}
