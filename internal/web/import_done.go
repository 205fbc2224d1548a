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
	it, ok := h.uploads.get(u.ID, r.PathValue("token"))
	if !ok || it.result == nil {
		h.errorPage(w, r, http.StatusNotFound, tr(lang, "reportui.import.result_gone"))
		return
	}
	res := *it.result
	res.Warnings = append([]ledger.Problem(nil), it.result.Warnings...)
	res.Localize(lang)
	d := importDone{Res: &res, SHA: it.sha, Warning: problems(lang, res.Warnings)}
	d.Groups = warnGroups(lang, d.Warning)
	if res.ImportID != 0 {
		d.List = listPath + "?import=" + strconv.FormatInt(res.ImportID, 10)
	}
	h.render(w, r, http.StatusOK, "import_done", page{Title: "reportui.done.title", Active: "reports", Data: d})
}
