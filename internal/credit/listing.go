// Package credit holds a merchant's credit: the unreachable-merchant workflow into the
// abnormal-operations list (经营异常名录) and out of it (R-S7, R-L35–R-L40), custody companies
// of cluster-registered shops, honour rolls (R-S8) and the merchant's complaint record.
// It is pure: rules take data, a calendar and a time and return decisions.
package credit

import (
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
)

// Reason is a listing ground with the exact wording the 公示 system uses (R-L35).
type Reason string

// Listing grounds of SAIC Order 68.
const (
	AnnualReportLate   Reason = "ANN_REPORT_LATE"
	InfoNotPublished   Reason = "INFO_NOT_PUBLISHED"
	InfoFalse          Reason = "INFO_FALSE"
	AddressUnreachable Reason = "ADDRESS_UNREACHABLE"
)

// Reasons lists the grounds in the order of the Order.
var Reasons = []Reason{AnnualReportLate, InfoNotPublished, InfoFalse, AddressUnreachable}

var reasonText = map[Reason]string{
	AnnualReportLate:   "未依照《企业信息公示暂行条例》第八条规定的期限公示年度报告的",
	InfoNotPublished:   "未在市场监督管理部门依照《企业信息公示暂行条例》第十条规定责令的期限内公示有关企业信息的",
	InfoFalse:          "公示企业信息隐瞒真实情况、弄虚作假的",
	AddressUnreachable: "通过登记的住所或者经营场所无法联系的",
}

// Valid reports whether r is a known ground.
func (r Reason) Valid() bool { _, ok := reasonText[r]; return ok }

// Text is the ground's exact public wording.
func (r Reason) Text() string { return reasonText[r] }

// Status is where a merchant's procedure stands.
type Status string

// Statuses of the procedure.
const (
	Verifying       Status = "verifying"        // contact attempts being made (R-L36.1–2)
	Referred        Status = "referred"         // referred to credit supervision; the decision is due (R-L36.3–4)
	Listed          Status = "listed"           // on the abnormal-operations list (companies)
	Marked          Status = "marked"           // 标记经营异常状态: individual businesses (R-L35)
	Removed         Status = "removed"          // off the list again (R-L37)
	Closed          Status = "closed"           // reached before any listing: nothing to list
	SeriousProposed Status = "serious_proposed" // three years listed: proposed for the serious-violation list (R-L38)
)

// OnList reports whether the merchant stands on the public list in this status.
func (s Status) OnList() bool { return s == Listed || s == Marked || s == SeriousProposed }

// Method is how a contact attempt was made (R-L36.1); Custody is the request to the
// custody company of a cluster-registered shop (R-L36.2).
type Method string

// Contact methods.
const (
	Phone    Method = "phone"
	Visit    Method = "visit"
	Letter   Method = "letter"
	Platform Method = "platform"
	Custody  Method = "custody"
)

// Methods lists every method.
var Methods = []Method{Phone, Visit, Letter, Platform, Custody}

// Valid reports whether m is a known method.
func (m Method) Valid() bool {
	for _, v := range Methods {
		if v == m {
			return true
		}
	}
	return false
}

// Attempt is one try to reach the merchant, with what came of it.
type Attempt struct {
	ID        int64     `json:"id"`
	ListingID int64     `json:"-"`
	At        time.Time `json:"at"`
	Method    Method    `json:"method"`
	Reached   bool      `json:"reached"`
	Note      string    `json:"note"`
	ByID      *int64    `json:"by_id,omitempty"`
	By        string    `json:"by"`
}

// Objection is a merchant's objection to its listing, open 30 days after publication (R-L37).
// An individual business's objection is accepted (or not) within 5 working days and, once
// accepted, verified within 20 (Order 69 Art.19): AcceptDue and VerifyDue are those clocks.
type Objection struct {
	ID         int64      `json:"id"`
	ListingID  int64      `json:"-"`
	ReceivedAt time.Time  `json:"received_at"`
	Text       string     `json:"text"`
	AcceptDue  *time.Time `json:"accept_due,omitempty"`
	AcceptedAt *time.Time `json:"accepted_at,omitempty"`
	VerifyDue  *time.Time `json:"verify_due,omitempty"`
	DecidedAt  *time.Time `json:"decided_at,omitempty"`
	Upheld     *bool      `json:"upheld,omitempty"`
	Decision   string     `json:"decision,omitempty"`
}

// The working days an individual business's objection is answered in (R-L37, Order 69 Art.19).
const (
	ObjectionAcceptWorkdays = 5  // whether to accept it, from receipt
	ObjectionVerifyWorkdays = 20 // its verification, from acceptance
)

