package invalid

import "errors"

// Clash is field errors that say the request clashes with what is on record — a step taken
// twice, a document for a matter in another state — rather than being malformed: they answer
// 409, not 422, with the same field errors.
type Clash struct{ Errors }

// Unwrap lets As find the field errors inside.
func (c Clash) Unwrap() error { return c.Errors }

// Conflicting marks the field errors in err as a conflict; other errors pass unchanged.
func Conflicting(err error) error {
	if e, ok := As(err); ok {
		return Clash{e}
	}
	return err
}

// IsConflict reports whether err holds field errors marked as a conflict.
func IsConflict(err error) bool {
	var c Clash
	return errors.As(err, &c)
}
