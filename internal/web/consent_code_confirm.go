package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/invalid"
)

// confirmConsentCode checks the code the party read back or typed in; the right one records the
// party's online consent (R-L14), a wrong one counts an attempt.
func (h *Handler) confirmConsentCode(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	id, perr := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var err error
	if perr != nil {
		err = invalid.New("challenge_id", invalid.NotFound)
	} else {
		_, err = h.svc.ConfirmConsentCode(r.Context(), who(r), r.PathValue("number"), id, r.PostFormValue("code"))
	}
	h.mediationDone(w, r, err, "consent")
}
