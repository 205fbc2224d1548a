package service

import (
	"context"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
)

// routing is where a matter should be handled and why.
type routing struct {
	level       dispatch.Level
	station     *int64
	why         []string // tier criteria that raised the level (R-S2)
	basis       string   // jurisdiction (R-L11)
	unreachable *merchant.Merchant
}

// routeFor works out a matter's handling level from the tier criteria and its merchant
// (R-S2, R-L11), never below floor, and the station of its area at that level.
func (s *Service) routeFor(ctx context.Context, tx *store.Tx, m *casework.Matter, set Settings, floor dispatch.Level) (routing, error) {
	facts := dispatch.TierFacts{Amount: m.AmountInDispute, Consumers: m.Consumers, Subcategory: m.Subcategory}
	var r routing
	if m.MerchantID != nil {
		mer, err := tx.Merchant(ctx, *m.MerchantID)
		if err != nil {
			return r, err
		}
		online := mer.Type == merchant.OnlineShop || mer.Platform != ""
		facts.OnlineShop, facts.OutsideArea = online, mer.OutsideArea
		var unreachable bool
		r.basis, unreachable = dispatch.Jurisdiction(dispatch.Respondent{OnlineShop: online,
			HasAddress: mer.Address != "" || m.MerchantAddress != "", Unreachable: mer.Unreachable, OutsideArea: mer.OutsideArea})
		if unreachable {
			r.unreachable = &mer
		}
	}
	want, why := set.Tiers.Level(facts)
	r.why = why
	if r.basis == dispatch.BasisPlatformDomicile && want.Rank() < dispatch.County.Rank() {
		want = dispatch.County // the platform operator's domicile decides, at the county (R-L11)
	}
	if floor.Rank() > want.Rank() {
		want = floor // R-S3: never down
	}
	r.level = want
	if m.AreaPath == "" {
		return r, nil
	}
	chain, err := tx.AreaChain(ctx, m.AreaPath)
	if err != nil {
		return r, err
	}
	stations, err := tx.StationsIn(ctx, chain)
	if err != nil {
		return r, err
	}
	st, level := dispatch.Route(chain, stations, want)
	r.level = level
	if st != nil {
		id := st.ID
		r.station = &id
	}
	return r, nil
}

// routeIntake gives a new matter its level and station, and returns what the intake event records.
func (s *Service) routeIntake(ctx context.Context, tx *store.Tx, m *casework.Matter, set Settings) (routing, map[string]any, error) {
	r, err := s.routeFor(ctx, tx, m, set, "")
	if err != nil {
		return r, nil, err
	}
	m.Level, m.StationID = string(r.level), r.station
	data := map[string]any{"level": m.Level}
	if r.station != nil {
		data["station_id"] = *r.station
	}
	if len(r.why) > 0 {
		data["tier"] = r.why
	}
	if r.basis != "" {
		data["jurisdiction"] = r.basis
	}
	return r, data, nil
}

// unreachableAlert queues the merchant of a matter for the unreachable-address workflow (R-L40).
func unreachableAlert(ctx context.Context, tx *store.Tx, m *casework.Matter, mer *merchant.Merchant, now time.Time) error {
	payload := map[string]any{"merchant_id": mer.ID, "merchant": mer.Name, "platform": mer.Platform}
	// One standing alert per merchant: a second complaint against it while the
	// first alert is unread adds nothing the office does not know.
	if dup, err := tx.UnreadAlertExists(ctx, AlertMerchantUnreachable, payload); err != nil || dup {
		return err
	}
	id := m.ID
	return tx.AddAlert(ctx, &store.Alert{Kind: AlertMerchantUnreachable, MatterID: &id, StationID: m.StationID, CreatedAt: now, Payload: payload})
}

// escalationTarget is the next level up and its station (R-S3); an empty level means the
// matter is at the county already.
func (s *Service) escalationTarget(ctx context.Context, tx *store.Tx, m *casework.Matter) (string, *int64, error) {
	up, ok := dispatch.Level(m.Level).Up()
	if !ok {
		return "", nil, nil
	}
	if m.AreaPath == "" {
		return string(up), nil, nil
	}
	chain, err := tx.AreaChain(ctx, m.AreaPath)
	if err != nil {
		return "", nil, err
	}
	stations, err := tx.StationsIn(ctx, chain)
	if err != nil {
		return "", nil, err
	}
	st, level := dispatch.Route(chain, stations, up)
	if st == nil {
		return string(level), nil, nil
	}
	id := st.ID
	return string(level), &id, nil
}

// escalatedAlert tells the station that now handles the matter (R-S3).
func escalatedAlert(ctx context.Context, tx *store.Tx, m *casework.Matter, ev casework.Event, now time.Time) error {
	id := m.ID
	return tx.AddAlert(ctx, &store.Alert{Kind: AlertEscalated, MatterID: &id, StationID: m.StationID, CreatedAt: now,
		Payload: map[string]any{"level": ev.Data["level"], "reason_code": ev.Data["reason_code"], "note": ev.Note, "by": ev.ActorName}})
}
