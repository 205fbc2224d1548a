package collective

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// Settings are the office's thresholds for proposing a collective case.
type Settings struct {
	Enabled       bool    `json:"enabled"`
	WindowDays    int     `json:"window_days"`    // how far back an open matter still counts
	MinMatters    int     `json:"min_matters"`    // matters, the new one included, that make a cluster
	MinSimilarity float64 `json:"min_similarity"` // bigram Dice of the facts that makes two matters one dispute
}

// DefaultSettings propose a case when five open matters against one merchant within
// 30 days tell the same story (群体性投诉 is commonly five or more consumers); BENCHMARKS.md
// shows how precision and recall move with the thresholds.
func DefaultSettings() Settings {
	return Settings{Enabled: true, WindowDays: 30, MinMatters: 5, MinSimilarity: 0.22}
}

// Validate checks settings an admin sends.
func (s Settings) Validate() error {
	var errs invalid.Errors
	if s.WindowDays < 1 || s.WindowDays > 365 {
		errs.Add("window_days", invalid.OneOf, "values", "1–365")
	}
	if s.MinMatters < 2 || s.MinMatters > 1000 {
		errs.Add("min_matters", invalid.OneOf, "values", "2–1000")
	}
	if s.MinSimilarity < 0 || s.MinSimilarity > 1 {
		errs.Add("min_similarity", invalid.OneOf, "values", "0–1")
	}
	return errs.Err()
}

// Matter is what detection knows of one matter.
type Matter struct {
	ID          int64
	Number      string
	MerchantKey string // "id:42", or "name:…" for a merchant not in the registry
	Category    string
	Subcategory string
	Facts       string
	ReceivedAt  time.Time
	Open        bool
	Rejected    bool  // already in a proposal a supervisor rejected: not proposed again
	CaseID      int64 // the collective case (proposed or confirmed) it already belongs to
	Confirmed   bool  // CaseID is a confirmed case
	profile     *Profile
}

// Profile returns the matter's facts as bigrams, computed once.
func (m *Matter) Profile() Profile {
	if m.profile == nil {
		p := NewProfile(m.Facts)
		m.profile = &p
	}
	return *m.profile
}

// MerchantKey names a merchant for grouping: its registry id, else its name as written.
func MerchantKey(id *int64, name string) string {
	if id != nil {
		return "id:" + strconv.FormatInt(*id, 10)
	}
	n := strings.Join(strings.Fields(name), "")
	if n == "" {
		return ""
	}
	return "name:" + n
}

// Link is one earlier matter found to be the same dispute, and why.
type Link struct {
	ID         int64   `json:"id"`
	Number     string  `json:"number"`
	Similarity float64 `json:"similarity"`
	SameKind   bool    `json:"same_subcategory"` // both name the same sub-category
}

// Evidence is what the supervisor is shown with a proposal.
type Evidence struct {
	Merchant    string    `json:"merchant"`
	Subcategory string    `json:"subcategory,omitempty"`
	WindowDays  int       `json:"window_days"`
	FirstAt     time.Time `json:"first_at"`
	LastAt      time.Time `json:"last_at"`
	Links       []Link    `json:"links"`
	Terms       []string  `json:"shared_terms"`
	MeanSim     float64   `json:"mean_similarity"`
}

// Proposal says the new matter and the linked ones look like one collective dispute.
// Into is the case they should join: an open proposal or a confirmed case that some
// linked matters are already in; 0 for a new case.
type Proposal struct {
	Into      int64
	IntoFixed bool // Into is a confirmed case
	Matters   []int64
	Evidence  Evidence
}

// compatible reports whether two matters may be the same kind of dispute by what
// staff classified: a category or sub-category named on both sides must agree.
func compatible(a, b *Matter) bool {
	if a.Category != "" && b.Category != "" && a.Category != b.Category {
		return false
	}
	if a.Subcategory != "" && b.Subcategory != "" && a.Subcategory != b.Subcategory {
		return false
	}
	return true
}

