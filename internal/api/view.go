package api

import (
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
)

// matterView is a matter as the service handed it to this viewer — already scoped
// and masked (R-P4, R-P5, R-L25) — with times in Asia/Shanghai (R-P7) and what the
// viewer may do next.
type matterView struct {
	casework.Matter
	LinkedNumber              string            `json:"linked_number,omitempty"`
	NeedsPlatformRegistration bool              `json:"needs_platform_registration"`
	AllowedActions            []casework.Action `json:"allowed_actions"`
	Sight                     *service.Sight    `json:"sight,omitempty"` // what the viewer sees in full; case views of staff only
	Timeline                  []eventView       `json:"timeline,omitempty"`
}

type eventView struct {
	casework.Event
}

func local(t time.Time) time.Time { return t.In(calendar.Shanghai) }

func localPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	l := local(*t)
	return &l
}

// viewMatter prepares a matter of a list for its viewer.
func viewMatter(u *auth.User, m casework.Matter) matterView {
	m.ReceivedAt, m.CreatedAt, m.UpdatedAt, m.ClosedAt = local(m.ReceivedAt), local(m.CreatedAt), local(m.UpdatedAt), localPtr(m.ClosedAt)
	m.AcceptedAt, m.OnSiteDueAt, m.ArrivedAt, m.DueAt = localPtr(m.AcceptedAt), localPtr(m.OnSiteDueAt), localPtr(m.ArrivedAt), localPtr(m.DueAt)
	localClocks(&m)
	var role auth.Role
	if u != nil {
		role = u.Role
	}
	v := matterView{Matter: m, NeedsPlatformRegistration: m.NeedsPlatformRegistration(),
		AllowedActions: casework.Offered(&m, casework.Allowed(m.Kind, m.State, role))}
	if role == auth.Merchant {
		v.NeedsPlatformRegistration = false
	}
	if v.AllowedActions == nil {
		v.AllowedActions = []casework.Action{}
	}
	return v
}

// viewCase prepares a whole case: the matter, its link and its timeline.
func viewCase(u *auth.User, c service.Case) matterView {
	v := viewMatter(u, c.Matter)
	v.LinkedNumber, v.AllowedActions = c.LinkedNumber, c.Allowed
	if u != nil && u.Role.Staff() {
		sg := c.Sight
		v.Sight = &sg
	}
	v.Timeline = viewEvents(c.Timeline)
	return v
}

// viewEvents prepares a timeline the service already cut to what the viewer may read.
func viewEvents(evs []casework.Event) []eventView {
	out := make([]eventView, len(evs))
	for i, ev := range evs {
		ev.At = local(ev.At)
		out[i] = eventView{ev}
	}
	return out
}

type userView struct {
	auth.User
}

func viewUser(u auth.User) userView {
	u.CreatedAt = local(u.CreatedAt)
	return userView{u}
}

// Admin records are shown in Asia/Shanghai like everything else (R-P7).

func localArea(a dispatch.Area) dispatch.Area {
	a.CreatedAt = local(a.CreatedAt)
	return a
}

func localStation(s dispatch.Station) dispatch.Station {
	s.CreatedAt = local(s.CreatedAt)
	return s
}

func localMerchant(m merchant.Merchant) merchant.Merchant {
	m.CreatedAt, m.UpdatedAt = local(m.CreatedAt), local(m.UpdatedAt)
	return m
}

func localAPIKey(k auth.APIKey) auth.APIKey {
	k.CreatedAt, k.RevokedAt = local(k.CreatedAt), localPtr(k.RevokedAt)
	return k
}

func localAll[T any](list []T, f func(T) T) []T {
	out := make([]T, len(list))
	for i, v := range list {
		out[i] = f(v)
	}
	return out
}
