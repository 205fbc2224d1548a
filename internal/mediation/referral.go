package mediation

import (
	"slices"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

// Department is the kind of body a matter is referred to or comes from (SPEC C7).
type Department string

// Departments. OtherBureau covers health, housing, education, transport, culture and tourism…,
// named in the referral's DepartmentName.
const (
	Police            Department = "police"             // 公安机关
	Procuratorate     Department = "procuratorate"      // 检察院
	Court             Department = "court"              // 法院
	CreditSupervision Department = "credit_supervision" // 信用监管
	OtherBureau       Department = "other_bureau"       // 其他行政机关
)

// Departments lists every kind of department.
var Departments = []Department{Police, Procuratorate, Court, CreditSupervision, OtherBureau}

// Direction says whether we send the referral or receive it.
type Direction string

// Directions.
const (
	Outgoing Direction = "out" // we refer to the department
	Incoming Direction = "in"  // the department refers to us; it becomes a matter
)

// Fraud is a kind of fraud or extortion by a complainant (Order 121 Art.42, R-L10).
type Fraud string

// The kinds Art.42 names, and extortion.
const (
	FraudSmuggle   Fraud = "smuggle"   // 夹带
	FraudSwap      Fraud = "swap"      // 掉包
	FraudForge     Fraud = "forge"     // 造假
	FraudTamper    Fraud = "tamper"    // 篡改
	FraudFabricate Fraud = "fabricate" // 捏造
	Extortion      Fraud = "extortion" // 敲诈勒索
)

// Frauds lists the kinds in the order of Art.42.
var Frauds = []Fraud{FraudSmuggle, FraudSwap, FraudForge, FraudTamper, FraudFabricate, Extortion}

// Referral is one matter handed to or received from another department: what is asked, with
// which documents, by when, and the answer. A fraud referral to the police (R-L10) is one of
// these; the full workflow of issue 10 item 5 uses the same record.
type Referral struct {
	ID             int64           `json:"id"`
	MatterID       int64           `json:"matter_id"`
	Direction      Direction       `json:"direction"`
	Department     Department      `json:"department"`
	DepartmentName string          `json:"department_name"`   // e.g. 某县公安局某派出所
	Basis          string          `json:"basis"`             // the rule it is made under, e.g. Order 121 Art.42
	Grounds        []Fraud         `json:"grounds,omitempty"` // for a fraud referral
	Request        string          `json:"request"`           // what is asked
	Documents      []int64         `json:"documents,omitempty"`
	ReferredAt     time.Time       `json:"referred_at"`
	ReferredBy     *int64          `json:"referred_by,omitempty"`
	DueDate        *calendar.Date  `json:"due_date,omitempty"` // a clock when set
	Answer         *ReferralAnswer `json:"answer,omitempty"`
}

// ReferralAnswer is what the department replied.
type ReferralAnswer struct {
	At             time.Time `json:"at"`
	DepartmentName string    `json:"department_name"` // who answered; must be the one asked
	Text           string    `json:"text"`
	Documents      []int64   `json:"documents,omitempty"`
	RecordedBy     *int64    `json:"recorded_by,omitempty"`
}

// Validate checks a new referral at time now.
func (r *Referral) Validate(now time.Time) error {
	var errs invalid.Errors
	r.DepartmentName, r.Request = strings.TrimSpace(r.DepartmentName), strings.TrimSpace(r.Request)
	if r.Direction != Outgoing && r.Direction != Incoming {
		errs.Add("direction", invalid.OneOf, "values", "out, in")
	}
	if !slices.Contains(Departments, r.Department) {
		errs.Add("department", invalid.OneOf, "values", "police, procuratorate, court, credit_supervision, other_bureau")
	}
	errs.Need("department_name", r.DepartmentName)
	errs.MaxLen("department_name", r.DepartmentName, 200)
	errs.Need("request", r.Request)
	errs.MaxLen("request", r.Request, 4000)
	for _, g := range r.Grounds {
		if !slices.Contains(Frauds, g) {
			errs.Add("grounds", invalid.OneOf, "values", "smuggle, swap, forge, tamper, fabricate, extortion")
			break
		}
	}
	if r.DueDate != nil && r.DueDate.Before(calendar.DateOf(now)) {
		errs.Add("due_date", Past)
	}
	if r.ReferredAt.IsZero() {
		r.ReferredAt = now
	}
	return errs.Err()
}

// ValidateAnswer checks an answer to the referral: from the department asked, once only.
func (r Referral) ValidateAnswer(a *ReferralAnswer, now time.Time) error {
	var errs invalid.Errors
	a.DepartmentName, a.Text = strings.TrimSpace(a.DepartmentName), strings.TrimSpace(a.Text)
	if r.Answer != nil {
		errs.Add("answer", Already)
	}
	if a.DepartmentName != r.DepartmentName {
		errs.Add("department_name", NotParty) // an answer from a department that was not asked
	}
	errs.Need("text", a.Text)
	errs.MaxLen("text", a.Text, 4000)
	if a.At.IsZero() {
		a.At = now
	}
	if a.At.After(now) {
		errs.Add("at", invalid.Future)
	}
	return errs.Err()
}

// FraudDecision is what suspected fraud or extortion requires (R-L10): a referral to the police,
// the matter marked "referred to the police" (移送公安), and a running mediation terminated.
type FraudDecision struct {
	Status    string           `json:"status"`              // StatusReferredToPolice
	Referral  Referral         `json:"referral"`            // the referral to store
	Terminate *casework.Reason `json:"terminate,omitempty"` // the termination, when mediation runs
}

// StatusReferredToPolice is the matter's mark once a fraud referral is made (R-L10: 移送公安).
const StatusReferredToPolice = "referred_to_police"

// FraudTermination is the termination ground for fraud: T6 under Order 121 (Art.23(6) names
// Art.42 fraud). Order 20 has no fraud ground — its T6 is only "a rejection ground found after
// acceptance" — so fraud there ends mediation under T7, "other grounds provided by law".
func FraudTermination(rs casework.RuleSet) casework.Reason {
	code := "T6"
	if rs == casework.Order20 {
		code = "T7"
	}
	r, _ := casework.FindReason(casework.TerminateReasons(rs), code)
	return r
}

// OnFraud decides what suspected fraud or extortion on a matter in state s means (R-L10): the
// referral to the police department named, and the termination when mediation is under way
// (mediating or suspended). It refuses a matter that is not a complaint being handled.
func OnFraud(m casework.Matter, police string, grounds []Fraud, facts string, now time.Time) (FraudDecision, error) {
	var errs invalid.Errors
	if m.Kind != casework.Complaint || m.State == casework.Closed || m.State == casework.Received || m.State == casework.Rejected {
		errs.Add("state", WrongState, "state", string(m.State))
	}
	if len(grounds) == 0 {
		errs.Add("grounds", invalid.Required)
	}
	basis := "Order 121 Art.42"
	if m.RuleSet == casework.Order20 {
		basis = "治安管理处罚法" // Order 20 has no fraud article
	}
	r := Referral{MatterID: m.ID, Direction: Outgoing, Department: Police, DepartmentName: police,
		Basis: basis, Grounds: grounds, Request: facts, ReferredAt: now}
	if err := r.Validate(now); err != nil {
		e, _ := invalid.As(err)
		errs = append(errs, e...)
	}
	if err := errs.Err(); err != nil {
		return FraudDecision{}, err
	}
	d := FraudDecision{Status: StatusReferredToPolice, Referral: r}
	if m.State == casework.Mediating || m.State == casework.Suspended {
		t := FraudTermination(m.RuleSet)
		d.Terminate = &t
	}
	return d, nil
}
