package web

import (
	"context"
	"net/http"

	"weiquan/internal/casework"
	"weiquan/internal/claimant"
	"weiquan/internal/collective"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
)

// matterCredit is what the case page shows staff of issue 11: the collective cases the matter
// is in and the suspicious-claimant flags with their evidence (advice only, R-L9).
type matterCredit struct {
	Staff      bool
	Cases      []collective.Case
	Flags      []claimant.Flag
	MerchantID int64
}

func (h *Handler) matterCredit(ctx context.Context, r *http.Request, m casework.Matter, mer *merchant.Merchant) (matterCredit, error) {
	var mc matterCredit
	p := who(r)
	if !p.Staff() {
		return mc, nil
	}
	mc.Staff = true
	if mer != nil {
		mc.MerchantID = mer.ID
	}
	var err error
	if mc.Cases, err = h.svc.CollectiveCases(ctx, p, service.CollectiveQuery{MatterID: m.ID}); err != nil {
		return mc, err
	}
	mc.Flags, err = h.svc.ClaimantFlags(ctx, p, m.Number)
	return mc, err
}
