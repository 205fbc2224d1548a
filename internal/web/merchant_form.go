package web

import (
	"net/http"
	"net/url"

	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
)

type merchantFormData struct {
	ID       int64
	Types    []merchant.Type
	Areas    []areaChoice
	Custody  string
	Warnings []string
	Matters  int
}

func (h *Handler) showMerchantForm(w http.ResponseWriter, r *http.Request) {
	form := url.Values{}
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			h.fail(w, r, err)
			return
		}
		m, err := h.svc.Merchant(r.Context(), who(r), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		form.Set("name", m.Name)
		form.Set("uscc", m.USCC)
		form.Set("type", string(m.Type))
		form.Set("address", m.Address)
		form.Set("area_id", idStr(m.AreaID))
		form.Set("phone", m.Phone)
		form.Set("platform", m.Platform)
		form.Set("custody_id", idStr(m.CustodyID))
		for name, on := range map[string]bool{"cluster_registered": m.ClusterRegistered, "unreachable": m.Unreachable, "outside_area": m.OutsideArea} {
			if on {
				form.Set(name, "1")
			}
		}
	} else {
		form.Set("type", string(merchant.Enterprise))
	}
	h.renderMerchantForm(w, r, http.StatusOK, id, form, nil)
}

func (h *Handler) renderMerchantForm(w http.ResponseWriter, r *http.Request, status int, id int64, form url.Values, errs map[string]string) {
	ctx := r.Context()
	all, list, err := h.areaMap(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := merchantFormData{ID: id, Types: merchant.Types, Warnings: merchant.USCCWarnings(merchant.NormalizeUSCC(form.Get("uscc")))}
	for _, a := range list {
		d.Areas = append(d.Areas, areaChoice{a.ID, areaLabel(a, all)})
	}
	var ignore invalid.Errors
	if cid := queryID(form.Get("custody_id"), "custody_id", &ignore); cid != nil {
		if c, err := h.svc.Merchant(ctx, who(r), *cid); err == nil {
			d.Custody = c.Name
		}
	}
	if form.Get("custody_label") == "" {
		form.Set("custody_label", d.Custody)
	}
	if id != 0 {
		if d.Matters, err = h.svc.MerchantMatterCount(ctx, who(r), id); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, status, "admin_merchant_form", page{Title: "web.merchants.title", Active: "merchants", Form: form, Errors: errs, Data: d})
}
