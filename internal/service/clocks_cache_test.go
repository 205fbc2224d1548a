package service

import (
	"context"
	"errors"
	"testing"
	"time"

	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestClockEnvNotKeptFromARollback: the settings a command read after its own
// change of them are not kept for later commands if it rolls back. The stamp
// of the rolled-back change comes again with the next change, which must be
// what later commands see. Both databases.
func TestClockEnvNotKeptFromARollback(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		s := New(st, time.Now)
		office := func(name string) string { return `{"name":"` + name + `","seal_text":"` + name + `"}` }
		refused := errors.New("refused")
		err := st.Tx(ctx, func(tx *store.Tx) error {
			if err := tx.SaveSetting(ctx, SettingOffice, office("回滚的名称"), nil, time.Now()); err != nil {
				return err
			}
			env, err := s.clockEnv(ctx, tx)
			if err != nil {
				return err
			}
			if env.set.Office.Name != "回滚的名称" {
				t.Errorf("inside the change: %q", env.set.Office.Name)
			}
			return refused
		})
		if !errors.Is(err, refused) {
			t.Fatal(err)
		}
		if err := st.Tx(ctx, func(tx *store.Tx) error {
			return tx.SaveSetting(ctx, SettingOffice, office("瑞昌市市场监督管理局"), nil, time.Now())
		}); err != nil {
			t.Fatal(err)
		}
		var got string
		if err := st.Tx(ctx, func(tx *store.Tx) error {
			env, err := s.clockEnv(ctx, tx)
			got = env.set.Office.Name
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if got != "瑞昌市市场监督管理局" {
			t.Fatalf("after the committed change: %q, want 瑞昌市市场监督管理局", got)
		}
	})
}
