// Package notify holds the outbox's entries: what people must be told — staff
// alerts today, and later the notices the senders deliver.
package notify

import "time"

// Alert is one entry of the outbox: something staff must be told — a reminder, a missed
// deadline, an escalation — shown by the UI and delivered later by senders.
type Alert struct {
	ID          int64          `json:"id"`
	Kind        string         `json:"kind"`
	MatterID    *int64         `json:"-"`
	Number      string         `json:"number,omitempty"` // the matter's case number
	DeadlineID  *int64         `json:"deadline_id,omitempty"`
	StationID   *int64         `json:"station_id,omitempty"`
	UserID      *int64         `json:"user_id,omitempty"`
	Payload     map[string]any `json:"payload,omitempty"`
	CreatedAt   time.Time      `json:"created_at"`
	ReadAt      *time.Time     `json:"read_at,omitempty"`
	ReadBy      *int64         `json:"read_by,omitempty"`
	DeliveredAt *time.Time     `json:"delivered_at,omitempty"`
}
