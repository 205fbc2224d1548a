package service

import (
	"context"
	"errors"
	"strconv"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/report"
	"weiquan/internal/store"
)

// MaxExportRows keeps a list export inside one Excel sheet (1,048,576 rows).
const MaxExportRows = 1_000_000

// Summary computes the report of a period for a viewer, within what the viewer
// may see (R-P4); nil is the command line, which sees the whole office. The
// figures are SQL aggregates: no matter is loaded.
func (s *Service) Summary(ctx context.Context, u *auth.User, p report.Params) (*report.Summary, error) {
	if u != nil && !u.Role.Staff() {
		return nil, ErrForbidden
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	sc, err := s.viewScope(ctx, u)
	if err != nil {
		return nil, err
	}
	start, end := p.Start(), p.End()
	f := store.MatterFilter{Scope: sc, From: &start, To: &end, StationID: p.StationID}
	var errs invalid.Errors
	if p.AreaID != nil {
		a, err := s.Store.Area(ctx, *p.AreaID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			errs.Add("area", invalid.NotFound)
		case err != nil:
			return nil, err
		default:
			f.AreaPath = a.Path
		}
	}
	if p.StationID != nil {
		if _, err := s.Store.Station(ctx, *p.StationID); errors.Is(err, store.ErrNotFound) {
			errs.Add("station", invalid.NotFound)
		} else if err != nil {
			return nil, err
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	areas, err := s.Store.Areas(ctx)
	if err != nil {
		return nil, err
	}
	frame := report.Frame(areas, p.AreaID, sc.PathLo, sc.All || sc.Unplaced)
	counts, err := s.Store.ReportCounts(ctx, f, frame.Paths(areas), p.Months())
	if err != nil {
		return nil, err
	}
	return report.Build(p, frame, counts), nil
}

// viewScope is Scope, with the command line (nil) seeing everything.
func (s *Service) viewScope(ctx context.Context, u *auth.User) (store.Scope, error) {
	if u == nil {
		return store.Scope{All: true}, nil
	}
	return s.Scope(ctx, u)
}

// PrepareExport checks that a viewer may export a filter's matters and that
// they fit in one sheet, and returns the filter narrowed to what the viewer may see.
func (s *Service) PrepareExport(ctx context.Context, u *auth.User, f store.MatterFilter) (store.MatterFilter, error) {
	if u != nil && !u.Role.Staff() {
		return f, ErrForbidden
	}
	sc, err := s.viewScope(ctx, u)
	if err != nil {
		return f, err
	}
	f.Scope, f.Limit, f.Offset = sc, 1, 0
	_, total, err := s.Store.Matters(ctx, f)
	if err != nil {
		return f, err
	}
	if total > MaxExportRows {
		return f, invalid.New("filter", "too_many_rows", "count", strconv.Itoa(total), "max", strconv.Itoa(MaxExportRows))
	}
	return f, nil
}

// ExportMatters streams the matters of a prepared filter to fn, oldest first,
// with the name of each matter's area.
func (s *Service) ExportMatters(ctx context.Context, f store.MatterFilter, fn func(m *casework.Matter, area string) error) error {
	areas, err := s.Store.Areas(ctx)
	if err != nil {
		return err
	}
	names := make(map[int64]string, len(areas))
	for _, a := range areas {
		names[a.ID] = a.Name
	}
	return s.Store.EachMatter(ctx, f, func(m *casework.Matter) error {
		area := ""
		if m.AreaID != nil {
			area = names[*m.AreaID]
		}
		return fn(m, area)
	})
}
