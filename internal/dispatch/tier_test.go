package dispatch

import (
	"slices"
	"testing"
)

func TestTierLevel_R_S2(t *testing.T) {
	r := DefaultTierRules()
	tests := []struct {
		name string
		f    TierFacts
		want Level
		why  []string
	}{
		{"small matter stays in the village", TierFacts{Amount: 300_00, Consumers: 1, Subcategory: "食品"}, Village, nil},
		{"amount from ¥5,000: township", TierFacts{Amount: 5_000_00, Consumers: 1}, Township, []string{"amount"}},
		{"amount just below ¥5,000: village", TierFacts{Amount: 4_999_99, Consumers: 1}, Village, nil},
		{"amount from ¥50,000: county", TierFacts{Amount: 50_000_00, Consumers: 1}, County, []string{"amount"}},
		{"5 consumers: township", TierFacts{Consumers: 5}, Township, []string{"consumers"}},
		{"20 consumers (a prepaid-card group): county", TierFacts{Consumers: 80}, County, []string{"consumers"}},
		{"cars are major", TierFacts{Consumers: 1, Subcategory: "汽车"}, County, []string{"major_category"}},
		{"second-hand cars are cars", TierFacts{Consumers: 1, Subcategory: "二手汽车"}, County, []string{"major_category"}},
		{"housing is major", TierFacts{Consumers: 1, Subcategory: "商品房"}, County, []string{"major_category"}},
		{"merchant outside the county", TierFacts{Consumers: 1, OutsideArea: true}, County, []string{"outside_area"}},
		{"online shop", TierFacts{Consumers: 1, OnlineShop: true}, County, []string{"online_shop"}},
		{"the highest criterion wins", TierFacts{Amount: 6_000_00, Consumers: 1, OnlineShop: true}, County, []string{"amount", "online_shop"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why := r.Level(tt.f)
			if got != tt.want || !slices.Equal(why, tt.why) {
				t.Fatalf("Level(%+v) = %s %v, want %s %v", tt.f, got, why, tt.want, tt.why)
			}
		})
	}
	// Criteria are configurable: an office may keep online shops at the township, and switch amounts off.
	r.OnlineShopLevel, r.TownshipAmount, r.CountyAmount = Township, 0, 0
	if got, _ := r.Level(TierFacts{Amount: 1_000_000_00, OnlineShop: true}); got != Township {
		t.Fatalf("configured rules: %s", got)
	}
}

func TestTierRulesValidate(t *testing.T) {
	r := DefaultTierRules()
	r.MajorSubcategories = []string{" 汽车 ", "", "汽车", "商品房"}
	if err := r.Validate(); err != nil || !slices.Equal(r.MajorSubcategories, []string{"汽车", "商品房"}) {
		t.Fatalf("%v %v", r.MajorSubcategories, err)
	}
	r.CountyAmount, r.OnlineShopLevel = -1, Province
	if err := r.Validate(); err == nil {
		t.Fatal("bad rules accepted")
	}
}

func TestUpOneLevel_R_S3(t *testing.T) {
	for _, c := range []struct {
		from Level
		to   Level
		ok   bool
	}{{Village, Township, true}, {"", Township, true}, {Township, County, true}, {County, "", false}} {
		if to, ok := c.from.Up(); to != c.to || ok != c.ok {
			t.Errorf("%q.Up() = %q %v", c.from, to, ok)
		}
	}
}

func county() []Area {
	return []Area{
		{ID: 1, Name: "某省", Level: Province, Path: "/1/"},
		{ID: 2, Name: "某市", Level: Prefecture, Path: "/1/2/"},
		{ID: 3, Name: "某县", Level: County, Kind: KindUrban, Path: "/1/2/3/"},
		{ID: 4, Name: "某镇", Level: Township, Path: "/1/2/3/4/"},
		{ID: 5, Name: "某村", Level: Village, Path: "/1/2/3/4/5/"},
	}
}

func TestRoute_R_S2(t *testing.T) {
	stations := []Station{
		{ID: 10, AreaID: 3, HostType: HostTownship, Active: true}, // a station at the county that is not the centre
		{ID: 11, AreaID: 3, HostType: HostCentre, Active: true},
		{ID: 12, AreaID: 4, HostType: HostMarket, Active: true},
		{ID: 13, AreaID: 4, HostType: HostTownship, Active: true},
		{ID: 14, AreaID: 5, HostType: HostCommunity, Active: true},
	}
	chain := county()
	tests := []struct {
		name      string
		chain     []Area
		stations  []Station
		want      Level
		station   int64
		handledAt Level
	}{
		{"village matter: the village's station", chain, stations, Village, 14, Village},
		{"township matter: the township-hosted station", chain, stations, Township, 13, Township},
		{"county matter: the centre", chain, stations, County, 11, County},
		{"village matter in a township area: the township", chain[:4], stations, Village, 13, Township},
		{"no active village station: up to the township", chain, append(slices.Clone(stations[:4]), Station{ID: 14, AreaID: 5, HostType: HostCommunity}), Village, 13, Township},
		{"no station anywhere: none, level kept", chain, nil, Township, 0, Township},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, level := Route(tt.chain, tt.stations, tt.want)
			var id int64
			if st != nil {
				id = st.ID
			}
			if id != tt.station || level != tt.handledAt {
				t.Fatalf("Route = station %d at %s, want %d at %s", id, level, tt.station, tt.handledAt)
			}
		})
	}
	if ids := PathIDs("/1/2/3/"); !slices.Equal(ids, []int64{1, 2, 3}) {
		t.Errorf("PathIDs = %v", ids)
	}
}

func TestJurisdiction_R_L11_R_L40(t *testing.T) {
	tests := []struct {
		name        string
		r           Respondent
		basis       string
		unreachable bool
	}{
		{"local shop: place of business", Respondent{HasAddress: true}, BasisPlace, false},
		{"merchant outside the county", Respondent{HasAddress: true, OutsideArea: true}, BasisOutside, false},
		{"platform shop at the address it shows", Respondent{OnlineShop: true, HasAddress: true}, BasisPlatformAddress, false},
		{"platform shop showing no address: platform domicile", Respondent{OnlineShop: true}, BasisPlatformDomicile, true},
		{"platform shop unreachable at its address: platform domicile, unreachable workflow", Respondent{OnlineShop: true, HasAddress: true, Unreachable: true}, BasisPlatformDomicile, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			basis, unreachable := Jurisdiction(tt.r)
			if basis != tt.basis || unreachable != tt.unreachable {
				t.Fatalf("Jurisdiction(%+v) = %s %v", tt.r, basis, unreachable)
			}
		})
	}
}

// TestTierOrder_R_S2: a county threshold below the township's would send small matters up and big ones down.
func TestTierOrder_R_S2(t *testing.T) {
	r := DefaultTierRules()
	r.TownshipAmount, r.CountyAmount = 60000, 50000
	if err := r.Validate(); err == nil {
		t.Fatal("county amount below the township's accepted")
	}
	r = DefaultTierRules()
	r.CountyConsumers = 0 // switched off: no order to keep
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
}
