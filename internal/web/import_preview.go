package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"weiquan/internal/fault"
	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
	"weiquan/internal/ledger"
	"weiquan/internal/service"
)

// previewView is the preview of an uploaded ledger: what was read, how the columns
// map (a select each), every failing row and every warning, and whether it may be committed.
type previewView struct {
	Token, SHA, File string
	Res              *ledger.Result
	Columns          []columnChoice
	Fields           []fieldOption
	Checked          string // fingerprint of the mapping shown
	Failures         []problemView
	Warnings         []problemView
	Groups           []warnGroup
	CanCommit        bool
	NothingNew       bool
	Refused          bool // a commit was refused: nothing was imported
	Changed          bool // the mapping changed since the preview: look again before committing
	FileProblem      bool // the file could not be read at all
	Constants        []constantChoice
	Values           []valueChoice // value mappings in force
	Unknown          []ledger.Unknown
	Guesses          []ledger.Guess
	DateOrder        string // as the form sends it: "" finds it in the file
	Orders           []string
}

type problemView struct {
	Row            int
	Column, Header string
	Message        string
	Effect         string
	Count          int
	Code           string
}

// warnGroup is the warnings of one kind: one line each, under a title with their number.
type warnGroup struct {
	Code, Title string
	Rows        int
	Items       []problemView
}

// warnGroups sorts warnings by kind, so sixty unknown merchants read as one line that opens.
func warnGroups(lang string, ws []problemView) []warnGroup {
	var out []warnGroup
	at := map[string]int{}
	for _, w := range ws {
		i, ok := at[w.Code]
		if !ok {
			i = len(out)
			at[w.Code] = i
			out = append(out, warnGroup{Code: w.Code, Title: trOr(lang, "reportui.warn."+w.Code, "reportui.warn.other")})
		}
		out[i].Items = append(out[i].Items, w)
		out[i].Rows += max(w.Count, 1)
	}
	return out
}

// previewImport checks an uploaded ledger without writing anything, or checks the
// waiting one again under the mapping the selects give.
func (h *Handler) previewImport(w http.ResponseWriter, r *http.Request) {
	u, lang := userOf(r), langOf(r)
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "multipart/form-data" {
		name, data, err := readLedger(w, r)
		if fe, ok := formErrors(lang, err); ok {
			h.renderImports(w, r, http.StatusUnprocessableEntity, fe, "")
			return
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		tok, _, err := h.svc.StashImport(r.Context(), u, name, data)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.renderPreview(w, r, tok, ledger.Mapping{}, nil, nil, previewView{})
		return
	}
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest)
		return
	}
	tok := r.PostForm.Get("token")
	if _, ok := h.waiting(w, r, tok); !ok {
		return
	}
	m, cols, errs := postedMapping(r, lang)
	h.renderPreview(w, r, tok, m, cols, errs, previewView{})
}

// renderPreview runs the check on the waiting file under mapping m and shows it;
// cols are the selects as posted (nil: as the file's headers map).
func (h *Handler) renderPreview(w http.ResponseWriter, r *http.Request, tok string, m ledger.Mapping, cols []columnChoice, errs invalid.Errors, v previewView) {
	ctx, lang := r.Context(), langOf(r)
	it, ok := h.waiting(w, r, tok)
	if !ok {
		return
	}
	res, err := h.svc.Import(ctx, who(r), service.ImportRequest{Name: it.Name, Data: it.Data, Mapping: m, DryRun: true})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res.Localize(lang)
	v.Token, v.SHA, v.File, v.Res = tok, it.SHA, it.Name, res
	if cols == nil {
		cols = choicesOf(res)
	}
	v.Columns, v.Fields = withAuto(cols), fieldOptions(lang)
	for i, c := range v.Columns {
		for j, g := range res.Guesses {
			if g.Header == c.Header && c.Field == "" {
				v.Columns[i].Guess = &res.Guesses[j]
			}
		}
	}
	v.Checked = fingerprint(v.Columns, m)
	v.Constants, v.Values, v.Unknown, v.Guesses = constantChoices(lang, res, m), mappedValues(m), res.Unknown, res.Guesses
	v.DateOrder, v.Orders = m.DateOrder, ledger.DateOrders
	v.Failures, v.Warnings = problems(lang, res.Failures), problems(lang, res.Warnings)
	v.Groups = warnGroups(lang, v.Warnings)
	v.FileProblem = len(res.Columns) == 0 && !res.OK()
	v.NothingNew = res.OK() && res.New == 0
	v.CanCommit = res.OK() && res.New > 0 && len(errs) == 0 && !v.Refused
	status := http.StatusOK
	if v.Refused || v.Changed || len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	fe, _ := formErrors(lang, errs.Err())
	h.render(w, r, status, "import_preview", page{Title: "reportui.preview.title", Active: "reports", Errors: fe, Data: v})
}

func problems(lang string, ps []ledger.Problem) []problemView {
	out := make([]problemView, len(ps))
	for i, p := range ps {
		col := ""
		if p.Column != "" {
			col = tr(lang, "ledger.field."+p.Column)
		}
		out[i] = problemView{Row: p.Row, Column: col, Header: p.Header, Message: p.Message, Effect: p.Effect, Count: p.Count, Code: p.Code}
	}
	return out
}

// readLedger reads the uploaded file into memory, at most service.MaxLedgerFile bytes; nothing
// of it is written to disk.
func readLedger(w http.ResponseWriter, r *http.Request) (string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, service.MaxLedgerFile+1<<20)
	tooLarge := invalid.New("ledger_file", "file_too_large", "max", strconv.Itoa(service.MaxLedgerFile>>20)+" MB")
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, httpio.ErrMultipart
	}
	for {
		part, err := mr.NextPart()
		var mbe *http.MaxBytesError
		switch {
		case errors.Is(err, io.EOF):
			return "", nil, invalid.New("ledger_file", invalid.Required)
		case errors.As(err, &mbe):
			return "", nil, tooLarge
		case err != nil:
			return "", nil, httpio.ErrMultipart
		}
		if part.FormName() != "ledger_file" {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, service.MaxLedgerFile+1))
		if errors.As(err, &mbe) || len(data) > service.MaxLedgerFile {
			return "", nil, tooLarge
		}
		if err != nil {
			return "", nil, invalid.New("ledger_file", invalid.Format)
		}
		if part.FileName() == "" {
			return "", nil, invalid.New("ledger_file", invalid.Required)
		}
		if code := invalid.TextCode(part.FileName(), false); code != "" {
			return "", nil, invalid.New("ledger_file", code)
		}
		return part.FileName(), data, nil
	}
}

// waiting returns the uploaded file a token holds; when it is gone (expired, committed,
// someone else's) it shows the upload page again and reports false.
func (h *Handler) waiting(w http.ResponseWriter, r *http.Request, tok string) (service.Preview, bool) {
	it, err := h.svc.ImportPreview(r.Context(), userOf(r), tok)
	if errors.Is(err, fault.ErrNotFound) || (err == nil && it.Data == nil) {
		h.renderImports(w, r, http.StatusGone, nil, tr(langOf(r), "reportui.import.expired"))
		return it, false
	}
	if err != nil {
		h.fail(w, r, err)
		return it, false
	}
	return it, true
}
