// Package bulletin holds what the office tells the public on its own initiative: consumer
// warnings and notices, each for a period and optionally one area (SPEC C9). It is pure.
package bulletin

import (
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// Notice is a warning or notice written by staff for the public.
type Notice struct {
	ID        int64
	Title     string
	Body      string
	AreaID    *int64 // nil: the whole county
	StartsOn  string // YYYY-MM-DD, Asia/Shanghai
	EndsOn    string // YYYY-MM-DD or "" for no end
	CreatedBy *int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

const day = "2006-01-02"

// Validate checks a notice as staff wrote it.
func (n *Notice) Validate() error {
	var errs invalid.Errors
	n.Title, n.Body = strings.TrimSpace(n.Title), strings.TrimSpace(n.Body)
	n.StartsOn, n.EndsOn = strings.TrimSpace(n.StartsOn), strings.TrimSpace(n.EndsOn)
	errs.Need("title", n.Title)
	errs.MaxLen("title", n.Title, 120)
	errs.Need("notice_body", n.Body)
	errs.MaxLen("notice_body", n.Body, 8000)
	errs.Need("starts_on", n.StartsOn)
	from, ferr := time.Parse(day, n.StartsOn)
	if n.StartsOn != "" && ferr != nil {
		errs.Add("starts_on", invalid.Format)
	}
	if n.EndsOn != "" {
		to, err := time.Parse(day, n.EndsOn)
		switch {
		case err != nil:
			errs.Add("ends_on", invalid.Format)
		case ferr == nil && to.Before(from):
			errs.Add("ends_on", invalid.BeforeStart)
		}
	}
	errs.Text("title", n.Title)
	errs.Text("notice_body", n.Body)
	return errs.Err()
}

// Current reports whether the notice is shown on a day (YYYY-MM-DD).
func (n Notice) Current(today string) bool {
	return n.StartsOn <= today && (n.EndsOn == "" || today <= n.EndsOn)
}
