package service_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/audit"
	"weiquan/internal/auth"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

var (
	auditKey = bytes.Repeat([]byte{0x5a}, audit.KeySize)
	otherKey = bytes.Repeat([]byte{0xa5}, audit.KeySize)
)

// auditOffice is a service keeping its audit head in a folder, as cli sets it up.
type auditOffice struct {
	t    *testing.T
	s    *store.Store
	svc  *service.Service
	head string
	ctx  context.Context
	n    int
}

func newAuditOffice(t *testing.T, s *store.Store) *auditOffice {
	t.Helper()
	o := &auditOffice{t: t, s: s, head: filepath.Join(t.TempDir(), service.AuditHeadFile), ctx: context.Background()}
	o.restart(auditKey)
	return o
}

// restart builds the service again on the same store and folder, as a new process would.
func (o *auditOffice) restart(key []byte) error {
	o.t.Helper()
	o.svc = service.New(o.s, func() time.Time { return time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC) })
	return o.svc.UseAudit(o.ctx, service.AuditConfig{Key: key, HeadPath: o.head})
}

// appendN writes n audit entries through a real command (creating areas).
func (o *auditOffice) appendN(n int) {
	o.t.Helper()
	for range n {
		o.n++
		a := dispatch.Area{Name: fmt.Sprintf("区域%d", o.n), Level: dispatch.County, Kind: dispatch.KindUrban}
		if err := o.svc.CreateArea(o.ctx, &a); err != nil {
			o.t.Fatal(err)
		}
	}
}

func (o *auditOffice) exec(q string, args ...any) {
	o.t.Helper()
	if err := o.s.Tx(o.ctx, func(tx *store.Tx) error { return tx.Exec(o.ctx, q, args...) }); err != nil {
		o.t.Fatal(err)
	}
}

// entries is the whole log, oldest first.
func (o *auditOffice) entries() []audit.Entry {
	o.t.Helper()
	list, _, err := o.s.AuditEntries(o.ctx, store.AuditFilter{Limit: 1000})
	if err != nil {
		o.t.Fatal(err)
	}
	slices.Reverse(list)
	return list
}

// reseal rewrites every entry from position from on, as someone with write access to
// the database would after removing one: seal gives each entry its new seal.
func (o *auditOffice) reseal(from int, seal func(e *audit.Entry, prev string, seq int64)) {
	o.t.Helper()
	list := o.entries()
	prev := audit.Genesis
	if from > 0 {
		prev = list[from-1].Hash
	}
	for i := from; i < len(list); i++ {
		e := &list[i]
		seal(e, prev, int64(i+1))
		o.exec("UPDATE audit SET prev_hash = $1, hash = $2, seq = $3, keyed = $4 WHERE id = $5", e.PrevHash, e.Hash, e.Seq, e.Keyed, e.ID)
		prev = e.Hash
	}
}

// verify runs the check and returns the problem code ("" when the log verifies).
func (o *auditOffice) verify() (string, audit.Report) {
	o.t.Helper()
	r, err := o.svc.VerifyAudit(o.ctx)
	if err != nil {
		o.t.Fatal(err)
	}
	if r.Problem != nil {
		return r.Problem.Code, r
	}
	return "", r
}

func (o *auditOffice) readHead() audit.Head {
	o.t.Helper()
	b, err := os.ReadFile(o.head)
	if err != nil {
		o.t.Fatal(err)
	}
	h, err := audit.DecodeHead(b)
	if err != nil {
		o.t.Fatal(err)
	}
	return *h
}

