// Package reward is the calculator of the reward for reporting a major violation
// (R-L26; SAMR/MOF 《市场监管领域重大违法行为举报奖励暂行办法》): a share of the fines and
// confiscations by the reward level, never under the level's floor nor over ¥1,000,000,
// and from ¥500,000 approved together with the finance department. Pure: amounts in fen.
package reward

import (
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// Level is the reward level the bureau assigns to a report (1 the highest).
type Level int

// Rates and floors per level: 5 % / 3 % / 1 % of fines and confiscations, at least
// ¥5,000 / ¥3,000 / ¥1,000.
var (
	ratePercent = map[Level]int64{1: 5, 2: 3, 3: 1}
	floor       = map[Level]money.Fen{1: 500000, 2: 300000, 3: 100000}
)

// Cap is the most any one reward may be; CoApproval is the amount from which the
// finance department approves it together with the bureau.
const (
	Cap        money.Fen = 100000000 // ¥1,000,000
	CoApproval money.Fen = 50000000  // ¥500,000
)

// Codes of the calculator's refusals.
const (
	CodeNotMajor   = "reward_not_major"   // only major violations are rewarded
	CodeNotNatural = "reward_not_natural" // only natural persons are rewarded
	CodeExcluded   = "reward_excluded"    // an exclusion applies (staff, the infringer's own people, …)
	CodeLevel      = "reward_level"       // levels are 1, 2 and 3
)

// Case is what the reward is computed from.
type Case struct {
	MajorViolation bool
	NaturalPerson  bool // the reporter is a natural person
	Excluded       bool // an exclusion applies
	Level          Level
	Fines          money.Fen // fines imposed
	Confiscations  money.Fen // illegal gains and goods confiscated
}

// Reward is the amount and whether the finance department must approve it too.
type Reward struct {
	Amount     money.Fen `json:"amount"`
	AtFloor    bool      `json:"at_floor"`    // the floor applied (no fine, or a small one)
	Capped     bool      `json:"capped"`      // the cap applied
	CoApproval bool      `json:"co_approval"` // ≥ ¥500,000: approved with the finance department
}

// Compute works the reward out (R-L26): max(rate × (fines + confiscations), floor),
// at most Cap; a case with no fine or confiscation gets the floor. Rounded down to the fen.
func Compute(c Case) (Reward, error) {
	var errs invalid.Errors
	if !c.MajorViolation {
		errs.Add("major_violation", CodeNotMajor)
	}
	if !c.NaturalPerson {
		errs.Add("reporter", CodeNotNatural)
	}
	if c.Excluded {
		errs.Add("excluded", CodeExcluded)
	}
	rate, ok := ratePercent[c.Level]
	if !ok {
		errs.Add("level", CodeLevel)
	}
	if c.Fines < 0 {
		errs.Add("fines", invalid.Negative)
	}
	if c.Confiscations < 0 {
		errs.Add("confiscations", invalid.Negative)
	}
	if err := errs.Err(); err != nil {
		return Reward{}, err
	}
	base := c.Fines + c.Confiscations
	r := Reward{Amount: money.Fen(int64(base) * rate / 100)}
	if f := floor[c.Level]; r.Amount < f {
		r.Amount, r.AtFloor = f, true
	}
	if r.Amount > Cap {
		r.Amount, r.Capped = Cap, true
	}
	r.CoApproval = r.Amount >= CoApproval
	return r, nil
}
