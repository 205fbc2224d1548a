package web

import (
	"encoding/base64"
	"net/http"
	"strings"

	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
)

// saveSignature keeps a signature drawn on the pad: the PNG the page sends as a data URL, with
// its time and SHA-256 (R-L34). Someone who is not a party is refused beside the name.
func (h *Handler) saveSignature(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	var errs invalid.Errors
	img, ok := strings.CutPrefix(r.PostFormValue("image"), "data:image/png;base64,")
	png, err := base64.StdEncoding.DecodeString(img)
	if !ok || err != nil {
		errs.Add("image", invalid.Required)
	}
	sig := mediation.Signature{Side: mediation.Side(r.PostFormValue("side")), SignerName: r.PostFormValue("signer_name"), Method: mediation.Drawn}
	err = errs.Err()
	if err == nil {
		_, err = h.svc.Sign(r.Context(), who(r), r.PathValue("number"), sig, png)
	}
	if fe, ok := formErrors(langOf(r), err); ok {
		status := http.StatusUnprocessableEntity
		if invalid.IsConflict(err) {
			status = http.StatusConflict
		}
		m, merr := h.svc.MatterFor(r.Context(), who(r), r.PathValue("number"))
		if merr != nil {
			h.fail(w, r, merr)
			return
		}
		d := signData{Number: m.Number, Side: sig.Side, Name: sig.SignerName}
		h.render(w, r, status, "sign", page{Title: "mediation.sign.title", Active: "queue", Errors: fe, Form: r.PostForm, Data: d})
		return
	}
	h.mediationDone(w, r, err, "signature")
}
