package web

import (
	"net/http"
	"net/url"
	"slices"

	"weiquan/internal/credit"
	"weiquan/internal/service"
)

type honourListData struct {
	Honours []credit.Honour
	Titles  []credit.Title
	Decide  bool
}

// listHonours shows every honour with its period, document and status, and to a supervisor
// the form to grant one and the revocation proposals to decide (R-S8).
func (h *Handler) listHonours(w http.ResponseWriter, r *http.Request) {
	h.renderHonours(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderHonours(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) {
	hs, err := h.svc.Honours(r.Context(), who(r), service.HonourFilter{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := honourListData{Honours: hs, Titles: credit.Titles, Decide: slices.Contains(heads, userOf(r).Role)}
	h.render(w, r, status, "credit_honours", page{Title: "honour.title", Active: "honours", Form: form, Errors: errs, Data: d})
}
