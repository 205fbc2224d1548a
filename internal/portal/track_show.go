package portal

import "net/http"

// showTrack asks for the case number and the phone, then for the code sent to it; or the
// number and the tracking code handed out at submission.
func (h *Handler) showTrack(w http.ResponseWriter, r *http.Request) {
	form := map[string]string{"number": r.URL.Query().Get("number")}
	h.render(w, r, http.StatusOK, "track", page{Title: "portal.track.title", Form: form})
}