// TestAuditTamper_R_P8: every way of cutting or rewriting the log through the database
// alone is found by verify-audit, on both databases.
func TestAuditTamper_R_P8(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(o *auditOffice)
		want   string
	}{
		{"untouched", func(o *auditOffice) {}, ""},
		{"cut tail: the last 3 entries deleted", func(o *auditOffice) { o.exec("DELETE FROM audit WHERE id > $1", o.entries()[6].ID) }, audit.Cut},
		{"middle entry deleted, later ones resealed with plain SHA-256", func(o *auditOffice) {
			o.exec("DELETE FROM audit WHERE id = $1", o.entries()[4].ID)
			o.reseal(4, func(e *audit.Entry, prev string, _ int64) { e.Seal(prev) })
		}, audit.Unkeyed},
		{"middle entry deleted, later ones resealed with plain SHA-256, still marked keyed", func(o *auditOffice) {
			o.exec("DELETE FROM audit WHERE id = $1", o.entries()[4].ID)
			o.reseal(4, func(e *audit.Entry, prev string, seq int64) {
				e.Seal(prev)
				e.Keyed, e.Seq = true, seq
			})
		}, audit.PlainReseal},
		{"middle entry deleted, later ones resealed with another key", func(o *auditOffice) {
			o.exec("DELETE FROM audit WHERE id = $1", o.entries()[4].ID)
			o.reseal(4, func(e *audit.Entry, prev string, seq int64) { e.SealKeyed(otherKey, prev, seq) })
		}, audit.BadSeal},
		{"middle entry deleted, later ones resealed with the real key: the head still counts it", func(o *auditOffice) {
			o.exec("DELETE FROM audit WHERE id = $1", o.entries()[4].ID)
			o.reseal(4, func(e *audit.Entry, prev string, seq int64) { e.SealKeyed(auditKey, prev, seq) })
		}, audit.Cut},
		{"an entry's data changed", func(o *auditOffice) {
			o.exec("UPDATE audit SET data = $1 WHERE id = $2", `{"name":"x"}`, o.entries()[3].ID)
		}, audit.BadSeal},
		{"an entry's actor changed", func(o *auditOffice) {
			o.exec("UPDATE audit SET actor_name = $1 WHERE id = $2", "someone", o.entries()[8].ID)
		}, audit.BadSeal},
		{"an unkeyed entry appended after keyed ones", func(o *auditOffice) {
			last := o.entries()[9]
			e := audit.Entry{At: time.Now().UTC().Truncate(time.Microsecond), ActorName: "admin", Action: "read_personal", Entity: "matter", Ref: "20261130-000001"}
			e.Seal(last.Hash)
			o.exec(`INSERT INTO audit (at, actor_name, action, entity, ref, data, prev_hash, hash, seq, keyed) VALUES ($1, $2, $3, $4, $5, '', $6, $7, 0, FALSE)`,
				e.At, e.ActorName, e.Action, e.Entity, e.Ref, e.PrevHash, e.Hash)
		}, audit.Unkeyed},
		{"head file missing", func(o *auditOffice) {
			if err := os.Remove(o.head); err != nil {
				o.t.Fatal(err)
			}
		}, audit.HeadMissing},
		{"head file edited to a lower count", func(o *auditOffice) {
			b, _ := os.ReadFile(o.head)
			os.WriteFile(o.head, bytes.Replace(b, []byte(`"count": 10`), []byte(`"count": 7`), 1), 0o600)
		}, audit.HeadInvalid},
		{"head file garbled", func(o *auditOffice) { os.WriteFile(o.head, []byte("{"), 0o600) }, audit.HeadInvalid},
	}
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				ctx := context.Background()
				if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.Exec(ctx, "DELETE FROM audit") }); err != nil {
					t.Fatal(err)
				}
				o := newAuditOffice(t, s) // an empty log, a new head
				o.appendN(10)
				if h := o.readHead(); h.Count != 10 || h.LastID != o.entries()[9].ID {
					t.Fatalf("head %+v after 10 entries", h)
				}
				tc.tamper(o)
				if got, r := o.verify(); got != tc.want {
					t.Fatalf("problem %q, want %q (%+v)", got, tc.want, r)
				}
			})
		}
	})
}

// TestAuditCutTail_R_P8: entries cut from the end are found even when the office goes
// on writing afterwards: the head never moves past the cut, neither in the running
// instance nor after a restart, until an admin resets it with a reason.
func TestAuditCutTail_R_P8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newAuditOffice(t, s)
		o.appendN(8)
		list := o.entries()
		o.exec("DELETE FROM audit WHERE id > $1", list[4].ID)
		o.appendN(5) // the cut is hidden by new entries: 10 entries again, more than the head's 8
		if got, _ := o.verify(); got != audit.HeadMismatch {
			t.Fatalf("cut then appended: %q, want %q", got, audit.HeadMismatch)
		}
		if h := o.readHead(); h.Count != 8 || h.LastID != list[7].ID {
			t.Fatalf("head moved past the cut: %+v", h)
		}
		if err := o.restart(auditKey); err != nil {
			t.Fatalf("restart refused: %v", err)
		}
		o.appendN(2)
		if got, _ := o.verify(); got != audit.HeadMismatch {
			t.Fatalf("after restart: %q", got)
		}
		// An admin looked into it (a restored backup, say) and starts the head again.
		if _, err := o.svc.ResetAuditHead(o.ctx, "restored the backup of 30 November"); err != nil {
			t.Fatal(err)
		}
		if got, r := o.verify(); got != "" {
			t.Fatalf("after reset: %q %+v", got, r)
		}
		last := o.entries()[len(o.entries())-1]
		if last.Action != "reset_head" || !strings.Contains(last.Data, `"reason":"restored the backup of 30 November"`) || !strings.Contains(last.Data, `"count":8`) {
			t.Fatalf("reset not entered in the log: %+v", last)
		}
		o.appendN(1)
		if got, _ := o.verify(); got != "" || o.readHead().Count != int64(len(o.entries())) {
			t.Fatalf("head does not follow after the reset: %q %+v", got, o.readHead())
		}
	})
}

