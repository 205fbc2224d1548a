package auth

// Principal is whoever asks the service for something: a signed-in user (staff or
// merchant), an outside system holding an API key, or an anonymous member of the
// public. Every read and command takes one, and what comes back is scoped,
// masked and audited for it.
type Principal struct {
	User     *User  // the signed-in user; nil for API keys and the public
	APIKeyID int64  // the Open311 key presented, when there is one
	Addr     string // the client's network address, for throttles and the audit log
	System   bool   // the office's own tools (command line, demo, scanner): everything in view
	Hotline  bool   // the 12345 centre, by its API key: sends work orders and its decisions on them
	Court    int64  // a court's system, by its API key: the court's station; it delegates and reads results for that court only
	// Consumer is set when a member of the public proved, with a one-time code or the
	// tracking code, that a matter is theirs: what they may read and do is that matter only.
	Consumer *Consumer
}

// Consumer is the proof a member of the public holds: the matter whose phone (or tracking
// code) they proved, and the session that proof opened.
type Consumer struct {
	MatterID int64
	Number   string
}

// ConsumerRole is the role the state machine knows a proved consumer by; no user holds it.
const ConsumerRole Role = "consumer"

// System is the principal of the command line, the demo and the background scanner.
var System = Principal{System: true}

// As is the principal of a signed-in user.
func As(u *User) Principal { return Principal{User: u} }

// Anonymous is a member of the public, optionally from a known address.
func Anonymous(addr string) Principal { return Principal{Addr: addr} }

// Role is the principal's role; "" for API keys and the public.
func (p Principal) Role() Role {
	if p.User == nil {
		return ""
	}
	return p.User.Role
}

// Staff reports whether the principal works inside the office.
func (p Principal) Staff() bool { return p.User != nil && p.User.Role.Staff() }

// UserID is the signed-in user's id, or 0.
func (p Principal) UserID() int64 {
	if p.User == nil {
		return 0
	}
	return p.User.ID
}

// Name is how the principal appears in the audit log.
func (p Principal) Name() string {
	switch {
	case p.User != nil:
		return p.User.Username
	case p.System:
		return "system"
	case p.APIKeyID != 0:
		return "api_key"
	case p.Consumer != nil:
		return "consumer"
	}
	return "public"
}
