// Package supervise holds the pure rules of social supervision (SPEC C10): the 双随机一公开
// draw of merchants and inspectors from a published seed, satisfaction questionnaires and their
// aggregation, mystery-shopping visits and product sampling.
//
// The draw is written so that anyone can re-run it from what was published, in any language:
// see Draw, and docs/SUPERVISION.md. It imports nothing of weiquan but invalid.
package supervise

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// Algorithm names the draw's procedure; a published draw carries it, so a later change of the
// procedure cannot silently change how an old draw is verified.
const Algorithm = "weiquan-draw-v1"

// Candidate is a merchant in the draw's pool, with the day it was last inspected, if ever.
type Candidate struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	LastInspected string `json:"last_inspected,omitempty"` // YYYY-MM-DD
}

// Inspector is a law-enforcement officer who may be drawn.
type Inspector struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Conflict is an inspector's declared conflict with a merchant: they are never drawn together.
type Conflict struct {
	Inspector int64 `json:"inspector"`
	Merchant  int64 `json:"merchant"`
}

// Inputs is everything a draw depends on. It is published, with the seed, before the draw.
type Inputs struct {
	Algorithm     string      `json:"algorithm"`
	Seed          string      `json:"seed"`           // 64 hex digits, drawn at random and published first
	AsOf          string      `json:"as_of"`          // YYYY-MM-DD: the day recent inspections are counted back from
	RecentDays    int         `json:"recent_days"`    // a merchant inspected within this many days before AsOf is left out
	Merchants     int         `json:"merchants"`      // how many merchants to draw
	InspectorsPer int         `json:"inspectors_per"` // how many inspectors go to each merchant
	Pool          []Candidate `json:"pool"`
	Inspectors    []Inspector `json:"inspectors"`
	Conflicts     []Conflict  `json:"conflicts,omitempty"`
}

// Pick is one drawn merchant and the inspectors drawn for it.
type Pick struct {
	Merchant   int64   `json:"merchant"`
	Inspectors []int64 `json:"inspectors"`
}

// Published is a draw as the office publishes it: its inputs and, once drawn, its result.
type Published struct {
	Inputs
	Commitment string `json:"commitment"`       // SHA-256 of the canonical inputs: fixed before the draw
	Result     []Pick `json:"result,omitempty"` // empty until drawn
}

// Rule codes of the draw.
const (
	EmptyPool      = "empty_pool"      // no merchant is left once recent inspections are excluded (C10)
	FewInspectors  = "few_inspectors"  // a drawn merchant has fewer unconflicted inspectors than asked
	BadSeed        = "bad_seed"        // the seed is not 64 hex digits
	WrongAlgorithm = "wrong_algorithm" // the draw names another procedure
)

// Validate checks the inputs of a draw; a draw with an empty pool (after exclusions) is
// refused with the rule, so nothing is drawn or written.
func (in *Inputs) Validate() error {
	var errs invalid.Errors
	if in.Algorithm == "" {
		in.Algorithm = Algorithm
	}
	if in.Algorithm != Algorithm {
		errs.Add("algorithm", WrongAlgorithm)
	}
	if b, err := hex.DecodeString(in.Seed); err != nil || len(b) != 32 {
		errs.Add("seed", BadSeed)
	}
	asOf, err := time.Parse(time.DateOnly, in.AsOf)
	if err != nil {
		errs.Add("as_of", invalid.Format)
	}
	if in.RecentDays < 0 || in.RecentDays > 3650 {
		errs.Add("recent_days", invalid.OneOf, "values", "0–3650")
	}
	if in.Merchants < 1 || in.Merchants > 1000 {
		errs.Add("merchants", invalid.OneOf, "values", "1–1000")
	}
	if in.InspectorsPer < 1 || in.InspectorsPer > 10 {
		errs.Add("inspectors_per", invalid.OneOf, "values", "1–10")
	}
	seen := map[int64]bool{}
	for _, c := range in.Pool {
		if seen[c.ID] || c.ID <= 0 {
			errs.Add("pool", invalid.Duplicate)
			break
		}
		seen[c.ID] = true
		if c.LastInspected != "" {
			if _, err := time.Parse(time.DateOnly, c.LastInspected); err != nil {
				errs.Add("pool", invalid.Format)
				break
			}
		}
	}
	if err == nil && len(Eligible(*in, asOf)) == 0 {
		errs.Add("pool", EmptyPool, "rule", "C10")
	}
	if len(in.Inspectors) == 0 {
		errs.Add("inspectors", invalid.Required)
	}
	return errs.Err()
}

