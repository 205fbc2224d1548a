package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/invalid"
	"weiquan/internal/ledger"
	"weiquan/internal/store"
)

// MaxLedgerFile is the largest ledger file taken for import (a 100,000-row ledger is about 30 MB as CSV).
const MaxLedgerFile = 64 << 20

// ImportRequest is a ledger file to check and, unless DryRun, to commit.
type ImportRequest struct {
	Name    string
	Data    []byte
	Mapping ledger.Mapping
	DryRun  bool
}

// MayImport reports whether a user may import ledgers; nil is the command line.
func MayImport(u *auth.User) bool {
	return u == nil || u.Role == auth.Admin || u.Role == auth.Supervisor
}

// Import checks a ledger and, when it is not a dry run and no row fails,
// writes every new row as a matter with an import event, all in one
// transaction. Rows whose source_id is already stored are skipped. Problems in
// the file are in the result, not the error: callers refuse when !res.OK().
func (s *Service) Import(ctx context.Context, p auth.Principal, req ImportRequest) (*ledger.Result, error) {
	u := p.User
	if u == nil && !p.System {
		return nil, ErrForbidden
	}
	if !MayImport(u) {
		return nil, ErrForbidden
	}
	var errs invalid.Errors
	errs.Text("file", req.Name) // the name is stored and shown: it must be text
	errs.MaxLen("file", req.Name, 255)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	now := s.now()
	res, recs := ledger.Check(req.Name, req.Data, req.Mapping, now)
	res.DryRun = req.DryRun
	if !res.OK() {
		return res, nil
	}
	ms, evs, err := s.prepareImport(ctx, u, req, res, recs, now)
	if err != nil {
		return nil, err
	}
	if req.DryRun || len(ms) == 0 {
		return res, nil
	}
	sum := sha256.Sum256(req.Data)
	ac := importer(u)
	imp := store.Import{FileName: req.Name, SHA256: hex.EncodeToString(sum[:]), Format: res.Format, Rows: res.Rows,
		ActorID: ac.ID, ActorName: ac.Name, At: now}
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		_, _, err := tx.ImportMatters(ctx, &imp, ms, evs)
		return err
	})
	if err != nil {
		return nil, err
	}
	res.Committed, res.Imported, res.ImportID = true, imp.Imported, imp.ID
	res.New, res.Skipped = imp.Imported, res.Skipped+imp.Skipped
	return res, nil
}

// prepareImport drops rows already imported, places the rest in the registry
// (area by name or code, merchant by USCC then exact name) and builds the
// matters and their events; what matches nothing is kept as written, with a warning.
func (s *Service) prepareImport(ctx context.Context, u *auth.User, req ImportRequest, res *ledger.Result, recs []ledger.Record, now time.Time) ([]casework.Matter, []casework.Event, error) {
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.SourceID
	}
	done, err := s.store.ImportedSources(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	reg, err := s.registry(ctx, recs)
	if err != nil {
		return nil, nil, err
	}
	ac := importer(u)
	var ms []casework.Matter
	var evs []casework.Event
	for _, r := range recs {
		if done[r.SourceID] {
			res.Skipped++
			continue
		}
		m := r.Matter(now)
		given := map[string]any{}
		for k, v := range r.Given {
			given[k] = v
		}
		reg.place(&m, r, res, given)
		data := map[string]any{"file": req.Name, "row": r.Row, "format": res.Format, "source_id": r.SourceID}
		if res.Sheet != "" {
			data["sheet"] = res.Sheet
		}
		if len(given) > 0 {
			data["given"] = given
		}
		ms = append(ms, m)
		evs = append(evs, casework.Event{At: now, ActorID: ac.ID, ActorName: ac.Name, Action: casework.Import, To: m.State,
			Note: fmt.Sprintf("从 %s 第 %d 行导入 / imported from %s row %d", req.Name, r.Row, req.Name, r.Row), Data: data})
	}
	res.New = len(ms)
	return ms, evs, nil
}

// importer is who an import's events name; nil is the command line.
func importer(u *auth.User) casework.Actor {
	ac := actor(u)
	if u == nil {
		ac.Name = "命令行导入 / command-line import"
	}
	return ac
}

// registry is what an import needs to know of areas and merchants.
type registry struct {
	areas  map[string][]dispatch.Area // by name and by code
	byUSCC map[string]store.MerchantRef
	byName map[string][]int64
}

func (s *Service) registry(ctx context.Context, recs []ledger.Record) (*registry, error) {
	reg := &registry{areas: map[string][]dispatch.Area{}}
	areas, err := s.store.Areas(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range areas {
		reg.areas[a.Name] = append(reg.areas[a.Name], a)
		if a.Code != "" && a.Code != a.Name {
			reg.areas[a.Code] = append(reg.areas[a.Code], a)
		}
	}
	codes, names := distinct(recs, func(r ledger.Record) string { return r.MerchantUSCC }), distinct(recs, func(r ledger.Record) string { return r.MerchantName })
	if reg.byUSCC, err = s.store.MerchantsByUSCC(ctx, codes); err != nil {
		return nil, err
	}
	if reg.byName, err = s.store.MerchantIDsByName(ctx, names); err != nil {
		return nil, err
	}
	return reg, nil
}

func distinct(recs []ledger.Record, f func(ledger.Record) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range recs {
		if v := f(r); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func (reg *registry) place(m *casework.Matter, r ledger.Record, res *ledger.Result, given map[string]any) {
	warn := func(col, code, v string) {
		res.Warn(ledger.Problem{Row: r.Row, Column: col, Value: v, Code: code})
	}
	if r.Area != "" {
		switch as := reg.areas[r.Area]; len(as) {
		case 1:
			m.AreaID, m.AreaPath = &as[0].ID, as[0].Path
		case 0:
			m.AreaText = r.Area
			warn(ledger.Area, "area_unknown", r.Area)
		default:
			m.AreaText = r.Area
			warn(ledger.Area, "area_ambiguous", r.Area)
		}
	}
	if ref, ok := reg.byUSCC[r.MerchantUSCC]; ok && r.MerchantUSCC != "" {
		id := ref.ID
		m.MerchantID = &id
		if m.MerchantName == "" {
			m.MerchantName = ref.Name
		}
		return
	}
	if r.MerchantUSCC != "" {
		given[ledger.MerchantUSCC] = r.MerchantUSCC
	}
	if r.MerchantName == "" {
		if r.MerchantUSCC != "" {
			warn(ledger.MerchantUSCC, "merchant_unknown", r.MerchantUSCC)
		}
		return
	}
	switch ids := reg.byName[r.MerchantName]; len(ids) {
	case 1:
		id := ids[0]
		m.MerchantID = &id
	case 0:
		warn(ledger.MerchantName, "merchant_unknown", r.MerchantName)
	default:
		warn(ledger.MerchantName, "merchant_ambiguous", r.MerchantName)
	}
}
