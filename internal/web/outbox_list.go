package web

import (
	"net/http"

	"weiquan/internal/service"
)

type outboxData struct {
	Entries []service.OutboxEntry
	Total   int
	Status  string
}

// listOutbox shows the messages the office sends, dead letters first to find, with every attempt.
func (h *Handler) listOutbox(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	list, total, err := h.svc.Outbox(r.Context(), who(r), service.OutboxQuery{Status: status, Limit: 200})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	flash := ""
	if r.URL.Query().Get("requeued") != "" {
		flash = tr(langOf(r), "portal.outbox.requeued")
	}
	h.render(w, r, http.StatusOK, "admin_outbox", page{Title: "portal.outbox.title", Active: "outbox", Flash: flash,
		Data: outboxData{Entries: list, Total: total, Status: status}})
}
