package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"weiquan/internal/audit"
	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestAuditChain_R_P8: admin changes and reads of personal data are logged; the log
// verifies, and any change or removal of an entry is found.
func TestAuditChain_R_P8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := service.New(s, func() time.Time { return time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC) })
		admin := auth.User{Username: "boss", Role: auth.Admin, Active: true}
		if err := svc.CreateUser(ctx, &admin, "long password"); err != nil {
			t.Fatal(err)
		}
		actx := service.WithUser(ctx, &admin)
		area := dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
		if err := svc.CreateArea(actx, &area); err != nil {
			t.Fatal(err)
		}
		op := auth.User{Username: "op", Role: auth.Operator, AreaID: &area.ID, Active: true}
		if err := svc.CreateUser(actx, &op, "long password"); err != nil {
			t.Fatal(err)
		}
		ms, err := svc.Intake(ctx, auth.As(&op), casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &area.ID,
			Consumer: casework.Party{Name: "张三", Phone: "13800138000"}, Facts: "x"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Case(ctx, auth.As(&op), ms[0].Number); err != nil {
			t.Fatal(err)
		}
		entries, _, err := s.AuditEntries(ctx, store.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, e.ActorName+" "+e.Action+" "+e.Entity)
		}
		want := "op read_personal matter|boss create user|boss create area|system create user"
		if strings.Join(got, "|") != want {
			t.Fatalf("audit entries %q, want %q", strings.Join(got, "|"), want)
		}
		if r, err := svc.VerifyAudit(ctx); err != nil || !r.OK() || r.Checked != 4 || r.Keyed != 4 {
			t.Fatalf("verify: %+v %v", r, err)
		}
		if strings.Contains(entries[1].Data, "argon2") {
			t.Fatal("a password hash reached the audit log")
		}
		// Tampering with an entry is found.
		if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.Exec(ctx, "UPDATE audit SET data = '{}' WHERE id = 2") }); err != nil {
			t.Fatal(err)
		}
		if r, err := svc.VerifyAudit(ctx); err != nil || r.Problem == nil || r.Problem.Code != audit.BadSeal || r.Problem.ID != 2 {
			t.Fatalf("tampered entry not found: %+v %v", r.Problem, err)
		}
		// Removing one breaks the chain.
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			if err := tx.Exec(ctx, "DELETE FROM audit WHERE id = 2"); err != nil {
				return err
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if r, err := svc.VerifyAudit(ctx); err != nil || r.Problem == nil || r.Problem.Code != audit.Broken || r.Problem.ID != 3 {
			t.Fatalf("removed entry not found: %+v %v", r.Problem, err)
		}
	})
}
