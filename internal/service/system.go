package service

import (
	"context"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/store"
)

// The office's own tooling — serve, the command line, the demo — asks a few things
// of the database that no person does through the door: whether it answers, its
// schema, closing it.

// Ping reports whether the database answers (/healthz).
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

// Close releases the database.
func (s *Service) Close() error {
	if s.Printer != nil {
		_ = s.Printer.Close()
	}
	return s.store.Close()
}

// SchemaVersion says which migration the database is at, and on which engine.
func (s *Service) SchemaVersion(ctx context.Context) (int, string, error) {
	v, err := s.store.SchemaVersion(ctx)
	return v, string(s.store.Dialect()), err
}

// WithClock returns a service on the same database and audit chain whose commands
// believe it is another time: the demo fills a year as it would have happened.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := New(s.store, now)
	c.ShareAudit(s)
	return c
}

// UserByName returns the user with a user name, for administration.
func (s *Service) UserByName(ctx context.Context, p auth.Principal, name string) (auth.User, error) {
	if !admin(p) {
		return auth.User{}, ErrForbidden
	}
	return s.store.UserByName(ctx, name)
}

// Empty reports whether the office has no matter yet (the demo fills only an empty one).
func (s *Service) Empty(ctx context.Context) (bool, error) {
	_, n, err := s.store.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Limit: 1})
	return n == 0, err
}
