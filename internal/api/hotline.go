package api

import (
	"bytes"
	"encoding/json"
	"net/http"

	"weiquan/internal/auth"
	"weiquan/internal/hotline"
	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// receiveFromCentre takes the 12345 centre's messages (R-L27): a new work order (state
// dispatched) or its step on one, in the city's format as the mapping says; a JSON array
// is a batch, taken all or nothing. The centre signs in with its API key; heads and
// operators may enter what the centre decided with their own session.
func (h *Handler) receiveFromCentre(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.HotlineCaller(r.Context(), httpio.Token(r), httpio.ClientAddr(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	var raw json.RawMessage
	if err := decode(w, r, &raw); err != nil {
		fail(w, r, err)
		return
	}
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
		var docs []map[string]any
		if err := json.Unmarshal(raw, &docs); err != nil || len(docs) == 0 || len(docs) > 1000 {
			fail(w, r, invalid.New("body", invalid.Format))
			return
		}
		orders, err := h.svc.ReceiveBatchFromCentre(r.Context(), p, docs)
		if err != nil {
			fail(w, r, err)
			return
		}
		for i := range orders {
			orders[i].DispatchedAt, orders[i].UpdatedAt, orders[i].CentreDueAt = local(orders[i].DispatchedAt), local(orders[i].UpdatedAt), localPtr(orders[i].CentreDueAt)
		}
		writeJSON(w, http.StatusOK, map[string]any{"orders": orders})
		return
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil || doc == nil {
		fail(w, r, invalid.New("body", invalid.Format))
		return
	}
	v, err := h.svc.ReceiveFromCentre(r.Context(), p, doc)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, localOrder(v))
}

// getWorkOrder shows a work order to the centre (by its key) or to staff who see its matter.
func (h *Handler) getWorkOrder(w http.ResponseWriter, r *http.Request) {
	p, err := h.orderReader(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	v, err := h.svc.WorkOrder(r.Context(), p, r.PathValue("order_no"))
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, localOrder(v))
}

// orderReader is the centre by its key, or a signed-in user.
func (h *Handler) orderReader(r *http.Request) (auth.Principal, error) {
	tok := httpio.Token(r)
	p, err := h.svc.HotlineCaller(r.Context(), tok, httpio.ClientAddr(r))
	if err == nil || tok == "" {
		return p, err
	}
	u, err := h.svc.UserByToken(r.Context(), tok)
	if err != nil {
		return auth.Principal{}, err
	}
	return auth.Principal{User: &u, Addr: httpio.ClientAddr(r)}, nil
}

type orderStepInput struct {
	Note   string `json:"note"`
	Reason string `json:"reason,omitempty"`
}

// workOrderStep takes one of the office's steps: signed, handling, replied, return_requested.
func (h *Handler) workOrderStep(w http.ResponseWriter, r *http.Request) {
	var in orderStepInput
	if err := httpio.DecodeOptional(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	v, err := h.svc.WorkOrderStep(r.Context(), who(r), r.PathValue("order_no"), hotline.Step(r.PathValue("step")),
		hotline.Input{Note: in.Note, Reason: in.Reason})
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, localOrder(v))
}

// localOrder shows a work order's times in Asia/Shanghai (R-P7).
func localOrder(v service.WorkOrderView) service.WorkOrderView {
	v.DispatchedAt, v.UpdatedAt, v.CentreDueAt = local(v.DispatchedAt), local(v.UpdatedAt), localPtr(v.CentreDueAt)
	msgs := make([]service.MessageView, len(v.Messages))
	for i, m := range v.Messages {
		m.NextAttemptAt, m.SentAt = local(m.NextAttemptAt), localPtr(m.SentAt)
		msgs[i] = m
	}
	v.Messages = msgs
	return v
}
