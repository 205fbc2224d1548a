package court

import (
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

// Decision is the centre's answer to a delegation (R-L33).
type Decision string

// Decisions.
const (
	Accept  Decision = "accept"
	Decline Decision = "decline"
)

// Result is what a delegated mediation came to, sent back to the court.
type Result string

// Results.
const (
	Agreed Result = "agreed" // an agreement was reached
	Failed Result = "failed" // no agreement: back to the court for filing
)

// Codes of the delegation's refusals.
const (
	CodeDecided     = "court_decided"      // the delegation is already accepted or declined
	CodeNotAccepted = "court_not_accepted" // the step needs an accepted delegation
	CodeResultSent  = "court_result_sent"  // the result already went back to the court
	CodeNoTransfer  = "court_no_transfer"  // a case number for a transfer never made
)

// Delegation is a dispute the court delegated to the centre (R-L33).
type Delegation struct {
	ID             int64         `json:"id"`
	MatterID       int64         `json:"matter_id"`
	Number         string        `json:"number,omitempty"` // the matter's number, on lists
	CourtStationID *int64        `json:"court_station_id,omitempty"`
	CourtName      string        `json:"court_name"`
	CourtRef       string        `json:"court_ref,omitempty"` // the court's own reference
	JudgeName      string        `json:"judge_name,omitempty"`
	JudgeID        *int64        `json:"judge_id,omitempty"`
	Stage          Stage         `json:"stage"`
	DelegatedOn    calendar.Date `json:"delegated_on"`
	AcceptDue      calendar.Date `json:"accept_due"`
	Decision       Decision      `json:"decision,omitempty"`
	DecidedOn      calendar.Date `json:"decided_on,omitzero"`
	Late           bool          `json:"late,omitempty"`
	DeclineReason  string        `json:"decline_reason,omitempty"`
	ConfirmedOn    calendar.Date `json:"confirmed_on,omitzero"` // the period runs from here
	Extensions     []Extension   `json:"extensions,omitempty"`
	Appraisals     []Span        `json:"appraisals,omitempty"`
	Result         Result        `json:"result,omitempty"`
	ResultNote     string        `json:"result_note,omitempty"`
	ResultAt       *time.Time    `json:"result_at,omitempty"`
	ResultDocID    *int64        `json:"result_document_id,omitempty"`
	Status         *Status       `json:"period,omitempty"` // worked out on reading
	CreatedAt      time.Time     `json:"created_at"`
}

// Validate checks a new delegation on day today.
func (d *Delegation) Validate(today calendar.Date) error {
	var errs invalid.Errors
	d.CourtName, d.CourtRef, d.JudgeName = strings.TrimSpace(d.CourtName), strings.TrimSpace(d.CourtRef), strings.TrimSpace(d.JudgeName)
	errs.Need("court_name", d.CourtName)
	errs.MaxLen("court_name", d.CourtName, 200)
	if d.CourtRef != "" { // the court's own case number for the delegation, e.g. （2026）赣0429诉前调1号
		if n, err := ParseCaseNumber("court_ref", d.CourtRef); err != nil {
			errs.Add("court_ref", CodeCaseNumber)
		} else {
			d.CourtRef = n.String()
		}
	}
	errs.MaxLen("judge_name", d.JudgeName, 100)
	if _, ok := PeriodDays[d.Stage]; !ok {
		errs.Add("stage", invalid.OneOf, "values", "pre_filing, post_filing_ordinary, post_filing_summary")
	}
	if d.DelegatedOn.IsZero() {
		d.DelegatedOn = today
	}
	if d.DelegatedOn.After(today) {
		errs.Add("delegated_on", invalid.Future)
	}
	return errs.Err()
}

// CheckDecide refuses a second decision or an unknown one (R-L33).
func (d Delegation) CheckDecide(dec Decision, on calendar.Date, reason string) error {
	var errs invalid.Errors
	if d.Decision != "" {
		errs.Add("decision", CodeDecided)
	}
	if dec != Accept && dec != Decline {
		errs.Add("decision", invalid.OneOf, "values", "accept, decline")
	}
	if dec == Decline && strings.TrimSpace(reason) == "" {
		errs.Add("reason", invalid.Required)
	}
	if on.Before(d.DelegatedOn) {
		errs.Add("decided_on", CodeRulingBefore, "filed", d.DelegatedOn.String())
	}
	return errs.Err()
}

// Period is the delegation's period as the rules count it.
func (d Delegation) Period() Period {
	return Period{Stage: d.Stage, ConfirmedOn: d.ConfirmedOn, Extensions: d.Extensions, Appraisals: d.Appraisals}
}

// CheckRunning refuses a step that needs the delegation accepted and its result not sent.
func (d Delegation) CheckRunning() error {
	switch {
	case d.Decision != Accept:
		return invalid.New("delegation", CodeNotAccepted)
	case d.Result != "":
		return invalid.New("delegation", CodeResultSent)
	}
	return nil
}

// Confirmation is an application for judicial confirmation of a mediation agreement (R-L30–R-L32).
type Confirmation struct {
	ID             int64          `json:"id"`
	MatterID       int64          `json:"matter_id"`
	Number         string         `json:"number,omitempty"`
	AgreementID    int64          `json:"agreement_id"`
	CourtStationID *int64         `json:"court_station_id,omitempty"`
	CourtName      string         `json:"court_name"`
	Basis          Basis          `json:"basis"`
	EffectiveOn    calendar.Date  `json:"effective_on"`
	ApplyDue       calendar.Date  `json:"apply_due"`
	FiledOn        *calendar.Date `json:"filed_on,omitempty"`
	Applicants     []string       `json:"applicants"`
	Property       bool           `json:"property,omitempty"`
	Entries        []Entry        `json:"entries,omitempty"`
	PackageDocID   *int64         `json:"package_document_id,omitempty"`
	PackageSHA256  string         `json:"package_sha256,omitempty"`
	ZipSHA256      string         `json:"zip_sha256,omitempty"`
	Index          *Index         `json:"index,omitempty"`
	Ruling         *Ruling        `json:"ruling,omitempty"`
	After          *After         `json:"after,omitempty"`
	EnforcementOn  *calendar.Date `json:"enforcement_applied_on,omitempty"`
	CreatedAt      time.Time      `json:"created_at"`
}

// Transfer is a failed mediation's materials sent to the court for filing (转立案).
type Transfer struct {
	ID             int64      `json:"id"`
	MatterID       int64      `json:"matter_id"`
	CourtStationID *int64     `json:"court_station_id,omitempty"`
	CourtName      string     `json:"court_name"`
	ZipSHA256      string     `json:"zip_sha256"`
	Index          Index      `json:"index"`
	CaseNumber     string     `json:"case_number,omitempty"` // the court's 案号 once filed
	NumberedAt     *time.Time `json:"numbered_at,omitempty"`
	CreatedAt      time.Time  `json:"created_at"`
}

// Meeting is a joint meeting (联席会议) with the departments present, the matters discussed
// and its decisions.
type Meeting struct {
	ID          int64             `json:"id"`
	AreaID      *int64            `json:"area_id,omitempty"`
	HeldOn      calendar.Date     `json:"held_on"`
	Title       string            `json:"title"`
	Place       string            `json:"place,omitempty"`
	Departments []string          `json:"departments"`
	Matters     []string          `json:"matters,omitempty"` // numbers of the matters discussed
	Minutes     string            `json:"minutes"`
	Decisions   []MeetingDecision `json:"decisions,omitempty"`
	CreatedAt   time.Time         `json:"created_at"`
}

// MeetingDecision is one decision of a joint meeting: an owner and a due date, tracked like a clock.
type MeetingDecision struct {
	ID        int64         `json:"id"`
	MeetingID int64         `json:"meeting_id"`
	MatterID  *int64        `json:"matter_id,omitempty"`
	Number    string        `json:"number,omitempty"` // the matter's, as given
	Text      string        `json:"text"`
	Owner     string        `json:"owner"`
	DueOn     calendar.Date `json:"due_on"`
	DoneAt    *time.Time    `json:"done_at,omitempty"`
	DoneNote  string        `json:"done_note,omitempty"`
}

// Validate checks a meeting's record on day today.
func (m *Meeting) Validate(today calendar.Date) error {
	var errs invalid.Errors
	m.Title, m.Minutes, m.Place = strings.TrimSpace(m.Title), strings.TrimSpace(m.Minutes), strings.TrimSpace(m.Place)
	errs.Need("title", m.Title)
	errs.MaxLen("title", m.Title, 200)
	errs.Need("minutes", m.Minutes)
	errs.MaxLen("minutes", m.Minutes, 20000)
	if m.HeldOn.IsZero() {
		errs.Add("held_on", invalid.Required)
	} else if m.HeldOn.After(today) {
		errs.Add("held_on", invalid.Future)
	}
	var deps []string
	for _, d := range m.Departments {
		if d = strings.TrimSpace(d); d != "" {
			deps = append(deps, d)
		}
	}
	m.Departments = deps
	if len(deps) < 2 {
		errs.Add("departments", invalid.Required)
	}
	for i := range m.Decisions {
		d := &m.Decisions[i]
		d.Text, d.Owner = strings.TrimSpace(d.Text), strings.TrimSpace(d.Owner)
		errs.Need("decisions.text", d.Text)
		errs.Need("decisions.owner", d.Owner)
		if d.DueOn.IsZero() {
			errs.Add("decisions.due_on", invalid.Required)
		} else if d.DueOn.Before(m.HeldOn) {
			errs.Add("decisions.due_on", CodeRulingBefore, "filed", m.HeldOn.String())
		}
	}
	return errs.Err()
}
