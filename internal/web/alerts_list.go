package web

import (
	"net/http"
	"net/url"
	"strconv"

	"weiquan/internal/notify"
	"weiquan/internal/service"
)

const alertsPerPage = 30

type alertsData struct {
	Rows       []alertRow
	Total      int
	More       bool // more than Total (service.MaxCounted) match; the count stopped there
	Page       int
	Pages      int // 0 when More: not known
	PrevURL    string
	NextURL    string
	OnlyUnread bool
	Back       string
}

// alertRow is one alert of the inbox, in the page's language.
type alertRow struct {
	A       notify.Alert
	Kind    string
	Message string
}

// showAlerts is the inbox of the outbox (issue 4 point 6): reminders, breaches,
// escalations and other alerts about matters in the user's scope, newest first.
func (h *Handler) showAlerts(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), langOf(r)
	q := r.URL.Query()
	d := alertsData{OnlyUnread: q.Get("unread") == "1", Page: 1, Back: r.URL.RequestURI()}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n < 100000 {
		d.Page = n
	}
	list, total, err := h.svc.Alerts(ctx, who(r), service.AlertQuery{Unread: d.OnlyUnread, Limit: alertsPerPage, Offset: (d.Page - 1) * alertsPerPage})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, a := range list {
		d.Rows = append(d.Rows, alertRow{A: a, Kind: trOr(lang, "board.alert_kind."+a.Kind, "board.alert_kind.other"), Message: service.AlertMessage(lang, a)})
	}
	d.Total, d.Pages = total, (total+alertsPerPage-1)/alertsPerPage
	if total > service.MaxCounted {
		d.Total, d.More = service.MaxCounted, true
	}
	d.PrevURL, d.NextURL = alertsPageURL(q, d.Page-1, d.Pages), alertsPageURL(q, d.Page+1, d.Pages)
	if d.More {
		d.Pages = 0 // how many pages is not known: the pager says the page alone
	}
	h.render(w, r, http.StatusOK, "alerts", page{Title: "board.alerts.title", Active: "alerts", Flash: alertsFlash(r), Data: d})
}

func alertsPageURL(q url.Values, n, pages int) string {
	if n < 1 || n > pages {
		return ""
	}
	c := url.Values{}
	if q.Get("unread") == "1" {
		c.Set("unread", "1")
	}
	c.Set("page", strconv.Itoa(n))
	return "/alerts?" + c.Encode()
}

func alertsFlash(r *http.Request) string {
	if v := r.URL.Query().Get("marked"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			return tr(langOf(r), "board.alerts.marked", "n", n)
		}
	}
	return ""
}
