package web

import (
	"net/http"
	"net/url"
	"slices"

	"weiquan/internal/collective"
	"weiquan/internal/money"
)

type collectiveShowData struct {
	C         collective.Case
	CanDecide bool
	Amount    money.Fen
}

// showCollective shows a collective case: what detection saw (the matters, what they share,
// how alike their facts are) and, for a supervisor, the confirm and reject forms.
func (h *Handler) showCollective(w http.ResponseWriter, r *http.Request) {
	h.renderCollective(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderCollective(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	c, err := h.svc.CollectiveCase(r.Context(), who(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := collectiveShowData{C: c, CanDecide: c.Status == collective.Proposed && slices.Contains(heads, userOf(r).Role)}
	for _, m := range c.Members {
		d.Amount += m.Amount
	}
	h.render(w, r, status, "collective_show", page{Title: "collective.case", Active: "collective", Form: form, Errors: errs, Data: d})
}
