package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"

	"weiquan/internal/ledger"
)

// An uploaded ledger waits in memory between its preview and its commit, under a
// random token that only its uploader can use. Keeping it here — rather than asking
// the browser to send it again or to carry it in the page — means the file committed
// is byte for byte the file previewed (its SHA-256 is shown and recorded), a ledger
// full of personal data is never written to disk, and it is gone after the commit,
// after stashTTL, or when the server restarts (the user then uploads it again). The
// commit still checks every row again, so nothing from the preview is trusted.
const (
	stashTTL     = 30 * time.Minute
	stashBytes   = 256 << 20 // all waiting files together
	stashPerUser = 3
)

type stashed struct {
	user   int64
	name   string
	data   []byte
	sha    string
	at     time.Time
	busy   bool           // a commit is running
	result *ledger.Result // after the commit: what it did (the file itself is dropped)
}

type uploadStash struct {
	mu    sync.Mutex
	items map[string]*stashed
	bytes int
	now   func() time.Time
}

func newUploadStash() *uploadStash {
	return &uploadStash{items: map[string]*stashed{}, now: time.Now}
}

// put keeps a file for its uploader and returns its token; the oldest files make room.
func (s *uploadStash) put(user int64, name string, data []byte) (string, string) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	tok := hex.EncodeToString(b[:])
	sum := sha256.Sum256(data)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep()
	for {
		mine := 0
		for _, it := range s.items {
			if it.user == user {
				mine++
			}
		}
		if (mine < stashPerUser && s.bytes+len(data) <= stashBytes) || !s.evict(user, mine >= stashPerUser) {
			break
		}
	}
	s.items[tok] = &stashed{user: user, name: name, data: data, sha: hex.EncodeToString(sum[:]), at: s.now()}
	s.bytes += len(data)
	return tok, hex.EncodeToString(sum[:])
}

// evict drops the oldest idle file (the user's own when ownOnly); false when there is none.
func (s *uploadStash) evict(user int64, ownOnly bool) bool {
	var oldest string
	for tok, it := range s.items {
		if it.busy || (ownOnly && it.user != user) {
			continue
		}
		if oldest == "" || it.at.Before(s.items[oldest].at) {
			oldest = tok
		}
	}
	if oldest == "" {
		return false
	}
	s.drop(oldest)
	return true
}

func (s *uploadStash) drop(tok string) {
	s.bytes -= len(s.items[tok].data)
	delete(s.items, tok)
}

func (s *uploadStash) sweep() {
	for tok, it := range s.items {
		if !it.busy && s.now().Sub(it.at) > stashTTL {
			s.drop(tok)
		}
	}
}

// get returns a copy of what a token holds, for its uploader only.
func (s *uploadStash) get(user int64, tok string) (stashed, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep()
	it, ok := s.items[tok]
	if !ok || it.user != user {
		return stashed{}, false
	}
	return *it, true
}

// claim marks a file as being committed, so a second click cannot import it twice.
func (s *uploadStash) claim(user int64, tok string) (stashed, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.items[tok]
	if !ok || it.user != user || it.busy || it.result != nil || s.now().Sub(it.at) > stashTTL {
		return stashed{}, false
	}
	it.busy = true
	return *it, true
}

// release gives a claimed file back after a commit that did not happen.
func (s *uploadStash) release(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it, ok := s.items[tok]; ok {
		it.busy = false
	}
}

// done replaces a committed file by what its commit did, for the result page.
func (s *uploadStash) done(tok string, res *ledger.Result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it, ok := s.items[tok]; ok {
		s.bytes -= len(it.data)
		it.data, it.busy, it.result, it.at = nil, false, res, s.now()
	}
}
