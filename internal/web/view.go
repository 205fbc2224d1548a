package web

import (
	"fmt"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/i18n"
)

// dueView is a matter's nearest deadline as a countdown.
type dueView struct {
	Has   bool
	At    time.Time
	Start time.Time
	Class string // ok, amber, over
	Text  string
	Kind  string
}

// dueOf works out the countdown of a matter's nearest deadline at now.
func (h *Handler) dueOf(lang string, m *casework.Matter, now time.Time) dueView {
	if m.DueAt == nil || !m.State.Open() || (m.DueKind == "on_site" && m.ArrivedAt != nil) {
		return dueView{}
	}
	d := h.countdown(lang, m.ReceivedAt, *m.DueAt, now)
	if m.DueKind != "" {
		d.Kind = dueKindLabel(lang, m.DueKind)
	}
	return d
}

// countdown is a clock running from start to due, seen at now: amber when less than the
// configured share of the time, or the configured minutes, are left; red once passed.
func (h *Handler) countdown(lang string, start, due, now time.Time) dueView {
	d := dueView{Has: true, At: due, Start: start, Class: "ok"}
	left := due.Sub(now)
	total := due.Sub(start)
	switch {
	case left <= 0:
		d.Class, d.Text = "over", tr(lang, "web.due.over", "time", duration(lang, -left))
		return d
	case left < h.opt.AmberWithin || (total > 0 && float64(left) < h.opt.AmberFraction*float64(total)):
		d.Class = "amber"
	}
	d.Text = tr(lang, "web.due.left", "time", duration(lang, left))
	return d
}

// dueKindLabel names a kind of deadline briefly: the workbench's short word when it has
// one, else the clock's own name, else "deadline".
func dueKindLabel(lang, kind string) string {
	if i18n.Has(lang, "web.due_kind."+kind) {
		return i18n.T(lang, "web.due_kind."+kind)
	}
	return trOr(lang, "deadline."+kind, "web.due_kind.other")
}

// duration says how long in days, hours and minutes, the way a person would.
func duration(lang string, d time.Duration) string {
	mins := int(d.Round(time.Minute) / time.Minute)
	if mins < 1 {
		mins = 1
	}
	days, hours, m := mins/(24*60), mins/60%24, mins%60
	u := func(key string, n int) string { return tr(lang, key, "n", n) }
	switch {
	case days > 0:
		return u("web.unit.days", days) + u("web.unit.hours", hours)
	case hours > 0:
		return u("web.unit.hours", hours) + u("web.unit.minutes", m)
	}
	return u("web.unit.minutes", m)
}

func coord(lat, lng *float64) string {
	if lat == nil || lng == nil {
		return ""
	}
	return fmt.Sprintf("%.5f, %.5f", *lat, *lng)
}
