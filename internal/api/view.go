package api

import (
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/mask"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
)

// matterView is a matter as a viewer may see it: times in Asia/Shanghai (R-P7),
// personal data masked unless the role needs it (R-P5), and what the viewer may do next.
type matterView struct {
	casework.Matter
	LinkedNumber              string            `json:"linked_number,omitempty"`
	NeedsPlatformRegistration bool              `json:"needs_platform_registration"`
	AllowedActions            []casework.Action `json:"allowed_actions"`
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

// viewMatter prepares a matter for u; full is true on a case page, false in lists and exports.
func viewMatter(u *auth.User, m casework.Matter, full bool) matterView {
	m.ReceivedAt, m.CreatedAt, m.UpdatedAt, m.ClosedAt = local(m.ReceivedAt), local(m.CreatedAt), local(m.UpdatedAt), localPtr(m.ClosedAt)
	m.AcceptedAt, m.OnSiteDueAt, m.ArrivedAt, m.DueAt = localPtr(m.AcceptedAt), localPtr(m.OnSiteDueAt), localPtr(m.ArrivedAt), localPtr(m.DueAt)
	if !(full && u.Role.SeesPersonalData()) {
		m.Consumer.Phone = mask.Phone(m.Consumer.Phone)
		m.Consumer.IDNumber = mask.IDNumber(m.Consumer.IDNumber)
		m.Consumer.Address = mask.Address(m.Consumer.Address)
	}
	if u.Role == auth.Merchant {
		m.Consumer.Name = mask.Name(m.Consumer.Name)
		m.TakenBy, m.AssigneeID, m.SourceID = nil, nil, ""
	}
	localClocks(&m)
	v := matterView{Matter: m, NeedsPlatformRegistration: m.NeedsPlatformRegistration(),
		AllowedActions: casework.Offered(&m, casework.Allowed(m.Kind, m.State, u.Role))}
	if v.AllowedActions == nil {
		v.AllowedActions = []casework.Action{}
	}
	return v
}

// viewEvents prepares a timeline for u. A merchant sees what happened and when,
// but not who in the office did it, nor internal notes and data.
func viewEvents(u *auth.User, evs []casework.Event) []eventView {
	out := make([]eventView, len(evs))
	for i, ev := range evs {
		ev.At = local(ev.At)
		if u.Role == auth.Merchant {
			ev.ActorID, ev.ActorName, ev.Note, ev.Data = nil, "", "", nil
		}
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

func localAPIKey(k store.APIKey) store.APIKey {
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
