package api

import (
	"context"
	"net/http"
	"strconv"

	"weiquan/internal/auth"
	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/notify"
	"weiquan/internal/service"
)

// alertView is an outbox entry with its message in the request's language.
type alertView struct {
	notify.Alert
	Message string `json:"message"`
}

func viewAlert(lang string, a notify.Alert) alertView {
	a.CreatedAt, a.ReadAt, a.DeliveredAt = local(a.CreatedAt), localPtr(a.ReadAt), localPtr(a.DeliveredAt)
	return alertView{Alert: a, Message: service.AlertMessage(lang, a)}
}

func boolParam(r *http.Request, name string) bool {
	v := r.URL.Query().Get(name)
	return v == "1" || v == "true"
}

func (h *Handler) listAlerts(w http.ResponseWriter, r *http.Request) {
	var errs invalid.Errors
	pageNo, perPage := pageParams(r, &errs)
	if err := errs.Err(); err != nil {
		fail(w, r, err)
		return
	}
	q := service.AlertQuery{Unread: boolParam(r, "unread"), Undelivered: boolParam(r, "undelivered"), Kind: r.URL.Query().Get("kind"),
		Limit: perPage, Offset: (pageNo - 1) * perPage}
	list, total, err := h.svc.Alerts(r.Context(), who(r), q)
	if err != nil {
		fail(w, r, err)
		return
	}
	lang := Lang(r)
	out := make([]alertView, 0, len(list))
	for _, a := range list {
		out = append(out, viewAlert(lang, a))
	}
	body := map[string]any{"items": out, "total": total, "page": pageNo, "per_page": perPage}
	if total > service.MaxCounted {
		body["bound"] = service.MaxCounted // the count stopped: total is bound + 1, "more than bound"
	}
	writeJSON(w, http.StatusOK, body)
}

func alertID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fault.ErrNotFound
	}
	return id, nil
}

func (h *Handler) readAlert(w http.ResponseWriter, r *http.Request) {
	h.markAlert(w, r, h.svc.ReadAlert)
}

func (h *Handler) deliverAlert(w http.ResponseWriter, r *http.Request) {
	h.markAlert(w, r, h.svc.DeliverAlert)
}

func (h *Handler) markAlert(w http.ResponseWriter, r *http.Request, mark func(context.Context, auth.Principal, int64) (notify.Alert, error)) {
	id, err := alertID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	a, err := mark(r.Context(), who(r), id)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, viewAlert(Lang(r), a))
}
