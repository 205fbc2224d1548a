package deadline

import "time"

// Row is a deadline as stored: the clock the rules computed and what became of it.
type Row struct {
	ID       int64 `json:"id"`
	MatterID int64 `json:"-"`
	Deadline
	Rule         string     `json:"rule"`
	RemindedAt   *time.Time `json:"reminded_at,omitempty"`
	BreachedAt   *time.Time `json:"breached_at,omitempty"`
	MetAt        *time.Time `json:"met_at,omitempty"`
	CancelledAt  *time.Time `json:"cancelled_at,omitempty"`
	CancelReason string     `json:"cancel_reason,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}
