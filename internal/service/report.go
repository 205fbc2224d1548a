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
func (s *Service) Summary(ctx context.Context, pr auth.Principal, p report.Params) (*report.Summary, error) {
	u := pr.User
	if !pr.System && !pr.Staff() {
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
		a, err := s.store.Area(ctx, *p.AreaID)
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
		if _, err := s.store.Station(ctx, *p.StationID); errors.Is(err, store.ErrNotFound) {
			errs.Add("station", invalid.NotFound)
		} else if err != nil {
			return nil, err
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	areas, err := s.store.Areas(ctx)
	if err != nil {
		return nil, err
	}
	frame := report.Frame(areas, p.AreaID, sc.PathLo, sc.All || sc.Unplaced)
	counts, err := s.store.ReportCounts(ctx, f, frame.Paths(areas), p.Months())
	if err != nil {
		return nil, err
	}
	if counts.HotlineRatings, err = s.store.HotlineRatings(ctx, f); err != nil {
		return nil, err
	}
	return report.Build(p, frame, counts), nil
}

// viewScope is the scope of a signed-in user, with the command line (nil) seeing everything.
func (s *Service) viewScope(ctx context.Context, u *auth.User) (store.Scope, error) {
	if u == nil {
		return store.Scope{All: true}, nil
	}
	return s.userScope(ctx, u)
}

// PrepareExport checks that a viewer may export a filter's matters and that
// they fit in one sheet, and returns the filter narrowed to what the viewer may see.
func (s *Service) PrepareExport(ctx context.Context, p auth.Principal, q MatterQuery) (MatterQuery, error) {
	f := q.f
	if !p.System && !p.Staff() {
		return q, ErrForbidden
	}
	sc, err := s.viewScope(ctx, p.User)
	if err != nil {
		return q, err
	}
	f.Scope, f.Limit, f.Offset = sc, 1, 0
	_, total, err := s.store.Matters(ctx, f)
	if err != nil {
		return q, err
	}
	if total > MaxExportRows {
		return q, invalid.New("filter", "too_many_rows", "count", strconv.Itoa(total), "max", strconv.Itoa(MaxExportRows))
	}
	return MatterQuery{f: f}, nil
}

// ExportMatters streams the matters of a prepared filter to fn, oldest first,
// with the name of each matter's area.
func (s *Service) ExportMatters(ctx context.Context, p auth.Principal, q MatterQuery, fn func(m *casework.Matter, area string) error) error {
	v, err := s.viewerOf(ctx, p)
	if err != nil {
		return err
	}
	f := q.f
	f.Scope = v.scope // what PrepareExport checked; never wider than the principal's own
	areas, err := s.store.Areas(ctx)
	if err != nil {
		return err
	}
	if !p.System {
		err := s.store.Tx(ctx, func(tx *store.Tx) error {
			return s.recordAs(ctx, tx, p, "export", "matters", "", exportFilterData(f))
		})
		if err != nil {
			return err
		}
	}
	names := make(map[int64]string, len(areas))
	for _, a := range areas {
		names[a.ID] = a.Name
	}
	return s.store.EachMatter(ctx, f, func(m *casework.Matter) error {
		masked := maskMatter(*m, v.sight(m), true)
		m = &masked
		area := ""
		if m.AreaID != nil {
			area = names[*m.AreaID]
		}
		return fn(m, area)
	})
}

// exportFilterData says in the audit log which matters an export held.
func exportFilterData(f store.MatterFilter) map[string]any {
	d := map[string]any{}
	if f.From != nil {
		d["from"] = f.From.UTC().Format("2006-01-02T15:04:05Z")
	}
	if f.To != nil {
		d["to"] = f.To.UTC().Format("2006-01-02T15:04:05Z")
	}
	if f.AreaPath != "" {
		d["area_path"] = f.AreaPath
	}
	if f.Kind != "" {
		d["kind"] = f.Kind
	}
	if len(f.Outcomes) > 0 {
		d["outcome"] = f.Outcomes
	}
	if f.ImportID != nil {
		d["import"] = *f.ImportID
	}
	if f.Q != "" {
		d["q"] = f.Q
	}
	return d
}
