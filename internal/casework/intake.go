package casework

import (
	"strings"
	"time"

	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// IntakeInput is what an operator, a form or the API sends to register a matter.
type IntakeInput struct {
	Kind            Kind       `json:"kind"`
	AlsoReport      bool       `json:"also_report,omitempty"` // a complaint that also reports a violation (R-L1)
	Channel         Channel    `json:"channel"`
	ReceivedAt      *time.Time `json:"received_at,omitempty"`
	Consumer        Party      `json:"consumer"`
	MerchantID      *int64     `json:"merchant_id,omitempty"`
	MerchantName    string     `json:"merchant_name,omitempty"`
	MerchantAddress string     `json:"merchant_address,omitempty"`
	AreaID          *int64     `json:"area_id,omitempty"`
	AreaText        string     `json:"area_text,omitempty"`
	Category        Category   `json:"category,omitempty"`
	Subcategory     string     `json:"subcategory,omitempty"`
	AmountInDispute money.Fen  `json:"amount_in_dispute,omitempty"`
	Consumers       int        `json:"consumers,omitempty"`
	Facts           string     `json:"facts"`
	Request         string     `json:"request,omitempty"`
	ReportFacts     string     `json:"report_facts,omitempty"` // the violation part, when AlsoReport
	NeedsVisit      bool       `json:"needs_visit,omitempty"`
	PlatformNo      string     `json:"platform_no,omitempty"`
	Lat             *float64   `json:"lat,omitempty"`
	Lng             *float64   `json:"lng,omitempty"`
}

// maxPast bounds how old a received time may be at intake (imports have their own rules).
const maxPast = 10 * 365 * 24 * time.Hour

// Normalize trims every text field as typed.
func (in *IntakeInput) Normalize() {
	trim := strings.TrimSpace
	in.Consumer.Name, in.Consumer.Phone = trim(in.Consumer.Name), normalizePhone(in.Consumer.Phone)
	in.Consumer.Address, in.Consumer.IDNumber = trim(in.Consumer.Address), strings.ToUpper(trim(in.Consumer.IDNumber))
	in.MerchantName, in.MerchantAddress = trim(in.MerchantName), trim(in.MerchantAddress)
	in.AreaText, in.Subcategory = trim(in.AreaText), trim(in.Subcategory)
	in.Facts, in.Request, in.ReportFacts = trim(in.Facts), trim(in.Request), trim(in.ReportFacts)
	in.PlatformNo = trim(in.PlatformNo)
	if in.Consumers == 0 {
		in.Consumers = 1
	}
}

// Validate checks an intake at time now. A complaint needs the consumer's name and
// phone so the office can call back; the rest of R-L3 is needed to accept it.
func (in *IntakeInput) Validate(now time.Time) error {
	var errs invalid.Errors
	if !in.Kind.Valid() {
		errs.Add("kind", invalid.OneOf, "values", "complaint, report, inquiry")
	}
	if in.AlsoReport && in.Kind != Complaint {
		errs.Add("also_report", invalid.Conflict)
	}
	if !in.Channel.Valid() {
		errs.Add("channel", invalid.OneOf, "values", "hotline_12315, platform_12315, web, letter, visit, transfer_12345, transfer_department")
	}
	if in.ReceivedAt != nil {
		if in.ReceivedAt.After(now.Add(5 * time.Minute)) {
			errs.Add("received_at", invalid.Future)
		} else if in.ReceivedAt.Before(now.Add(-maxPast)) {
			errs.Add("received_at", invalid.Format)
		}
	}
	errs.Need("facts", in.Facts)
	if in.Kind == Complaint {
		errs.Need("consumer.name", in.Consumer.Name)
		errs.Need("consumer.phone", in.Consumer.Phone)
	}
	if in.Consumer.Phone != "" && !ValidPhone(in.Consumer.Phone) {
		errs.Add("consumer.phone", invalid.Format)
	}
	if LooksLikeIDNumber(in.Consumer.IDNumber) && !ValidIDNumber(in.Consumer.IDNumber) {
		errs.Add("consumer.id_number", invalid.Checksum)
	}
	// Written as !(in range) so NaN, for which every comparison is false, is refused too.
	if (in.Lat == nil) != (in.Lng == nil) || in.Lat != nil && !(*in.Lat >= -90 && *in.Lat <= 90 && *in.Lng >= -180 && *in.Lng <= 180) {
		errs.Add("lat", invalid.Format)
	}
	if !in.Category.Valid() {
		errs.Add("category", invalid.OneOf, "values", "goods, services")
	}
	if in.AmountInDispute < 0 {
		errs.Add("amount_in_dispute", invalid.Negative)
	}
	if in.Consumers < 1 || in.Consumers > 100000 {
		errs.Add("consumers", invalid.Format)
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{
		{"consumer.name", in.Consumer.Name, 100}, {"consumer.address", in.Consumer.Address, 300},
		{"consumer.id_number", in.Consumer.IDNumber, 30},
		{"merchant_name", in.MerchantName, 200}, {"merchant_address", in.MerchantAddress, 300},
		{"area_text", in.AreaText, 100}, {"subcategory", in.Subcategory, 50},
		{"facts", in.Facts, 10000}, {"request", in.Request, 4000}, {"report_facts", in.ReportFacts, 10000},
		{"platform_no", in.PlatformNo, 40},
	} {
		errs.MaxLen(f.name, f.v, f.max)
	}
	return errs.Err()
}

// NewMatters builds the matters one intake creates: one, or a linked complaint and
// report when the submission holds both (R-L1). Numbers and ids are set by the store.
func NewMatters(in IntakeInput, takenBy *int64, now time.Time) []Matter {
	received := now
	if in.ReceivedAt != nil {
		received = *in.ReceivedAt
	}
	m := Matter{
		Kind: in.Kind, Channel: in.Channel, State: Received, RuleSet: RuleSetFor(received),
		ReceivedAt: received, CreatedAt: now, UpdatedAt: now, Version: 1,
		Consumer: in.Consumer, MerchantID: in.MerchantID, MerchantName: in.MerchantName, MerchantAddress: in.MerchantAddress,
		AreaID: in.AreaID, AreaText: in.AreaText, Category: in.Category, Subcategory: in.Subcategory,
		AmountInDispute: in.AmountInDispute, Consumers: in.Consumers, Facts: in.Facts, Request: in.Request,
		TakenBy: takenBy, NeedsVisit: in.NeedsVisit && in.Kind == Complaint, PlatformNo: in.PlatformNo, Lat: in.Lat, Lng: in.Lng,
	}
	if !in.AlsoReport {
		return []Matter{m}
	}
	r := m
	r.Kind, r.Request, r.AmountInDispute, r.NeedsVisit = Report, "", 0, false
	if in.ReportFacts != "" {
		r.Facts = in.ReportFacts
	}
	return []Matter{m, r}
}