// Eligible is the pool less the merchants inspected within RecentDays before asOf, in
// ascending id order.
func Eligible(in Inputs, asOf time.Time) []Candidate {
	cut := asOf.AddDate(0, 0, -in.RecentDays)
	var out []Candidate
	for _, c := range in.Pool {
		if c.LastInspected != "" {
			if d, err := time.Parse(time.DateOnly, c.LastInspected); err == nil && d.After(cut) {
				continue
			}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// key is the hex SHA-256 of the seed and the parts joined by ":" — the sort key of the draw.
func key(seed string, parts ...string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(seed) + ":" + strings.Join(parts, ":")))
	return hex.EncodeToString(sum[:])
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// Draw runs the draw, the same for anyone with the same inputs:
//
//  1. The pool is the merchants not inspected within recent_days before as_of (a merchant last
//     inspected exactly recent_days before as_of is back in the pool).
//  2. Each merchant gets the key SHA-256(seed ":m:" id) in lower-case hex; the merchants are
//     sorted by key (then id) and the first `merchants` of them are drawn, in that order.
//  3. For each drawn merchant, the inspectors without a declared conflict with it get the key
//     SHA-256(seed ":i:" merchant id ":" inspector id); sorted by key (then id), the first
//     `inspectors_per` are drawn for it.
//
// Ids are written in decimal; the seed in lower-case hex as published. A merchant with fewer
// unconflicted inspectors than asked refuses the whole draw.
func Draw(in Inputs) ([]Pick, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	asOf, _ := time.Parse(time.DateOnly, in.AsOf)
	pool := Eligible(in, asOf)
	type keyed struct {
		id  int64
		key string
	}
	order := func(ks []keyed) {
		sort.Slice(ks, func(i, j int) bool {
			if ks[i].key != ks[j].key {
				return ks[i].key < ks[j].key
			}
			return ks[i].id < ks[j].id
		})
	}
	ms := make([]keyed, len(pool))
	for i, c := range pool {
		ms[i] = keyed{c.ID, key(in.Seed, "m", id(c.ID))}
	}
	order(ms)
	if len(ms) > in.Merchants {
		ms = ms[:in.Merchants]
	}
	conflicted := map[[2]int64]bool{}
	for _, c := range in.Conflicts {
		conflicted[[2]int64{c.Inspector, c.Merchant}] = true
	}
	var errs invalid.Errors
	out := make([]Pick, 0, len(ms))
	for _, m := range ms {
		var is []keyed
		for _, p := range in.Inspectors {
			if !conflicted[[2]int64{p.ID, m.id}] {
				is = append(is, keyed{p.ID, key(in.Seed, "i", id(m.id), id(p.ID))})
			}
		}
		order(is)
		if len(is) < in.InspectorsPer {
			errs.Add("inspectors", FewInspectors, "merchant", id(m.id))
			continue
		}
		pick := Pick{Merchant: m.id}
		for _, p := range is[:in.InspectorsPer] {
			pick.Inspectors = append(pick.Inspectors, p.id)
		}
		out = append(out, pick)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Commit is the SHA-256, in hex, of the inputs' canonical JSON (the field order above, no
// spaces): published with the seed before the draw, so the inputs cannot change after.
func Commit(in Inputs) string {
	b, _ := json.Marshal(in)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Verify re-runs a published draw: the commitment must match the inputs and the draw must
// give the published result. It returns the recomputed list.
func Verify(p Published) ([]Pick, error) {
	if c := Commit(p.Inputs); c != p.Commitment {
		return nil, invalid.New("commitment", "mismatch")
	}
	got, err := Draw(p.Inputs)
	if err != nil {
		return nil, err
	}
	if !samePicks(got, p.Result) {
		return got, invalid.New("result", "mismatch")
	}
	return got, nil
}

func samePicks(a, b []Pick) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Merchant != b[i].Merchant || len(a[i].Inspectors) != len(b[i].Inspectors) {
			return false
		}
		for j := range a[i].Inspectors {
			if a[i].Inspectors[j] != b[i].Inspectors[j] {
				return false
			}
		}
	}
	return true
}
