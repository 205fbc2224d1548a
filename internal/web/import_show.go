package web

import (
	"net/http"
	"strings"

	"weiquan/internal/ledger"
	"weiquan/internal/service"
)

type importsData struct {
	Imports  []ledger.Import
	Required []string
	Optional []string
	MaxMB    int
	Notice   string
}

// showImports is the ledger upload page with the imports made so far.
func (h *Handler) showImports(w http.ResponseWriter, r *http.Request) {
	h.renderImports(w, r, http.StatusOK, nil, "")
}

// renderImports shows the upload page, with field errors or a notice when an upload went wrong.
func (h *Handler) renderImports(w http.ResponseWriter, r *http.Request, status int, errs map[string]string, notice string) {
	lang := langOf(r)
	list, err := h.svc.Imports(r.Context(), who(r), 100)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := importsData{Imports: list, MaxMB: service.MaxLedgerFile >> 20, Notice: notice}
	for _, f := range ledger.Fields {
		label := tr(lang, "ledger.field."+f) + " " + f
		if isRequiredField(f) {
			d.Required = append(d.Required, label)
		} else {
			d.Optional = append(d.Optional, label)
		}
	}
	h.render(w, r, status, "imports", page{Title: "reportui.import.title", Active: "reports", Errors: errs, Data: d})
}

func isRequiredField(f string) bool {
	return strings.Contains(","+strings.Join(ledger.Required, ",")+",", ","+f+",")
}
