package web

import (
	"net/http"
	"strings"

	"weiquan/internal/audit"
	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/service"
)

type auditRow struct {
	E      audit.Entry
	At     string // Asia/Shanghai, to the second
	Reason string
}

type auditData struct {
	Rows       []auditRow
	Total      int
	Page       int
	Pages      int
	PrevURL    string
	NextURL    string
	CSV        string
	HasFilters bool
	Check      *service.AuditCheck
	CheckText  string
	Fresh      bool // the check was run just now (after the verify button)
}

// listAudit shows the audit log newest first, filtered by user, case number, action,
// record type and period, with the outcome of the last verification (R-P8).
func (h *Handler) listAudit(w http.ResponseWriter, r *http.Request) {
	ctx, u, lang := r.Context(), userOf(r), langOf(r)
	p, q := auth.As(u), r.URL.Query()
	d := auditData{Page: 1, Fresh: q.Get("verified") == "1"}
	var err error
	if d.Check, err = h.svc.LastAuditCheck(ctx, p); err != nil {
		h.fail(w, r, err)
		return
	}
	d.CheckText = auditCheckText(lang, d.Check)
	aq, err := service.ParseAuditQuery(q)
	if fe, ok := formErrors(lang, err); ok {
		h.render(w, r, http.StatusUnprocessableEntity, "admin_audit", page{Title: "audit.title", Active: "audit", Errors: fe, Form: q, Data: d})
		return
	}
	list, err := h.svc.AuditLog(ctx, p, aq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, e := range list.Items {
		d.Rows = append(d.Rows, auditRow{E: e, At: e.At.In(calendar.Shanghai).Format("2006-01-02 15:04:05"), Reason: e.Reason()})
	}
	filters := aq.Values()
	d.Total, d.Page, d.Pages = list.Total, list.Page, (list.Total+list.PerPage-1)/list.PerPage
	d.HasFilters, d.CSV = len(filters) > 0, "/admin/audit.csv?"+filters.Encode()
	if d.Page > 1 {
		d.PrevURL = "/admin/audit?" + withPage(filters, d.Page-1).Encode()
	}
	if d.Page < d.Pages {
		d.NextURL = "/admin/audit?" + withPage(filters, d.Page+1).Encode()
	}
	h.render(w, r, http.StatusOK, "admin_audit", page{Title: "audit.title", Active: "audit", Form: q, Data: d})
}

// auditCheckText says in words what the last verification found.
func auditCheckText(lang string, c *service.AuditCheck) string {
	if c == nil {
		return tr(lang, "audit.verify.never")
	}
	at := c.At.In(calendar.Shanghai).Format("2006-01-02 15:04:05")
	if !c.OK && c.Problem != nil {
		return tr(lang, "audit.verify.failed", "at", at, "actor", c.Actor, "n", c.Checked,
			"problem", tr(lang, "audit.problem."+c.Problem.Code, strArgs(c.Problem.Args())...))
	}
	s := tr(lang, "audit.verify.ok", "at", at, "actor", c.Actor, "n", c.Checked)
	if c.Warning != "" {
		s += " " + tr(lang, "audit.problem."+c.Warning)
	}
	return strings.TrimSpace(s)
}

func strArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
