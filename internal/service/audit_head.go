package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"weiquan/internal/audit"
	"weiquan/internal/store"
)

// readHead reads a head file; a missing file is (nil, nil).
func readHead(path string) (*audit.Head, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("service: audit head: %w", err)
	}
	h, err := audit.DecodeHead(b)
	if err != nil {
		return nil, fmt.Errorf("service: %s: %w", path, err)
	}
	return h, nil
}

// write signs h and replaces the head file with it atomically: a temporary file
// in the same folder, then a rename, so a reader sees the old head or the new one.
// The caller holds c.mu.
func (c *auditChain) write(h audit.Head) error {
	h.Sign(c.key)
	dir := filepath.Dir(c.headPath)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("service: audit head: %w", err)
	}
	f, err := os.CreateTemp(dir, ".audit.head-*")
	if err != nil {
		return fmt.Errorf("service: audit head: %w", err)
	}
	_, err = f.Write(h.Encode())
	if err = errors.Join(err, f.Chmod(0o600), f.Close()); err == nil {
		err = os.Rename(f.Name(), c.headPath)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("service: audit head: %w", err)
	}
	c.head = &h
	return nil
}

// fileHead is the head file's content when it is valid for this key, else nil.
func (c *auditChain) fileHead() *audit.Head {
	if f, err := readHead(c.headPath); err == nil && f != nil && f.KeyID == audit.KeyID(c.key) && f.Valid(c.key) {
		return f
	}
	return nil
}

// follows checks, inside the appending transaction, that the log still holds the
// entry the head records — so entries appended after a cut never carry the head
// past it. prev is the entry the new one follows. A newer head in the file (from
// another instance sharing the folder, or a reset) is taken up once the log is
// found to hold its entry.
func (c *auditChain) follows(ctx context.Context, tx *store.Tx, prev audit.Link) (bool, error) {
	c.mu.Lock()
	h, frozen := c.head, c.frozen
	if f := c.fileHead(); f != nil && (h == nil || f.Count > h.Count || frozen && (f.LastID != h.LastID || f.Hash != h.Hash)) {
		h = f
	}
	c.mu.Unlock()
	ok := h == nil || h.Count == 0 || prev.ID == h.LastID && prev.Hash == h.Hash
	if !ok {
		l, err := tx.AuditLink(ctx, h.LastID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return false, err
		}
		ok = err == nil && l.Hash == h.Hash && (!l.Keyed || l.Seq == h.Count)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok && h != c.head && (c.head == nil || c.frozen || h.Count > c.head.Count) {
		c.head, c.frozen = h, false
	}
	return ok && !c.frozen, nil
}

// advance moves the head to e once its transaction has committed. It never moves
// the head backwards: appends commit in one order and finish in another, and
// instances sharing a folder write the same file, so it compares under a lock.
func (c *auditChain) advance(e audit.Entry, extends bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !extends || c.frozen {
		if c.head != nil {
			c.freeze(c.head)
		}
		return
	}
	if c.head != nil && e.Seq <= c.head.Count {
		return
	}
	unlock, err := lockFile(c.headPath + ".lock")
	if err != nil {
		slog.Error("audit head not written", "error", err)
		return
	}
	defer unlock()
	if f := c.fileHead(); f != nil && f.Count >= e.Seq {
		c.head = f
		return
	}
	if err := c.write(audit.Next(&e, e.Seq, time.Now())); err != nil {
		slog.Error("audit head not written", "error", err)
	}
}

// ResetAuditHead starts the head again at the log's end, after someone has
// looked into why it no longer matched (a restored backup, a lost data folder).
// The reset is itself an entry of the log, holding the reason and the old head.
func (s *Service) ResetAuditHead(ctx context.Context, reason string) (audit.Head, error) {
	c := s.audit
	if c.headPath == "" {
		return audit.Head{}, errors.New("service: this instance keeps no audit head")
	}
	c.mu.Lock()
	old := c.head
	c.mu.Unlock()
	data := map[string]any{"reason": reason, "old_head": nil}
	if old != nil {
		data["old_head"] = map[string]any{"count": old.Count, "last_id": old.LastID, "hash": old.Hash}
	}
	e := audit.Entry{At: s.now(), Action: "reset_head", Entity: "audit", ActorName: "system"}
	if err := s.fillEntry(ctx, &e, data); err != nil {
		return audit.Head{}, err
	}
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		_, err := tx.AppendAudit(ctx, &e, c.key)
		return err
	})
	if err != nil {
		return audit.Head{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	unlock, err := lockFile(c.headPath + ".lock")
	if err != nil {
		return audit.Head{}, err
	}
	defer unlock()
	if c.head != old && c.head != nil && c.head.Count > e.Seq { // appends after the reset moved it on already
		return *c.head, nil
	}
	c.frozen = false
	if err := c.write(audit.Next(&e, e.Seq, time.Now())); err != nil {
		return audit.Head{}, err
	}
	return *c.head, nil
}
