// Package claimant holds the suspicious-claimant flags of Order 121 Art.17 (R-L9): patterns
// in who complains, how often and how much was bought that staff should look at twice.
// The flags are advisory — nothing here can reject a complaint (R-L9: a flag alone cannot
// auto-reject). It is pure: it takes a matter, its history and the thresholds.
package claimant

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/collective"
	"weiquan/internal/invalid"
)

// Pattern names one of the three patterns of R-L9.
type Pattern string

// The three patterns.
const (
	SharedContact Pattern = "shared_contact" // (a) one phone or address behind complaints of N or more distinct complainants
	Repeated      Pattern = "repeated"       // (b) one complainant, M or more complaints against one respondent, product class or issue within D days
	Quantity      Pattern = "quantity"       // (c) a purchase beyond a multiple of normal use
)

// Settings are the thresholds; a city-level SAMR may set them (R-L9).
type Settings struct {
	Enabled         bool           `json:"enabled"`
	Complainants    int            `json:"complainants"`     // N of pattern (a)
	Complaints      int            `json:"complaints"`       // M of pattern (b)
	Days            int            `json:"days"`             // D of patterns (a) and (b)
	IssueSimilarity float64        `json:"issue_similarity"` // facts this alike are "the same issue" in (b)
	Multiple        int            `json:"multiple"`         // (c): flag a quantity over this multiple of normal use
	Normal          map[string]int `json:"normal_quantity"`  // (c): what one household buys of a product at once
}

// DefaultSettings are a starting point for the office to adjust.
func DefaultSettings() Settings {
	return Settings{Enabled: true, Complainants: 3, Complaints: 3, Days: 180, IssueSimilarity: 0.5, Multiple: 5,
		Normal: map[string]int{"牛奶": 6, "酸奶": 6, "白酒": 2, "红酒": 2, "奶粉": 3, "食用油": 2, "大米": 2, "保健品": 2,
			"月饼": 4, "粽子": 4, "饮料": 12, "面包": 6, "火腿肠": 10, "化妆品": 2, "口罩": 50}}
}

// Validate checks settings an admin sends.
func (s Settings) Validate() error {
	var errs invalid.Errors
	bound := func(field string, v, lo, hi int) {
		if v < lo || v > hi {
			errs.Add(field, invalid.OneOf, "values", strconv.Itoa(lo)+"–"+strconv.Itoa(hi))
		}
	}
	bound("complainants", s.Complainants, 2, 100)
	bound("complaints", s.Complaints, 2, 100)
	bound("days", s.Days, 1, 3650)
	bound("multiple", s.Multiple, 1, 1000)
	if s.IssueSimilarity <= 0 || s.IssueSimilarity > 1 {
		errs.Add("issue_similarity", invalid.OneOf, "values", "0–1")
	}
	for k, v := range s.Normal {
		if strings.TrimSpace(k) == "" || v < 1 {
			errs.Add("normal_quantity", invalid.Format)
			break
		}
	}
	return errs.Err()
}

// Complaint is what the rules know of one complaint.
type Complaint struct {
	ID          int64
	Number      string
	Name        string // the complainant as written
	Phone       string
	Address     string
	IDNumber    string
	MerchantKey string
	Subcategory string
	Facts       string
	ReceivedAt  time.Time
}

// person is who the complainant is for pattern (b): the ID number when given, else the phone.
func (c Complaint) person() string {
	if c.IDNumber != "" {
		return "id:" + c.IDNumber
	}
	if c.Phone != "" {
		return "phone:" + c.Phone
	}
	return ""
}

func normName(s string) string { return strings.Join(strings.Fields(s), "") }

func normAddr(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '　' || r == ',' || r == '，' {
			return -1
		}
		return r
	}, s)
}

// Flag is one pattern found, with its evidence. It informs staff; it decides nothing.
type Flag struct {
	Pattern  Pattern  `json:"pattern"`
	Rule     string   `json:"rule"`
	Detail   string   `json:"detail"`   // what matched: the phone, the respondent, the quantity
	Count    int      `json:"count"`    // distinct complainants (a), complaints (b), the quantity (c)
	Limit    int      `json:"limit"`    // the threshold that was reached
	Evidence []string `json:"evidence"` // the case numbers behind it, or the words of the facts
}

