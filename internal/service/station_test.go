package service

import (
	"context"
	"testing"
	"time"

	"weiquan/internal/dispatch"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestSaveStationKeepsCreatedAt checks an update returns the station's real creation
// time, not the zero time or whatever the client sent.
func TestSaveStationKeepsCreatedAt(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		created := time.Date(2026, 3, 1, 2, 3, 4, 0, time.UTC)
		svc := New(s, func() time.Time { return created })
		a := dispatch.Area{Name: "城关镇", Level: dispatch.Township}
		if err := svc.CreateArea(ctx, &a); err != nil {
			t.Fatal(err)
		}
		st := dispatch.Station{AreaID: a.ID, Name: "城关市场站", HostType: dispatch.HostMarket, Active: true}
		if err := svc.SaveStation(ctx, &st); err != nil {
			t.Fatal(err)
		}
		svc.Now = func() time.Time { return created.Add(48 * time.Hour) }
		upd := dispatch.Station{ID: st.ID, AreaID: a.ID, Name: "城关农贸市场站", HostType: dispatch.HostMarket,
			CreatedAt: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
		if err := svc.SaveStation(ctx, &upd); err != nil {
			t.Fatal(err)
		}
		if !upd.CreatedAt.Equal(created) {
			t.Errorf("updated station created_at = %s, want %s", upd.CreatedAt, created)
		}
		missing := dispatch.Station{ID: st.ID + 100, AreaID: a.ID, Name: "无", HostType: dispatch.HostMarket}
		if err := svc.SaveStation(ctx, &missing); err == nil {
			t.Error("updating a station that does not exist succeeded")
		}
	})
}
