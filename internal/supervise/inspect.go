package supervise

import (
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// VisitResult is what a mystery-shopping visit found.
type VisitResult string

// Results of a visit.
const (
	Compliant VisitResult = "compliant" // nothing wrong found
	Issues    VisitResult = "issues"    // problems found, written in the findings
)

// Visit is a mystery-shopping visit (明察暗访): who went where, when, and what they found.
type Visit struct {
	ID           int64       `json:"id"`
	MerchantID   *int64      `json:"merchant_id,omitempty"`
	MerchantName string      `json:"merchant_name"`
	VisitedOn    string      `json:"visited_on"` // YYYY-MM-DD
	Visitors     string      `json:"visitors"`   // who went, as staff write it
	Topic        string      `json:"topic"`      // what was checked: prices shown, prepaid cards, weights …
	Result       VisitResult `json:"result"`
	Findings     string      `json:"findings"`
	CreatedAt    time.Time   `json:"created_at"`
}

// Validate checks a visit recorded on day today (YYYY-MM-DD): it names the merchant, the day
// (not in the future), who went and what was checked; problems found need findings written.
func (v *Visit) Validate(today string) error {
	var errs invalid.Errors
	v.MerchantName, v.Visitors, v.Topic, v.Findings = strings.TrimSpace(v.MerchantName), strings.TrimSpace(v.Visitors), strings.TrimSpace(v.Topic), strings.TrimSpace(v.Findings)
	errs.Need("merchant_name", v.MerchantName)
	errs.MaxLen("merchant_name", v.MerchantName, 200)
	day(&errs, "visited_on", v.VisitedOn, today)
	errs.Need("visitors", v.Visitors)
	errs.MaxLen("visitors", v.Visitors, 200)
	errs.Need("topic", v.Topic)
	errs.MaxLen("topic", v.Topic, 200)
	errs.MaxLen("findings", v.Findings, 5000)
	switch v.Result {
	case Compliant:
	case Issues:
		errs.Need("findings", v.Findings)
	default:
		errs.Add("result", invalid.OneOf, "values", "compliant, issues")
	}
	return errs.Err()
}

func day(errs *invalid.Errors, field, v, today string) {
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		errs.Add(field, invalid.Format)
	} else if v > today {
		errs.Add(field, invalid.Future)
	}
}

// LabResult is a sample's laboratory verdict.
type LabResult string

// Verdicts.
const (
	Pending LabResult = "pending" // sent to the lab, no result yet
	Pass    LabResult = "pass"    // 合格
	Fail    LabResult = "fail"    // 不合格
)

// Sample is a product sampled for testing (商品抽检): where and when it was taken, the lab's
// result, and whether the result is published.
type Sample struct {
	ID           int64      `json:"id"`
	Product      string     `json:"product"`
	Brand        string     `json:"brand,omitempty"`
	Batch        string     `json:"batch,omitempty"`
	MerchantID   *int64     `json:"merchant_id,omitempty"`
	MerchantName string     `json:"merchant_name"`
	SampledOn    string     `json:"sampled_on"`
	Lab          string     `json:"lab"`
	Result       LabResult  `json:"result"`
	Items        string     `json:"items,omitempty"` // the items failed, or tested
	ReportNo     string     `json:"report_no,omitempty"`
	ResultOn     string     `json:"result_on,omitempty"`
	PublishedAt  *time.Time `json:"published_at,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
}

// Validate checks a sample as taken: product, merchant, day, lab; its result pending.
func (s *Sample) Validate(today string) error {
	var errs invalid.Errors
	for _, f := range []*string{&s.Product, &s.Brand, &s.Batch, &s.MerchantName, &s.Lab} {
		*f = strings.TrimSpace(*f)
	}
	errs.Need("product", s.Product)
	errs.MaxLen("product", s.Product, 200)
	errs.MaxLen("brand", s.Brand, 100)
	errs.MaxLen("batch", s.Batch, 100)
	errs.Need("merchant_name", s.MerchantName)
	errs.MaxLen("merchant_name", s.MerchantName, 200)
	day(&errs, "sampled_on", s.SampledOn, today)
	errs.Need("lab", s.Lab)
	errs.MaxLen("lab", s.Lab, 200)
	s.Result = Pending
	return errs.Err()
}

// RecordResult records the lab's result: pass or fail, its report number and day, no earlier
// than sampling; a failed sample names the items failed. Once published it no longer changes.
func (s *Sample) RecordResult(result LabResult, reportNo, resultOn, items, today string) error {
	var errs invalid.Errors
	if s.PublishedAt != nil {
		errs.Add("sample", invalid.Conflict)
		return errs.Err()
	}
	reportNo, items = strings.TrimSpace(reportNo), strings.TrimSpace(items)
	if result != Pass && result != Fail {
		errs.Add("result", invalid.OneOf, "values", "pass, fail")
	}
	errs.Need("report_no", reportNo)
	errs.MaxLen("report_no", reportNo, 100)
	day(&errs, "result_on", resultOn, today)
	if resultOn != "" && resultOn < s.SampledOn {
		errs.Add("result_on", "before_sampling")
	}
	if result == Fail {
		errs.Need("items", items)
	}
	errs.MaxLen("items", items, 2000)
	if err := errs.Err(); err != nil {
		return err
	}
	s.Result, s.ReportNo, s.ResultOn, s.Items = result, reportNo, resultOn, items
	return nil
}

// Publish makes a sample's result public: only a result the lab gave, once.
func (s *Sample) Publish(now time.Time) error {
	switch {
	case s.PublishedAt != nil:
		return invalid.New("sample", invalid.Duplicate)
	case s.Result != Pass && s.Result != Fail:
		return invalid.New("result", invalid.Required)
	}
	s.PublishedAt = &now
	return nil
}
