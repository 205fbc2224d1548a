package report

import (
	"strconv"
	"strings"

	"weiquan/internal/dispatch"
)

// areaFold sums groups into the lines of by_area.
type areaFold struct {
	frame  AreaFrame
	counts map[string]int64
}

func newAreaFold(f AreaFrame) *areaFold { return &areaFold{frame: f, counts: map[string]int64{}} }

func areaKey(id int64) string { return "area:" + strconv.FormatInt(id, 10) }

func (a *areaFold) add(path string, n int64) {
	if path == "" {
		a.counts["unplaced"] += n
		return
	}
	for _, c := range a.frame.Children {
		if strings.HasPrefix(path, c.Path) {
			a.counts[areaKey(c.ID)] += n
			return
		}
	}
	if a.frame.Base != nil && strings.HasPrefix(path, a.frame.Base.Path) {
		a.counts["self"] += n
		return
	}
	a.counts["other"] += n // outside the frame: only when the scope and the frame disagree
}

func (a *areaFold) lines() []AreaCount {
	out := []AreaCount{}
	if b := a.frame.Base; b != nil {
		id := b.ID
		out = append(out, AreaCount{Key: "self", AreaID: &id, Name: b.Name, Count: a.counts["self"]})
	}
	for _, c := range a.frame.Children {
		id := c.ID
		out = append(out, AreaCount{Key: areaKey(c.ID), AreaID: &id, Name: c.Name, Count: a.counts[areaKey(c.ID)]})
	}
	if a.frame.Unplaced {
		out = append(out, AreaCount{Key: "unplaced", Name: "", Count: a.counts["unplaced"]})
	}
	if n := a.counts["other"]; n > 0 {
		out = append(out, AreaCount{Key: "other", Count: n})
	}
	return out
}

// Frame works out the area split of a report: the chosen area, else the
// viewer's own area (basePath, "" for the whole office), and its children.
func Frame(areas []dispatch.Area, chosen *int64, basePath string, unplaced bool) AreaFrame {
	var f AreaFrame
	var base *dispatch.Area
	for i := range areas {
		a := &areas[i]
		if (chosen != nil && a.ID == *chosen) || (chosen == nil && basePath != "" && a.Path == basePath) {
			base = a
		}
	}
	if chosen == nil && basePath == "" {
		var roots []dispatch.Area
		for _, a := range areas {
			if a.ParentID == nil {
				roots = append(roots, a)
			}
		}
		if len(roots) != 1 {
			return AreaFrame{Children: roots, Unplaced: true}
		}
		base = &roots[0]
	}
	if base == nil {
		return AreaFrame{Unplaced: unplaced}
	}
	b := *base
	f.Base = &b
	for _, a := range areas {
		if a.ParentID != nil && *a.ParentID == b.ID {
			f.Children = append(f.Children, a)
		}
	}
	f.Unplaced = chosen == nil && unplaced
	return f
}

// Paths lists the area paths a report counts one by one: the base and every
// area below it (every area when the frame is the whole office), and "" for
// matters with no area when the frame holds them.
func (f AreaFrame) Paths(areas []dispatch.Area) []string {
	var out []string
	for _, a := range areas {
		if f.Base == nil || strings.HasPrefix(a.Path, f.Base.Path) {
			out = append(out, a.Path)
		}
	}
	if f.Unplaced {
		out = append(out, "")
	}
	return out
}