// Flags finds the patterns of R-L9 in a complaint and the complaints that share its phone,
// address or complainant within the window. The result is advice for staff.
func Flags(set Settings, m Complaint, history []Complaint) []Flag {
	if !set.Enabled {
		return nil
	}
	since := m.ReceivedAt.Add(-time.Duration(set.Days) * 24 * time.Hour)
	var recent []Complaint
	for _, h := range history {
		if h.ID != m.ID && !h.ReceivedAt.Before(since) && !h.ReceivedAt.After(m.ReceivedAt) {
			recent = append(recent, h)
		}
	}
	var out []Flag
	if f, ok := shared(set, m, recent, "phone", m.Phone, func(c Complaint) string { return c.Phone }); ok {
		out = append(out, f)
	}
	if a := normAddr(m.Address); len([]rune(a)) >= 6 {
		if f, ok := shared(set, m, recent, "address", a, func(c Complaint) string { return normAddr(c.Address) }); ok {
			out = append(out, f)
		}
	}
	out = append(out, repeated(set, m, recent)...)
	if f, ok := quantity(set, m); ok {
		out = append(out, f)
	}
	return out
}

// shared is pattern (a): one contact behind complaints of N or more distinct complainants.
func shared(set Settings, m Complaint, recent []Complaint, what, v string, of func(Complaint) string) (Flag, bool) {
	if v == "" {
		return Flag{}, false
	}
	names := map[string]bool{normName(m.Name): true}
	var nums []string
	for _, h := range recent {
		if of(h) == v {
			names[normName(h.Name)] = true
			nums = append(nums, h.Number)
		}
	}
	delete(names, "")
	if len(names) < set.Complainants {
		return Flag{}, false
	}
	sort.Strings(nums)
	return Flag{Pattern: SharedContact, Rule: "R-L9(a)", Detail: what, Count: len(names), Limit: set.Complainants, Evidence: nums}, true
}

// repeated is pattern (b): one complainant, M or more complaints (this one counted) against
// one respondent, one product class or one issue within the window.
func repeated(set Settings, m Complaint, recent []Complaint) []Flag {
	who := m.person()
	if who == "" {
		return nil
	}
	var mine []Complaint
	for _, h := range recent {
		if h.person() == who {
			mine = append(mine, h)
		}
	}
	var out []Flag
	try := func(detail string, same func(Complaint) bool) {
		var nums []string
		for _, h := range mine {
			if same(h) {
				nums = append(nums, h.Number)
			}
		}
		if len(nums)+1 >= set.Complaints {
			sort.Strings(nums)
			out = append(out, Flag{Pattern: Repeated, Rule: "R-L9(b)", Detail: detail, Count: len(nums) + 1, Limit: set.Complaints, Evidence: nums})
		}
	}
	if m.MerchantKey != "" {
		try("respondent", func(h Complaint) bool { return h.MerchantKey == m.MerchantKey })
	}
	if m.Subcategory != "" {
		try("product_class", func(h Complaint) bool { return h.Subcategory == m.Subcategory })
	}
	mp := collective.NewProfile(m.Facts)
	try("issue", func(h Complaint) bool {
		return collective.Similarity(mp, collective.NewProfile(h.Facts)) >= set.IssueSimilarity
	})
	return out
}

var quantityRe = regexp.MustCompile(`(\d{1,7})\s*(瓶|盒|箱|件|个|袋|包|支|罐|听|桶|斤|公斤|千克|条|双|套|台|部|只)`)

// quantity is pattern (c): the facts name a product of the normal-use table and a quantity
// over the multiple of what a household buys at once. A case (箱) is not counted as units:
// the number is compared as written, so the flag errs on the side of silence.
func quantity(set Settings, m Complaint) (Flag, bool) {
	if set.Multiple < 1 || len(set.Normal) == 0 {
		return Flag{}, false
	}
	var products []string
	for p := range set.Normal {
		if strings.Contains(m.Facts, p) || strings.Contains(m.Subcategory, p) {
			products = append(products, p)
		}
	}
	if len(products) == 0 {
		return Flag{}, false
	}
	sort.Slice(products, func(i, j int) bool {
		return set.Normal[products[i]] < set.Normal[products[j]] || (set.Normal[products[i]] == set.Normal[products[j]] && products[i] < products[j])
	})
	best, text := 0, ""
	for _, g := range quantityRe.FindAllStringSubmatch(m.Facts, -1) {
		n, err := strconv.Atoi(g[1])
		if err == nil && n > best {
			best, text = n, g[0]
		}
	}
	p := products[len(products)-1] // the most generous normal quantity of the products named
	limit := set.Normal[p] * set.Multiple
	if best <= limit {
		return Flag{}, false
	}
	return Flag{Pattern: Quantity, Rule: "R-L9(c)", Detail: p, Count: best, Limit: limit, Evidence: []string{text}}, true
}
