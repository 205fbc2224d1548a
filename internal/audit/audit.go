// Package audit defines the tamper-evident audit log (R-P8): every entry
// carries the hash of the one before, so removing or changing an entry breaks
// the chain and `weiquan verify-audit` finds where.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Entry is one line of the audit log.
type Entry struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	ActorID   *int64    `json:"actor_id,omitempty"`
	ActorName string    `json:"actor"`
	Action    string    `json:"action"` // e.g. read_personal, create_user, update_merchant
	Entity    string    `json:"entity"` // matter, user, merchant, area, station, api_key
	Ref       string    `json:"ref"`    // case number or id
	Data      string    `json:"data,omitempty"`
	PrevHash  string    `json:"prev_hash"`
	Hash      string    `json:"hash"`
}

// Genesis is the previous hash of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Seal computes the entry's hash from its fields and the previous hash.
func (e *Entry) Seal(prev string) {
	e.PrevHash = prev
	e.Hash = e.compute()
}

func (e *Entry) compute() string {
	actor := ""
	if e.ActorID != nil {
		actor = strconv.FormatInt(*e.ActorID, 10)
	}
	fields := []string{e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), actor, e.ActorName, e.Action, e.Entity, e.Ref, e.Data}
	h := sha256.New()
	for _, f := range fields {
		// length-prefix every field so no two different entries hash the same text
		fmt.Fprintf(h, "%d:%s\n", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Verify walks entries in id order and returns the first broken one, or nil.
func Verify(next func() (*Entry, error)) (checked int, err error) {
	prev := Genesis
	for {
		e, err := next()
		if err != nil {
			return checked, err
		}
		if e == nil {
			return checked, nil
		}
		if e.PrevHash != prev {
			return checked, fmt.Errorf("audit: entry %d does not follow the entry before it (chain broken: an entry was removed or reordered)", e.ID)
		}
		if got := e.compute(); got != e.Hash {
			return checked, fmt.Errorf("audit: entry %d was changed after it was written", e.ID)
		}
		prev = e.Hash
		checked++
	}
}

// Describe is a short human line for listings.
func (e *Entry) Describe() string {
	return strings.TrimSpace(fmt.Sprintf("%s %s %s %s", e.ActorName, e.Action, e.Entity, e.Ref))
}
