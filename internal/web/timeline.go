package web

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/money"
)

// eventView is one timeline entry as people read it: translated action and
// states, who, when in Asia/Shanghai (R-P7), the note and what the action carried.
type eventView struct {
	At      time.Time
	Actor   string
	Action  casework.Action
	Label   string
	From    string
	To      string
	Note    string
	Details []detail
}

type detail struct {
	Label, Value, Link string
}

// names resolves ids that events carry to what people call them.
type names struct {
	stations map[int64]string
	users    map[int64]string
}

// A merchant sees what happened and when, but not who in the office did it,
// nor internal notes and data.
func (h *Handler) viewEvents(lang string, m *casework.Matter, evs []casework.Event, n names, merchant bool) []eventView {
	out := make([]eventView, 0, len(evs))
	for _, ev := range evs {
		v := eventView{At: ev.At, Actor: ev.ActorName, Action: ev.Action, Note: ev.Note,
			Label: trOr(lang, "action."+string(ev.Action), "web.action.generic")}
		if !i18n.Has(lang, "action."+string(ev.Action)) {
			v.Label = string(ev.Action)
		}
		if ev.From != "" && ev.To != "" && ev.From != ev.To {
			v.From, v.To = tr(lang, "state."+string(ev.From)), tr(lang, "state."+string(ev.To))
		} else if ev.From == "" && ev.To != "" {
			v.To = tr(lang, "state."+string(ev.To))
		}
		if merchant {
			v.Actor, v.Note = tr(lang, "web.matter.office"), ""
			out = append(out, v)
			continue
		}
		v.Details = eventDetails(lang, m, ev, n)
		out = append(out, v)
	}
	return out
}

func eventDetails(lang string, m *casework.Matter, ev casework.Event, n names) []detail {
	d := ev.Data
	if len(d) == 0 {
		return nil
	}
	var out []detail
	add := func(label, value string) { out = append(out, detail{Label: label, Value: value}) }
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := d[k]
		if more, ok := clockDetails(lang, ev, k, v, n); ok {
			out = append(out, more...)
			continue
		}
		switch k {
		case "reason", "lng", "name", "size", "content_type":
			// shown with reason_code, lat and attachment_id
		case "reason_code":
			code := fmt.Sprint(v)
			text := fmt.Sprint(d["reason"])
			list := casework.RejectReasons(m.RuleSet)
			if ev.Action == casework.Terminate {
				list = casework.TerminateReasons(m.RuleSet)
			}
			if r, ok := casework.FindReason(list, code); ok {
				text = r.Text(lang)
			}
			add(tr(lang, "field.reason_code"), code+" "+text)
		case "recovered_amount":
			if f, err := money.Parse(fmt.Sprint(v)); err == nil {
				add(tr(lang, "field.recovered_amount"), yuan(f))
			}
		case "station_id":
			add(tr(lang, "field.station_id"), n.station(v))
		case "assignee_id":
			add(tr(lang, "field.assignee_id"), n.user(v))
		case "lat":
			add(tr(lang, "web.detail.position"), fmt.Sprintf("%v, %v", v, d["lng"]))
		case "on_site_kept":
			key := "web.detail.kept_no"
			if v == true {
				key = "web.detail.kept_yes"
			}
			add(tr(lang, "web.detail.on_site"), tr(lang, key))
		case "minutes":
			add(tr(lang, "web.detail.minutes"), tr(lang, "web.unit.minutes", "n", fmt.Sprint(v)))
		case "platform_no":
			add(tr(lang, "field.platform_no"), pair(v))
		case "changes":
			ch, _ := v.(map[string]any)
			fields := make([]string, 0, len(ch))
			for f := range ch {
				fields = append(fields, f)
			}
			sort.Strings(fields)
			for _, f := range fields {
				add(trOr(lang, "field."+f, "web.detail.field"), pair(ch[f]))
			}
		case "attachment_id":
			out = append(out, detail{Label: tr(lang, "web.detail.file"), Value: fmt.Sprint(d["name"]),
				Link: fmt.Sprintf("/matters/%s/attachments/%v", m.Number, v)})
		case "linked_number":
			out = append(out, detail{Label: tr(lang, "web.detail.linked"), Value: fmt.Sprint(v), Link: "/matters/" + fmt.Sprint(v)})
		case "channel", "kind":
			add(tr(lang, "field."+k), tr(lang, k+"."+fmt.Sprint(v)))
		case "rule_set":
			add(tr(lang, "web.detail.rule_set"), trOr(lang, "web.rule_set."+fmt.Sprint(v), "web.detail.field"))
		default:
			add(trOr(lang, "field."+k, "web.detail.field"), plain(v))
		}
	}
	return out
}

func (n names) station(v any) string {
	if id, ok := asID(v); ok {
		if s, ok := n.stations[id]; ok {
			return s
		}
	}
	return plain(v)
}

func (n names) user(v any) string {
	if id, ok := asID(v); ok {
		if s, ok := n.users[id]; ok {
			return s
		}
	}
	return plain(v)
}

func asID(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		id, err := x.Int64()
		return id, err == nil
	case int64:
		return x, true
	case float64:
		return int64(x), true
	}
	return 0, false
}

// pair shows an [old, new] change as old → new.
func pair(v any) string {
	if p, ok := v.([]any); ok && len(p) == 2 {
		return plain(p[0]) + " → " + plain(p[1])
	}
	return plain(v)
}

func plain(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		if x == "" {
			return "—"
		}
		return x
	case map[string]any, []any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}
