package web

import (
	"errors"
	"io"
	"net/http"

	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// uploadAttachment keeps a file (a photo of a receipt) with the matter. The
// body is capped a little above the file limit so a huge upload is cut off early.
func (h *Handler) uploadAttachment(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), langOf(r)
	number := r.PathValue("number")
	r.Body = http.MaxBytesReader(w, r.Body, service.MaxAttachment+1<<20)
	var data []byte
	var name string
	err := httpio.ParseMultipart(r, 1<<20)
	if err == nil {
		file, hdr, ferr := r.FormFile("file")
		if ferr == nil {
			defer file.Close()
			name = hdr.Filename
			if data, err = io.ReadAll(io.LimitReader(file, service.MaxAttachment+1)); err != nil {
				err = invalid.New("file", invalid.Format)
			}
		}
	}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		err = invalid.New("file", "too_large", "max", "10 MB")
	case err == nil:
		_, err = h.svc.Attach(ctx, who(r), number, name, data, r.FormValue("note"))
	}
	if err == nil {
		http.Redirect(w, r, "/matters/"+number+"?done=attach#files", http.StatusSeeOther)
		return
	}
	if fe, ok := formErrors(lang, err); ok {
		h.renderMatter(w, r, http.StatusUnprocessableEntity, matterPage{open: "attach", errors: fe})
		return
	}
	h.fail(w, r, err)
}
