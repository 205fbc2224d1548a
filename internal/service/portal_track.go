package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// Lifetimes of the portal's proofs.
const (
	CodeLife          = 10 * time.Minute // a one-time code
	CodeTries         = 5                // wrong tries before a code is spent
	PortalSessionLife = 30 * time.Minute
)

// ErrNotProved is the one answer to a proof that fails for any reason — no such number, another
// phone, a wrong, spent or expired code — so that numbers cannot be probed.
var ErrNotProved = fmt.Errorf("service: not proved: %w", fault.ErrUnauthorized)

// SendPortalCode sends a one-time code to the phone (and e-mail) of a matter when the number
// and the phone match. It says nothing of whether they did: the answer is the same.
func (s *Service) SendPortalCode(ctx context.Context, p auth.Principal, number, phone string) error {
	number, phone = strings.TrimSpace(strings.ToUpper(number)), casework.NormalizePhone(phone)
	var errs invalid.Errors
	errs.Need("number", number)
	errs.Need("phone", phone)
	if phone != "" && !casework.ValidPhone(phone) {
		errs.Add("phone", invalid.Format)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	_, lim := s.portalSettings()
	if err := s.throttle(ctx, "code_addr", p.Addr, lim.CodePerAddr); err != nil {
		return err
	}
	if err := s.throttle(ctx, "code_phone", phone, lim.CodePerPhone); err != nil {
		return err
	}
	now := s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.LockMatter(ctx, number)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if !casework.SamePhone(m.Consumer.Phone, phone) {
			return nil
		}
		lang, email := "zh-CN", ""
		if r, err := tx.PortalReceipt(ctx, m.ID); err == nil {
			lang, email = r.Lang, r.Email
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		code := otp()
		c := store.PortalCode{MatterID: m.ID, Hash: hashCode(m.ID, code), CreatedAt: now, ExpiresAt: now.Add(CodeLife)}
		if err := tx.AddPortalCode(ctx, &c); err != nil {
			return err
		}
		v := notify.Vars{Number: m.Number, Code: code, Minutes: int(CodeLife / time.Minute)}
		return s.tell(ctx, tx, notify.KindPortalCode, lang, m.Consumer.Phone, email, m.ID, v, now)
	})
}

// ProvePortalCode opens a consumer's session on a matter when the code sent to its phone is
// right; it returns the session's token (kept only hashed).
func (s *Service) ProvePortalCode(ctx context.Context, p auth.Principal, number, phone, code string) (string, error) {
	number, phone, code = strings.TrimSpace(strings.ToUpper(number)), casework.NormalizePhone(phone), strings.TrimSpace(code)
	_, lim := s.portalSettings()
	if err := s.throttle(ctx, "prove_addr", p.Addr, lim.ProvePerAddr); err != nil {
		return "", err
	}
	now := s.now()
	token := sessionToken()
	proved := false
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.LockMatter(ctx, number)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		c, err := tx.LivePortalCode(ctx, m.ID, now)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		right := casework.SamePhone(m.Consumer.Phone, phone) && subtle.ConstantTimeCompare([]byte(c.Hash), []byte(hashCode(m.ID, code))) == 1
		c.Tries++
		var used *time.Time
		if right || c.Tries >= CodeTries {
			used = &now
		}
		if err := tx.TryPortalCode(ctx, c.ID, c.Tries, used); err != nil {
			return err
		}
		if !right {
			return nil
		}
		proved = true
		return tx.AddPortalSession(ctx, hashToken(token), m.ID, now, now.Add(PortalSessionLife))
	})
	if err != nil {
		return "", err
	}
	if !proved {
		return "", ErrNotProved
	}
	return token, nil
}

// ProveTrackingCode opens a consumer's session with the tracking code handed out at submission:
// the way in for a report or inquiry filed without a phone.
func (s *Service) ProveTrackingCode(ctx context.Context, p auth.Principal, number, tracking string) (string, error) {
	number = strings.TrimSpace(strings.ToUpper(number))
	_, lim := s.portalSettings()
	if err := s.throttle(ctx, "prove_addr", p.Addr, lim.ProvePerAddr); err != nil {
		return "", err
	}
	now := s.now()
	token := sessionToken()
	proved := false
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.LockMatter(ctx, number)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		r, err := tx.PortalReceipt(ctx, m.ID)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if subtle.ConstantTimeCompare([]byte(r.TrackHash), []byte(hashTracking(m.Number, tracking))) != 1 {
			return nil
		}
		proved = true
		return tx.AddPortalSession(ctx, hashToken(token), m.ID, now, now.Add(PortalSessionLife))
	})
	if err != nil {
		return "", err
	}
	if !proved {
		return "", ErrNotProved
	}
	return token, nil
}

// PortalPrincipal turns a consumer's session token into the principal that may read and
// withdraw that one matter; ErrNotProved when the session is unknown or over.
func (s *Service) PortalPrincipal(ctx context.Context, addr, token string) (auth.Principal, error) {
	if token == "" {
		return auth.Principal{}, ErrNotProved
	}
	id, err := s.store.PortalSession(ctx, hashToken(token), s.now())
	if errors.Is(err, store.ErrNotFound) {
		return auth.Principal{}, ErrNotProved
	} else if err != nil {
		return auth.Principal{}, err
	}
	m, err := s.store.Matter(ctx, id)
	if err != nil {
		return auth.Principal{}, err
	}
	return auth.Principal{Addr: addr, Consumer: &auth.Consumer{MatterID: id, Number: m.Number}}, nil
}

// EndPortalSession signs the consumer out.
func (s *Service) EndPortalSession(ctx context.Context, token string) error {
	return s.store.Tx(ctx, func(tx *store.Tx) error { return tx.EndPortalSession(ctx, hashToken(token)) })
}

func otp() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(1_000_000))
	return fmt.Sprintf("%06d", n.Int64())
}

func hashCode(matterID int64, code string) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "otp\x00%d\x00%s", matterID, code))
	return hex.EncodeToString(sum[:])
}

func sessionToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) string {
	sum := sha256.Sum256([]byte("portal\x00" + t))
	return hex.EncodeToString(sum[:])
}
