package store

import (
	"context"
	"fmt"
	"strings"

	"weiquan/internal/dispatch"
)

// AreaChain returns the areas of a materialised path, root first, for routing a matter up its tree.
func (t *Tx) AreaChain(ctx context.Context, path string) ([]dispatch.Area, error) {
	var out []dispatch.Area
	for _, id := range dispatch.PathIDs(path) {
		a, err := t.Area(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// StationsIn returns the stations of the given areas, active or not.
func (t *Tx) StationsIn(ctx context.Context, areas []dispatch.Area) ([]dispatch.Station, error) {
	if len(areas) == 0 {
		return nil, nil
	}
	ph := make([]string, len(areas))
	args := make([]any, len(areas))
	for i, a := range areas {
		ph[i], args[i] = fmt.Sprintf("$%d", i+1), a.ID
	}
	rows, err := t.tx.QueryContext(ctx, "SELECT "+stationCols+" FROM stations WHERE area_id IN ("+strings.Join(ph, ", ")+") ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: stations in areas: %w", err)
	}
	defer rows.Close()
	var out []dispatch.Station
	for rows.Next() {
		st, err := scanStation(rows)
		if err != nil {
			return nil, fmt.Errorf("store: stations in areas: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
