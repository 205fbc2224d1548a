package api

import (
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
)

// TestViewMatterTimesInShanghai_R_P7 checks that every time of a matter view is shown
// in Asia/Shanghai, including the ones added after the first view was written.
func TestViewMatterTimesInShanghai_R_P7(t *testing.T) {
	at := time.Date(2026, 5, 6, 1, 2, 3, 0, time.UTC)
	p := func() *time.Time { v := at; return &v }
	m := casework.Matter{Kind: casework.Complaint, State: casework.Closed, ReceivedAt: at, CreatedAt: at, UpdatedAt: at,
		ClosedAt: p(), AcceptedAt: p(), OnSiteDueAt: p(), ArrivedAt: p(), DueAt: p()}
	v := viewMatter(&auth.User{Role: auth.Admin}, m)
	for name, got := range map[string]*time.Time{"received_at": &v.ReceivedAt, "created_at": &v.CreatedAt, "updated_at": &v.UpdatedAt,
		"closed_at": v.ClosedAt, "accepted_at": v.AcceptedAt, "on_site_due_at": v.OnSiteDueAt, "arrived_at": v.ArrivedAt, "due_at": v.DueAt} {
		if _, off := got.Zone(); off != 8*3600 || !got.Equal(at) {
			t.Errorf("%s = %s, want %s in +08:00", name, got.Format(time.RFC3339), at.Format(time.RFC3339))
		}
	}
}
