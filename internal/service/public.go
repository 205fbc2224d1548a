package service

import (
	"context"
	"fmt"
	"math"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/store"
)

// PublicMatter is a complaint or inquiry as anyone may read it (Open311): where and
// when, its state and outcome, and the summary staff approved for the public —
// never the consumer's own words, name, phone, address or home (R-P5). Reports
// are never public, not even their existence (R-L25).
type PublicMatter struct {
	Number     string
	Kind       casework.Kind
	State      casework.State
	Outcome    casework.Outcome
	ReceivedAt time.Time
	UpdatedAt  time.Time
	ClosedAt   *time.Time
	DueAt      *time.Time
	AreaID     *int64
	AreaName   string
	Summary    string   // approved by staff; "" until then
	Lat, Lng   *float64 // rounded to about 100 m
}

// PublicQuery is what the public may ask of the list (Open311 GET requests).
type PublicQuery struct {
	Numbers  []string
	Kinds    []casework.Kind // only complaints and inquiries are ever returned
	OpenOnly bool
	Closed   bool
	From, To *time.Time
	Limit    int
}

// PublicKinds are the kinds of matter the public may read.
var PublicKinds = []casework.Kind{casework.Complaint, casework.Inquiry}

func publicKind(k casework.Kind) bool { return k == casework.Complaint || k == casework.Inquiry }

// PublicMatters lists public matters, newest first, a store page at a time.
func (s *Service) PublicMatters(ctx context.Context, p auth.Principal, q PublicQuery) ([]PublicMatter, error) {
	f := store.MatterFilter{Scope: store.Scope{All: true}, Numbers: q.Numbers, OpenOnly: q.OpenOnly, From: q.From, To: q.To}
	for _, k := range q.Kinds {
		if publicKind(k) {
			f.Kinds = append(f.Kinds, k)
		}
	}
	if len(f.Kinds) == 0 {
		return nil, nil
	}
	if q.Closed {
		f.States = []casework.State{casework.Closed}
	}
	const page = 500
	var ms []casework.Matter
	f.Limit = page
	for len(ms) < q.Limit {
		f.Offset = len(ms)
		got, total, err := s.store.Matters(ctx, f)
		if err != nil {
			return nil, err
		}
		ms = append(ms, got...)
		if len(got) < page || len(ms) >= total {
			break
		}
	}
	if len(ms) > q.Limit {
		ms = ms[:q.Limit]
	}
	return s.publicView(ctx, ms)
}

// PublicMatter finds one public matter by its number; a report's number is not found,
// like a number that does not exist.
func (s *Service) PublicMatter(ctx context.Context, p auth.Principal, number string) (PublicMatter, error) {
	if !casework.LooksLikeNumber(number) {
		return PublicMatter{}, store.ErrNotFound
	}
	m, err := s.store.MatterByNumber(ctx, number)
	if err != nil {
		return PublicMatter{}, err
	}
	if !publicKind(m.Kind) {
		return PublicMatter{}, fmt.Errorf("service: public matter %s: %w", number, store.ErrNotFound)
	}
	list, err := s.publicView(ctx, []casework.Matter{m})
	if err != nil {
		return PublicMatter{}, err
	}
	return list[0], nil
}

func (s *Service) publicView(ctx context.Context, ms []casework.Matter) ([]PublicMatter, error) {
	ids := make([]int64, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	sums, err := s.store.PublicSummaries(ctx, ids)
	if err != nil {
		return nil, err
	}
	areas, err := s.store.Areas(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(areas))
	for _, a := range areas {
		names[a.ID] = a.Name
	}
	out := make([]PublicMatter, 0, len(ms))
	for _, m := range ms {
		if !publicKind(m.Kind) {
			continue
		}
		pm := PublicMatter{Number: m.Number, Kind: m.Kind, State: m.State, Outcome: m.Outcome, ReceivedAt: m.ReceivedAt,
			UpdatedAt: m.UpdatedAt, ClosedAt: m.ClosedAt, DueAt: m.DueAt, AreaID: m.AreaID, Summary: sums[m.ID],
			Lat: round3(m.Lat), Lng: round3(m.Lng)}
		if m.AreaID != nil {
			pm.AreaName = names[*m.AreaID]
		}
		out = append(out, pm)
	}
	return out, nil
}

// round3 keeps three decimals of a coordinate (about 100 m), enough to find the
// shop, too little to find a home.
func round3(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := math.Round(*v*1000) / 1000
	return &r
}
