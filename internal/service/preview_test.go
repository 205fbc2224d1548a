package service_test

import (
	"errors"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/fault"
	"weiquan/internal/ledger"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestImportPreviews: a waiting file is its uploader's alone, is committed once, keeps
// its result after the commit, expires, and the oldest files make room — in the database,
// so that another instance can finish what one began (issue 8).
func TestImportPreviews(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		ctx, sup := o.ctx, &o.owner
		admin := auth.User{Username: "guanli", Role: auth.Admin, Active: true}
		if err := o.svc.CreateUser(ctx, &admin, "guanli-mima-2026"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := o.svc.StashImport(ctx, &o.other, "a.csv", []byte("abc")); !errors.Is(err, service.ErrForbidden) {
			t.Fatalf("an operator stashed a ledger: %v", err)
		}
		tok, sha, err := o.svc.StashImport(ctx, sup, "a.csv", []byte("abc"))
		if err != nil || len(tok) != 32 || sha != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
			t.Fatalf("token %q sha %q: %v", tok, sha, err)
		}
		if _, err := o.svc.ImportPreview(ctx, &admin, tok); !errors.Is(err, fault.ErrNotFound) {
			t.Fatalf("another user reads the file: %v", err)
		}
		if p, err := o.svc.ImportPreview(ctx, sup, tok); err != nil || string(p.Data) != "abc" || p.Name != "a.csv" || p.SHA != sha {
			t.Fatalf("the uploader cannot read the file: %+v %v", p, err)
		}
		if _, err := o.svc.ClaimImport(ctx, &admin, tok); err == nil {
			t.Fatal("another user claimed the file")
		}
		if p, err := o.svc.ClaimImport(ctx, sup, tok); err != nil || string(p.Data) != "abc" {
			t.Fatalf("cannot claim: %v", err)
		}
		if _, err := o.svc.ClaimImport(ctx, sup, tok); !errors.Is(err, fault.ErrConflict) {
			t.Fatalf("claimed twice: %v", err)
		}
		if err := o.svc.ReleaseImport(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if _, err := o.svc.ClaimImport(ctx, sup, tok); err != nil {
			t.Fatalf("cannot claim after a release: %v", err)
		}
		res := &ledger.Result{Imported: 1, Committed: true}
		res.Warn(ledger.Problem{Row: 2, Column: ledger.Area, Value: "某村", Code: "area_unknown", Args: []string{"extra", "kept"}})
		if err := o.svc.FinishImport(ctx, tok, res); err != nil {
			t.Fatal(err)
		}
		p, err := o.svc.ImportPreview(ctx, sup, tok)
		if err != nil || p.Data != nil || p.Result == nil || p.Result.Imported != 1 || len(p.Result.Warnings) != 1 ||
			p.Result.Warnings[0].Count != 1 || len(p.Result.Warnings[0].Args) != 2 {
			t.Fatalf("after the commit: %+v %v", p, err)
		}
		if _, err := o.svc.ClaimImport(ctx, sup, tok); err == nil {
			t.Fatal("a committed file claimed again")
		}
		// Three files a user; the fourth pushes out the oldest.
		var toks []string
		for i := 0; i < 4; i++ {
			o.clock.Add(time.Second)
			tk, _, err := o.svc.StashImport(ctx, &admin, "b.csv", []byte("x"))
			if err != nil {
				t.Fatal(err)
			}
			toks = append(toks, tk)
		}
		if _, err := o.svc.ImportPreview(ctx, &admin, toks[0]); err == nil {
			t.Fatal("the oldest upload was kept")
		}
		if _, err := o.svc.ImportPreview(ctx, &admin, toks[3]); err != nil {
			t.Fatalf("the newest upload was dropped: %v", err)
		}
		o.clock.Add(service.PreviewTTL + time.Minute)
		if _, err := o.svc.ImportPreview(ctx, &admin, toks[3]); err == nil {
			t.Fatal("an expired upload is still served")
		}
		if _, _, err := o.svc.StashImport(ctx, sup, "c.csv", []byte("y")); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			mine, _, err := tx.ImportPreviewSpace(ctx, admin.ID)
			n = mine
			return err
		}); err != nil || n != 0 {
			t.Fatalf("expired uploads kept: %d (%v)", n, err)
		}
	})
}
