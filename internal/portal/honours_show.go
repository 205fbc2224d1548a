package portal

import (
	"net/http"

	"weiquan/internal/service"
)

// showHonours is today's honour rolls: every title held today, by title (R-S8). No person's data.
func (h *Handler) showHonours(w http.ResponseWriter, r *http.Request) {
	roll, err := h.svc.HonourRoll(r.Context(), reqOf(r).who)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var groups []honourGroup
	for _, e := range roll {
		if len(groups) == 0 || groups[len(groups)-1].Title != e.Title {
			groups = append(groups, honourGroup{Title: e.Title})
		}
		g := &groups[len(groups)-1]
		g.Entries = append(g.Entries, e)
	}
	h.render(w, r, http.StatusOK, "honours", page{Title: "portal.nav.honours", Data: groups})
}

type honourGroup struct {
	Title   string
	Entries []service.RollEntry
}
