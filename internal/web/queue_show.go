package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
)

const queuePerPage = 25

type queueData struct {
	Rows       []queueRow
	Total      int
	Page       int
	Pages      int
	PrevURL    string
	NextURL    string
	States     []casework.State
	Kinds      []casework.Kind
	Channels   []casework.Channel
	Areas      []areaChoice
	Merchant   *merchant.Merchant
	AmberFrac  string
	AmberMins  string
	HasFilters bool
}

type queueRow struct {
	M    casework.Matter
	Due  dueView
	Area string
}

// showQueue lists the matters of the user's station or area and below (R-P4),
// nearest deadline first, with filters, a search box and pages.
func (h *Handler) showQueue(w http.ResponseWriter, r *http.Request) {
	ctx, u, lang := r.Context(), userOf(r), langOf(r)
	q := r.URL.Query()
	sc, err := h.svc.Scope(ctx, u)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := store.MatterFilter{Scope: sc, ByDue: true, Limit: queuePerPage, Q: strings.TrimSpace(q.Get("q"))}
	switch st := casework.State(q.Get("state")); {
	case st == "all":
	case st.Valid():
		f.States = []casework.State{st}
	default:
		f.OpenOnly = true
	}
	if k := casework.Kind(q.Get("kind")); k.Valid() {
		f.Kind = k
	}
	if c := casework.Channel(q.Get("channel")); c.Valid() {
		f.Channel = c
	}
	var ignore invalid.Errors
	d := queueData{States: casework.States, Kinds: casework.Kinds, Channels: casework.Channels,
		AmberFrac: strconv.FormatFloat(h.opt.AmberFraction, 'f', -1, 64), AmberMins: strconv.Itoa(int(h.opt.AmberWithin.Minutes()))}
	all, areas, err := h.areaMap(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if u.Role != auth.Merchant {
		for _, a := range areas {
			if sc.All || (sc.PathLo != "" && a.Path >= sc.PathLo && a.Path < sc.PathHi) {
				d.Areas = append(d.Areas, areaChoice{a.ID, areaLabel(a, all)})
			}
		}
	}
	if id := queryID(q.Get("area"), "area", &ignore); id != nil {
		if a, ok := all[*id]; ok {
			f.AreaPath = a.Path
		}
	}
	if id := queryID(q.Get("merchant"), "merchant", &ignore); id != nil && u.Role != auth.Merchant {
		if m, err := h.svc.Store.Merchant(ctx, *id); err == nil {
			f.MerchantID, d.Merchant = id, &m
		}
	}
	d.Page = 1
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n < 100000 {
		d.Page = n
	}
	f.Offset = (d.Page - 1) * queuePerPage
	ms, total, err := h.svc.Store.Matters(ctx, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	now := h.svc.Now()
	for _, m := range ms {
		row := queueRow{M: masked(u, m, false), Due: h.dueOf(lang, &m, now)}
		if m.AreaID != nil {
			row.Area = all[*m.AreaID].Name
		} else {
			row.Area = m.AreaText
		}
		d.Rows = append(d.Rows, row)
	}
	d.Total, d.Pages = total, (total+queuePerPage-1)/queuePerPage
	d.PrevURL, d.NextURL = pageURL(q, d.Page-1, d.Pages), pageURL(q, d.Page+1, d.Pages)
	for _, k := range []string{"q", "state", "kind", "channel", "area", "merchant"} {
		d.HasFilters = d.HasFilters || q.Get(k) != ""
	}
	h.render(w, r, http.StatusOK, "queue", page{Title: "web.queue.title", Active: "queue", Form: q, Data: d})
}

func pageURL(q url.Values, n, pages int) string {
	if n < 1 || n > pages {
		return ""
	}
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	c.Set("page", strconv.Itoa(n))
	return "/queue?" + c.Encode()
}
