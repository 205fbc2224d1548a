package service

import (
	"cmp"
	"context"
	"slices"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/store"
)

// DuplicateOf finds the earlier report a report repeats (R-L24): the same reporter, the same
// respondent, the same fact fingerprint — the first such report, the one to link to, among
// those the viewer may see; nil when there is none. Staff only; the answer is masked like a list.
// Taking it up is the merge: "not handled again", or merged with its new facts.
func (s *Service) DuplicateOf(ctx context.Context, p auth.Principal, number string) (*casework.Matter, error) {
	v, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return nil, err
	}
	if !v.staff() {
		return nil, ErrForbidden
	}
	if m.Kind != casework.Report || m.State == casework.Closed {
		return nil, nil
	}
	var found []casework.Matter
	look := func(f store.MatterFilter) error {
		f.Scope, f.Kind, f.Limit = v.scope, casework.Report, 500
		list, _, err := s.store.Matters(ctx, f)
		for _, e := range list {
			if casework.Repeats(m, e) && !slices.ContainsFunc(found, func(x casework.Matter) bool { return x.ID == e.ID }) {
				found = append(found, e)
			}
		}
		return err
	}
	if m.Consumer.Phone != "" {
		if err := look(store.MatterFilter{Phone: m.Consumer.Phone}); err != nil {
			return nil, err
		}
	}
	if m.MerchantID != nil {
		if err := look(store.MatterFilter{MerchantID: m.MerchantID}); err != nil {
			return nil, err
		}
	}
	if len(found) == 0 {
		return nil, nil
	}
	first := slices.MinFunc(found, func(a, b casework.Matter) int {
		if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	out := maskMatter(first, v.sight(&first), true)
	return &out, nil
}
