package api

import (
	"net/http"

	"weiquan/internal/fault"
	"weiquan/internal/notify"
)

// TemplateView is a message's wording in one language as in force: the admin's own
// (custom), or the default.
type TemplateView struct {
	Kind    string `json:"kind"`
	Lang    string `json:"lang"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
	Custom  bool   `json:"custom"`
}

// TemplateInput is a wording for one kind and language: text/template with the documented fields.
type TemplateInput struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// TemplatePreview is a wording filled with sample values.
type TemplatePreview struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// listTemplates lists every message kind in both languages, as /admin/templates does.
func (h *Handler) listTemplates(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.MessageTemplates(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	out := []TemplateView{}
	for _, t := range list {
		out = append(out, TemplateView{Kind: t.Kind, Lang: t.Lang, Subject: t.Subject, Body: t.Body, Custom: t.Custom})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

// templateFrom reads the path's kind and language and the body's wording.
func templateFrom(w http.ResponseWriter, r *http.Request) (notify.Template, error) {
	var in TemplateInput
	if err := decode(w, r, &in); err != nil {
		return notify.Template{}, err
	}
	return notify.Template{Kind: r.PathValue("kind"), Lang: r.PathValue("lang"), Subject: in.Subject, Body: in.Body}, nil
}

// wording names the template's text as this API's body does (the rules and the form call it
// template_body, whose label says what it is).
var wording = map[string]string{"template_body": "body"}

// putTemplate keeps an admin's wording; messages made from then on use it.
func (h *Handler) putTemplate(w http.ResponseWriter, r *http.Request) {
	t, err := templateFrom(w, r)
	if err == nil {
		err = h.svc.SaveMessageTemplate(r.Context(), who(r), t)
	}
	if err != nil {
		failAs(w, r, err, wording)
		return
	}
	list, err := h.svc.MessageTemplates(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	for _, x := range list {
		if x.Kind == t.Kind && x.Lang == t.Lang {
			writeJSON(w, http.StatusOK, TemplateView{Kind: x.Kind, Lang: x.Lang, Subject: x.Subject, Body: x.Body, Custom: x.Custom})
			return
		}
	}
	fail(w, r, fault.ErrNotFound)
}

// previewTemplate fills a wording with sample values without keeping it.
func (h *Handler) previewTemplate(w http.ResponseWriter, r *http.Request) {
	t, err := templateFrom(w, r)
	var p TemplatePreview
	if err == nil {
		p.Subject, p.Body, err = h.svc.PreviewTemplate(r.Context(), who(r), t)
	}
	if err != nil {
		failAs(w, r, err, wording)
		return
	}
	writeJSON(w, http.StatusOK, p)
}
