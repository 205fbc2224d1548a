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
)

const queuePerPage = 25

type queueData struct {
	Rows       []queueRow
	Total      int
	More       bool // more than the list counts match (MatterQuery.CountBound); Total is then that bound
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
	// The queue is forgiving: a filter it cannot read is left out, not refused.
	lq := url.Values{"sort": {"due"}}
	switch st := casework.State(q.Get("state")); {
	case st == "all":
	case st.Valid():
		lq.Set("state", string(st))
	default:
		lq.Set("open", "1")
	}
	if k := casework.Kind(q.Get("kind")); k.Valid() {
		lq.Set("kind", string(k))
	}
	if c := casework.Channel(q.Get("channel")); c.Valid() {
		lq.Set("channel", string(c))
	}
	var ignore invalid.Errors
	d := queueData{States: casework.States, Kinds: casework.Kinds, Channels: casework.Channels,
		AmberFrac: strconv.FormatFloat(h.opt.AmberFraction, 'f', -1, 64), AmberMins: strconv.Itoa(int(h.opt.AmberWithin.Minutes()))}
	all, _, err := h.areaMap(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	inScope, err := h.svc.AreasInScope(ctx, who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, a := range inScope {
		d.Areas = append(d.Areas, areaChoice{a.ID, areaLabel(a, all)})
	}
	if id := queryID(q.Get("area"), "area", &ignore); id != nil {
		if _, ok := all[*id]; ok {
			lq.Set("area", strconv.FormatInt(*id, 10))
		}
	}
	if id := queryID(q.Get("merchant"), "merchant", &ignore); id != nil && u.Role != auth.Merchant {
		if m, err := h.svc.Merchant(ctx, who(r), *id); err == nil {
			lq.Set("merchant", strconv.FormatInt(*id, 10))
			d.Merchant = &m
		}
	}
	if v := strings.TrimSpace(q.Get("q")); v != "" {
		lq.Set("q", v)
	}
	d.Page = 1
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n < 100000 {
		d.Page = n
	}
	lf, err := h.svc.ListFilter(ctx, lq, nil)
	if err == nil {
		var ms []casework.Matter
		var total int
		ms, total, err = h.svc.Matters(ctx, who(r), lf.Page(queuePerPage, (d.Page-1)*queuePerPage))
		now := h.svc.Now()
		for _, m := range ms {
			row := queueRow{M: m, Due: h.dueOf(lang, &m, now)}
			if m.AreaID != nil {
				row.Area = all[*m.AreaID].Name
			} else {
				row.Area = m.AreaText
			}
			d.Rows = append(d.Rows, row)
		}
		d.Total, d.Pages = total, (total+queuePerPage-1)/queuePerPage
		if b := lf.CountBound(); b > 0 && total > b {
			d.Total, d.More = b, true
		}
	}
	var errs map[string]string
	if fe, ok := formErrors(lang, err); ok {
		errs = fe // a merchant's search for anything but a case number, say
	} else if err != nil {
		h.fail(w, r, err)
		return
	}
	d.PrevURL, d.NextURL = pageURL(q, d.Page-1, d.Pages), pageURL(q, d.Page+1, d.Pages)
	if d.More {
		d.Pages = 0 // how many pages is not known: the pager says the page alone
	}
	for _, k := range []string{"q", "state", "kind", "channel", "area", "merchant"} {
		d.HasFilters = d.HasFilters || q.Get(k) != ""
	}
	status := http.StatusOK
	if errs != nil {
		status = http.StatusUnprocessableEntity
	}
	h.render(w, r, status, "queue", page{Title: "web.queue.title", Active: "queue", Form: q, Errors: errs, Data: d})
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
