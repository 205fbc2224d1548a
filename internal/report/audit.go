package report

import (
	"weiquan/internal/audit"
	"weiquan/internal/calendar"
	"weiquan/internal/i18n"
)

var auditColumns = []string{"id", "at", "actor", "actor_id", "action", "entity", "ref", "reason", "data", "keyed", "hash"}

// AuditTable is the audit log as an export (R-P8): each entry with its time in
// Asia/Shanghai to the second, who, what, on which record, why, and its seal.
func AuditTable(lang string, rows func(emit func(*audit.Entry) error) error) Table {
	header := make([]string, len(auditColumns))
	for i, c := range auditColumns {
		header[i] = i18n.T(lang, "audit.col."+c)
	}
	return Table{Name: i18n.T(lang, "audit.title"), Header: header, Widths: []float64{8, 20, 14, 8, 14, 12, 18, 30, 60, 6, 66},
		Rows: func(emit func([]any) error) error {
			return rows(func(e *audit.Entry) error {
				keyed := "0"
				if e.Keyed {
					keyed = "1"
				}
				return emit([]any{e.ID, e.At.In(calendar.Shanghai).Format("2006-01-02 15:04:05"), e.ActorName, e.ActorID,
					e.Action, e.Entity, e.Ref, e.Reason(), e.Data, keyed, e.Hash})
			})
		}}
}
