package service

import (
	"context"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/claimant"
	"weiquan/internal/collective"
)

// claimantHistoryLimit bounds the complaints of one phone, address or ID number compared.
const claimantHistoryLimit = 200

// ClaimantFlags shows staff the suspicious-claimant patterns of a complaint with their
// evidence (R-L9). It is advice: it changes nothing and decides nothing. Case numbers the
// viewer may not see are left out of the evidence; the counts stay.
func (s *Service) ClaimantFlags(ctx context.Context, p auth.Principal, number string) ([]claimant.Flag, error) {
	v, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return nil, err
	}
	if !v.staff() {
		return nil, ErrForbidden
	}
	if m.Kind != casework.Complaint {
		return nil, nil
	}
	set, err := s.CreditSettings(ctx, auth.System)
	if err != nil || !set.Flags.Enabled {
		return nil, err
	}
	since := m.ReceivedAt.Add(-time.Duration(set.Flags.Days) * 24 * time.Hour)
	hist, err := s.store.ClaimantHistory(ctx, m.Consumer.Phone, m.Consumer.Address, m.Consumer.IDNumber, since, claimantHistoryLimit)
	if err != nil {
		return nil, err
	}
	visible := map[string]bool{}
	cs := make([]claimant.Complaint, 0, len(hist))
	for i := range hist {
		h := &hist[i]
		visible[h.Number] = v.sees(h)
		cs = append(cs, claimantOf(h))
	}
	flags := claimant.Flags(set.Flags, claimantOf(&m), cs)
	for i := range flags {
		if flags[i].Pattern == claimant.Quantity {
			continue
		}
		var ev []string
		for _, n := range flags[i].Evidence {
			if visible[n] {
				ev = append(ev, n)
			}
		}
		flags[i].Evidence = ev
	}
	return flags, nil
}

func claimantOf(m *casework.Matter) claimant.Complaint {
	return claimant.Complaint{ID: m.ID, Number: m.Number, Name: m.Consumer.Name, Phone: m.Consumer.Phone, Address: m.Consumer.Address,
		IDNumber: m.Consumer.IDNumber, MerchantKey: collective.MerchantKey(m.MerchantID, m.MerchantName), Subcategory: m.Subcategory,
		Facts: m.Facts, ReceivedAt: m.ReceivedAt}
}
