package service

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"weiquan/internal/audit"
	"weiquan/internal/auth"
	"weiquan/internal/store"
)

// VerifyAudit walks the whole log with this instance's key and compares its end
// with the head file (R-P8). What is wrong is in the report, not the error; the
// error is a failure to read. It writes nothing.
func (s *Service) VerifyAudit(ctx context.Context) (audit.Report, error) {
	c := s.audit
	check := audit.Check{Key: c.key, KeepHead: c.headPath != ""}
	if c.headPath != "" {
		h, err := readHead(c.headPath)
		if err != nil {
			return audit.Report{Problem: &audit.Problem{Code: audit.HeadInvalid}}, nil
		}
		check.Head = h
	}
	r, err := s.store.VerifyAudit(ctx, check)
	var p *audit.Problem
	if errors.As(err, &p) {
		err = nil
	}
	return r, err
}

// VerifyAuditUnheaded checks the chain and its seals without the head, before a
// reset of the head: a reset must not paper over a chain that is itself broken.
func (s *Service) VerifyAuditUnheaded(ctx context.Context) (audit.Report, error) {
	r, err := s.store.VerifyAudit(ctx, audit.Check{Key: s.audit.key})
	var p *audit.Problem
	if errors.As(err, &p) {
		err = nil
	}
	return r, err
}

// AuditCheck is one verification run from the workbench, as the log records it.
type AuditCheck struct {
	At      time.Time      `json:"at"`
	Actor   string         `json:"actor"`
	OK      bool           `json:"ok"`
	Checked int64          `json:"checked"`
	Problem *audit.Problem `json:"problem,omitempty"`
	Warning string         `json:"warning,omitempty"`
}

// CheckAudit verifies the log for an admin and enters the outcome in the log, so
// the audit page shows when it was last checked and by whom.
func (s *Service) CheckAudit(ctx context.Context, p auth.Principal) (AuditCheck, error) {
	if p.Role() != auth.Admin {
		return AuditCheck{}, ErrForbidden
	}
	r, err := s.VerifyAudit(ctx)
	if err != nil {
		return AuditCheck{}, err
	}
	out := AuditCheck{At: s.now(), Actor: p.Name(), OK: r.OK(), Checked: r.Checked, Problem: r.Problem, Warning: r.Warning}
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		return s.record(WithUser(ctx, p.User), tx, "verify", "audit", "",
			map[string]any{"ok": out.OK, "checked": out.Checked, "problem": out.Problem, "warning": out.Warning})
	})
	return out, err
}

// LastAuditCheck is the newest verification run from the workbench, or nil.
func (s *Service) LastAuditCheck(ctx context.Context, p auth.Principal) (*AuditCheck, error) {
	if p.Role() != auth.Admin {
		return nil, ErrForbidden
	}
	list, _, err := s.store.AuditEntries(ctx, store.AuditFilter{Action: "verify", Entity: "audit", Limit: 1})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	e := list[0]
	var d struct {
		OK      bool           `json:"ok"`
		Checked int64          `json:"checked"`
		Problem *audit.Problem `json:"problem"`
		Warning string         `json:"warning"`
	}
	if err := json.Unmarshal([]byte(e.Data), &d); err != nil {
		return nil, nil
	}
	return &AuditCheck{At: e.At, Actor: e.ActorName, OK: d.OK, Checked: d.Checked, Problem: d.Problem, Warning: d.Warning}, nil
}
