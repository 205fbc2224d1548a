package dispatch

import (
	"slices"
	"strings"

	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// HandlingLevels are the levels a matter is handled at, lowest first: "small matters stay
// in the village, big ones in the township, major disputes in the county" (R-S2).
var HandlingLevels = []Level{Village, Township, County}

// Up is the next handling level (R-S3); ok is false at the county, the top. A matter with
// no level yet counts as a village matter.
func (l Level) Up() (next Level, ok bool) {
	switch l {
	case "", Village:
		return Township, true
	case Township:
		return County, true
	}
	return "", false
}

// TierRules are the office's configurable criteria for a matter's handling level (R-S2).
// A criterion of zero (or an empty level) is switched off.
type TierRules struct {
	TownshipAmount     money.Fen `json:"township_amount"`     // amount in dispute from which the township handles it
	CountyAmount       money.Fen `json:"county_amount"`       // … and the county
	TownshipConsumers  int       `json:"township_consumers"`  // number of consumers from which the township handles it
	CountyConsumers    int       `json:"county_consumers"`    // … and the county
	MajorSubcategories []string  `json:"major_subcategories"` // sub-categories that are major disputes: cars and housing
	MajorLevel         Level     `json:"major_level"`         // where major sub-categories go
	OutsideAreaLevel   Level     `json:"outside_area_level"`  // merchant outside the county
	OnlineShopLevel    Level     `json:"online_shop_level"`   // online shop
}

// DefaultTierRules are the criteria a new office starts with; the local figures are the
// office's own choice (no national rule sets them), so they are settings.
func DefaultTierRules() TierRules {
	return TierRules{
		TownshipAmount: 5_000_00, CountyAmount: 50_000_00,
		TownshipConsumers: 5, CountyConsumers: 20,
		MajorSubcategories: []string{"汽车", "商品房"}, MajorLevel: County,
		OutsideAreaLevel: County, OnlineShopLevel: County,
	}
}

// Validate checks rules an admin sends.
func (r *TierRules) Validate() error {
	var errs invalid.Errors
	if r.TownshipAmount < 0 {
		errs.Add("township_amount", invalid.Negative)
	}
	if r.CountyAmount < 0 {
		errs.Add("county_amount", invalid.Negative)
	}
	if r.TownshipConsumers < 0 || r.TownshipConsumers > 100000 {
		errs.Add("township_consumers", invalid.Format)
	}
	if r.CountyConsumers < 0 || r.CountyConsumers > 100000 {
		errs.Add("county_consumers", invalid.Format)
	}
	// The county takes bigger matters than a township: its thresholds may not be lower (0 switches one off).
	if r.CountyAmount > 0 && r.TownshipAmount > r.CountyAmount {
		errs.Add("county_amount", "tier_order")
	}
	if r.CountyConsumers > 0 && r.TownshipConsumers > r.CountyConsumers {
		errs.Add("county_consumers", "tier_order")
	}
	var subs []string
	for _, s := range r.MajorSubcategories {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(subs, s) {
			subs = append(subs, s)
			errs.MaxLen("major_subcategories", s, 50)
		}
	}
	r.MajorSubcategories = subs
	if len(subs) > 100 {
		errs.Add("major_subcategories", invalid.TooLong, "max", "100")
	}
	for field, l := range map[string]Level{"major_level": r.MajorLevel, "outside_area_level": r.OutsideAreaLevel, "online_shop_level": r.OnlineShopLevel} {
		if l != "" && !slices.Contains(HandlingLevels, l) {
			errs.Add(field, invalid.OneOf, "values", "village, township, county")
		}
	}
	return errs.Err()
}

// TierFacts are what the criteria look at.
type TierFacts struct {
	Amount      money.Fen
	Consumers   int
	Subcategory string
	OutsideArea bool
	OnlineShop  bool
}

// Level gives the handling level of a matter and the criteria that raised it (R-S2):
// the highest level any criterion asks for, the village when none does.
func (r TierRules) Level(f TierFacts) (Level, []string) {
	level, why := Village, []string(nil)
	raise := func(l Level, reason string) {
		if l == "" {
			return
		}
		why = append(why, reason)
		if l.Rank() > level.Rank() {
			level = l
		}
	}
	switch {
	case r.CountyAmount > 0 && f.Amount >= r.CountyAmount:
		raise(County, "amount")
	case r.TownshipAmount > 0 && f.Amount >= r.TownshipAmount:
		raise(Township, "amount")
	}
	switch {
	case r.CountyConsumers > 0 && f.Consumers >= r.CountyConsumers:
		raise(County, "consumers")
	case r.TownshipConsumers > 0 && f.Consumers >= r.TownshipConsumers:
		raise(Township, "consumers")
	}
	for _, s := range r.MajorSubcategories {
		if s != "" && strings.Contains(f.Subcategory, s) {
			raise(r.MajorLevel, "major_category")
			break
		}
	}
	if f.OutsideArea {
		raise(r.OutsideAreaLevel, "outside_area")
	}
	if f.OnlineShop {
		raise(r.OnlineShopLevel, "online_shop")
	}
	return level, why
}
