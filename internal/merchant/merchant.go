// Package merchant holds the registry of businesses that matters are brought
// against: identity (USCC), kind, platform shops and their custody companies.
package merchant

import (
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// Type is the legal form of a merchant, which decides how it may be listed (R-L35).
type Type string

// Merchant types.
const (
	Enterprise Type = "enterprise"
	Individual Type = "individual" // 个体工商户: may have no USCC on record
	OnlineShop Type = "online_shop"
)

// Types lists every merchant type in display order.
var Types = []Type{Enterprise, Individual, OnlineShop}

// Merchant is one business in the registry.
type Merchant struct {
	ID                int64     `json:"id"`
	Name              string    `json:"name"`
	USCC              string    `json:"uscc,omitempty"`
	Type              Type      `json:"type"`
	Address           string    `json:"address,omitempty"`
	AreaID            *int64    `json:"area_id,omitempty"`
	Phone             string    `json:"phone,omitempty"`
	Platform          string    `json:"platform,omitempty"` // e-commerce platform for online shops
	ClusterRegistered bool      `json:"cluster_registered"` // 集群注册
	CustodyID         *int64    `json:"custody_id,omitempty"`
	Unreachable       bool      `json:"unreachable"` // cannot be reached at the registered address
	OutsideArea       bool      `json:"outside_area"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// Normalize trims what people type and upper-cases the USCC.
func (m *Merchant) Normalize() {
	m.Name = strings.TrimSpace(m.Name)
	m.USCC = NormalizeUSCC(m.USCC)
	m.Address = strings.TrimSpace(m.Address)
	m.Phone = strings.TrimSpace(m.Phone)
	m.Platform = strings.TrimSpace(m.Platform)
	if m.Type == "" {
		m.Type = Enterprise
	}
}

// Validate checks a merchant before it is stored; an invalid USCC is never stored (R-L41).
func (m *Merchant) Validate() error {
	var errs invalid.Errors
	errs.Need("name", m.Name)
	errs.MaxLen("name", m.Name, 200)
	errs.MaxLen("address", m.Address, 500)
	errs.MaxLen("platform", m.Platform, 100)
	errs.MaxLen("phone", m.Phone, 40)
	switch m.Type {
	case Enterprise, Individual, OnlineShop:
	default:
		errs.Add("type", invalid.OneOf, "values", "enterprise, individual, online_shop")
	}
	if m.USCC != "" && !ValidUSCC(m.USCC) {
		errs.Add("uscc", invalid.Checksum)
	}
	if m.USCC == "" && m.Type == Enterprise {
		errs.Add("uscc", invalid.Required)
	}
	if m.Type == OnlineShop && m.Platform == "" && !m.ClusterRegistered {
		errs.Add("platform", invalid.Required)
	}
	if m.ClusterRegistered && m.CustodyID == nil {
		errs.Add("custody_id", invalid.Required)
	}
	if m.CustodyID != nil && m.ID != 0 && *m.CustodyID == m.ID {
		errs.Add("custody_id", invalid.Conflict)
	}
	return errs.Err()
}
