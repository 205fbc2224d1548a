package casework

import (
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/money"
)

// Party is the consumer (complainant, reporter or inquirer) behind a matter.
type Party struct {
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Address  string `json:"address"`
	IDNumber string `json:"id_number,omitempty"`
}

// Matter is one complaint, report or inquiry.
type Matter struct {
	ID              int64      `json:"id,omitempty"` // left out of merchants' views (R-L25)
	Number          string     `json:"number"`
	Kind            Kind       `json:"kind"`
	Channel         Channel    `json:"channel"`
	State           State      `json:"state"`
	Outcome         Outcome    `json:"outcome,omitempty"`
	RuleSet         RuleSet    `json:"rule_set"`
	ReceivedAt      time.Time  `json:"received_at"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
	ClosedAt        *time.Time `json:"closed_at,omitempty"`
	Version         int        `json:"version,omitempty"`
	Consumer        Party      `json:"consumer"`
	MerchantID      *int64     `json:"merchant_id,omitempty"`
	MerchantName    string     `json:"merchant_name"`
	MerchantAddress string     `json:"merchant_address"`
	AreaID          *int64     `json:"area_id,omitempty"`
	AreaPath        string     `json:"-"`
	AreaText        string     `json:"area_text,omitempty"` // the place as given, kept when it matched nothing
	StationID       *int64     `json:"station_id,omitempty"`
	AssigneeID      *int64     `json:"assignee_id,omitempty"`
	Level           string     `json:"level,omitempty"`
	Category        Category   `json:"category,omitempty"`
	Subcategory     string     `json:"subcategory,omitempty"`
	AmountInDispute money.Fen  `json:"amount_in_dispute"`
	Recovered       money.Fen  `json:"recovered_amount"`
	Consumers       int        `json:"consumers"`
	Facts           string     `json:"facts"`
	Request         string     `json:"request"`
	Answer          string     `json:"answer,omitempty"`
	TakenBy         *int64     `json:"taken_by,omitempty"`
	LinkedID        *int64     `json:"linked_id,omitempty"`
	ReasonCode      string     `json:"reason_code,omitempty"`
	PlatformNo      string     `json:"platform_no,omitempty"`
	NeedsVisit      bool       `json:"needs_visit"`
	Lat             *float64   `json:"lat,omitempty"` // where the consumer said it happened, when a device gave it
	Lng             *float64   `json:"lng,omitempty"`
	AcceptedAt      *time.Time `json:"accepted_at,omitempty"`
	OnSiteDueAt     *time.Time `json:"on_site_due_at,omitempty"` // the 15/30-minute promise (R-S1)
	ArrivedAt       *time.Time `json:"arrived_at,omitempty"`     // check-in on site
	ArrivedLat      *float64   `json:"arrived_lat,omitempty"`
	ArrivedLng      *float64   `json:"arrived_lng,omitempty"`
	OnSiteKept      *bool      `json:"on_site_kept,omitempty"`
	Satisfaction    *int       `json:"satisfaction,omitempty"` // callback rating 1–5
	DueAt           *time.Time `json:"due_at,omitempty"`       // the nearest running deadline: it orders the queue and drives alerts
	DueKind         string     `json:"due_kind,omitempty"`     // which deadline DueAt is
	SourceID        string     `json:"source_id,omitempty"`
	ClockFacts
}

// NeedsPlatformRegistration reports whether the matter still has to be entered
// into the national 12315 platform (R-L2).
func (m *Matter) NeedsPlatformRegistration() bool {
	return m.Channel != Platform12315 && m.PlatformNo == ""
}

// MissingForAcceptance lists the R-L3 fields a complaint still lacks before it can be accepted.
func (m *Matter) MissingForAcceptance() []string {
	if m.Kind != Complaint {
		return nil
	}
	var miss []string
	need := func(field, v string) {
		if strings.TrimSpace(v) == "" {
			miss = append(miss, field)
		}
	}
	need("consumer_name", m.Consumer.Name)
	need("consumer_phone", m.Consumer.Phone)
	need("consumer_address", m.Consumer.Address)
	need("merchant_name", m.MerchantName)
	need("merchant_address", m.MerchantAddress)
	need("request", m.Request)
	need("facts", m.Facts)
	return miss
}

// Event is one entry of a matter's timeline; every change appends one (R-P1).
type Event struct {
	ID        int64          `json:"id,omitempty"`
	MatterID  int64          `json:"-"`
	At        time.Time      `json:"at"`
	ActorID   *int64         `json:"actor_id,omitempty"`
	ActorName string         `json:"actor"`
	Action    Action         `json:"action"`
	From      State          `json:"from,omitempty"`
	To        State          `json:"to,omitempty"`
	Note      string         `json:"note,omitempty"`
	Data      map[string]any `json:"data,omitempty"`
}

// Actor is who does something to a matter.
type Actor struct {
	ID   *int64
	Name string
	Role auth.Role
}
