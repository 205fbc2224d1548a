package notify

import (
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// Channels a message travels by.
const (
	SMS      = "sms"
	Email    = "email"
	Webhook  = "webhook"
	Hotline  = "hotline_12345" // the 12345 centre's work-order system
	Internal = "internal"      // kept on record only: a notice given by phone or on paper
)

// Statuses of a message.
const (
	Pending = "pending" // waiting for its next attempt
	Sent    = "sent"
	Dead    = "dead" // given up after the last attempt; an admin sees it
)

// Message is something to be told to a person or a system outside the office: a
// notice to a consumer or a merchant, a one-time code, a reply to the 12345 centre.
// It is written in the transaction of the change it tells about and delivered later
// by a sender, every attempt recorded.
type Message struct {
	ID            int64          `json:"id"`
	Kind          string         `json:"kind"`      // e.g. outcome_notice, session_notice, consent_code
	Channel       string         `json:"channel"`   // SMS, Email, Webhook, Hotline, Internal
	Recipient     string         `json:"recipient"` // a phone, an address, a URL, an order number
	Lang          string         `json:"lang"`
	Subject       string         `json:"subject,omitempty"`
	Body          string         `json:"body"`
	Payload       map[string]any `json:"payload,omitempty"` // structured content for machine recipients
	MatterID      *int64         `json:"-"`
	Status        string         `json:"status"`
	Attempts      int            `json:"attempts"`
	NextAttemptAt time.Time      `json:"next_attempt_at"`
	LastError     string         `json:"last_error,omitempty"`
	CreatedAt     time.Time      `json:"created_at"`
	SentAt        *time.Time     `json:"sent_at,omitempty"`
}

// Validate checks a message before it is stored.
func (m *Message) Validate() error {
	var errs invalid.Errors
	m.Recipient = strings.TrimSpace(m.Recipient)
	errs.Need("kind", m.Kind)
	switch m.Channel {
	case SMS, Email, Webhook, Hotline, Internal:
	default:
		errs.Add("channel", invalid.OneOf, "values", "sms, email, webhook, hotline_12345, internal")
	}
	errs.Need("recipient", m.Recipient)
	errs.MaxLen("recipient", m.Recipient, 500)
	errs.Need("body", m.Body)
	errs.MaxLen("body", m.Body, 20000)
	if m.Lang == "" {
		m.Lang = "zh-CN"
	}
	return errs.Err()
}
