package web

import (
	"net/http"

	"weiquan/internal/notify"
	"weiquan/internal/service"
)

type templatesData struct {
	List                    []service.TemplateView
	Kind, Lang              string
	Preview                 bool
	PreviewSubj, PreviewTxt string
}

// showTemplates lists the wording of every message in both languages, the one picked in the form.
func (h *Handler) showTemplates(w http.ResponseWriter, r *http.Request) {
	h.renderTemplates(w, r, http.StatusOK, templatesData{Kind: r.URL.Query().Get("kind"), Lang: r.URL.Query().Get("lang")}, nil)
}

func (h *Handler) renderTemplates(w http.ResponseWriter, r *http.Request, status int, d templatesData, errs map[string]string) {
	list, err := h.svc.MessageTemplates(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.List = list
	form := r.PostForm
	if form == nil || form.Get("kind") == "" {
		form = map[string][]string{}
		for _, t := range list {
			if (d.Kind == "" && d.Lang == "") || (t.Kind == d.Kind && t.Lang == d.Lang) {
				form["kind"], form["lang"], form["subject"], form["template_body"] = []string{t.Kind}, []string{t.Lang}, []string{t.Subject}, []string{t.Body}
				break
			}
		}
	}
	flash := ""
	if r.URL.Query().Get("saved") != "" {
		flash = tr(langOf(r), "portal.templates.saved")
	}
	h.render(w, r, status, "admin_templates", page{Title: "portal.templates.title", Active: "templates", Form: form, Errors: errs, Data: d, Flash: flash})
}

// saveTemplate previews a wording, or keeps it.
func (h *Handler) saveTemplate(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	t := notify.Template{Kind: f.Get("kind"), Lang: f.Get("lang"), Subject: f.Get("subject"), Body: f.Get("template_body")}
	d := templatesData{Kind: t.Kind, Lang: t.Lang}
	if f.Get("preview") != "" {
		subj, body, err := h.svc.PreviewTemplate(r.Context(), who(r), t)
		if fe, ok := formErrors(langOf(r), err); ok {
			h.renderTemplates(w, r, http.StatusUnprocessableEntity, d, fe)
			return
		} else if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Preview, d.PreviewSubj, d.PreviewTxt = true, subj, body
		h.renderTemplates(w, r, http.StatusOK, d, nil)
		return
	}
	if err := h.svc.SaveMessageTemplate(r.Context(), who(r), t); err != nil {
		if fe, ok := formErrors(langOf(r), err); ok {
			h.renderTemplates(w, r, http.StatusUnprocessableEntity, d, fe)
			return
		}
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/templates?saved=1&kind="+t.Kind+"&lang="+t.Lang, http.StatusSeeOther)
}
