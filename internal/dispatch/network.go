// Package dispatch holds the office's network — areas in a tree and the
// stations hosted in them — and decides where a matter is handled.
package dispatch

import (
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// Level is an area's place in the administrative tree; matters are handled at
// the village, township or county level (R-S2).
type Level string

// Area levels, top to bottom.
const (
	Province   Level = "province"
	Prefecture Level = "prefecture"
	County     Level = "county"   // county-level city or district: the office itself
	Township   Level = "township" // 乡镇 / 街道
	Village    Level = "village"  // 村 / 社区
)

// Levels lists the levels from the top of the tree down.
var Levels = []Level{Province, Prefecture, County, Township, Village}

// Rank orders levels: a larger rank is nearer the top of the tree.
func (l Level) Rank() int {
	for i, v := range Levels {
		if v == l {
			return len(Levels) - i
		}
	}
	return 0
}

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return l.Rank() > 0 }

// Kind says whether an area is urban (city proper) or rural, which sets the on-site promise (R-S1).
type Kind string

// Area kinds.
const (
	KindUrban    Kind = "urban"
	KindTownship Kind = "township"
	DefaultUrban      = 15 // minutes to be on site in the city proper (R-S1)
	DefaultRural      = 30 // minutes in townships (R-S1)
)

// Area is a node of the administrative tree.
type Area struct {
	ID            int64     `json:"id"`
	ParentID      *int64    `json:"parent_id,omitempty"`
	Name          string    `json:"name"`
	Code          string    `json:"code,omitempty"` // GB/T 2260 division code where known
	Level         Level     `json:"level"`
	Kind          Kind      `json:"kind"`
	OnSiteMinutes int       `json:"on_site_minutes,omitempty"` // 0: the default for its kind
	Path          string    `json:"path"`                      // "/1/5/23/": ids from the root
	CreatedAt     time.Time `json:"created_at"`
}

// PromiseMinutes is the on-site promise for a matter in this area (R-S1).
func (a Area) PromiseMinutes() int {
	if a.OnSiteMinutes > 0 {
		return a.OnSiteMinutes
	}
	if a.Kind == KindUrban {
		return DefaultUrban
	}
	return DefaultRural
}

// Validate checks an area against its parent (nil for a root).
func (a *Area) Validate(parent *Area) error {
	var errs invalid.Errors
	a.Name = strings.TrimSpace(a.Name)
	errs.Need("name", a.Name)
	errs.MaxLen("name", a.Name, 100)
	errs.MaxLen("code", a.Code, 12)
	if !a.Level.Valid() {
		errs.Add("level", invalid.OneOf, "values", "province, prefecture, county, township, village")
	} else if parent != nil && a.Level.Rank() >= parent.Level.Rank() {
		errs.Add("level", invalid.Conflict)
	}
	switch a.Kind {
	case KindUrban, KindTownship:
	case "":
		a.Kind = KindTownship
	default:
		errs.Add("kind", invalid.OneOf, "values", "urban, township")
	}
	if a.OnSiteMinutes < 0 || a.OnSiteMinutes > 24*60 {
		errs.Add("on_site_minutes", invalid.Format)
	}
	return errs.Err()
}

// SubtreeRange returns the half-open range of paths [lo, hi) that holds an area
// and everything below it, so a scope filter can use an index on the path.
func SubtreeRange(path string) (lo, hi string) {
	return path, path[:len(path)-1] + "0"
}

// HostType is the kind of place a station is hosted in ("12315五进").
type HostType string

// Station host types.
const (
	HostTownship    HostType = "township"
	HostCommunity   HostType = "community"
	HostMarket      HostType = "market"
	HostEnterprise  HostType = "enterprise"
	HostSupermarket HostType = "supermarket"
	HostCentre      HostType = "centre" // the office or the joint mediation centre
)

// HostTypes lists every host type.
var HostTypes = []HostType{HostTownship, HostCommunity, HostMarket, HostEnterprise, HostSupermarket, HostCentre}

// Station is a place where matters are handled: a 维权服务站, 投诉站 or 12315联络站.
type Station struct {
	ID        int64     `json:"id"`
	AreaID    int64     `json:"area_id"`
	Name      string    `json:"name"`
	HostType  HostType  `json:"host_type"`
	Address   string    `json:"address,omitempty"`
	Phone     string    `json:"phone,omitempty"`
	Active    bool      `json:"active"`
	HeadID    *int64    `json:"head_id,omitempty"` // the station head, who may know a reporter's identity (R-L25)
	CreatedAt time.Time `json:"created_at"`
	Hours     string    `json:"hours,omitempty"` // opening hours as the public reads them, e.g. 周一至周五 8:30–17:30
}

// Validate checks a station.
func (s *Station) Validate() error {
	var errs invalid.Errors
	s.Name = strings.TrimSpace(s.Name)
	errs.Need("name", s.Name)
	errs.MaxLen("name", s.Name, 100)
	errs.MaxLen("address", s.Address, 300)
	errs.MaxLen("phone", s.Phone, 40)
	errs.MaxLen("hours", s.Hours, 200)
	if s.AreaID == 0 {
		errs.Add("area_id", invalid.Required)
	}
	ok := false
	for _, h := range HostTypes {
		ok = ok || h == s.HostType
	}
	if !ok {
		errs.Add("host_type", invalid.OneOf, "values", "township, community, market, enterprise, supermarket, centre")
	}
	return errs.Err()
}
