// Package audit defines the tamper-evident audit log (R-P8). Every entry
// carries the seal of the one before; entries are sealed with an HMAC-SHA256
// whose key lives outside the database, so someone who can write the database
// but not read the key can neither change an entry nor remove one and seal the
// rest again. The chain head (count and last seal), also kept outside the
// database, shows when entries were cut from the end. Entries written before
// keys existed keep their plain SHA-256 seal and stay verifiable; once keyed
// entries begin, every later entry must be keyed.
package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"time"
)

// Entry is one line of the audit log.
type Entry struct {
	ID        int64     `json:"id"`
	Seq       int64     `json:"seq"` // position in the log, from 1; 0 on plain entries written before keys
	At        time.Time `json:"at"`
	ActorID   *int64    `json:"actor_id,omitempty"`
	ActorName string    `json:"actor"`
	Action    string    `json:"action"` // e.g. read_personal, create, update, revoke, verify
	Entity    string    `json:"entity"` // matter, user, merchant, area, station, api_key, audit
	Ref       string    `json:"ref"`    // case number or id
	Data      string    `json:"data,omitempty"`
	Keyed     bool      `json:"keyed"` // sealed with the audit key (HMAC-SHA256), not a plain SHA-256
	PrevHash  string    `json:"prev_hash"`
	Hash      string    `json:"hash"`
}

// Genesis is the previous hash of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// KeySize is the length of an audit key in bytes (64 hex characters).
const KeySize = 32

// Link is where an entry stands in the chain: what the next entry must follow.
type Link struct {
	ID    int64
	Seq   int64 // the entry's position; 0 for a plain entry
	Hash  string
	Keyed bool
}

// Link returns the entry as the link the next entry follows.
func (e *Entry) Link() Link { return Link{ID: e.ID, Seq: e.Seq, Hash: e.Hash, Keyed: e.Keyed} }

// Seal computes a plain SHA-256 seal after prev: the scheme written before keys
// existed, kept so old entries verify and tests can build an old log.
func (e *Entry) Seal(prev string) {
	e.PrevHash, e.Seq, e.Keyed = prev, 0, false
	e.Hash = e.plain()
}

// SealKeyed seals the entry at position seq after prev with the audit key.
func (e *Entry) SealKeyed(key []byte, prev string, seq int64) {
	e.PrevHash, e.Seq, e.Keyed = prev, seq, true
	e.Hash = e.keyed(key)
}

func (e *Entry) fields() []string {
	actor := ""
	if e.ActorID != nil {
		actor = strconv.FormatInt(*e.ActorID, 10)
	}
	return []string{e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), actor, e.ActorName, e.Action, e.Entity, e.Ref, e.Data}
}

// plain is the pre-key seal; its input must never change, or old logs stop verifying.
func (e *Entry) plain() string {
	h := sha256.New()
	writeFields(h, e.fields())
	return hex.EncodeToString(h.Sum(nil))
}

// keyed is the HMAC seal; the tag and the position are inside it, so a keyed
// seal can never be mistaken for a plain one nor moved to another place.
func (e *Entry) keyed(key []byte) string {
	m := hmac.New(sha256.New, key)
	writeFields(m, append([]string{"weiquan-audit-v1", strconv.FormatInt(e.Seq, 10)}, e.fields()...))
	return hex.EncodeToString(m.Sum(nil))
}

// SealedWith reports whether a keyed entry's seal verifies with key.
func (e *Entry) SealedWith(key []byte) bool {
	return e.Keyed && hmac.Equal([]byte(e.Hash), []byte(e.keyed(key)))
}

// writeFields length-prefixes every field so no two different entries hash the same text.
func writeFields(h hash.Hash, fields []string) {
	for _, f := range fields {
		fmt.Fprintf(h, "%d:%s\n", len(f), f)
	}
}

// KeyID names a key without revealing it, so a head file can tell which key wrote it.
func KeyID(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("weiquan-audit-key-id"))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// ParseKey reads a key written as 64 hexadecimal characters.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	k, err := hex.DecodeString(s)
	if err != nil || len(k) != KeySize {
		return nil, fmt.Errorf("audit: a key is %d hexadecimal characters (%d bytes), e.g. from `openssl rand -hex 32`", 2*KeySize, KeySize)
	}
	return k, nil
}

// Describe is a short human line for listings.
func (e *Entry) Describe() string {
	return strings.TrimSpace(fmt.Sprintf("%s %s %s %s", e.ActorName, e.Action, e.Entity, e.Ref))
}

// Reason is the "why" an entry's data gives (a break-glass reason, a reset's cause), or "".
func (e *Entry) Reason() string {
	var d struct {
		Reason string `json:"reason"`
	}
	if e.Data == "" || json.Unmarshal([]byte(e.Data), &d) != nil {
		return ""
	}
	return d.Reason
}
