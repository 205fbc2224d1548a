package web

import (
	"net/http"

	"weiquan/internal/casework"
	"weiquan/internal/service"
)

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
	ctx := r.Context()
	c, err := h.svc.Case(ctx, who(r), r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	m := c.Matter
	d := intakeDoneData{Matter: m, Missing: m.MissingForAcceptance(), AnswerFailed: r.URL.Query().Get("answer") == "failed"}
	if c.LinkedNumber != "" {
		if l, err := h.svc.MatterFor(ctx, who(r), c.LinkedNumber); err == nil {
			d.Linked = &l
		}
	}
	if c.Sight.Personal {
		repeats, err := h.svc.RepeatSuggestions(ctx, who(r), m.Consumer.Phone, m.MerchantID, m.MerchantName, m.ReceivedAt.Add(-service.RepeatWindow))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, x := range repeats {
			if x.Number != m.Number && x.Number != c.LinkedNumber {
				d.Repeats = append(d.Repeats, x)
			}
		}
	}
	h.render(w, r, http.StatusOK, "intake_done", page{Title: "web.done.title", Active: "intake", Data: d})
}
