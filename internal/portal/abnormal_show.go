package portal

import "net/http"

// showAbnormal is the abnormal-operations list as it stands today: the business, the ground in
// its exact wording, the decision and its date (R-S7, R-L35–R-L38). No person's data.
func (h *Handler) showAbnormal(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.AbnormalList(r.Context(), reqOf(r).who)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "abnormal", page{Title: "portal.nav.abnormal", Data: list})
}
