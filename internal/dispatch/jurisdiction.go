package dispatch

// Respondent is what jurisdiction looks at in the merchant a complaint is against.
type Respondent struct {
	OnlineShop  bool // a shop on an e-commerce platform
	HasAddress  bool // an address is shown (on the platform, for a shop)
	Unreachable bool // cannot be reached at the address shown
	OutsideArea bool // operates or is domiciled outside this county
}

// Bases of jurisdiction recorded on a matter at intake (R-L11).
const (
	BasisPlace            = "place_of_business" // the respondent operates in this county
	BasisOutside          = "outside_county"    // the respondent is elsewhere: the county forwards it
	BasisPlatformAddress  = "platform_address"  // a platform shop at the address it shows
	BasisPlatformDomicile = "platform_domicile" // no address or unreachable: the platform's domicile only
)

// Jurisdiction says on what basis a complaint is handled here (R-L11) and whether the
// merchant must enter the unreachable-address workflow (R-L40). A platform shop with no
// address, or one that cannot be reached, falls to the platform operator's domicile, which
// is decided at the county.
func Jurisdiction(r Respondent) (basis string, unreachable bool) {
	switch {
	case r.OnlineShop && (!r.HasAddress || r.Unreachable):
		return BasisPlatformDomicile, true
	case r.OnlineShop:
		return BasisPlatformAddress, false
	case r.OutsideArea:
		return BasisOutside, false
	}
	return BasisPlace, false
}
