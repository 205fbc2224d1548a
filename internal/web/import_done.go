package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/ledger"
)

type importDone struct {
	Res     *ledger.Result
	SHA     string
	List    string
	Warning []problemView
	Groups  []warnGroup
}

// showImportResult says what a commit did: matters created, rows skipped as imported
// before, the warnings, and a link to the matters it created.
func (h *Handler) showImportResult(w http.ResponseWriter, r *http.Request) {
	u, lang := userOf(r), langOf(r)
	it, err := h.svc.ImportPreview(r.Context(), u, r.PathValue("token"))
	if err != nil || it.Result == nil {
		h.errorPage(w, r, http.StatusNotFound, tr(lang, "reportui.import.result_gone"))
		return
	}
	res := it.Result
	res.Localize(lang)
	d := importDone{Res: res, SHA: it.SHA, Warning: problems(lang, res.Warnings)}
	d.Groups = warnGroups(lang, d.Warning)
	if res.ImportID != 0 {
		d.List = listPath + "?import=" + strconv.FormatInt(res.ImportID, 10)
	}
	h.render(w, r, http.StatusOK, "import_done", page{Title: "reportui.done.title", Active: "reports", Data: d})
}
