package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"weiquan/internal/hotline"
	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
)

// saveHotlineMapping stores how the 12345 exchange's messages are fitted to the city's
// format (docs/HOTLINE.md), typed as JSON in the settings page: the same document as
// PUT /api/v1/settings/hotline. A document that does not parse, or names a field the
// exchange does not have, reopens the form with what was typed and the problem named.
func (h *Handler) saveHotlineMapping(w http.ResponseWriter, r *http.Request) {
	ctx, u, lang := r.Context(), userOf(r), langOf(r)
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest)
		return
	}
	set, err := h.svc.Settings(ctx, who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var errs invalid.Errors
	var m hotline.Mapping
	text := strings.TrimSpace(r.PostForm.Get("hotline_mapping"))
	if text != "" {
		dec := json.NewDecoder(bytes.NewReader([]byte(text)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil || dec.More() {
			errs.Add("hotline_mapping", invalid.Format)
		}
	}
	h.finishSettings(w, r, set, errs, "hotline", []string{"hotline_mapping"}, func() error {
		_, err := h.svc.SaveHotlineMapping(ctx, u, m)
		if fe, ok := invalid.As(err); ok {
			// The mapping's own problems name its inner fields: say which, under the one text box.
			var msgs []string
			for _, f := range fe {
				msgs = append(msgs, f.Field+": "+httpio.FieldMessage(lang, f))
			}
			return invalid.Errors{{Field: "hotline_mapping", Code: hotline.CodeMapping, Args: map[string]string{"detail": strings.Join(msgs, "; ")}}}
		}
		return err
	})
}