// Listing is one merchant's procedure, from the first attempt to reach it to its removal.
type Listing struct {
	ID                int64       `json:"id"`
	MerchantID        int64       `json:"merchant_id"`
	MerchantName      string      `json:"merchant_name"`
	USCC              string      `json:"uscc,omitempty"`
	Individual        bool        `json:"individual"` // marked, not listed (R-L35)
	Cluster           bool        `json:"cluster_registered"`
	CustodyID         *int64      `json:"custody_id,omitempty"`
	Status            Status      `json:"status"`
	Reason            Reason      `json:"reason"`
	OpenedAt          time.Time   `json:"opened_at"`
	ReferredAt        *time.Time  `json:"referred_at,omitempty"`
	DecisionDue       *time.Time  `json:"decision_due,omitempty"` // 10 working days after verification (R-L36.4)
	ListedAt          *time.Time  `json:"listed_at,omitempty"`
	DecisionRef       string      `json:"decision_ref,omitempty"` // the listing decision's document number
	ObjectionUntil    *time.Time  `json:"objection_until,omitempty"`
	RemovalAskedAt    *time.Time  `json:"removal_asked_at,omitempty"`
	RemovalGround     string      `json:"removal_ground,omitempty"`
	RemovalDue        *time.Time  `json:"removal_due,omitempty"` // 5 working days (R-L37)
	RemovedAt         *time.Time  `json:"removed_at,omitempty"`
	RemovalRef        string      `json:"removal_ref,omitempty"`
	SeriousAt         *time.Time  `json:"serious_at,omitempty"`         // listed + 3 years (R-L38)
	ReminderAt        *time.Time  `json:"reminder_at,omitempty"`        // 60 days before it
	ReminderPublished *time.Time  `json:"reminder_published,omitempty"` // the public reminder went out
	MissingYear       int         `json:"missing_year,omitempty"`       // a working-day deadline fell in a year with no calendar
	Version           int         `json:"-"`
	Attempts          []Attempt   `json:"attempts,omitempty"`
	Objections        []Objection `json:"objections,omitempty"`
	UpdatedAt         time.Time   `json:"updated_at"`
}

// Rules are the office's figures for the procedure (R-L36, R-L37 say "confirm the local rule").
type Rules struct {
	DecisionWorkdays   int `json:"decision_workdays"`    // listing decision after verification: 10
	RemovalWorkdays    int `json:"removal_workdays"`     // removal decision after renewed contact: 5
	ObjectionDays      int `json:"objection_days"`       // objections open after publication: 30
	SeriousYears       int `json:"serious_years"`        // years listed before the serious list: 3
	ReminderDays       int `json:"reminder_days"`        // public reminder this many days before: 60
	CustodyAlertListed int `json:"custody_alert_listed"` // K of R-L39: listed shops of one custody company that raise an alert
}

// DefaultRules are the national figures as the research found them.
func DefaultRules() Rules {
	return Rules{DecisionWorkdays: 10, RemovalWorkdays: 5, ObjectionDays: 30, SeriousYears: 3, ReminderDays: 60, CustodyAlertListed: 3}
}

