package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// SessionTTL is how long a sign-in lasts.
const SessionTTL = 12 * time.Hour

// Login checks a user name and password and opens a session; the token is returned once.
func (s *Service) Login(ctx context.Context, username, password string) (string, auth.User, error) {
	u, err := s.Store.UserByName(ctx, username)
	if errors.Is(err, store.ErrNotFound) {
		auth.SpendTime(password)
		return "", u, ErrUnauthorized
	}
	if err != nil {
		return "", u, err
	}
	ok, err := auth.CheckPassword(u.PasswordHash, password)
	if err != nil {
		return "", u, fmt.Errorf("service: login %s: %w", username, err)
	}
	if !ok || !u.Active {
		return "", u, ErrUnauthorized
	}
	tok := auth.NewToken()
	now := s.now()
	err = s.Store.Tx(ctx, func(tx *store.Tx) error {
		return tx.CreateSession(ctx, auth.HashToken(tok), u.ID, now, now.Add(SessionTTL))
	})
	if err != nil {
		return "", u, err
	}
	return tok, u, nil
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.Store.Tx(ctx, func(tx *store.Tx) error {
		return tx.DeleteSession(ctx, auth.HashToken(token), s.now())
	})
}

// UserByToken returns the user of a live session.
func (s *Service) UserByToken(ctx context.Context, token string) (auth.User, error) {
	u, err := s.Store.SessionUser(ctx, auth.HashToken(token), s.now())
	if errors.Is(err, store.ErrNotFound) {
		return u, ErrUnauthorized
	}
	return u, err
}

// CheckAPIKey reports whether an Open311 api_key is valid.
func (s *Service) CheckAPIKey(ctx context.Context, key string) (bool, error) {
	if key == "" {
		return false, nil
	}
	return s.Store.APIKeyValid(ctx, auth.HashToken(key))
}

// APIClient is the principal of an Open311 client presenting an api_key, or
// ErrUnauthorized when the key is missing, unknown or revoked.
func (s *Service) APIClient(ctx context.Context, key, addr string) (auth.Principal, error) {
	if key == "" {
		return auth.Principal{}, ErrUnauthorized
	}
	id, err := s.Store.APIKeyID(ctx, auth.HashToken(key))
	if err != nil {
		return auth.Principal{}, err
	}
	if id == 0 {
		return auth.Principal{}, ErrUnauthorized
	}
	return auth.Principal{APIKeyID: id, Addr: addr}, nil
}

// CreateAPIKey makes a new key and returns it in clear, once.
func (s *Service) CreateAPIKey(ctx context.Context, name string) (string, store.APIKey, error) {
	name = strings.TrimSpace(name)
	var errs invalid.Errors
	errs.Need("name", name)
	errs.MaxLen("name", name, 100)
	if err := errs.Err(); err != nil {
		return "", store.APIKey{}, err
	}
	key := auth.NewToken()
	var k store.APIKey
	err := s.Store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		k, err = tx.CreateAPIKey(ctx, name, auth.HashToken(key), s.now())
		if err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "api_key", itoa(k.ID), k)
	})
	return key, k, err
}

// RevokeAPIKey stops a key.
func (s *Service) RevokeAPIKey(ctx context.Context, id int64) error {
	return s.Store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.RevokeAPIKey(ctx, id, s.now()); err != nil {
			return err
		}
		return s.record(ctx, tx, "revoke", "api_key", itoa(id), nil)
	})
}

// EnsureAdmin creates the user "admin" on first start. It returns the password
// to print when it had to make one up, and "" when users already exist.
func (s *Service) EnsureAdmin(ctx context.Context, password string) (string, error) {
	n, err := s.Store.CountUsers(ctx)
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
