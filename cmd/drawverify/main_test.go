package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestVerifierRerunsAPublishedDraw_C10: the office publishes a draw and draws it; the file
// the public gets, fed to the standalone verifier, gives the same list (exit 0); the same
// file with the list changed, or with the inputs changed after publication, does not (exit 1).
func TestVerifierRerunsAPublishedDraw_C10(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 6, 10, 1, 0, 0, 0, time.UTC)
		svc := service.New(s, func() time.Time { return now })
		head := &auth.User{Username: "head", DisplayName: "head", Role: auth.Supervisor, Lang: "zh-CN", Active: true, PasswordHash: "x", CreatedAt: now}
		if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, head) }); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 8; i++ {
			m := merchant.Merchant{Name: fmt.Sprintf("商户%d", i+1), Type: merchant.Individual, Address: fmt.Sprintf("滨江路%d号", i+1)}
			if err := svc.SaveMerchant(ctx, &m); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < 4; i++ {
			if err := svc.SaveInspector(ctx, auth.As(head), &store.Inspector{Name: fmt.Sprintf("执法员%d", i+1)}); err != nil {
				t.Fatal(err)
			}
		}
		d, err := svc.PublishDraw(ctx, auth.As(head), service.DrawRequest{Title: "抽查", RecentDays: 180, Merchants: 3, InspectorsPer: 2})
		if err != nil {
			t.Fatal(err)
		}
		if d, err = svc.RunDraw(ctx, auth.As(head), d.ID); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(d.Published)
		dir := t.TempDir()
		file := filepath.Join(dir, "draw.json")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		if code := run([]string{file}, &out, &errOut); code != 0 {
			t.Fatalf("exit %d: %s %s", code, out.String(), errOut.String())
		}
		for i, p := range d.Result {
			if want := fmt.Sprintf("%d\tmerchant %d\tinspectors %v", i+1, p.Merchant, p.Inspectors); !strings.Contains(out.String(), want) {
				t.Fatalf("the verifier's list %q lacks %q", out.String(), want)
			}
		}
		changed := d.Published
		changed.Result = append(changed.Result[:0:0], changed.Result...)
		changed.Result[0].Merchant, changed.Result[1].Merchant = changed.Result[1].Merchant, changed.Result[0].Merchant
		b, _ = json.Marshal(changed)
		_ = os.WriteFile(file, b, 0o644)
		if code := run([]string{file}, &out, &errOut); code != 1 {
			t.Fatalf("a changed list verified: exit %d", code)
		}
		changed = d.Published
		changed.RecentDays = 1
		b, _ = json.Marshal(changed)
		_ = os.WriteFile(file, b, 0o644)
		if code := run([]string{file}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "commitment") {
			t.Fatalf("changed inputs verified: exit %d %s", code, errOut.String())
		}
		if code := run([]string{filepath.Join(dir, "none.json")}, &out, &errOut); code != 2 {
			t.Fatalf("a missing file: exit %d", code)
		}
	})
}
