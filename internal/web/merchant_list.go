package web

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/merchant"
	"weiquan/internal/service"
)

const merchantsPerPage = 30

type merchantListData struct {
	Rows    []merchantRow
	Total   int
	PrevURL string
	NextURL string
}

type merchantRow struct {
	M       merchant.Merchant
	Matters int
}

// listMerchants searches the registry by part of a name or USCC, with each merchant's record.
func (h *Handler) listMerchants(w http.ResponseWriter, r *http.Request) {
	ctx, q := r.Context(), r.URL.Query()
	pageNo := 1
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n < 100000 {
		pageNo = n
	}
	list, total, err := h.svc.Merchants(ctx, who(r), service.MerchantQuery{Q: strings.TrimSpace(q.Get("q")), Limit: merchantsPerPage, Offset: (pageNo - 1) * merchantsPerPage})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := merchantListData{Total: total}
	for _, m := range list {
		n, err := h.svc.MerchantMatterCount(ctx, who(r), m.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Rows = append(d.Rows, merchantRow{m, n})
	}
	pages := (total + merchantsPerPage - 1) / merchantsPerPage
	link := func(n int) string {
		if n < 1 || n > pages {
			return ""
		}
		c := r.URL.Query()
		c.Set("page", strconv.Itoa(n))
		return "/admin/merchants?" + c.Encode()
	}
	d.PrevURL, d.NextURL = link(pageNo-1), link(pageNo+1)
	h.render(w, r, http.StatusOK, "admin_merchants", page{Title: "web.merchants.title", Active: "merchants", Form: q, Data: d})
}
