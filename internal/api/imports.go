package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"weiquan/internal/httpio"

	"weiquan/internal/auth"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/ledger"
	"weiquan/internal/service"
)

// headRoles may import ledgers: the heads of the office.
var headRoles = []auth.Role{auth.Admin, auth.Supervisor}

// importResponse is the preview or summary of an import; when the file is
// refused it also lists the failures as field errors (R-P3).
type importResponse struct {
	Errors []FieldError `json:"errors,omitempty"`
	*ledger.Result
}

// createImport checks an uploaded ledger (?dry_run=1, the default) or commits
// it (?dry_run=0). The file comes as the multipart part "file", with an
// optional part "map" holding a column mapping, or as the raw body with
// ?filename= and an optional ?map=.
func (h *Handler) createImport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	dry := q.Get("dry_run") != "0" && q.Get("dry_run") != "false"
	name, data, mapText, err := readUpload(w, r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var m ledger.Mapping
	if mapText != "" {
		if m, err = ledger.ParseMap([]byte(mapText)); err != nil {
			fail(w, r, mapError(err))
			return
		}
	}
	res, err := h.svc.Import(r.Context(), who(r), service.ImportRequest{Name: name, Data: data, Mapping: m, DryRun: dry})
	if err != nil {
		fail(w, r, err)
		return
	}
	lang := Lang(r)
	res.Localize(lang)
	resp := importResponse{Result: res}
	status := http.StatusOK
	if !res.OK() && !dry {
		status = http.StatusUnprocessableEntity
		for _, p := range res.Failures {
			field := p.Column
			if field == "" {
				field = "file"
			}
			resp.Errors = append(resp.Errors, FieldError{Field: field, Code: p.Code, Message: p.Message})
		}
		if len(resp.Errors) == 0 {
			resp.Errors = []FieldError{{Field: "file", Code: "failed_rows", Message: i18n.T(lang, "err.import_refused", "rows", strconv.Itoa(res.FailedRows))}}
		}
	}
	writeJSON(w, status, resp)
}

func mapError(err error) error {
	var me *ledger.MapError
	if errors.As(err, &me) {
		return invalid.New("map", me.Code, "line", strconv.Itoa(me.Line), "detail", me.Detail)
	}
	return invalid.New("map", invalid.Format)
}

// readUpload reads the ledger of a request, at most service.MaxLedgerFile bytes.
func readUpload(w http.ResponseWriter, r *http.Request) (name string, data []byte, mapText string, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, service.MaxLedgerFile+1<<20)
	tooLarge := &httpio.BodyError{Status: http.StatusRequestEntityTooLarge, Field: "file", Code: "too_large", Key: "err.file_too_large", Args: []string{"max", "64 MB"}}
	read := func(rd io.Reader) ([]byte, error) {
		b, err := io.ReadAll(io.LimitReader(rd, service.MaxLedgerFile+1))
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) || len(b) > service.MaxLedgerFile {
			return nil, tooLarge
		}
		return b, err
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		name, mapText = r.URL.Query().Get("filename"), r.URL.Query().Get("map")
		if name == "" {
			return "", nil, "", invalid.New("filename", invalid.Required)
		}
		data, err = read(r.Body)
		return name, data, mapText, err
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, "", httpio.ErrMultipart
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", nil, "", tooLarge
		}
		if err != nil {
			return "", nil, "", httpio.ErrMultipart
		}
		switch part.FormName() {
		case "file":
			name = part.FileName()
			if data, err = read(part); err != nil {
				return "", nil, "", err
			}
		case "map":
			b, err := read(part)
			if err != nil {
				return "", nil, "", err
			}
			mapText = string(b)
		}
	}
	if data == nil {
		return "", nil, "", invalid.New("file", invalid.Required)
	}
	if name == "" {
		name = r.URL.Query().Get("filename")
	}
	var errs invalid.Errors
	errs.Text("file", name)
	errs.Text("map", mapText)
	if err := errs.Err(); err != nil {
		return "", nil, "", err
	}
	return name, data, mapText, nil
}

func (h *Handler) listImports(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Imports(r.Context(), who(r), 100)
	if err != nil {
		fail(w, r, err)
		return
	}
	for i := range list {
		list[i].At = local(list[i].At)
	}
	if list == nil {
		list = []ledger.Import{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
}
