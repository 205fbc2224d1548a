package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

func runMain(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestBackupUnderWriteLoadRestores: `weiquan backup` copies a SQLite office
// while four writers keep taking complaints and reading cases (each read is
// an audit entry); `weiquan restore` puts the copy into an empty folder, where
// every matter acknowledged before the backup began is found and the audit
// chain verifies with the key put back. A damaged archive, a foreign one and
// a folder that is not empty are refused, leaving nothing behind.
func TestBackupUnderWriteLoadRestores(t *testing.T) {
	t.Setenv("WEIQUAN_DB", "")
	t.Setenv(service.AuditKeyEnv, "")
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, store.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := service.New(st, time.Now)
	cfg, _, err := service.AuditConfigFor(dir, true)
	if err == nil {
		err = svc.UseAudit(ctx, cfg)
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.EnsureAdmin(ctx, "backup-test-password"); err != nil {
		t.Fatal(err)
	}
	admin, err := st.UserByName(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	staff := auth.Principal{User: &admin, Addr: "127.0.0.1"}

	var mu sync.Mutex
	var acked []string
	var stop atomic.Bool
	var failed atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				ms, err := svc.Intake(ctx, auth.System, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315,
					Consumer:     casework.Party{Name: "消费者", Phone: fmt.Sprintf("1380013%04d", i%10000), Address: "湓城街道人民路1号"},
					MerchantName: "某某超市", Facts: "购买的牛奶已过保质期，要求退货。", Request: "退货"})
				if err != nil {
					failed.Add(1)
					continue
				}
				if _, err := svc.Case(ctx, staff, ms[0].Number); err != nil {
					failed.Add(1)
				}
				mu.Lock()
				acked = append(acked, ms[0].Number)
				mu.Unlock()
			}
		}()
	}
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 40 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	before := append([]string(nil), acked...)
	mu.Unlock()
	archive := filepath.Join(t.TempDir(), "office.tar.gz")
	code, out, errs := runMain("backup", "--out", archive, "--data", dir)
	stop.Store(true)
	wg.Wait()
	if code != 0 {
		t.Fatalf("backup: exit %d: %s %s", code, out, errs)
	}
	if failed.Load() > 0 {
		t.Fatalf("%d writes failed during the backup", failed.Load())
	}

	restored := filepath.Join(t.TempDir(), "restored")
	if code, out, errs := runMain("restore", archive, "--data", restored); code != 0 {
		t.Fatalf("restore: exit %d: %s %s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(restored, service.AuditKeyFile)); err == nil {
		t.Fatal("the audit key came out of the backup")
	}
	key, err := os.ReadFile(filepath.Join(dir, service.AuditKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(restored, service.AuditKeyFile), key, 0o600); err != nil {
		t.Fatal(err)
	}
	rs, err := store.Open(ctx, store.Options{DataDir: restored})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range before {
		if _, err := rs.MatterByNumber(ctx, n); err != nil {
			t.Errorf("acknowledged before the backup, missing after restore: %s: %v", n, err)
		}
	}
	rs.Close()
	if code, out, errs := runMain("verify-audit", "--data", restored); code != 0 || !strings.Contains(out, "audit log intact") {
		t.Fatalf("verify-audit on the restored office: exit %d: %s %s", code, out, errs)
	}
	t.Logf("%d acknowledged before the backup, %d in all; %s", len(before), len(acked), strings.TrimSpace(out))

	// Refusals.
	if code, _, errs := runMain("restore", archive, "--data", restored); code == 0 || !strings.Contains(errs, "empty folder") {
		t.Errorf("restore into a folder that holds an office: exit %d %s", code, errs)
	}
	b, _ := os.ReadFile(archive)
	for name, bad := range map[string][]byte{
		"truncated": b[:len(b)/2],
		"flipped":   flip(b, len(b)/3),
		"not gzip":  []byte("hello"),
	} {
		p := filepath.Join(t.TempDir(), "bad.tar.gz")
		if err := os.WriteFile(p, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(t.TempDir(), "target")
		code, _, errs := runMain("restore", p, "--data", target)
		if code == 0 || !strings.Contains(errs, "not a valid backup") {
			t.Errorf("%s archive: exit %d %s", name, code, errs)
		}
		if entries, _ := os.ReadDir(target); len(entries) > 0 {
			t.Errorf("%s archive left %d entries behind", name, len(entries))
		}
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0xff
	return c
}
