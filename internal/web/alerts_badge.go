package web

import (
	"log/slog"
	"net/http"
)

// unreadAlerts counts the signed-in staff member's unread alerts for the header badge:
// one COUNT per page; a failure only hides the badge.
func (h *Handler) unreadAlerts(r *http.Request) int {
	u := userOf(r)
	if u == nil || !u.Role.Staff() {
		return 0
	}
	n, err := h.svc.UnreadAlerts(r.Context(), who(r))
	if err != nil {
		slog.Warn("web: count unread alerts", "user", u.ID, "error", err)
		return 0
	}
	return n
}
