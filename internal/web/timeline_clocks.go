package web

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"weiquan/internal/casework"
)

// clockDetails renders what the clock actions and hooks put in an event (levels, deadlines,
// reason codes, merged reports) as people read it; ok is false for other keys.
func clockDetails(lang string, ev casework.Event, k string, v any, n names) ([]detail, bool) {
	one := func(label, value string) ([]detail, bool) { return []detail{{Label: label, Value: value}}, true }
	switch k {
	case "reason_code":
		spec, ok := actionSpecs[ev.Action]
		if !ok || spec.codePrefix == "" {
			if ev.Action != casework.Escalate {
				return nil, false
			}
			spec.codePrefix = "escalate_reason."
		}
		return one(tr(lang, "field.reason_code"), trOr(lang, spec.codePrefix+fmt.Sprint(v), "web.detail.field"))
	case "level":
		return one(tr(lang, "field.level"), mapPair(v, func(x any) string { return trOr(lang, "level."+fmt.Sprint(x), "web.detail.field") }))
	case "station_id":
		if _, ok := v.([]any); ok {
			return one(tr(lang, "field.station_id"), mapPair(v, n.station))
		}
	case "jurisdiction":
		return one(tr(lang, "board.tl.jurisdiction"), trOr(lang, "jurisdiction."+fmt.Sprint(v), "web.detail.field"))
	case "tier":
		list, _ := v.([]any)
		parts := make([]string, 0, len(list))
		for _, x := range list {
			parts = append(parts, trOr(lang, "tier."+fmt.Sprint(x), "web.detail.field"))
		}
		return one(tr(lang, "board.tl.tier"), strings.Join(parts, tr(lang, "board.tl.and")))
	case "deadline":
		return one(tr(lang, "board.tl.deadline"), trOr(lang, "deadline."+fmt.Sprint(v), "web.due_kind.other"))
	case "deadlines":
		return deadlineChanges(lang, v), true
	case "into", "from":
		s := fmt.Sprint(v)
		return []detail{{Label: tr(lang, "board.tl."+k), Value: s, Link: "/matters/" + s}}, true
	case "new_facts":
		yes := "web.no"
		if v == true {
			yes = "web.yes"
		}
		return one(tr(lang, "field.new_facts"), tr(lang, yes))
	case "restarted_from":
		return one(tr(lang, "board.tl.restarted_from"), localStamp(v))
	}
	return nil, false
}

// deadlineChanges lists, clock by clock, what an action did to the matter's deadlines.
func deadlineChanges(lang string, v any) []detail {
	m, _ := v.(map[string]any)
	kinds := make([]string, 0, len(m))
	for k := range m {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var out []detail
	for _, k := range kinds {
		ch, _ := m[k].(map[string]any)
		status := fmt.Sprint(ch["status"])
		due, moved := ch["due_at"], false
		if p, ok := due.([]any); ok && len(p) == 2 {
			due, moved = p[1], true
		}
		var text string
		switch {
		case (status == "started" || status == "restarted") && due == nil:
			text = tr(lang, "board.tl."+status+"_nodue")
		case status == "started" || status == "restarted":
			text = tr(lang, "board.tl."+status, "due", localStamp(due))
		case moved:
			text = tr(lang, "board.tl.moved", "from", localStamp(ch["due_at"].([]any)[0]), "to", localStamp(due))
		case status == "running":
			text = tr(lang, "board.tl.resumed")
		default:
			text = trOr(lang, "deadline_status."+status, "web.detail.field")
		}
		out = append(out, detail{Label: trOr(lang, "deadline."+k, "web.due_kind.other"), Value: text})
	}
	return out
}

// localStamp shows a time an event carries as text in Asia/Shanghai, or says it cannot be counted.
func localStamp(v any) string {
	s, ok := v.(string)
	if !ok || s == "" {
		return "—"
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return dueStamp(t)
	}
	return s
}

// mapPair shows an [old, new] pair through f: "old → new", or one value.
func mapPair(v any, f func(any) string) string {
	if p, ok := v.([]any); ok && len(p) == 2 {
		from := "—"
		if p[0] != nil && p[0] != "" {
			from = f(p[0])
		}
		return from + " → " + f(p[1])
	}
	return f(v)
}
