package web

import (
	"net/http"
	"time"

	"weiquan/internal/casework"
)

// repeatWindow is how far back intake looks for the same phone against the same merchant.
const repeatWindow = 30 * 24 * time.Hour

type intakeDoneData struct {
	Matter       casework.Matter
	Linked       *casework.Matter
	Missing      []string
	Repeats      []casework.Matter
	AnswerFailed bool
}

// showIntakeDone shows the case number large enough to read out over the phone,
// with the linked number of a split matter, what R-L3 still needs, and any
// earlier matter of the same phone against the same merchant.
func (h *Handler) showIntakeDone(w http.ResponseWriter, r *http.Request) {
	ctx, u := r.Context(), userOf(r)
	m, err := h.svc.MatterFor(ctx, u, r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := intakeDoneData{Matter: m, Missing: m.MissingForAcceptance(), AnswerFailed: r.URL.Query().Get("answer") == "failed"}
	if m.LinkedID != nil {
		l, err := h.svc.Store.Matter(ctx, *m.LinkedID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Linked = &l
	}
	repeats, err := h.svc.Store.RecentSamePhoneMerchant(ctx, m.Consumer.Phone, m.MerchantID, m.MerchantName, m.ReceivedAt.Add(-repeatWindow))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, x := range repeats {
		if x.ID != m.ID && (m.LinkedID == nil || x.ID != *m.LinkedID) {
			d.Repeats = append(d.Repeats, x)
		}
	}
	h.render(w, r, http.StatusOK, "intake_done", page{Title: "web.done.title", Active: "intake", Data: d})
}