// TestAuditUpgrade_R_P8: a log written before keys (plain SHA-256) stays verifiable; the
// first keyed entry counts it and seals its last hash, so rewriting the old history
// breaks the chain; an unkeyed append after keyed ones is refused.
func TestAuditUpgrade_R_P8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i := range 4 { // what the previous version wrote
			e := audit.Entry{At: time.Date(2026, 5, 1, 8, i, 0, 0, time.UTC), ActorName: "admin", Action: "update", Entity: "user", Ref: fmt.Sprint(i)}
			if err := s.Tx(ctx, func(tx *store.Tx) error { _, err := tx.AppendAudit(ctx, &e, nil); return err }); err != nil {
				t.Fatal(err)
			}
		}
		o := &auditOffice{t: t, s: s, head: filepath.Join(t.TempDir(), service.AuditHeadFile), ctx: ctx}
		o.svc = service.New(s, nil)
		if got, r := o.verify(); got != "" || r.Warning != audit.HeadNotKept || r.Plain != 4 {
			t.Fatalf("old log before the upgrade: %q %+v", got, r)
		}
		if err := o.restart(auditKey); err != nil { // first start of the new version
			t.Fatal(err)
		}
		if h := o.readHead(); h.Count != 4 {
			t.Fatalf("head of the old log: %+v", h)
		}
		o.appendN(3)
		got, r := o.verify()
		if got != "" || r.Plain != 4 || r.Keyed != 3 || r.Checked != 7 {
			t.Fatalf("upgraded log: %q %+v", got, r)
		}
		if first := o.entries()[4]; !first.Keyed || first.Seq != 5 || first.PrevHash != o.entries()[3].Hash {
			t.Fatalf("first keyed entry: %+v", first)
		}
		err := s.Tx(ctx, func(tx *store.Tx) error {
			_, err := tx.AppendAudit(ctx, &audit.Entry{At: time.Now(), ActorName: "x", Action: "y", Entity: "z"}, nil)
			return err
		})
		if err == nil {
			t.Fatal("an unkeyed entry was appended after keyed ones")
		}
		// Rewriting the old, plain history — and sealing it again — breaks the chain at the first keyed entry.
		o.exec("UPDATE audit SET ref = $1 WHERE id = $2", "99", o.entries()[1].ID)
		list := o.entries()
		prev := audit.Genesis
		for _, e := range list[:4] {
			e.Seal(prev)
			o.exec("UPDATE audit SET prev_hash = $1, hash = $2 WHERE id = $3", e.PrevHash, e.Hash, e.ID)
			prev = e.Hash
		}
		if got, r := o.verify(); got != audit.Broken || r.Problem.ID != list[4].ID {
			t.Fatalf("rewritten old history: %q %+v", got, r.Problem)
		}
	})
}

// TestAuditHeadLost_R_P8: when the head file is lost or unreadable, verify-audit fails;
// the next start begins a new head and enters that in the log, so the gap in protection
// is on record.
func TestAuditHeadLost_R_P8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newAuditOffice(t, s)
		o.appendN(3)
		os.Remove(o.head)
		if got, _ := o.verify(); got != audit.HeadMissing {
			t.Fatalf("missing head: %q", got)
		}
		if err := o.restart(auditKey); err != nil {
			t.Fatal(err)
		}
		if got, _ := o.verify(); got != "" {
			t.Fatalf("after restart: %q", got)
		}
		list := o.entries()
		if last := list[len(list)-1]; last.Action != "reset_head" || !strings.Contains(last.Data, "head file missing") {
			t.Fatalf("the new head is not on record: %+v", last)
		}
		os.WriteFile(o.head, nil, 0o600) // a head cut short by a power loss
		if got, _ := o.verify(); got != audit.HeadInvalid {
			t.Fatalf("empty head: %q", got)
		}
		if err := o.restart(auditKey); err != nil {
			t.Fatal(err)
		}
		list = o.entries()
		if last := list[len(list)-1]; last.Action != "reset_head" || !strings.Contains(last.Data, "head file unreadable") {
			t.Fatalf("the unreadable head is not on record: %+v", last)
		}
		if got, _ := o.verify(); got != "" {
			t.Fatalf("after the second restart: %q", got)
		}
	})
}

