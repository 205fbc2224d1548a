package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"sync/atomic"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/fault"
	"weiquan/internal/store"
)

// ErrRateLimited means too many failed sign-ins; try again later.
var ErrRateLimited = fault.ErrRateLimited

// The sign-in throttle (issue 8). Failed attempts are counted in the database, so every
// instance on one database counts them together, in buckets:
//
//   - a stranger's attempt (from an address the account has not signed in from in the last
//     KnownFor) counts against the account across all such addresses (10 a quarter hour,
//     50 a day) and against the address across all accounts (30 a quarter hour, 200 a day);
//   - an attempt from an address the account did sign in from counts only against that
//     account at that address (10 a quarter hour, 50 a day), so a stranger hammering the
//     account from elsewhere cannot lock its owner out of their own desk.
//
// An attempt takes its slots before the password is checked, atomically, so parallel
// guesses cannot overrun a limit; a full bucket refuses even the right password (else the
// refusal would tell a guesser which guess was right), and a successful sign-in gives its
// slots back. Refused attempts write nothing. User names over 64 bytes and passwords over
// 1 KB are refused before anything is looked up or counted; accounts are counted by a
// hash of the lower-case name, so every row is small whatever was typed, and IPv6
// addresses by their /64. Rows are swept when their window ends; if more than
// MaxFailureRows are alive (an attack from thousands of addresses), strangers are refused
// until the sweep brings the table back down, while owners at known addresses still sign in.
var (
	strangerBuckets = []bucket{
		{"account", 10, 15 * time.Minute}, {"account_day", 50, 24 * time.Hour},
		{"address", 30, 15 * time.Minute}, {"address_day", 200, 24 * time.Hour},
	}
	ownerBuckets = []bucket{{"pair", 10, 15 * time.Minute}, {"pair_day", 50, 24 * time.Hour}}
)

// Bounds of the throttle's tables.
const (
	KnownFor       = 30 * 24 * time.Hour // an address stays the owner's this long after a sign-in from it
	MaxFailureRows = 100_000
	sweepEvery     = time.Minute
)

type bucket struct {
	name   string
	limit  int
	window time.Duration
}

// subject is what a bucket counts: the account, the address or both.
func (b bucket) subject(acct, addr string) string {
	switch {
	case strings.HasPrefix(b.name, "account"):
		return acct
	case strings.HasPrefix(b.name, "address"):
		return addr
	}
	return acct + "|" + addr
}

// signinState is what one instance remembers of the shared throttle: when it last swept.
type signinState struct {
	lastSweep atomic.Int64 // unix nanoseconds
	full      atomic.Bool  // more than MaxFailureRows counters alive at the last sweep
}

// AccountKey is how the throttle names an account: a hash of the lower-case user name,
// the same for names that exist and names that do not.
func AccountKey(username string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(username))))
	return hex.EncodeToString(sum[:])
}

// AddressKey is how the throttle names a client address: IPv4 as it is, IPv6 by its /64
// (one customer's whole allocation), anything else by a short hash.
func AddressKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		if addr == "" {
			return "unknown"
		}
		sum := sha256.Sum256([]byte(addr))
		return "x" + hex.EncodeToString(sum[:8])
	}
	a = a.Unmap().WithZone("")
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// Login checks a user name and password for the principal's client address and opens a
// session; the token is returned once. It returns field errors for an oversized or
// empty form, ErrRateLimited when the throttle refuses (the password is then not
// checked at all) and ErrUnauthorized for a wrong name or password or an inactive user.
func (s *Service) Login(ctx context.Context, p auth.Principal, username, password string) (string, auth.User, error) {
	var u auth.User
	if err := auth.CheckSignInSize(username, password); err != nil {
		return "", u, err
	}
	now := s.now()
	if err := s.sweepSignin(ctx, now); err != nil {
		return "", u, err
	}
	acct, addr := AccountKey(username), AddressKey(p.Addr)
	var taken []bucket
	owner := false
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		taken = nil
		if owner, err = tx.SigninKnown(ctx, acct+"|"+addr, now.Add(-KnownFor)); err != nil {
			return err
		}
		buckets := ownerBuckets
		if !owner {
			if s.signin.full.Load() {
				return ErrRateLimited
			}
			buckets = strangerBuckets
		}
		for _, b := range buckets {
			ok, err := tx.TakeSigninSlot(ctx, b.name, b.subject(acct, addr), b.limit, b.window, now)
			if err != nil {
				return err
			}
			if !ok {
				return ErrRateLimited // rolls back the slots taken so far
			}
			taken = append(taken, b)
		}
		return nil
	})
	if err != nil {
		return "", u, err
	}
	u, err = s.store.UserByName(ctx, username)
	if errors.Is(err, store.ErrNotFound) {
		auth.SpendTime(password)
		return "", u, ErrUnauthorized
	}
	if err != nil {
		return "", u, err
	}
	ok, err := auth.CheckPassword(u.PasswordHash, password)
	if err != nil {
		return "", u, fmt.Errorf("service: login %s: %w", u.Username, err)
	}
	if !ok || !u.Active {
		return "", u, ErrUnauthorized
	}
	tok := auth.NewToken()
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		for _, b := range taken {
			var err error
			if owner {
				err = tx.ClearSigninBucket(ctx, b.name, b.subject(acct, addr))
			} else {
				err = tx.GiveBackSigninSlot(ctx, b.name, b.subject(acct, addr))
			}
			if err != nil {
				return err
			}
		}
		if err := tx.RememberSignin(ctx, acct+"|"+addr, now); err != nil {
			return err
		}
		return tx.CreateSession(ctx, auth.HashToken(tok), u.ID, now, now.Add(s.session().Max))
	})
	if err != nil {
		return "", u, err
	}
	return tok, u, nil
}

// sweepSignin drops ended counters and old known addresses, at most once a minute per
// instance, and notes whether the counters fill their table.
func (s *Service) sweepSignin(ctx context.Context, now time.Time) error {
	last := s.signin.lastSweep.Load()
	if since := now.Sub(time.Unix(0, last)); last != 0 && since >= 0 && since < sweepEvery {
		return nil
	}
	if !s.signin.lastSweep.CompareAndSwap(last, now.UnixNano()) {
		return nil // another request sweeps
	}
	err := s.store.Tx(ctx, func(tx *store.Tx) error { return tx.SweepSignin(ctx, now, now.Add(-KnownFor)) })
	if err != nil {
		return err
	}
	n, err := s.store.SigninFailureRows(ctx)
	if err != nil {
		return err
	}
	full := n > MaxFailureRows
	if full && !s.signin.full.Load() {
		slog.Warn("service: sign-in failure counters are full: sign-ins from unknown addresses are refused until they drain", "rows", n)
	}
	s.signin.full.Store(full)
	return nil
}
