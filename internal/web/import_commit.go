package web

import (
	"errors"
	"log/slog"
	"net/http"

	"weiquan/internal/fault"
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
	if _, ok := h.waiting(w, r, tok); !ok {
		return
	}
	m, cols, errs := postedMapping(r, lang)
	if len(errs) > 0 || fingerprint(withAuto(cols), m) != r.PostForm.Get("checked") {
		// The selects were changed after the preview: show what they give before importing.
		h.renderPreview(w, r, tok, m, cols, errs, previewView{Changed: len(errs) == 0})
		return
	}
	it, err := h.svc.ClaimImport(ctx, u, tok)
	if errors.Is(err, fault.ErrConflict) {
		h.renderImports(w, r, http.StatusConflict, nil, tr(lang, "reportui.import.busy"))
		return
	}
	if err != nil {
		h.renderImports(w, r, http.StatusGone, nil, tr(lang, "reportui.import.expired"))
		return
	}
	res, err := h.svc.Import(ctx, who(r), service.ImportRequest{Name: it.Name, Data: it.Data, Mapping: m})
	if err != nil {
		h.release(r, tok)
		h.fail(w, r, err)
		return
	}
	if !res.Committed {
		h.release(r, tok)
		h.renderPreview(w, r, tok, m, cols, nil, previewView{Refused: !res.OK()})
		return
	}
	if err := h.svc.FinishImport(ctx, tok, res); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/imports/result/"+tok, http.StatusSeeOther)
}

// release gives a claimed file back after a commit that did not happen; if even that
// fails, the file waits until it expires.
func (h *Handler) release(r *http.Request, tok string) {
	if err := h.svc.ReleaseImport(r.Context(), tok); err != nil {
		slog.Error("web: release import preview", "error", err)
	}
}