// TestAuditWrongKey_R_P8: an instance started with another key (or a changed head) refuses
// to start, so it never seals entries no one can verify; verification names the cause.
func TestAuditWrongKey_R_P8(t *testing.T) {
	o := newAuditOffice(t, testdb.SQLite(t))
	o.appendN(2)
	if err := o.restart(otherKey); err == nil || !strings.Contains(err.Error(), "another audit key") {
		t.Fatalf("start with another key: %v", err)
	}
	o.svc = service.New(o.s, nil)
	if err := o.svc.UseAudit(o.ctx, service.AuditConfig{Key: otherKey, HeadPath: o.head, ReadOnly: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := o.verify(); got != audit.WrongKey {
		t.Fatalf("verify with another key: %q", got)
	}
	// A second instance on the same database with a folder of its own, and its own key.
	if err := o.restart(auditKey); err != nil {
		t.Fatal(err)
	}
	other := service.New(o.s, nil)
	err := other.UseAudit(o.ctx, service.AuditConfig{Key: otherKey, HeadPath: filepath.Join(t.TempDir(), service.AuditHeadFile)})
	if err == nil || !strings.Contains(err.Error(), "needs the same key") {
		t.Fatalf("second instance with another key: %v", err)
	}
	if got, _ := o.verify(); got != "" {
		t.Fatalf("the refused instance changed the log: %q", got)
	}
	b, _ := os.ReadFile(o.head)
	os.WriteFile(o.head, bytes.Replace(b, []byte(`"count": 2`), []byte(`"count": 1`), 1), 0o600)
	if err := o.restart(auditKey); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Fatalf("start with a changed head: %v", err)
	}
}

// TestAuditConcurrentHead_R_P8: many goroutines appending at once leave the head on the
// last entry — appends finish out of order, and the head never moves backwards.
func TestAuditConcurrentHead_R_P8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newAuditOffice(t, s)
		admin := auth.User{ID: 1, Username: "boss", Role: auth.Admin, Active: true}
		ctx := service.WithUser(o.ctx, &admin)
		var wg sync.WaitGroup
		errs := make(chan error, 200)
		for g := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 8 {
					a := dispatch.Area{Name: fmt.Sprintf("并发%d-%d", g, i), Level: dispatch.County, Kind: dispatch.KindUrban}
					if err := o.svc.CreateArea(ctx, &a); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		list := o.entries()
		last := list[len(list)-1]
		if h := o.readHead(); h.Count != 128 || h.LastID != last.ID || h.Hash != last.Hash {
			t.Fatalf("head %+v, last entry %d %s of %d", h, last.ID, last.Hash, len(list))
		}
		if got, r := o.verify(); got != "" || r.Checked != 128 {
			t.Fatalf("%q %+v", got, r)
		}
	})
}

// TestAuditKeyFile_R_P8: the key comes from WEIQUAN_AUDIT_KEY, else from a file created
// once with mode 0600 and read back on every start.
func TestAuditKeyFile_R_P8(t *testing.T) {
	t.Setenv(service.AuditKeyEnv, "")
	dir := filepath.Join(t.TempDir(), "data")
	if _, _, err := service.AuditConfigFor(dir, false); err == nil {
		t.Fatal("no key and no file, yet a key")
	}
	cfg, src, err := service.AuditConfigFor(dir, true)
	if err != nil || len(cfg.Key) != audit.KeySize || src != filepath.Join(dir, service.AuditKeyFile) || cfg.HeadPath != filepath.Join(dir, service.AuditHeadFile) {
		t.Fatalf("%+v %q %v", cfg.HeadPath, src, err)
	}
	fi, err := os.Stat(src)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v %v", fi.Mode(), err)
	}
	again, _, err := service.AuditConfigFor(dir, true)
	if err != nil || !bytes.Equal(again.Key, cfg.Key) {
		t.Fatal("the key file was not read back")
	}
	t.Setenv(service.AuditKeyEnv, strings.Repeat("ab", audit.KeySize))
	env, src, err := service.AuditConfigFor(dir, true)
	if err != nil || src != service.AuditKeyEnv || env.Key[0] != 0xab {
		t.Fatalf("%q %v", src, err)
	}
	t.Setenv(service.AuditKeyEnv, "not hex")
	if _, _, err := service.AuditConfigFor(dir, true); err == nil {
		t.Fatal("a bad key was accepted")
	}
}
