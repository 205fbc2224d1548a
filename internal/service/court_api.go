package service

import (
	"context"
	"errors"
	"slices"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/court"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// The court's own system works through the API with an API key of scope "court" bound to
// its court (issue 10 item 1): it delegates disputes (DelegateFromCourt) and reads what
// became of them — the decision, the period, the result and the result letter — for that
// court only. A judge of the court, or a head of the office, may use the same doors with a
// session.

// CreateCourtAPIKey makes a key for a court's system, bound to the court (a station), and
// returns it in clear, once. Admins only (and the office's own tools).
func (s *Service) CreateCourtAPIKey(ctx context.Context, p auth.Principal, name string, stationID int64) (string, store.APIKey, error) {
	if !p.System && (p.User == nil || p.User.Role != auth.Admin) {
		return "", store.APIKey{}, ErrForbidden
	}
	name = strings.TrimSpace(name)
	var errs invalid.Errors
	errs.Need("name", name)
	errs.MaxLen("name", name, 100)
	if stationID == 0 {
		errs.Add("court_station_id", invalid.Required)
	} else if st, err := s.store.Station(ctx, stationID); errors.Is(err, store.ErrNotFound) || err == nil && !st.Active {
		errs.Add("court_station_id", invalid.NotFound)
	} else if err != nil {
		return "", store.APIKey{}, err
	}
	if err := errs.Err(); err != nil {
		return "", store.APIKey{}, err
	}
	key := auth.NewToken()
	var k store.APIKey
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		if k, err = tx.CreateCourtAPIKey(ctx, name, auth.HashToken(key), stationID, s.now()); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "api_key", itoa(k.ID), map[string]any{"name": k.Name, "scope": k.Scope, "court_station_id": stationID})
	})
	return key, k, err
}

// CourtCaller is who knocks at the court's doors of the API: the court's system by its key
// (scope "court"), or a signed-in judge, supervisor or admin.
func (s *Service) CourtCaller(ctx context.Context, token, addr string) (auth.Principal, error) {
	if token == "" {
		return auth.Principal{}, ErrUnauthorized
	}
	id, st, err := s.store.CourtAPIKey(ctx, auth.HashToken(token))
	if err != nil {
		return auth.Principal{}, err
	}
	if id != 0 {
		return auth.Principal{APIKeyID: id, Court: st, Addr: addr}, nil
	}
	u, err := s.UserByToken(ctx, token)
	if err != nil {
		return auth.Principal{}, err
	}
	if !slices.Contains(courtSide, u.Role) {
		return auth.Principal{}, ErrForbidden
	}
	return auth.Principal{User: &u, Addr: addr}, nil
}

// courtOf is the court a principal speaks for: the key's court, or the judge's; 0 for the office.
func courtOf(p auth.Principal) (int64, bool) {
	switch {
	case p.User == nil && p.Court != 0:
		return p.Court, true
	case p.User != nil && p.User.Role == auth.Judge:
		if p.User.StationID == nil {
			return 0, true // a judge with no court speaks for none
		}
		return *p.User.StationID, true
	}
	return 0, false
}

// CourtDelegations lists the disputes a court delegated, as its system or judge reads them:
// the decision, the period and the result, with no personal data.
func (s *Service) CourtDelegations(ctx context.Context, p auth.Principal) ([]court.Delegation, error) {
	st, isCourt := courtOf(p)
	if !isCourt || st == 0 {
		return nil, ErrForbidden
	}
	ds, err := s.store.CourtDelegations(ctx, st)
	if err != nil {
		return nil, err
	}
	if ds == nil {
		ds = []court.Delegation{}
	}
	return ds, nil
}

// CourtDelegationResult is what goes back to the court: the delegation as it stands and, once
// sent, the result letter (委派调解结果反馈函) with its SHA-256.
type CourtDelegationResult struct {
	Delegation court.Delegation   `json:"delegation"`
	Letter     *store.DocumentRow `json:"-"`
}

// CourtDelegationOf reads one delegated dispute's delegation and result letter for the court
// that delegated it (its key or its judge) or the office's heads; any other court gets 404.
// Reading the letter, which names the parties, is logged like a read of personal data.
func (s *Service) CourtDelegationOf(ctx context.Context, p auth.Principal, number string) (CourtDelegationResult, error) {
	var out CourtDelegationResult
	st, isCourt := courtOf(p)
	var matterID int64
	if isCourt {
		m, err := s.store.MatterByNumber(ctx, number)
		if err != nil {
			return out, err
		}
		matterID = m.ID
	} else {
		if p.User == nil || (p.User.Role != auth.Admin && p.User.Role != auth.Supervisor) {
			return out, ErrForbidden
		}
		_, m, _, err := s.matterFor(ctx, p, number)
		if err != nil {
			return out, err
		}
		matterID = m.ID
	}
	d, err := s.store.CourtDelegation(ctx, matterID)
	if err != nil {
		return out, err
	}
	if d == nil || isCourt && (st == 0 || d.CourtStationID == nil || *d.CourtStationID != st) {
		return out, store.ErrNotFound
	}
	d.Number = number
	if d.Decision == court.Accept {
		cal, err := s.officialCalendar(ctx)
		if err != nil {
			return out, err
		}
		ps, err := d.Period().Status(cal)
		if err != nil {
			return out, err
		}
		d.Status = &ps
	}
	out.Delegation = *d
	if d.ResultDocID != nil {
		doc, err := s.store.Document(ctx, matterID, *d.ResultDocID)
		if err != nil {
			return out, err
		}
		out.Letter = &doc
		if err := s.store.Tx(ctx, func(tx *store.Tx) error {
			return s.recordAs(ctx, tx, p, "read_personal", "matter", number, map[string]any{"via": "court_result", "document_id": doc.ID})
		}); err != nil {
			return out, err
		}
	}
	return out, nil
}
