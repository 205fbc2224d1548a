package notify

import (
	"context"
	"errors"
	"time"
)

// Sender delivers the messages of one channel. It returns what the other side said
// (kept with the attempt); an error means not delivered, to be tried again unless it
// is Permanent. Senders are added per channel; the outbox worker calls them.
type Sender interface {
	Send(ctx context.Context, m Message) (detail string, err error)
}

// SenderFunc lets a function be a Sender.
type SenderFunc func(ctx context.Context, m Message) (string, error)

// Send calls f.
func (f SenderFunc) Send(ctx context.Context, m Message) (string, error) { return f(ctx, m) }

type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Permanent marks a failure that no retry can mend (the recipient refused the message
// as malformed): the message goes to the dead letters at once.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

// Policy is how often a message is tried: Attempts in all, waiting Base after the first
// failure and twice as long after each further one, never more than Max.
type Policy struct {
	Attempts int
	Base     time.Duration
	Max      time.Duration
}

// DefaultPolicy tries 8 times over about two hours: 30 s, 1 min, 2, 4, 8, 16, 32 min.
var DefaultPolicy = Policy{Attempts: 8, Base: 30 * time.Second, Max: time.Hour}

// After says, once attempt number n (1 for the first) has failed at now, when to try
// again — or that the message is dead.
func (p Policy) After(n int, now time.Time, perm bool) (next time.Time, dead bool) {
	if perm || n >= p.Attempts {
		return time.Time{}, true
	}
	d := p.Base
	for i := 1; i < n && d < p.Max; i++ {
		d *= 2
	}
	if p.Max > 0 && d > p.Max {
		d = p.Max
	}
	return now.Add(d), false
}
