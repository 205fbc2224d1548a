package service

import (
	"fmt"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/i18n"
	"weiquan/internal/store"
)

func payloadText(p map[string]any, key string) string {
	switch v := p[key].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// AlertMessage renders an alert for people: what happened to which matter, and when.
func AlertMessage(lang string, a store.Alert) string {
	p := a.Payload
	args := []string{"number", a.Number}
	switch a.Kind {
	case AlertReminder, AlertBreach:
		due := payloadText(p, "due_at")
		if t, err := time.Parse(time.RFC3339, due); err == nil {
			due = t.In(calendar.Shanghai).Format("2006-01-02 15:04")
		}
		args = append(args, "deadline", i18n.T(lang, "deadline."+payloadText(p, "deadline")), "due", due)
	case AlertEscalated:
		level := ""
		if lv, ok := p["level"].([]any); ok && len(lv) == 2 {
			level = i18n.T(lang, "level."+fmt.Sprint(lv[1]))
		}
		args = append(args, "level", level)
	case AlertCalendarMissing:
		args = append(args, "year", payloadText(p, "year"))
	case AlertMerchantUnreachable:
		args = append(args, "merchant", payloadText(p, "merchant"))
	case AlertOfferTermination:
		args = append(args, "rule", payloadText(p, "reason_code"), "reason", payloadText(p, "reason_"+lang))
	case AlertMessageDead:
		args = append(args, "kind", payloadText(p, "kind"), "channel", payloadText(p, "channel"), "error", payloadText(p, "error"))
	default: // the alerts of issue 11 and later name their words in the payload
		for k := range p {
			args = append(args, k, payloadText(p, k))
		}
	}
	return i18n.T(lang, "alert."+a.Kind, args...)
}
