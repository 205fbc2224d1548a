package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
)

// saveMerchant creates or changes a registry entry; an invalid USCC is shown
// next to its field and never stored (R-L41).
func (h *Handler) saveMerchant(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	f := r.PostForm
	var errs invalid.Errors
	m := merchant.Merchant{ID: id, Name: f.Get("name"), USCC: f.Get("uscc"), Type: merchant.Type(f.Get("type")), Address: f.Get("address"),
		Phone: f.Get("phone"), Platform: f.Get("platform"), ClusterRegistered: checkbox(r, "cluster_registered"),
		Unreachable: checkbox(r, "unreachable"), OutsideArea: checkbox(r, "outside_area"),
		AreaID: formID(r, "area_id", &errs), CustodyID: formID(r, "custody_id", &errs)}
	err := errs.Err()
	if err == nil {
		err = h.svc.SaveMerchant(r.Context(), &m)
	}
	if err == nil {
		http.Redirect(w, r, "/admin/merchants/"+strconv.FormatInt(m.ID, 10)+"?saved="+m.Name, http.StatusSeeOther)
		return
	}
	fe, ok := formErrors(langOf(r), err)
	if !ok {
		h.fail(w, r, err)
		return
	}
	h.renderMerchantForm(w, r, http.StatusUnprocessableEntity, id, f, fe)
}
