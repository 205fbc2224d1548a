package api

import "net/http"

// getDuplicate names the earlier report a report repeats (R-L24: the same reporter, the same
// respondent, the same fact fingerprint), or null. Taking it up is the merge action.
func (h *Handler) getDuplicate(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.DuplicateOf(r.Context(), who(r), r.PathValue("number"))
	if err != nil {
		fail(w, r, err)
		return
	}
	out := map[string]any{"duplicate_of": nil}
	if m != nil {
		out["duplicate_of"] = viewMatter(UserFrom(r.Context()), *m)
	}
	writeJSON(w, http.StatusOK, out)
}
