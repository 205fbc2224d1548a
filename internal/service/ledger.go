package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
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

// ImportRequest is a ledger file to check and, unless DryRun, to commit:
// its bytes (Data), or, when Open is set, the file read where it lies.
type ImportRequest struct {
	Name    string
	Data    []byte
	Open    ledger.Opener // a file on disk: a CSV is then never in memory whole
	Mapping ledger.Mapping
	DryRun  bool
}

// stream checks the file, handing each row that passes to each (ledger.Stream).
func (req ImportRequest) stream(now time.Time, each func(*ledger.Result, ledger.Record) error) (*ledger.Result, error) {
	if req.Open != nil {
		return ledger.StreamFile(req.Name, req.Open, req.Mapping, now, each)
	}
	return ledger.Stream(req.Name, req.Data, req.Mapping, now, each)
}

// sha256 is the file's SHA-256 in hex, as recorded with the import.
func (req ImportRequest) sha256() (string, error) {
	h := sha256.New()
	if req.Open == nil {
		h.Write(req.Data)
	} else {
		f, err := req.Open()
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// MayImport reports whether a user may import ledgers; nil is the command line.
func MayImport(u *auth.User) bool {
	return u == nil || u.Role == auth.Admin || u.Role == auth.Supervisor
}

// Import checks a ledger and, when it is not a dry run and no row fails,
// writes every new row as a matter with an import event, all in one
// transaction. Rows whose source_id is already stored are skipped. Problems in
// the file are in the result, not the error: callers refuse when !res.OK().
//
// The rows are not held: each part of importStep rows is placed and, for a
// commit, written as soon as it is read (ledger.Stream), inside the one
// transaction, which is rolled back when any row of the file fails, or
// when nothing is new. A commit therefore holds the write lock while the
// file is read; a preview writes nothing.
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
	if req.DryRun {
		st := s.newImportStep(u, req, now, nil)
		res, err := req.stream(now, st.add)
		if err == nil && res.OK() {
			err = st.flush(ctx, res)
		}
		if err != nil {
			return nil, err
		}
		st.done(res)
		res.DryRun = true
		return res, nil
	}
	sum, err := req.sha256()
	if err != nil {
		return nil, err
	}
	ac := importer(u)
	imp := store.Import{FileName: req.Name, SHA256: sum, ActorID: ac.ID, ActorName: ac.Name, At: now}
	var res *ledger.Result
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		w, err := tx.BeginImport(ctx, &imp)
		if err != nil {
			return err
		}
		defer w.Close()
		st := s.newImportStep(u, req, now, tx)
		st.w = w
		res, err = req.stream(now, st.add)
		if err == nil && res.OK() {
			err = st.flush(ctx, res)
		}
		if err != nil {
			return err
		}
		st.done(res)
		if !res.OK() || res.New == 0 {
			return errNothingToCommit // nothing written stays
		}
		imp.Format, imp.Rows = res.Format, res.Rows
		return w.Finish(ctx)
	})
	if errors.Is(err, errNothingToCommit) {
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	res.Committed, res.Imported, res.ImportID = true, imp.Imported, imp.ID
	res.New, res.Skipped = imp.Imported, res.Skipped+imp.Skipped
	return res, nil
}

// errNothingToCommit rolls an import's transaction back: a row failed, or every row was there already.
var errNothingToCommit = errors.New("service: import: nothing to commit")

// importStep is how many rows an import places, and writes, at a time.
const importStep = 500

// importStepper places the rows of an import a part at a time and, for a
// commit, writes them (w, in the transaction tx). The warnings of placing
// are kept apart until the file is read, so that they follow every warning
// of reading, as when the whole file was read first, and are shown only
// when no row failed.
type importStepper struct {
	s     *Service
	u     *auth.User
	req   ImportRequest
	now   time.Time
	tx    *store.Tx // nil: a preview
	w     *store.ImportWriter
	recs  []ledger.Record
	place *ledger.Result // the warnings of placing
	reg   *registry
	new   int
	skip  int
	err   error
}

func (s *Service) newImportStep(u *auth.User, req ImportRequest, now time.Time, tx *store.Tx) *importStepper {
	return &importStepper{s: s, u: u, req: req, now: now, tx: tx, place: &ledger.Result{}}
}

// add takes one row that passed; once a row has failed nothing more is placed or written.
func (st *importStepper) add(res *ledger.Result, r ledger.Record) error {
	if !res.OK() {
		st.recs = st.recs[:0]
		return nil
	}
	st.recs = append(st.recs, r)
	if len(st.recs) < importStep {
		return nil
	}
	return st.flush(context.Background(), res)
}

