package web

import (
	"net/http"

	"weiquan/internal/service"
)

// commitImport imports the waiting file under the mapping that was previewed, all or
// nothing: every row is checked again, and one failing row refuses the whole file.
func (h *Handler) commitImport(w http.ResponseWriter, r *http.Request) {
	ctx, u, lang := r.Context(), userOf(r), langOf(r)
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest)
		return
	}
	tok := r.PostForm.Get("token")
	if it, ok := h.uploads.get(u.ID, tok); !ok || it.data == nil {
		h.renderImports(w, r, http.StatusGone, nil, tr(lang, "reportui.import.expired"))
		return
	}
	m, cols, errs := postedMapping(r, lang)
	if len(errs) > 0 || fingerprint(withAuto(cols)) != r.PostForm.Get("checked") {
		// The selects were changed after the preview: show what they give before importing.
		h.renderPreview(w, r, tok, m, cols, errs, previewView{Changed: len(errs) == 0})
		return
	}
	it, ok := h.uploads.claim(u.ID, tok)
	if !ok {
		h.renderImports(w, r, http.StatusConflict, nil, tr(lang, "reportui.import.busy"))
		return
	}
	res, err := h.svc.Import(ctx, who(r), service.ImportRequest{Name: it.name, Data: it.data, Mapping: m})
	if err != nil {
		h.uploads.release(tok)
		h.fail(w, r, err)
		return
	}
	if !res.Committed {
		h.uploads.release(tok)
		h.renderPreview(w, r, tok, m, cols, nil, previewView{Refused: !res.OK()})
		return
	}
	h.uploads.done(tok, res)
	http.Redirect(w, r, "/imports/result/"+tok, http.StatusSeeOther)
}
