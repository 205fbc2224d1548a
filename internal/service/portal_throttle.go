package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"

	"weiquan/internal/fault"
	"weiquan/internal/store"
)

// Throttle is how many events of one kind one key (an address, a phone) may cause in a window.
type Throttle struct {
	N      int
	Window time.Duration
}

// PortalLimits are the portal's throttles, counted in the database so that every instance
// on it counts as one.
type PortalLimits struct {
	SubmitPerAddr  Throttle // submissions from one network address
	SubmitPerPhone Throttle // submissions naming one phone
	CodePerPhone   Throttle // one-time codes sent to one phone
	CodePerAddr    Throttle // one-time codes asked from one address
	ProvePerAddr   Throttle // codes or tracking codes tried from one address
	PrintPerAddr   Throttle // new poster PDFs printed for one address (a reprint is free)
}

// DefaultPortalLimits stop a flood without troubling a person: a household may file a few
// matters an hour; a phone gets three codes in fifteen minutes.
var DefaultPortalLimits = PortalLimits{
	SubmitPerAddr:  Throttle{10, time.Hour},
	SubmitPerPhone: Throttle{5, 24 * time.Hour},
	CodePerPhone:   Throttle{3, 15 * time.Minute},
	CodePerAddr:    Throttle{10, time.Hour},
	ProvePerAddr:   Throttle{20, time.Hour},
	PrintPerAddr:   Throttle{10, time.Hour},
}

// portalState holds the portal's settings.
type portalState struct {
	mu      sync.RWMutex
	limits  PortalLimits
	baseURL string
	webhook string // the office's own system, told of every portal submission
}

func newPortalState() *portalState { return &portalState{limits: DefaultPortalLimits} }

// SetPortal sets where the public reaches the portal (for the links in messages) and its throttles.
func (s *Service) SetPortal(baseURL string, lim PortalLimits) {
	s.portal.mu.Lock()
	defer s.portal.mu.Unlock()
	s.portal.baseURL, s.portal.limits = baseURL, lim
}

// PortalURL is where the public reaches the office, as set by SetPortal ("" when unknown).
func (s *Service) PortalURL() string {
	u, _ := s.portalSettings()
	return u
}

// SetPortalWebhook names the URL told (signed, through the outbox) of every portal submission.
func (s *Service) SetPortalWebhook(url string) {
	s.portal.mu.Lock()
	s.portal.webhook = url
	s.portal.mu.Unlock()
}

func (s *Service) portalWebhook() string {
	s.portal.mu.RLock()
	defer s.portal.mu.RUnlock()
	return s.portal.webhook
}

func (s *Service) portalSettings() (string, PortalLimits) {
	s.portal.mu.RLock()
	defer s.portal.mu.RUnlock()
	return s.portal.baseURL, s.portal.limits
}

// hit counts one event against a throttle inside tx, refusing it with fault.ErrRateLimited when
// the key has had its share of the window. The key is kept hashed: the table names no phone.
func hit(ctx context.Context, tx *store.Tx, kind, key string, th Throttle, now time.Time) error {
	if th.N <= 0 || key == "" {
		return nil
	}
	sum := sha256.Sum256([]byte(kind + "\x00" + key))
	bucket := kind + ":" + hex.EncodeToString(sum[:12])
	n, err := tx.CountHits(ctx, bucket, now.Add(-th.Window))
	if err != nil {
		return err
	}
	if n >= th.N {
		return fault.ErrRateLimited
	}
	return tx.AddHit(ctx, bucket, now, now.Add(-th.Window))
}

// throttle counts one event in its own transaction, so that it stays counted whatever becomes
// of the command it guards (a wrong code counts as much as a right one).
func (s *Service) throttle(ctx context.Context, kind, key string, th Throttle) error {
	now := s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error { return hit(ctx, tx, kind, key, th, now) })
}