// flush places (and writes) the rows taken since the last flush.
func (st *importStepper) flush(ctx context.Context, res *ledger.Result) error {
	if len(st.recs) == 0 {
		return nil
	}
	if st.reg == nil {
		reg, err := st.s.newRegistry(ctx)
		if err != nil {
			return err
		}
		st.reg = reg
	}
	ms, evs, skipped, err := st.s.prepareImport(ctx, st.u, st.req, res.Format, res.Sheet, st.place, st.reg, st.tx, st.recs, st.now)
	if err != nil {
		return err
	}
	st.skip += skipped
	st.new += len(ms)
	st.recs = st.recs[:0]
	if st.w != nil && len(ms) > 0 {
		return st.w.Write(ctx, ms, evs)
	}
	return nil
}

// done puts the counts and the warnings of placing into the result, when no row failed.
func (st *importStepper) done(res *ledger.Result) {
	if !res.OK() {
		return
	}
	res.Skipped += st.skip
	res.New = st.new
	res.AddWarnings(st.place)
}

// prepareImport drops rows already imported, places the rest in the registry
// (area by name or code, merchant by USCC then exact name) and builds the
// matters and their events; what matches nothing is kept as written, with a
// warning in warn. tx, when not nil, is the import's transaction, which sees
// what it wrote.
func (s *Service) prepareImport(ctx context.Context, u *auth.User, req ImportRequest, format, sheet string, warn *ledger.Result, reg *registry,
	tx *store.Tx, recs []ledger.Record, now time.Time) ([]casework.Matter, []casework.Event, int, error) {
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.SourceID
	}
	var done map[string]bool
	var err error
	if tx != nil {
		done, err = tx.ImportedSources(ctx, ids)
	} else {
		done, err = s.store.ImportedSources(ctx, ids)
	}
	if err != nil {
		return nil, nil, 0, err
	}
	if err := s.registerMerchants(ctx, reg, recs); err != nil {
		return nil, nil, 0, err
	}
	ac := importer(u)
	var ms []casework.Matter
	var evs []casework.Event
	skipped := 0
	for _, r := range recs {
		if done[r.SourceID] {
			skipped++
			continue
		}
		m := r.Matter(now)
		given := map[string]any{}
		for k, v := range r.Given {
			given[k] = v
		}
		reg.place(&m, r, warn, given)
		data := map[string]any{"file": req.Name, "row": r.Row, "format": format, "source_id": r.SourceID}
		if sheet != "" {
			data["sheet"] = sheet
		}
		if len(given) > 0 {
			data["given"] = given
		}
		ms = append(ms, m)
		evs = append(evs, casework.Event{At: now, ActorID: ac.ID, ActorName: ac.Name, Action: casework.Import, To: m.State,
			Note: fmt.Sprintf("从 %s 第 %d 行导入 / imported from %s row %d", req.Name, r.Row, req.Name, r.Row), Data: data})
	}
	return ms, evs, skipped, nil
}

// importer is who an import's events name; nil is the command line.
func importer(u *auth.User) casework.Actor {
	ac := actor(u)
	if u == nil {
		ac.Name = "命令行导入 / command-line import"
	}
	return ac
}

// registry is what an import needs to know of areas and merchants. The
// merchants are looked up as rows name them, each code and name once.
type registry struct {
	areas  map[string][]dispatch.Area // by name and by code
	byUSCC map[string]store.MerchantRef
	byName map[string][]int64
	asked  map[string]bool // codes and names looked up already ("u"+code, "n"+name)
}

func (s *Service) newRegistry(ctx context.Context) (*registry, error) {
	reg := &registry{areas: map[string][]dispatch.Area{}, byUSCC: map[string]store.MerchantRef{}, byName: map[string][]int64{}, asked: map[string]bool{}}
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
	return reg, nil
}

// registryCache bounds how many merchant codes and names an import remembers;
// past it the cache starts again (a ledger of a million different merchants
// is looked up a part at a time, never held whole).
const registryCache = 100_000

// registerMerchants looks up the merchants of recs not looked up before.
func (s *Service) registerMerchants(ctx context.Context, reg *registry, recs []ledger.Record) error {
	if len(reg.asked) > registryCache {
		clear(reg.asked)
		clear(reg.byUSCC)
		clear(reg.byName)
	}
	codes := reg.unasked(recs, "u", func(r ledger.Record) string { return r.MerchantUSCC })
	names := reg.unasked(recs, "n", func(r ledger.Record) string { return r.MerchantName })
	byUSCC, err := s.store.MerchantsByUSCC(ctx, codes)
	if err != nil {
		return err
	}
	for k, v := range byUSCC {
		reg.byUSCC[k] = v
	}
	byName, err := s.store.MerchantIDsByName(ctx, names)
	if err != nil {
		return err
	}
	for k, v := range byName {
		reg.byName[k] = v
	}
	return nil
}

func (reg *registry) unasked(recs []ledger.Record, kind string, f func(ledger.Record) string) []string {
	var out []string
	for _, r := range recs {
		if v := f(r); v != "" && !reg.asked[kind+v] {
			reg.asked[kind+v] = true
			out = append(out, strings.Clone(v))
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
