package casework

import (
	"strings"

	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// Changes corrects or completes a matter's facts; every field left nil stays as
// it was, and each change is recorded old → new in the timeline (R-P1).
type Changes struct {
	ConsumerName     *string    `json:"consumer_name,omitempty"`
	ConsumerPhone    *string    `json:"consumer_phone,omitempty"`
	ConsumerAddress  *string    `json:"consumer_address,omitempty"`
	ConsumerIDNumber *string    `json:"consumer_id_number,omitempty"`
	MerchantID       *int64     `json:"merchant_id,omitempty"`
	MerchantName     *string    `json:"merchant_name,omitempty"`
	MerchantAddress  *string    `json:"merchant_address,omitempty"`
	AreaID           *int64     `json:"area_id,omitempty"`
	AreaText         *string    `json:"area_text,omitempty"`
	Category         *Category  `json:"category,omitempty"`
	Subcategory      *string    `json:"subcategory,omitempty"`
	AmountInDispute  *money.Fen `json:"amount_in_dispute,omitempty"`
	Consumers        *int       `json:"consumers,omitempty"`
	Facts            *string    `json:"facts,omitempty"`
	Request          *string    `json:"request,omitempty"`
	NeedsVisit       *bool      `json:"needs_visit,omitempty"`
}

// apply writes the changes into m and returns field → [old, new] for what really changed.
func (c *Changes) apply(m *Matter) (map[string][2]any, error) {
	var errs invalid.Errors
	diff := map[string][2]any{}
	text := func(field string, dst *string, src *string, max int, required bool) {
		if src == nil {
			return
		}
		v := strings.TrimSpace(*src)
		if field == "consumer_phone" {
			v = normalizePhone(v)
			if v != "" && !ValidPhone(v) {
				errs.Add(field, invalid.Format)
			}
		}
		if field == "consumer_id_number" {
			v = strings.ToUpper(v)
			if LooksLikeIDNumber(v) && !ValidIDNumber(v) {
				errs.Add(field, invalid.Checksum)
			}
		}
		if required {
			errs.Need(field, v)
		}
		errs.MaxLen(field, v, max)
		if v != *dst {
			diff[field] = [2]any{*dst, v}
			*dst = v
		}
	}
	text("consumer_name", &m.Consumer.Name, c.ConsumerName, 100, m.Kind == Complaint)
	text("consumer_phone", &m.Consumer.Phone, c.ConsumerPhone, 40, m.Kind == Complaint)
	text("consumer_address", &m.Consumer.Address, c.ConsumerAddress, 300, false)
	text("consumer_id_number", &m.Consumer.IDNumber, c.ConsumerIDNumber, 30, false)
	text("merchant_name", &m.MerchantName, c.MerchantName, 200, false)
	text("merchant_address", &m.MerchantAddress, c.MerchantAddress, 300, false)
	text("area_text", &m.AreaText, c.AreaText, 100, false)
	text("subcategory", &m.Subcategory, c.Subcategory, 50, false)
	text("facts", &m.Facts, c.Facts, 10000, true)
	text("request", &m.Request, c.Request, 4000, false)
	if c.MerchantID != nil && !eqID(m.MerchantID, c.MerchantID) {
		diff["merchant_id"] = [2]any{idOrNil(m.MerchantID), *c.MerchantID}
		m.MerchantID = c.MerchantID
	}
	if c.AreaID != nil && !eqID(m.AreaID, c.AreaID) {
		diff["area_id"] = [2]any{idOrNil(m.AreaID), *c.AreaID}
		m.AreaID = c.AreaID
	}
	if c.Category != nil && *c.Category != m.Category {
		if !c.Category.Valid() {
			errs.Add("category", invalid.OneOf, "values", "goods, services")
		}
		diff["category"] = [2]any{m.Category, *c.Category}
		m.Category = *c.Category
	}
	if c.AmountInDispute != nil && *c.AmountInDispute != m.AmountInDispute {
		if *c.AmountInDispute < 0 {
			errs.Add("amount_in_dispute", invalid.Negative)
		}
		diff["amount_in_dispute"] = [2]any{m.AmountInDispute.String(), c.AmountInDispute.String()}
		m.AmountInDispute = *c.AmountInDispute
	}
	if c.Consumers != nil && *c.Consumers != m.Consumers {
		if *c.Consumers < 1 || *c.Consumers > 100000 {
			errs.Add("consumers", invalid.Format)
		}
		diff["consumers"] = [2]any{m.Consumers, *c.Consumers}
		m.Consumers = *c.Consumers
	}
	if c.NeedsVisit != nil && *c.NeedsVisit != m.NeedsVisit {
		diff["needs_visit"] = [2]any{m.NeedsVisit, *c.NeedsVisit}
		m.NeedsVisit = *c.NeedsVisit
	}
	return diff, errs.Err()
}

func eqID(a, b *int64) bool { return a != nil && b != nil && *a == *b }

func idOrNil(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}
