// Package service carries out the office's commands — intake, actions on a
// matter, administration, signing in — each in one transaction, using the pure
// rules of the domain packages and the store. The web UI and the API both call it.
package service

import (
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/document"
	"weiquan/internal/fault"
	"weiquan/internal/store"
)

// Service is the office's command layer.
type Service struct {
	store *store.Store
	Now   func() time.Time
	// Sessions says when sessions end; the zero value is DefaultSessionPolicy.
	Sessions SessionPolicy
	env      *envCache
	signin   *signinState
	audit    *auditChain  // key and head of the audit log (audit_key.go)
	outbox   *outbox      // the senders of each channel and their retry policy (outbox.go)
	calls    *callHub     // the desk's browsers told of calls as they ring (desk.go)
	portal   *portalState // the public portal's address and throttles (portal.go)
	// Printer prints issued documents to PDF; nil keeps the print layout only (mediation_document.go).
	Printer *document.Renderer
}

// New returns a service on a store with a clock.
func New(s *store.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: s, Now: now, env: &envCache{}, signin: &signinState{}, audit: ephemeralAudit(), outbox: newOutbox(), calls: &callHub{}, portal: newPortalState()}
}

// ErrForbidden means the user's role may not do this at all.
var ErrForbidden = fault.ErrForbidden

// ErrUnauthorized means the credentials are wrong or missing.
var ErrUnauthorized = fault.ErrUnauthorized

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// actor turns a signed-in user into the actor of a timeline event.
func actor(u *auth.User) casework.Actor {
	if u == nil {
		return casework.Actor{Name: "公众 / public", Role: ""}
	}
	if u.ID == 0 {
		return casework.Actor{Name: u.Name(), Role: u.Role} // the consumer proved on the portal: no user behind it
	}
	id := u.ID
	return casework.Actor{ID: &id, Name: u.Name(), Role: u.Role}
}