// Related reports whether an earlier matter is the same dispute as the new one,
// with the similarity of their facts.
func Related(set Settings, m, c *Matter) (Link, bool) {
	l := Link{ID: c.ID, Number: c.Number}
	if c.ID == m.ID || !c.Open || c.Rejected || c.MerchantKey == "" || c.MerchantKey != m.MerchantKey || !compatible(m, c) {
		return l, false
	}
	if c.ReceivedAt.After(m.ReceivedAt) || m.ReceivedAt.Sub(c.ReceivedAt) > time.Duration(set.WindowDays)*24*time.Hour {
		return l, false
	}
	l.Similarity = Similarity(m.Profile(), c.Profile())
	l.SameKind = m.Subcategory != "" && m.Subcategory == c.Subcategory
	return l, l.Similarity >= set.MinSimilarity
}

// Detect decides at intake whether a new matter and the open matters against the same
// merchant make a collective case (SPEC C8). It proposes; a supervisor decides.
func Detect(set Settings, m *Matter, earlier []*Matter, merchant string) (Proposal, bool) {
	var p Proposal
	if !set.Enabled || m.MerchantKey == "" || m.Profile().Empty() {
		return p, false
	}
	var links []Link
	var profiles []Profile
	cases := map[int64]int{}
	fixed := map[int64]bool{}
	byID := map[int64]*Matter{}
	for _, c := range earlier {
		l, ok := Related(set, m, c)
		if !ok {
			continue
		}
		links = append(links, l)
		byID[c.ID] = c
		if c.CaseID != 0 {
			cases[c.CaseID]++
			fixed[c.CaseID] = fixed[c.CaseID] || c.Confirmed
		}
	}
	if len(cases) > 0 { // a matter already grouped brings its case: the new one joins it
		p.Into = pickCase(cases, fixed)
		p.IntoFixed = fixed[p.Into]
	}
	if p.Into == 0 && len(links)+1 < set.MinMatters {
		return Proposal{}, false
	}
	sort.Slice(links, func(i, j int) bool {
		return links[i].Similarity > links[j].Similarity || (links[i].Similarity == links[j].Similarity && links[i].ID < links[j].ID)
	})
	if p.Into == 0 { // a case joined keeps the terms it was proposed with
		for _, l := range links {
			profiles = append(profiles, byID[l.ID].Profile())
		}
	}
	p.Matters = []int64{m.ID}
	first, last := m.ReceivedAt, m.ReceivedAt
	sum := 0.0
	for _, l := range links {
		p.Matters = append(p.Matters, l.ID)
		sum += l.Similarity
		if t := byID[l.ID].ReceivedAt; t.Before(first) {
			first = t
		}
	}
	if len(profiles) > maxTermTexts { // the terms of the most alike say enough, and cost little
		profiles = profiles[:maxTermTexts]
	}
	if p.Into == 0 {
		profiles = append(profiles, m.Profile())
	}
	p.Evidence = Evidence{Merchant: merchant, Subcategory: m.Subcategory, WindowDays: set.WindowDays, FirstAt: first.UTC(), LastAt: last.UTC(),
		Links: links, Terms: SharedTerms(profiles, 6)}
	if len(links) > 0 {
		p.Evidence.MeanSim = round3(sum / float64(len(links)))
	}
	for i := range p.Evidence.Links {
		p.Evidence.Links[i].Similarity = round3(p.Evidence.Links[i].Similarity)
	}
	return p, true
}

// pickCase prefers a confirmed case, then the one most linked matters are in, then the oldest.
func pickCase(cases map[int64]int, fixed map[int64]bool) int64 {
	var best int64
	for id, n := range cases {
		switch {
		case best == 0:
			best = id
		case fixed[id] != fixed[best]:
			if fixed[id] {
				best = id
			}
		case n != cases[best]:
			if n > cases[best] {
				best = id
			}
		case id < best:
			best = id
		}
	}
	return best
}

// maxTermTexts bounds how many texts the shared terms are looked for in.
const maxTermTexts = 12

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