// Validate checks rules an admin sends.
func (r Rules) Validate() error {
	var errs invalid.Errors
	b := func(f string, v, lo, hi int) {
		if v < lo || v > hi {
			errs.Add(f, invalid.OneOf, "values", itoa(lo)+"–"+itoa(hi))
		}
	}
	b("decision_workdays", r.DecisionWorkdays, 1, 60)
	b("removal_workdays", r.RemovalWorkdays, 1, 60)
	b("objection_days", r.ObjectionDays, 1, 365)
	b("serious_years", r.SeriousYears, 1, 10)
	b("reminder_days", r.ReminderDays, 1, 365)
	b("custody_alert_listed", r.CustodyAlertListed, 1, 1000)
	return errs.Err()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// Open starts the procedure for a merchant that could not be reached.
func Open(m merchant.Merchant, now time.Time) Listing {
	return Listing{MerchantID: m.ID, MerchantName: m.Name, USCC: m.USCC, Individual: m.Type == merchant.Individual,
		Cluster: m.ClusterRegistered, CustodyID: m.CustodyID, Status: Verifying, Reason: AddressUnreachable, OpenedAt: now, UpdatedAt: now}
}

// Active reports whether a procedure is still running or its merchant still listed.
func (l *Listing) Active() bool { return l.Status != Removed && l.Status != Closed }

// custodyAsked reports whether the custody company was asked (R-L36.2).
func (l *Listing) custodyAsked() bool {
	for _, a := range l.Attempts {
		if a.Method == Custody {
			return true
		}
	}
	return false
}

func (l *Listing) unreached() bool {
	for _, a := range l.Attempts {
		if !a.Reached {
			return true
		}
	}
	return false
}

// workdays is the end of the n-th working day after t, or nil with the year missing (R-L43).
func workdays(cal *calendar.Calendar, t time.Time, n int) (*time.Time, int) {
	if cal == nil {
		return nil, calendar.DateOf(t).Year
	}
	d, err := cal.AddWorkdays(calendar.DateOf(t), n)
	if err != nil {
		return nil, calendar.DateOf(t).Year + 1
	}
	due := calendar.DueAt(d)
	return &due, 0
}

// Problem is a refusal naming the rule that refuses.
func problem(field, code, rule string) error {
	return invalid.New(field, code, "rule", rule)
}

// Record adds a contact attempt. A merchant reached while listed has renewed contact:
// the removal decision falls due (R-L37). Reached before listing, the procedure closes.
func (l *Listing) Record(a Attempt, cal *calendar.Calendar, r Rules, now time.Time) error {
	var errs invalid.Errors
	if !a.Method.Valid() {
		errs.Add("method", invalid.OneOf, "values", "phone, visit, letter, platform, custody")
	}
	errs.Need("note", a.Note)
	errs.MaxLen("note", a.Note, 1000)
	if a.Method == Custody && !l.Cluster {
		errs.Add("method", invalid.Conflict, "rule", "R-L36")
	}
	if a.At.After(now) {
		errs.Add("at", invalid.Future)
	}
	if !l.Active() {
		errs.Add("status", invalid.Conflict)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	l.Attempts = append(l.Attempts, a)
	l.UpdatedAt = now
	switch {
	case a.Reached && (l.Status == Verifying || l.Status == Referred):
		l.Status, l.DecisionDue = Closed, nil
	case a.Reached && l.Status.OnList() && l.RemovalAskedAt == nil:
		return l.AskRemoval("renewed_contact", cal, r, now)
	}
	return nil
}

// Refer sends the unreachable merchant to credit supervision after the attempts; a
// cluster-registered shop's custody company must have been asked first (R-L36, R-S7).
// The listing decision falls due within the working days of the rules (R-L36.4).
func (l *Listing) Refer(cal *calendar.Calendar, r Rules, now time.Time) error {
	if l.Status != Verifying {
		return problem("status", invalid.Conflict, "R-L36")
	}
	if !l.unreached() {
		return problem("attempts", invalid.Required, "R-L36")
	}
	if l.Cluster && !l.custodyAsked() {
		return problem("custody", invalid.Required, "R-L36")
	}
	l.Status, l.ReferredAt, l.UpdatedAt = Referred, &now, now
	l.DecisionDue, l.MissingYear = workdays(cal, now, r.DecisionWorkdays)
	return nil
}

// List decides the listing with its exact ground and the decision's document number; an
// individual business is marked, not listed (R-L35). The objection window opens and, for a
// company, the three-year timer with its public reminder starts (R-L38).
func (l *Listing) List(reason Reason, ref string, r Rules, now time.Time) error {
	var errs invalid.Errors
	if !reason.Valid() {
		errs.Add("reason", invalid.OneOf, "values", "ANN_REPORT_LATE, INFO_NOT_PUBLISHED, INFO_FALSE, ADDRESS_UNREACHABLE")
	}
	errs.Need("decision_ref", ref)
	errs.MaxLen("decision_ref", ref, 100)
	if l.Status != Referred {
		errs.Add("status", invalid.Conflict, "rule", "R-L36")
	}
	if l.Cluster && !l.custodyAsked() {
		errs.Add("custody", invalid.Required, "rule", "R-L36")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	l.Status, l.Reason, l.DecisionRef, l.ListedAt, l.DecisionDue, l.UpdatedAt = Listed, reason, strings.TrimSpace(ref), &now, nil, now
	if l.Individual {
		l.Status = Marked
	}
	until := now.AddDate(0, 0, r.ObjectionDays)
	l.ObjectionUntil = &until
	if !l.Individual {
		serious := now.AddDate(r.SeriousYears, 0, 0)
		remind := serious.AddDate(0, 0, -r.ReminderDays)
		l.SeriousAt, l.ReminderAt = &serious, &remind
	}
	return nil
}

// AskRemoval records a registered address change or renewed contact on a listed merchant:
// the removal decision is due within the working days of the rules (R-L37).
func (l *Listing) AskRemoval(ground string, cal *calendar.Calendar, r Rules, now time.Time) error {
	if !l.Status.OnList() {
		return problem("status", invalid.Conflict, "R-L37")
	}
	if ground != "address_change" && ground != "renewed_contact" {
		return invalid.New("ground", invalid.OneOf, "values", "address_change, renewed_contact")
	}
	if l.RemovalAskedAt != nil {
		return problem("status", invalid.Conflict, "R-L37")
	}
	l.RemovalAskedAt, l.RemovalGround, l.UpdatedAt = &now, ground, now
	l.RemovalDue, l.MissingYear = workdays(cal, now, r.RemovalWorkdays)
	return nil
}

// Remove takes the merchant off the list; only a listed merchant can be removed (R-L37).
func (l *Listing) Remove(ref string, now time.Time) error {
	var errs invalid.Errors
	if !l.Status.OnList() {
		errs.Add("status", invalid.Conflict, "rule", "R-L37")
	}
	errs.Need("removal_ref", ref)
	errs.MaxLen("removal_ref", ref, 100)
	if err := errs.Err(); err != nil {
		return err
	}
	if l.RemovalGround == "" {
		l.RemovalGround = "decision"
	}
	l.Status, l.RemovedAt, l.RemovalRef, l.RemovalDue, l.UpdatedAt = Removed, &now, strings.TrimSpace(ref), nil, now
	return nil
}

// Object takes in an objection within the window after publication (R-L37); an individual
// business's objection is to be accepted or not within 5 working days (Order 69 Art.19).
func (l *Listing) Object(o Objection, cal *calendar.Calendar, now time.Time) error {
	var errs invalid.Errors
	errs.Need("text", o.Text)
	errs.MaxLen("text", o.Text, 2000)
	switch {
	case !l.Status.OnList():
		errs.Add("status", invalid.Conflict, "rule", "R-L37")
	case l.ObjectionUntil != nil && now.After(*l.ObjectionUntil):
		errs.Add("received_at", invalid.Conflict, "rule", "R-L37")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	if o.ReceivedAt.IsZero() {
		o.ReceivedAt = now
	}
	if l.Individual {
		o.AcceptDue, _ = workdays(cal, o.ReceivedAt, ObjectionAcceptWorkdays)
	}
	l.Objections = append(l.Objections, o)
	l.UpdatedAt = now
	return nil
}

// AcceptObjection takes an individual business's objection up for verification, due within
// 20 working days (Order 69 Art.19). A company's objection is decided without this step.
func (l *Listing) AcceptObjection(i int, cal *calendar.Calendar, now time.Time) error {
	var errs invalid.Errors
	switch {
	case i < 0 || i >= len(l.Objections) || l.Objections[i].DecidedAt != nil || l.Objections[i].AcceptedAt != nil:
		errs.Add("objection", invalid.Conflict)
	case !l.Individual:
		errs.Add("objection", invalid.Conflict, "rule", "R-L37")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	o := &l.Objections[i]
	o.AcceptedAt = &now
	o.VerifyDue, _ = workdays(cal, now, ObjectionVerifyWorkdays)
	l.UpdatedAt = now
	return nil
}

// RemindPublicly records the public reminder 60 days before the three years (R-L38).
func (l *Listing) RemindPublicly(now time.Time) bool {
	if !l.Status.OnList() || l.ReminderPublished != nil || l.Individual {
		return false
	}
	l.ReminderPublished, l.UpdatedAt = &now, now
	return true
}

// ProposeSerious proposes a company still listed after three years for the serious list (R-L38).
func (l *Listing) ProposeSerious(now time.Time) bool {
	if l.Status != Listed || l.Individual {
		return false
	}
	l.Status, l.UpdatedAt = SeriousProposed, now
	return true
}

// DomicileProblems checks a cluster-registered shop's record: its registered domicile must
// end with "(集群注册)" and a custody company must be named (R-L39).
func DomicileProblems(m merchant.Merchant) []string {
	if !m.ClusterRegistered {
		return nil
	}
	var out []string
	a := strings.TrimSpace(m.Address)
	if !strings.HasSuffix(a, "(集群注册)") && !strings.HasSuffix(a, "（集群注册）") {
		out = append(out, "domicile_annotation")
	}
	if m.CustodyID == nil {
		out = append(out, "custody_missing")
	}
	return out
}

// DecideObjection answers an objection; an upheld one takes the merchant off the list.
func (l *Listing) DecideObjection(i int, upheld bool, decision string, now time.Time) error {
	var errs invalid.Errors
	errs.Need("decision", decision)
	errs.MaxLen("decision", decision, 1000)
	if i < 0 || i >= len(l.Objections) || l.Objections[i].DecidedAt != nil {
		errs.Add("objection", invalid.Conflict)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	o := &l.Objections[i]
	o.DecidedAt, o.Upheld, o.Decision = &now, &upheld, strings.TrimSpace(decision)
	l.UpdatedAt = now
	if upheld && l.Status.OnList() {
		l.RemovalGround = "objection_upheld"
		return l.Remove(decision, now)
	}
	return nil
}
