package mediation

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// ChallengeKind is the form of a one-time secret sent to a party to confirm consent online.
type ChallengeKind string

// Kinds of secret.
const (
	CodeChallenge ChallengeKind = "code" // six digits, read out or sent by SMS and typed back
	LinkChallenge ChallengeKind = "link" // a 256-bit token in a link the party opens
)

// MaxAttempts is how many wrong codes a challenge takes before it is spent: a six-digit code
// guessed at random then succeeds once in 200,000.
const MaxAttempts = 5

// Challenge is a one-time secret sent to one party about one matter and purpose. Only a salted
// SHA-256 of the secret is kept, bound to the matter, party and purpose, so a copy of the database
// does not hold the secret and a code for one matter never confirms another.
type Challenge struct {
	ID        int64         `json:"id"`
	MatterID  int64         `json:"matter_id"`
	Side      Side          `json:"side"`
	Purpose   Purpose       `json:"purpose"`
	Kind      ChallengeKind `json:"kind"`
	Salt      string        `json:"-"`
	Hash      string        `json:"-"`
	CreatedAt time.Time     `json:"created_at"`
	ExpiresAt time.Time     `json:"expires_at"`
	Attempts  int           `json:"attempts"`
	UsedAt    *time.Time    `json:"used_at,omitempty"`
}

// NewChallenge makes a secret for a party at time now, valid set.CodeMinutes; it returns the
// secret to send (never to store) and the challenge to store.
func NewChallenge(matterID int64, side Side, purpose Purpose, kind ChallengeKind, now time.Time, set Settings) (string, Challenge, error) {
	var secret string
	switch kind {
	case CodeChallenge:
		n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
		if err != nil {
			return "", Challenge{}, fmt.Errorf("mediation: code: %w", err)
		}
		secret = fmt.Sprintf("%06d", n.Int64())
	case LinkChallenge:
		b := make([]byte, 32)
		_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
		secret = base64.RawURLEncoding.EncodeToString(b)
	default:
		return "", Challenge{}, invalid.New("kind", invalid.OneOf, "values", "code, link")
	}
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	c := Challenge{MatterID: matterID, Side: side, Purpose: purpose, Kind: kind, Salt: hex.EncodeToString(salt),
		CreatedAt: now, ExpiresAt: now.Add(time.Duration(set.CodeMinutes) * time.Minute)}
	c.Hash = c.hash(secret)
	return secret, c, nil
}

func (c Challenge) hash(secret string) string {
	h := sha256.New()
	for _, part := range []string{c.Salt, strconv.FormatInt(c.MatterID, 10), string(c.Side), string(c.Purpose), string(c.Kind), secret} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Verify checks a secret a party gives back at time now. Every call that is not refused for
// being spent counts an attempt, so the caller stores c (its Attempts, and UsedAt on success)
// whatever the answer — also when it returns an error. The hashes are compared in constant time.
func (c *Challenge) Verify(secret string, now time.Time) error {
	switch {
	case c.UsedAt != nil:
		return invalid.New("code", Already)
	case c.Attempts >= MaxAttempts:
		return invalid.New("code", TooManyAttempts)
	case !now.Before(c.ExpiresAt):
		return invalid.New("code", Expired)
	}
	c.Attempts++
	secret = strings.TrimSpace(secret)
	if c.Kind == CodeChallenge {
		secret = strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return '0' + (r - '０')
			}
			if r == ' ' || r == '-' {
				return -1
			}
			return r
		}, secret)
	}
	if subtle.ConstantTimeCompare([]byte(c.hash(secret)), []byte(c.Hash)) != 1 {
		return invalid.New("code", Mismatch)
	}
	t := now
	c.UsedAt = &t
	return nil
}

// Holds says whether secret is this challenge's, in constant time, without counting an attempt
// or using it up: enough to show a consent link's page to whoever holds the link. Only a link's
// 256-bit token may be checked so — a six-digit code is checked by Verify, which counts.
func (c Challenge) Holds(secret string) bool {
	return c.Kind == LinkChallenge && subtle.ConstantTimeCompare([]byte(c.hash(strings.TrimSpace(secret))), []byte(c.Hash)) == 1
}

// Consent is the online consent a verified challenge stands for (R-L14): its party and purpose,
// given when the secret was confirmed. It refuses a challenge not yet confirmed.
func (c Challenge) Consent() (Consent, error) {
	if c.UsedAt == nil {
		return Consent{}, invalid.New("challenge_id", invalid.Required)
	}
	id := c.ID
	return Consent{MatterID: c.MatterID, Side: c.Side, Purpose: c.Purpose, Method: Online, GivenAt: *c.UsedAt, ChallengeID: &id}, nil
}
