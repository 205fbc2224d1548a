package web

import (
	"slices"
	"time"

	"weiquan/internal/deadline"
)

// deadlineLine is one clock of a matter on its case page: live ones with a countdown,
// past ones with what became of them.
type deadlineLine struct {
	Label  string
	Rule   string
	Status string // the tag: running, paused, met, late, cancelled, overdue, missing
	Text   string
	DueAt  *time.Time
	Due    dueView
	Note   string
	Open   bool
}

// sortDeadlines puts live deadlines first by due time, then past ones newest first.
func sortDeadlines(rows []deadline.Row) []deadline.Row {
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b deadline.Row) int {
		switch {
		case a.Open() != b.Open():
			if a.Open() {
				return -1
			}
			return 1
		case a.Open():
			return compareDue(a.DueAt, b.DueAt)
		}
		return -a.UpdatedAt.Compare(b.UpdatedAt)
	})
	return rows
}

func (h *Handler) deadlineLine(lang string, r deadline.Row, now time.Time) deadlineLine {
	l := deadlineLine{Label: trOr(lang, "deadline."+string(r.Kind), "web.due_kind.other"), Rule: r.Rule, DueAt: r.DueAt, Open: r.Open()}
	status := func(key string) { l.Status, l.Text = key, tr(lang, "deadline_status."+key) }
	switch {
	case r.Status == deadline.Met && r.DueAt != nil && r.MetAt.After(*r.DueAt):
		l.Status, l.Text = "late", tr(lang, "board.deadline.late")
		l.Note = tr(lang, "board.deadline.met_at", "at", fmtTime(*r.MetAt))
	case r.Status == deadline.Met:
		status("met")
		l.Note = tr(lang, "board.deadline.met_at", "at", fmtTime(*r.MetAt))
	case r.Status == deadline.Cancelled:
		status("cancelled")
		if r.CancelReason != "" {
			l.Note = trOr(lang, "cancel_reason."+r.CancelReason, "deadline_status.cancelled")
		}
	case r.Status == deadline.Paused:
		status("paused")
		l.Note = tr(lang, "board.paused_since", "at", fmtTime(*r.PausedAt))
	case r.MissingYear != 0 || r.DueAt == nil:
		l.Status, l.Text = "missing", tr(lang, "board.missing_year", "year", r.MissingYear)
	default:
		status("running")
		l.Due = h.countdown(lang, r.Start, *r.DueAt, now)
		if !now.Before(*r.DueAt) {
			status("overdue")
		}
	}
	if r.BreachedAt != nil && l.Status != "overdue" {
		l.Note = joinNote(l.Note, tr(lang, "board.deadline.breached_at", "at", fmtTime(*r.BreachedAt)))
	}
	return l
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + " · " + b
}

// compareDue orders due times, those that cannot be counted last.
func compareDue(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(*b)
}
