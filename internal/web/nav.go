package web

import (
	"slices"

	"weiquan/internal/auth"
)

// navItem is one entry of the navigation; it shows only to the roles that may use it.
type navItem struct {
	Key, Path, Label, AccessKey string
	Roles                       []auth.Role
}

// navigation is the menu in order; an item with an empty Path stays hidden.
var navigation = []navItem{
	{Key: "intake", Path: "/intake", Label: "web.nav.intake", AccessKey: "n", Roles: staff},
	{Key: "court", Path: "/court", Label: "court.web.desk", Roles: []auth.Role{auth.Judge}},
	{Key: "queue", Path: "/queue", Label: "web.nav.queue", AccessKey: "q", Roles: readers},
	{Key: "board", Path: "/board", Label: "web.nav.board", AccessKey: "b", Roles: []auth.Role{auth.Admin, auth.Supervisor}},
	{Key: "collective", Path: "/collective", Label: "collective.nav", Roles: staff},
	{Key: "credit", Path: "/credit/listings", Label: "listing.nav", Roles: staff},
	{Key: "honours", Path: "/credit/honours", Label: "honour.nav", Roles: staff},
	{Key: "meetings", Path: "/meetings", Label: "court.meeting.nav", Roles: courtCentre},
	{Key: "referrals", Path: "/referrals/new", Label: "court.incoming.nav", Roles: courtCentre},
	{Key: "supervision", Path: "/supervision", Label: "sup.nav", Roles: staff},
	{Key: "reports", Path: "/reports", Label: "web.nav.reports", Roles: heads},
	{Key: "notices", Path: "/notices", Label: "portal.nav.notices_admin", Roles: heads},
	{Key: "areas", Path: "/admin/areas", Label: "web.nav.areas", Roles: admins},
	{Key: "stations", Path: "/admin/stations", Label: "web.nav.stations", Roles: admins},
	{Key: "users", Path: "/admin/users", Label: "web.nav.users", Roles: admins},
	{Key: "merchants", Path: "/admin/merchants", Label: "web.nav.merchants", Roles: admins},
	{Key: "apikeys", Path: "/admin/apikeys", Label: "web.nav.apikeys", Roles: admins},
	{Key: "calendar", Path: "/admin/calendar", Label: "board.nav.calendar", Roles: admins},
	{Key: "settings", Path: "/admin/settings", Label: "board.nav.settings", Roles: admins},
	{Key: "audit", Path: "/admin/audit", Label: "audit.title", Roles: admins},
	{Key: "outbox", Path: "/admin/outbox", Label: "portal.nav.outbox", Roles: admins},
	{Key: "templates", Path: "/admin/templates", Label: "portal.nav.templates", Roles: admins},
}

func navFor(u *auth.User) []navItem {
	if u == nil {
		return nil
	}
	var out []navItem
	for _, n := range navigation {
		if n.Path != "" && slices.Contains(n.Roles, u.Role) {
			out = append(out, n)
		}
	}
	return out
}
