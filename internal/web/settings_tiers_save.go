package web

import (
	"net/http"
	"strings"

	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

var tierFields = []string{"township_amount", "county_amount", "township_consumers", "county_consumers",
	"major_subcategories", "major_level", "outside_area_level", "online_shop_level"}

// saveTierSettings stores the criteria that set a matter's handling level (R-S2); they
// apply to matters taken in from now on.
func (h *Handler) saveTierSettings(w http.ResponseWriter, r *http.Request) {
	ctx, u := r.Context(), userOf(r)
	_ = r.ParseForm()
	set, err := h.svc.Settings(ctx, who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var errs invalid.Errors
	v := set.Tiers
	v.TownshipAmount = formYuan(r, "township_amount", v.TownshipAmount, &errs)
	v.CountyAmount = formYuan(r, "county_amount", v.CountyAmount, &errs)
	v.TownshipConsumers = formInt(r, "township_consumers", v.TownshipConsumers, &errs)
	v.CountyConsumers = formInt(r, "county_consumers", v.CountyConsumers, &errs)
	v.MajorSubcategories = splitList(r.PostForm.Get("major_subcategories"))
	v.MajorLevel = dispatch.Level(r.PostForm.Get("major_level"))
	v.OutsideAreaLevel = dispatch.Level(r.PostForm.Get("outside_area_level"))
	v.OnlineShopLevel = dispatch.Level(r.PostForm.Get("online_shop_level"))
	if err := v.Validate(); err != nil {
		fe, _ := invalid.As(err)
		errs = append(errs, fe...)
	}
	h.finishSettings(w, r, set, errs, "tiers", tierFields, func() error {
		_, err := h.svc.SaveTierRules(ctx, u, v)
		return err
	})
}

// formYuan reads an amount in yuan that must be given (0 switches the criterion off).
func formYuan(r *http.Request, name string, keep money.Fen, errs *invalid.Errors) money.Fen {
	if strings.TrimSpace(r.Form.Get(name)) == "" {
		errs.Add(name, invalid.Required)
		return keep
	}
	if f := formMoney(r, name, errs); f != nil {
		return *f
	}
	return keep
}

// splitList reads one entry a line, also accepting the commas and enumeration marks people type.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == '\n' || r == '\r' || r == ',' || r == '，' || r == '、' || r == ';' || r == '；'
	})
}
