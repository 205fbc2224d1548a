package web

import (
	"context"

	"weiquan/internal/dispatch"
)

// areaMap loads every area by id, to name areas with their parents.
func (h *Handler) areaMap(ctx context.Context) (map[int64]dispatch.Area, []dispatch.Area, error) {
	list, err := h.svc.Store.Areas(ctx)
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
