package service

import (
	"context"
	"errors"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// SessionPolicy says when a session ends: after Idle without a request, and Max after
// it began, whichever comes first.
type SessionPolicy struct {
	Idle, Max time.Duration
}

// DefaultSessionPolicy is a working day's sign-in that a lunch break does not end.
var DefaultSessionPolicy = SessionPolicy{Idle: 2 * time.Hour, Max: 12 * time.Hour}

// touchEvery is how stale a session's last-seen time may get before a request writes it,
// so that reads do not become writes on every request.
const touchEvery = time.Minute

func (s *Service) session() SessionPolicy {
	p := s.Sessions
	if p.Idle <= 0 {
		p.Idle = DefaultSessionPolicy.Idle
	}
	if p.Max <= 0 {
		p.Max = DefaultSessionPolicy.Max
	}
	return p
}

// SessionMax is the longest a session lasts, for the cookie's Max-Age.
func (s *Service) SessionMax() time.Duration { return s.session().Max }

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		return tx.DeleteSession(ctx, auth.HashToken(token), s.now())
	})
}

// UserByToken returns the user of a live session: unexpired, begun within the policy's
// Max and used within its Idle. Its last-seen time is written at most once a minute.
func (s *Service) UserByToken(ctx context.Context, token string) (auth.User, error) {
	now, pol, hash := s.now(), s.session(), auth.HashToken(token)
	u, seen, err := s.store.SessionUser(ctx, hash, now, now.Add(-pol.Max), now.Add(-pol.Idle))
	if errors.Is(err, store.ErrNotFound) {
		return u, ErrUnauthorized
	}
	if err != nil {
		return u, err
	}
	if now.Sub(seen) >= touchEvery {
		if err := s.store.Tx(ctx, func(tx *store.Tx) error { return tx.TouchSession(ctx, hash, now) }); err != nil {
			return u, err
		}
	}
	return u, nil
}

// CheckAPIKey reports whether an Open311 api_key is valid.
func (s *Service) CheckAPIKey(ctx context.Context, key string) (bool, error) {
	if key == "" {
		return false, nil
	}
	return s.store.APIKeyValid(ctx, auth.HashToken(key))
}

// APIClient is the principal of an Open311 client presenting an api_key, or
// ErrUnauthorized when the key is missing, unknown or revoked.
func (s *Service) APIClient(ctx context.Context, key, addr string) (auth.Principal, error) {
	if key == "" {
		return auth.Principal{}, ErrUnauthorized
	}
	id, err := s.store.APIKeyID(ctx, auth.HashToken(key))
	if err != nil {
		return auth.Principal{}, err
	}
	if id == 0 {
		return auth.Principal{}, ErrUnauthorized
	}
	return auth.Principal{APIKeyID: id, Addr: addr}, nil
}

// CreateAPIKey makes a new Open311 key and returns it in clear, once.
func (s *Service) CreateAPIKey(ctx context.Context, name string) (string, store.APIKey, error) {
	return s.CreateScopedAPIKey(ctx, name, auth.ScopeOpen311)
}

// CreateScopedAPIKey makes a new key for one purpose (auth.ScopeOpen311, auth.ScopeHotline)
// and returns it in clear, once.
func (s *Service) CreateScopedAPIKey(ctx context.Context, name, scope string) (string, store.APIKey, error) {
	name = strings.TrimSpace(name)
	var errs invalid.Errors
	errs.Need("name", name)
	errs.MaxLen("name", name, 100)
	if scope != auth.ScopeOpen311 && scope != auth.ScopeHotline {
		errs.Add("scope", invalid.OneOf, "values", auth.ScopeOpen311+", "+auth.ScopeHotline)
	}
	if err := errs.Err(); err != nil {
		return "", store.APIKey{}, err
	}
	key := auth.NewToken()
	var k store.APIKey
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		k, err = tx.CreateScopedAPIKey(ctx, name, auth.HashToken(key), scope, s.now())
		if err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "api_key", itoa(k.ID), k)
	})
	return key, k, err
}

// RevokeAPIKey stops a key.
func (s *Service) RevokeAPIKey(ctx context.Context, id int64) error {
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.RevokeAPIKey(ctx, id, s.now()); err != nil {
			return err
		}
		return s.record(ctx, tx, "revoke", "api_key", itoa(id), nil)
	})
}

// EnsureAdmin creates the user "admin" on first start. It returns the password
// to print when it had to make one up, and "" when users already exist.
func (s *Service) EnsureAdmin(ctx context.Context, password string) (string, error) {
	n, err := s.store.CountUsers(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	generated := password == ""
	if generated {
		password = auth.RandomPassword()
	}
	u := auth.User{Username: "admin", DisplayName: "系统管理员", Role: auth.Admin, Lang: "zh-CN", Active: true}
	if err := s.CreateUser(ctx, &u, password); err != nil {
		return "", err
	}
	if generated {
		return password, nil
	}
	return "", nil
}
