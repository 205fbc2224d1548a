package service

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"weiquan/internal/audit"
	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// AuditQuery is what the audit page and GET /api/v1/audit filter by; every
// condition combines with AND. The period is of dates in Asia/Shanghai, inclusive.
type AuditQuery struct {
	Actor   string        `json:"actor,omitempty"`  // user name
	Number  string        `json:"number,omitempty"` // case number (or another entry's ref)
	Action  string        `json:"action,omitempty"`
	Entity  string        `json:"entity,omitempty"`
	From    calendar.Date `json:"from,omitzero"`
	To      calendar.Date `json:"to,omitzero"`
	Page    int           `json:"-"`
	PerPage int           `json:"-"`
}

// auditTextMax bounds every text filter.
const auditTextMax = 100

// ParseAuditQuery reads the filters from a query string: unknown dates, a period
// that ends before it starts, or a page out of range are field errors (422).
func ParseAuditQuery(q url.Values) (AuditQuery, error) {
	var errs invalid.Errors
	out := AuditQuery{}
	text := func(name string) string {
		v := strings.TrimSpace(q.Get(name))
		errs.MaxLen(name, v, auditTextMax)
		return v
	}
	out.Actor, out.Number, out.Action, out.Entity = text("actor"), text("number"), text("action"), text("entity")
	date := func(name string) calendar.Date {
		v := strings.TrimSpace(q.Get(name))
		if v == "" {
			return calendar.Date{}
		}
		d, err := calendar.ParseDate(v)
		if err != nil {
			errs.Add(name, invalid.Format)
		}
		return d
	}
	out.From, out.To = date("from"), date("to")
	if !out.From.IsZero() && !out.To.IsZero() && out.To.Before(out.From) {
		errs.Add("to", invalid.Conflict)
	}
	num := func(name string, def, hi int) int {
		v := strings.TrimSpace(q.Get(name))
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > hi {
			errs.Add(name, invalid.Format)
			return def
		}
		return n
	}
	out.Page, out.PerPage = num("page", 1, 1_000_000), num("per_page", 50, 200)
	return out, errs.Err()
}

// Values is the query as a query string, for links to other pages and exports.
func (q AuditQuery) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("actor", q.Actor)
	set("number", q.Number)
	set("action", q.Action)
	set("entity", q.Entity)
	if !q.From.IsZero() {
		v.Set("from", q.From.String())
	}
	if !q.To.IsZero() {
		v.Set("to", q.To.String())
	}
	return v
}

func (q AuditQuery) filter() store.AuditFilter {
	f := store.AuditFilter{Actor: q.Actor, Ref: q.Number, Action: q.Action, Entity: q.Entity}
	if !q.From.IsZero() {
		t := q.From.Start()
		f.From = &t
	}
	if !q.To.IsZero() {
		t := q.To.AddDays(1).Start()
		f.Before = &t
	}
	if q.PerPage > 0 {
		f.Limit, f.Offset = q.PerPage, (max(q.Page, 1)-1)*q.PerPage
	}
	return f
}

// AuditPage is one page of the log, newest first.
type AuditPage struct {
	Items   []audit.Entry `json:"items"`
	Total   int           `json:"total"`
	Page    int           `json:"page"`
	PerPage int           `json:"per_page"`
}

// AuditLog lists the log for an admin: who read or changed whose data, when and
// why — the first question of a personal-information inquiry (R-P8).
func (s *Service) AuditLog(ctx context.Context, p auth.Principal, q AuditQuery) (AuditPage, error) {
	if p.Role() != auth.Admin {
		return AuditPage{}, ErrForbidden
	}
	if q.PerPage <= 0 {
		q.Page, q.PerPage = 1, 50
	}
	items, total, err := s.store.AuditEntries(ctx, q.filter())
	return AuditPage{Items: items, Total: total, Page: max(q.Page, 1), PerPage: q.PerPage}, err
}

// PrepareAuditExport checks that p may export the log and enters the export in
// it, before the first byte is written, so a refusal is still a clean answer.
func (s *Service) PrepareAuditExport(ctx context.Context, p auth.Principal, q AuditQuery) error {
	if p.Role() != auth.Admin {
		return ErrForbidden
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		return s.record(WithUser(ctx, p.User), tx, "export", "audit", "", q)
	})
}

// ExportAudit calls fn for every entry the query matches, newest first, without
// holding the list; the page size is ignored.
func (s *Service) ExportAudit(ctx context.Context, p auth.Principal, q AuditQuery, fn func(*audit.Entry) error) error {
	if p.Role() != auth.Admin {
		return ErrForbidden
	}
	return s.store.EachAuditEntry(ctx, q.filter(), fn)
}
