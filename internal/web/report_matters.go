package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

const listPerPage = 50

type reportListData struct {
	Rows     []queueRow
	Total    int
	Page     int
	Pages    int
	PrevURL  string
	NextURL  string
	Filters  []string
	Back     string
	XLSX     string
	CSV      string
	Import   string
	Refusals bool
}

// listReportMatters lists exactly the matters a report figure counts: it reads the
// figure's query string through the same ListFilter as the API, within the user's scope.
func (h *Handler) listReportMatters(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), langOf(r)
	q := r.URL.Query()
	d := reportListData{Page: 1}
	var errs invalid.Errors
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			errs.Add("page", invalid.Format)
		} else {
			d.Page = n
		}
	}
	f, err := h.svc.ListFilter(ctx, q, errs)
	if fe, ok := formErrors(lang, err); ok {
		d.Refusals = true
		h.render(w, r, http.StatusUnprocessableEntity, "report_matters", page{Title: "reportui.list.title", Active: "reports", Errors: fe, Form: q, Data: d})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ms, total, err := h.svc.Matters(ctx, who(r), f.Exact().Page(listPerPage, (d.Page-1)*listPerPage))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	all, _, err := h.areaMap(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, m := range ms {
		row := queueRow{M: m, Area: m.AreaText}
		if m.AreaID != nil {
			row.Area = all[*m.AreaID].Name
		}
		d.Rows = append(d.Rows, row)
	}
	d.Total, d.Pages = total, (total+listPerPage-1)/listPerPage
	if d.Page > 1 {
		d.PrevURL = listPath + "?" + withPage(q, d.Page-1).Encode()
	}
	if d.Page < d.Pages {
		d.NextURL = listPath + "?" + withPage(q, d.Page+1).Encode()
	}
	plain := url.Values{}
	for k, v := range q {
		if k != "page" {
			plain[k] = v
		}
	}
	d.XLSX, d.CSV = listPath+".xlsx?"+plain.Encode(), listPath+".csv?"+plain.Encode()
	d.Import = q.Get("import")
	back := url.Values{}
	for _, k := range []string{"from", "to", "area", "station"} {
		if v := q.Get(k); v != "" {
			back.Set(k, v)
		}
	}
	if len(back) > 0 && q.Get("import") == "" {
		d.Back = "/reports?" + back.Encode()
	}
	if d.Filters, err = h.describeFilter(ctx, lang, q); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "report_matters", page{Title: "reportui.list.title", Active: "reports", Form: q, Data: d})
}

// describeFilter says in words which matters a list holds, one phrase per condition.
func (h *Handler) describeFilter(ctx context.Context, lang string, q url.Values) ([]string, error) {
	var out []string
	add := func(key string, args ...any) { out = append(out, tr(lang, key, args...)) }
	from, to := q.Get("from"), q.Get("to")
	switch {
	case from != "" && to != "":
		add("reportui.filter.period", "from", from, "to", to)
	case from != "":
		add("reportui.filter.since", "from", from)
	case to != "":
		add("reportui.filter.until", "to", to)
	}
	label := func(prefix string, v string) string { return tr(lang, prefix+v) }
	if v := q.Get("kind"); v != "" {
		add("reportui.filter.kind", "v", label("kind.", v))
	}
	if v := q.Get("channel"); v != "" {
		add("reportui.filter.channel", "v", label("channel.", v))
	}
	switch v := q.Get("category"); v {
	case "":
	case "none":
		add("reportui.filter.category", "v", tr(lang, "report.category.none"))
	default:
		add("reportui.filter.category", "v", label("category.", v))
	}
	if vs := q["state"]; len(vs) > 0 {
		add("reportui.filter.state", "v", joinLabels(lang, "state.", vs))
	}
	if vs := q["outcome"]; len(vs) > 0 {
		add("reportui.filter.outcome", "v", joinLabels(lang, "outcome.", vs))
	}
	if v := q.Get("area"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		a, err := h.svc.Area(ctx, service.PrincipalFrom(ctx), id)
		if err != nil {
			return nil, err
		}
		if q.Get("area_exact") == "1" || q.Get("area_exact") == "true" {
			add("reportui.filter.area_exact", "v", a.Name)
		} else {
			add("reportui.filter.area", "v", a.Name)
		}
	}
	if truthyQ(q.Get("unplaced")) {
		add("reportui.filter.unplaced")
	}
	if v := q.Get("station"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		st, err := h.svc.Station(ctx, service.PrincipalFrom(ctx), id)
		if err != nil && !errors.Is(err, fault.ErrNotFound) {
			return nil, err
		}
		add("reportui.filter.station", "v", or(st.Name, "#"+v))
	}
	if v := q.Get("on_site"); v != "" {
		add("reportui.filter.on_site." + v)
	}
	if v := q.Get("merchant"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		m, err := h.svc.Merchant(ctx, service.PrincipalFrom(ctx), id)
		if err != nil && !errors.Is(err, fault.ErrNotFound) {
			return nil, err
		}
		add("reportui.filter.merchant", "v", or(m.Name, "#"+v))
	}
	if truthyQ(q.Get("rated")) {
		add("reportui.filter.rated")
	}
	if truthyQ(q.Get("open")) {
		add("reportui.filter.open")
	}
	if v := q.Get("import"); v != "" {
		add("reportui.filter.import", "id", v)
	}
	if v := strings.TrimSpace(q.Get("q")); v != "" {
		add("reportui.filter.q", "v", v)
	}
	return out, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func truthyQ(v string) bool { return v == "1" || v == "true" }

func joinLabels(lang, prefix string, vs []string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = tr(lang, prefix+v)
	}
	sep := "、"
	if lang == "en" {
		sep = ", "
	}
	return strings.Join(out, sep)
}

// withPage copies a query with another page number.
func withPage(q url.Values, n int) url.Values {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	c.Set("page", itoa(n))
	return c
}
