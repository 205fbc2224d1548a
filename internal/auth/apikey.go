package auth

import "time"

// Purposes of API keys: a key opens one door only.
const (
	ScopeOpen311 = "open311"       // an Open311 client submits requests
	ScopeHotline = "hotline_12345" // the 12345 centre sends work orders and its decisions
	ScopeCourt   = "court"         // a court's system delegates disputes and reads their results, for its court only
)

// APIKey lets an outside system submit Open311 requests or 12345 work orders.
type APIKey struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Scope     string     `json:"scope"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}
