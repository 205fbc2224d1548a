package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"weiquan/internal/audit"
	"weiquan/internal/fault"
)

// AuditKeyEnv names the environment variable that holds the audit key as 64
// hexadecimal characters; when it is set, no key file is read or created.
const AuditKeyEnv = "WEIQUAN_AUDIT_KEY"

// AuditKeyFile and AuditHeadFile are the files in the data folder that hold the
// audit key (when the environment does not) and the chain head.
const (
	AuditKeyFile  = "audit.key"
	AuditHeadFile = "audit.head"
)

// ErrNoAuditKey means neither the environment nor the data folder holds an audit key.
var ErrNoAuditKey = fmt.Errorf("service: no audit key: set %s or put %s in the data folder", AuditKeyEnv, AuditKeyFile)

// AuditConfig says where the audit log's secrets live outside the database (R-P8).
type AuditConfig struct {
	Key      []byte // the HMAC key, audit.KeySize bytes; nil only with ReadOnly
	HeadPath string // the head file; "" keeps no head (tests)
	ReadOnly bool   // for verify-audit: read the head, check and write nothing
}

// AuditConfigFor is the configuration of an instance whose data folder is dir:
// the key from WEIQUAN_AUDIT_KEY, else from dir/audit.key — created (mode 0600)
// when create is set and it is missing — and the head in dir/audit.head.
// It returns where the key came from, never the key in any printable form.
func AuditConfigFor(dir string, create bool) (AuditConfig, string, error) {
	cfg := AuditConfig{HeadPath: filepath.Join(dir, AuditHeadFile)}
	if v := os.Getenv(AuditKeyEnv); v != "" {
		k, err := audit.ParseKey(v)
		if err != nil {
			return cfg, "", fmt.Errorf("service: %s: %w", AuditKeyEnv, err)
		}
		cfg.Key = k
		return cfg, AuditKeyEnv, nil
	}
	path := filepath.Join(dir, AuditKeyFile)
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if cfg.Key, err = audit.ParseKey(string(b)); err != nil {
			return cfg, "", fmt.Errorf("service: %s: %w", path, err)
		}
		if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
			slog.Warn("audit key file is readable by others; chmod 600 it", "file", path, "mode", fi.Mode().Perm().String())
		}
		return cfg, path, nil
	case !errors.Is(err, os.ErrNotExist):
		return cfg, "", fmt.Errorf("service: audit key: %w", err)
	case !create:
		return cfg, "", ErrNoAuditKey
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return cfg, "", fmt.Errorf("service: audit key: %w", err)
	}
	k := make([]byte, audit.KeySize)
	if _, err := rand.Read(k); err != nil {
		return cfg, "", fmt.Errorf("service: audit key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) { // another instance created it first: use theirs
		return AuditConfigFor(dir, false)
	}
	if err != nil {
		return cfg, "", fmt.Errorf("service: audit key: %w", err)
	}
	_, err = f.WriteString(hex.EncodeToString(k) + "\n")
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		return cfg, "", fmt.Errorf("service: audit key: %w", err)
	}
	slog.Info("created the audit key; keep a copy of it apart from the database backups", "file", path)
	cfg.Key = k
	return cfg, path, nil
}

// auditChain is the audit log's key and head as this process knows them.
type auditChain struct {
	key      []byte
	headPath string
	mu       sync.Mutex  // orders this process's head writes
	head     *audit.Head // the newest head this process wrote or read
	frozen   bool        // the log lost the head's entry: the head stays until reset
}

var processKey = sync.OnceValue(func() []byte {
	k := make([]byte, audit.KeySize)
	if _, err := rand.Read(k); err != nil {
		panic("service: audit key: " + err.Error())
	}
	return k
})

// ephemeralAudit is what New gives a service until UseAudit: a key drawn once per
// process and kept only in memory, and no head. Entries it seals verify only in
// this process, which is what tests need; cli always calls UseAudit.
func ephemeralAudit() *auditChain { return &auditChain{key: processKey()} }

// UseAudit gives the service its audit key and head file. With a head file it
// checks, before anything is sealed, that the key is the log's: a head written
// with another key or changed since, or a newest entry that does not verify
// with the key (a second instance that made its own key), is an error. When the
// log no longer holds the head's entry the head is frozen and the error logged.
// When the head is missing (or unreadable, e.g. cut short by a power loss) it
// writes one from the log's end; if keyed entries exist already, the head was
// lost, and the reset is itself entered in the log with the reason.
func (s *Service) UseAudit(ctx context.Context, cfg AuditConfig) error {
	if len(cfg.Key) != audit.KeySize && !(cfg.ReadOnly && cfg.Key == nil) {
		return fmt.Errorf("service: audit key must be %d bytes", audit.KeySize)
	}
	c := &auditChain{key: cfg.Key, headPath: cfg.HeadPath}
	s.audit = c
	if c.headPath == "" {
		return nil
	}
	h, err := readHead(c.headPath)
	if cfg.ReadOnly {
		c.head = h
		return nil
	}
	why := "head file missing at start"
	if err != nil { // cut short by a crash, say: start again, on record, rather than not at all
		slog.Warn("audit head file unreadable", "file", c.headPath, "error", err)
		h, why = nil, "head file unreadable at start: "+err.Error()
	}
	if h != nil && h.KeyID != audit.KeyID(c.key) {
		return fmt.Errorf("service: %s was written with another audit key: check %s or %s", c.headPath, AuditKeyEnv, AuditKeyFile)
	}
	if h != nil && !h.Valid(c.key) {
		return fmt.Errorf("service: %s was changed after it was written; run `weiquan verify-audit`", c.headPath)
	}
	if last, err := s.store.LastAudit(ctx); err != nil {
		return err
	} else if last != nil && last.Keyed && !last.SealedWith(c.key) {
		return fmt.Errorf("service: the newest audit entry (#%d) does not verify with this audit key: every instance on one database "+
			"needs the same key (%s or %s), or the entry was changed — run `weiquan verify-audit`", last.ID, AuditKeyEnv, AuditKeyFile)
	}
	if h != nil {
		c.head = h
		if h.Count == 0 {
			return nil
		}
		l, err := s.store.AuditLink(ctx, h.LastID)
		if err != nil && !errors.Is(err, fault.ErrNotFound) {
			return err
		}
		if err != nil || l.Hash != h.Hash {
			c.freeze(h)
		}
		return nil
	}
	keyed, err := s.store.HasKeyedAudit(ctx)
	if err != nil {
		return err
	}
	if keyed {
		slog.Warn("audit head file missing or unreadable while the log holds keyed entries: starting a new head and recording that in the log", "file", c.headPath)
		_, err := s.ResetAuditHead(ctx, why)
		return err
	}
	tail, n, err := s.store.AuditTail(ctx)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.write(audit.Head{Count: n, LastID: tail.ID, Hash: tail.Hash, At: s.now()})
}

// ShareAudit makes s seal with other's key and keep other's head, for a second
// service on the same store (the demo's moving clock).
func (s *Service) ShareAudit(other *Service) { s.audit = other.audit }

func (c *auditChain) freeze(h *audit.Head) {
	if !c.frozen {
		slog.Error("audit log no longer holds the entry its head records: entries were cut or rewritten; "+
			"the head stays where it was — run `weiquan verify-audit`", "head_count", h.Count, "head_last_id", h.LastID)
	}
	c.frozen = true
}
