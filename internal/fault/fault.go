// Package fault holds the errors every layer shares and one place maps to an
// answer: a thing that is not there (or not for this asker), a stale write, a
// duplicate, a missing right, missing credentials, too many attempts.
package fault

import "errors"

// The shared errors. The store returns ErrNotFound, ErrConflict and ErrDuplicate;
// the service returns ErrForbidden, ErrUnauthorized and ErrRateLimited.
var (
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("changed by someone else")
	ErrDuplicate    = errors.New("duplicate")
	ErrForbidden    = errors.New("forbidden")
	ErrUnauthorized = errors.New("unauthorized")
	ErrRateLimited  = errors.New("too many attempts")
)
