package portal

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/calendar"
	"weiquan/internal/service"
)

type drawData struct {
	D          service.Draw
	Merchants  map[int64]string
	Inspectors map[int64]string
	Excluded   int // merchants left out for a recent inspection
	DrawnAt    string
	Rows       []drawRow
}

type drawRow struct {
	N          int
	ID         int64
	Merchant   string
	Inspectors string
}

func (h *Handler) drawOf(w http.ResponseWriter, r *http.Request) (service.Draw, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.notFound(w, r)
		return service.Draw{}, false
	}
	d, err := h.svc.Draw(r.Context(), reqOf(r).who, id)
	if err != nil {
		h.fail(w, r, err)
		return d, false
	}
	return d, true
}

// showDraw shows one draw as published: its seed and commitment, its inputs, its result, and
// how anyone re-runs it.
func (h *Handler) showDraw(w http.ResponseWriter, r *http.Request) {
	d, ok := h.drawOf(w, r)
	if !ok {
		return
	}
	dd := drawData{D: d, Merchants: map[int64]string{}, Inspectors: map[int64]string{}}
	for _, c := range d.Pool {
		dd.Merchants[c.ID] = c.Name
	}
	for _, i := range d.Inspectors {
		dd.Inspectors[i.ID] = i.Name
	}
	dd.Excluded = len(d.Pool) - eligible(d)
	if d.DrawnAt != nil {
		dd.DrawnAt = d.DrawnAt.In(calendar.Shanghai).Format("2006-01-02 15:04")
	}
	for i, p := range d.Result {
		var names []string
		for _, n := range p.Inspectors {
			names = append(names, dd.Inspectors[n])
		}
		dd.Rows = append(dd.Rows, drawRow{N: i + 1, ID: p.Merchant, Merchant: dd.Merchants[p.Merchant], Inspectors: strings.Join(names, "、")})
	}
	h.render(w, r, http.StatusOK, "draw", page{Title: "draw.public.title", Data: dd})
}
