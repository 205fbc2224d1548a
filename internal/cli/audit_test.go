package cli

import (
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"weiquan/internal/audit"
	"weiquan/internal/store"
)

// sql runs statements straight on the data folder's database, as someone with
// write access to the database (but not to the key or the head) would.
func sqlOn(t *testing.T, dir string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, q := range stmts {
		if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.Exec(ctx, q) }); err != nil {
			t.Fatal(err)
		}
	}
}

// auditFolder is a data folder whose log holds n entries (API keys created).
func auditFolder(t *testing.T, n int) string {
	t.Helper()
	t.Setenv("WEIQUAN_DB", "")
	t.Setenv("WEIQUAN_AUDIT_KEY", "")
	dir := t.TempDir()
	for range n {
		if code, _, errs := run(t, "apikey", "create", "--name", "12345", "--data", dir); code != 0 {
			t.Fatal(errs)
		}
	}
	return dir
}

// TestVerifyAuditCutTail_R_P8: deleting the last entries of the log in the database
// makes `weiquan verify-audit` fail with a clear message and exit code 1.
func TestVerifyAuditCutTail_R_P8(t *testing.T) {
	dir := auditFolder(t, 4)
	if code, out, _ := run(t, "verify-audit", "--data", dir); code != 0 || !strings.Contains(out, "4 entries verified") {
		t.Fatalf("before: %d %q", code, out)
	}
	sqlOn(t, dir, "DELETE FROM audit WHERE id > 2")
	code, _, errs := run(t, "verify-audit", "--data", dir)
	if code != 1 || !strings.Contains(errs, "审计日志校验失败") || !strings.Contains(errs, "entries were cut from the end") || !strings.Contains(errs, "末尾的记录被删除") {
		t.Fatalf("cut tail: %d %q", code, errs)
	}
}

// TestVerifyAuditRewritten_R_P8: removing a middle entry and sealing the later ones again
// with SHA-256 (all an attacker without the key can do) is found.
func TestVerifyAuditRewritten_R_P8(t *testing.T) {
	dir := auditFolder(t, 4)
	sqlOn(t, dir, "DELETE FROM audit WHERE id = 2")
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := st.AuditEntries(ctx, store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	prev := list[len(list)-1].Hash
	for i := len(list) - 2; i >= 0; i-- {
		e := list[i]
		e.Seal(prev)
		if err := st.Tx(ctx, func(tx *store.Tx) error {
			return tx.Exec(ctx, "UPDATE audit SET prev_hash = $1, hash = $2, keyed = FALSE, seq = 0 WHERE id = $3", e.PrevHash, e.Hash, e.ID)
		}); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
	}
	st.Close()
	code, _, errs := run(t, "verify-audit", "--data", dir)
	if code != 1 || !strings.Contains(errs, "is unkeyed but follows keyed entries") {
		t.Fatalf("rewritten: %d %q", code, errs)
	}
}

// TestVerifyAuditCommand_R_P8: exit codes and messages of verify-audit for a changed
// entry, a lost head, another key, a log from before keys; the head is reset only
// with a reason and only when the chain itself is sound; the key is never printed.
func TestVerifyAuditCommand_R_P8(t *testing.T) {
	dir := auditFolder(t, 3)
	keyText, err := os.ReadFile(filepath.Join(dir, "audit.key"))
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "audit.key")); fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v", fi.Mode())
	}
	key := strings.TrimSpace(string(keyText))
	verify := func(want int, wantText string, extra ...string) {
		t.Helper()
		code, out, errs := run(t, append([]string{"verify-audit", "--data", dir}, extra...)...)
		if code != want || !strings.Contains(out+errs, wantText) {
			t.Fatalf("verify-audit %q: %d, want %d with %q:\n%s%s", extra, code, want, wantText, out, errs)
		}
		if strings.Contains(out+errs, key) {
			t.Fatal("the audit key was printed")
		}
	}
	verify(0, "3 entries verified (3 keyed, 0 from before audit keys)")
	verify(0, "head: 3 entries")

	t.Setenv("WEIQUAN_AUDIT_KEY", hex.EncodeToString(make([]byte, audit.KeySize)))
	verify(1, "written with another audit key")
	t.Setenv("WEIQUAN_AUDIT_KEY", key)
	verify(0, "3 entries verified")
	t.Setenv("WEIQUAN_AUDIT_KEY", "")

	head := filepath.Join(dir, "audit.head")
	saved, _ := os.ReadFile(head)
	os.Remove(head)
	verify(1, "head file is missing")
	os.WriteFile(head, saved, 0o600)

	sqlOn(t, dir, "UPDATE audit SET data = '{}' WHERE id = 2")
	verify(1, "Entry #2 (position 2) does not verify with the audit key")
	verify(1, "the chain itself is broken", "--reset-head", "--reason", "test")

	dir = auditFolder(t, 3)
	sqlOn(t, dir, "DELETE FROM audit WHERE id = 3")
	verify(1, "cut from the end")
	verify(1, "--reset-head needs --reason", "--reset-head")
	verify(0, "head reset: 3 entries; the reset itself is entry 3", "--reset-head", "--reason", "restored last night's backup")
	verify(0, "3 entries verified")
	code, out, _ := run(t, "apikey", "create", "--name", "after", "--data", dir)
	if code != 0 {
		t.Fatal(out)
	}
	verify(0, "4 entries verified")

	// A log from an older version: plain entries, no key file, no head.
	dir = t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		e := audit.Entry{ActorName: "system", Action: "create", Entity: "api_key"}
		if err := st.Tx(ctx, func(tx *store.Tx) error { _, err := tx.AppendAudit(ctx, &e, nil); return err }); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	verify(0, "No head file yet and no keyed entry")
	if _, err := os.Stat(filepath.Join(dir, "audit.key")); err == nil {
		t.Fatal("verify-audit created a key")
	}
	if code, _, errs := run(t, "migrate", "--data", dir); code != 0 {
		t.Fatal(errs)
	}
	verify(0, "2 entries verified (0 keyed, 2 from before audit keys)")
	verify(0, "head: 2 entries")
}
