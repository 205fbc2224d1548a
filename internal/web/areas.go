package web

import (
	"context"

	"weiquan/internal/dispatch"
	"weiquan/internal/service"
)

// areaMap loads every area by id, to name areas with their parents.
func (h *Handler) areaMap(ctx context.Context) (map[int64]dispatch.Area, []dispatch.Area, error) {
	list, err := h.svc.Areas(ctx, service.PrincipalFrom(ctx))
	if err != nil {
		return nil, nil, err
	}
	m := make(map[int64]dispatch.Area, len(list))
	for _, a := range list {
		m[a.ID] = a
	}
	return m, list, nil
}

func (h *Handler) areaChoices(ctx context.Context, list []dispatch.Area) ([]areaChoice, error) {
	all, _, err := h.areaMap(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]areaChoice, len(list))
	for i, a := range list {
		out[i] = areaChoice{ID: a.ID, Name: areaLabel(a, all)}
	}
	return out, nil
}

// scopeSet is the set of areas whose matters the request's principal may see (R-P4).
func (h *Handler) scopeSet(ctx context.Context) (map[int64]bool, error) {
	list, err := h.svc.AreasInScope(ctx, service.PrincipalFrom(ctx))
	if err != nil {
		return nil, err
	}
	set := make(map[int64]bool, len(list))
	for _, a := range list {
		set[a.ID] = true
	}
	return set, nil
}
