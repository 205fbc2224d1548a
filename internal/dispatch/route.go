package dispatch

import (
	"slices"
	"strconv"
	"strings"
)

// hostPreference orders the stations of an area by where they are hosted: the
// township station at the township, the office or joint centre at the county (R-S2).
var hostPreference = map[Level][]HostType{
	Village:  {HostCommunity, HostMarket, HostSupermarket, HostEnterprise, HostTownship, HostCentre},
	Township: {HostTownship, HostCommunity, HostMarket, HostSupermarket, HostEnterprise, HostCentre},
	County:   {HostCentre, HostTownship, HostCommunity, HostMarket, HostSupermarket, HostEnterprise},
}

// PathIDs lists the area ids of a materialised path "/1/5/23/", root first.
func PathIDs(path string) []int64 {
	var ids []int64
	for _, p := range strings.Split(strings.Trim(path, "/"), "/") {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// Route picks the station that handles a matter at level want (R-S2): in the matter's
// area or its ancestor at that level, or — when that area has no active station — the
// nearest ancestor up to the county that has one. chain is the area and its ancestors,
// root first. It returns the station (nil when there is none) and the level the matter
// is really handled at, never below want.
func Route(chain []Area, stations []Station, want Level) (*Station, Level) {
	start := -1
	for i, a := range chain {
		if a.Level.Rank() >= want.Rank() {
			start = i // the deepest area at or above the wanted level
		}
	}
	if start < 0 {
		return nil, want
	}
	level := want
	if at := chain[start].Level; at.Rank() > level.Rank() && slices.Contains(HandlingLevels, at) {
		level = at
	}
	for j := start; j >= 0 && chain[j].Level.Rank() <= County.Rank(); j-- {
		if st := pick(chain[j], stations); st != nil {
			if chain[j].Level.Rank() > level.Rank() {
				level = chain[j].Level
			}
			return st, level
		}
	}
	return nil, level
}

// pick chooses an active station of the area by host preference, then by lowest id.
func pick(a Area, stations []Station) *Station {
	pref := hostPreference[a.Level]
	var best *Station
	rank := func(s *Station) int {
		if i := slices.Index(pref, s.HostType); i >= 0 {
			return i
		}
		return len(pref)
	}
	for i := range stations {
		s := &stations[i]
		if s.AreaID != a.ID || !s.Active {
			continue
		}
		if best == nil || rank(s) < rank(best) || rank(s) == rank(best) && s.ID < best.ID {
			best = s
		}
	}
	return best
}
