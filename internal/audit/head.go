package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Head is the end of the chain as last seen by an instance, kept outside the
// database: how many entries the log held and the last one's id and seal. A log
// with fewer entries, or another entry at that place, was cut or rewritten.
type Head struct {
	Count  int64     `json:"count"`
	LastID int64     `json:"last_id"`
	Hash   string    `json:"hash"`
	KeyID  string    `json:"key_id"` // which key wrote it (KeyID), so a wrong key is named as such
	At     time.Time `json:"written_at"`
	MAC    string    `json:"mac"` // HMAC of the fields above with the audit key
}

func (h *Head) mac(key []byte) string {
	m := hmac.New(sha256.New, key)
	writeFields(m, []string{"weiquan-audit-head-v1", strconv.FormatInt(h.Count, 10), strconv.FormatInt(h.LastID, 10),
		h.Hash, h.KeyID, h.At.UTC().Format(time.RFC3339Nano)})
	return hex.EncodeToString(m.Sum(nil))
}

// Sign sets the head's key id and MAC.
func (h *Head) Sign(key []byte) {
	h.At = h.At.UTC()
	h.KeyID = KeyID(key)
	h.MAC = h.mac(key)
}

// Valid reports whether the head was written with key and not changed since.
func (h *Head) Valid(key []byte) bool {
	return hmac.Equal([]byte(h.MAC), []byte(h.mac(key)))
}

// Encode is the head file's content.
func (h *Head) Encode() []byte {
	b, _ := json.MarshalIndent(h, "", "  ")
	return append(b, '\n')
}

// DecodeHead reads a head file's content.
func DecodeHead(b []byte) (*Head, error) {
	var h Head
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("audit: head: %w", err)
	}
	if h.Count < 0 || h.Count > 0 && (h.LastID <= 0 || h.Hash == "") {
		return nil, fmt.Errorf("audit: head: count %d, last id %d: not a head", h.Count, h.LastID)
	}
	return &h, nil
}

// Next is the head after entry e, which stands at position pos.
func Next(e *Entry, pos int64, at time.Time) Head {
	return Head{Count: pos, LastID: e.ID, Hash: e.Hash, At: at}
}
