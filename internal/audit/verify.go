package audit

import (
	"fmt"
	"strings"
)

// Problem codes: what verification found wrong. Each has a message in the i18n
// catalogues under "audit.problem.<code>".
const (
	Changed        = "changed"          // a plain entry does not match its seal
	Broken         = "broken"           // an entry does not follow the one before: removed or reordered
	BadSeal        = "bad_seal"         // a keyed entry's seal does not verify with the key
	PlainReseal    = "plain_reseal"     // a keyed entry carries a plain SHA-256 seal: rewritten without the key
	Unkeyed        = "unkeyed"          // a plain entry after keyed ones
	Position       = "position"         // a keyed entry is not at the place it was sealed for
	HeadMismatch   = "head_mismatch"    // the entry where the head points is another one
	Cut            = "cut"              // fewer entries than the head counted
	HeadMissing    = "head_missing"     // no head file while keyed entries exist
	HeadInvalid    = "head_invalid"     // the head file was changed
	WrongKey       = "wrong_key"        // the head was written with another key
	NoKey          = "no_key"           // keyed entries, but no key to check them with
	HeadNotKept    = "head_not_kept"    // warning: this instance keeps no head (tests, in-memory key)
	HeadNotWritten = "head_not_written" // warning: no head yet and no keyed entry: a log from before keys
)

// Problem is the first thing found wrong with the log.
type Problem struct {
	Code  string `json:"code"`
	ID    int64  `json:"id,omitempty"`    // the entry where it was found
	Pos   int64  `json:"pos,omitempty"`   // its position in the log, from 1
	Count int64  `json:"count,omitempty"` // entries in the log (Cut) or the head's count
}

var problemText = map[string]string{
	Changed:        "entry {id} was changed after it was written",
	Broken:         "entry {id} (position {pos}) does not follow the entry before it: an entry was removed or reordered",
	BadSeal:        "entry {id} (position {pos}) does not verify with the audit key: it was changed, or the log was rewritten without the key",
	PlainReseal:    "entry {id} (position {pos}) was resealed with a plain SHA-256 instead of the audit key: the log was rewritten",
	Unkeyed:        "entry {id} (position {pos}) is unkeyed but follows keyed entries: the log was rewritten",
	Position:       "entry {id} stands at position {pos} but was sealed for another: entries before it were removed",
	HeadMismatch:   "the head records entry {id} at position {pos}, but the log holds something else there: entries were cut and written again, or rewritten",
	Cut:            "the head records {pos} entries but the log holds {count}: entries were cut from the end",
	HeadMissing:    "the head file is missing: a cut at the end of the log cannot be ruled out",
	HeadInvalid:    "the head file was changed after it was written",
	WrongKey:       "the head was written with another audit key: the key configured is not the one that sealed the log",
	NoKey:          "entry {id} is keyed but no audit key is configured",
	HeadNotKept:    "this instance keeps no head file: a cut at the end is not checked",
	HeadNotWritten: "no head file yet and no keyed entry: the log was written before audit keys; start the server once to begin the keyed chain",
}

// Args are the problem's values for its message.
func (p *Problem) Args() []string {
	return []string{"id", fmt.Sprint(p.ID), "pos", fmt.Sprint(p.Pos), "count", fmt.Sprint(p.Count)}
}

func (p *Problem) Error() string {
	s := problemText[p.Code]
	args := p.Args()
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return "audit: " + s
}

// Check is what a verification compares the log with.
type Check struct {
	Key      []byte // the audit key; nil checks plain entries only and fails on keyed ones
	Head     *Head  // the head file's content; nil when there is none
	KeepHead bool   // this instance keeps a head: a missing one is a problem once keyed entries exist
}

// Report is what a verification found.
type Report struct {
	Checked int64    `json:"checked"` // entries walked
	Plain   int64    `json:"plain"`   // entries sealed before keys
	Keyed   int64    `json:"keyed"`
	LastID  int64    `json:"last_id,omitempty"`
	Head    *Head    `json:"head,omitempty"`
	Warning string   `json:"warning,omitempty"` // a code from above that is not a failure
	Problem *Problem `json:"problem,omitempty"`
}

// OK reports whether the log verified.
func (r Report) OK() bool { return r.Problem == nil }

// Verify walks the entries in id order and stops at the first problem, which it
// returns both in the report and as the error; any other error is a failure to read.
func Verify(c Check, next func() (*Entry, error)) (Report, error) {
	r := Report{Head: c.Head}
	fail := func(p *Problem) (Report, error) {
		r.Problem = p
		return r, p
	}
	if h := c.Head; h != nil && c.Key != nil {
		if h.KeyID != KeyID(c.Key) {
			return fail(&Problem{Code: WrongKey})
		}
		if !h.Valid(c.Key) {
			return fail(&Problem{Code: HeadInvalid})
		}
	}
	prev, seenKeyed := Genesis, false
	for {
		e, err := next()
		if err != nil {
			return r, err
		}
		if e == nil {
			break
		}
		pos := r.Checked + 1
		at := func(code string) *Problem { return &Problem{Code: code, ID: e.ID, Pos: pos} }
		switch {
		case !e.Keyed && seenKeyed:
			return fail(at(Unkeyed))
		case e.PrevHash != prev:
			return fail(at(Broken))
		case !e.Keyed && e.plain() != e.Hash:
			return fail(at(Changed))
		case e.Keyed && c.Key == nil:
			return fail(at(NoKey))
		case e.Keyed && e.plain() == e.Hash:
			return fail(at(PlainReseal))
		case e.Keyed && e.keyed(c.Key) != e.Hash:
			return fail(at(BadSeal))
		case e.Keyed && e.Seq != pos:
			return fail(at(Position))
		}
		if h := c.Head; h != nil && pos == h.Count && (e.ID != h.LastID || e.Hash != h.Hash) {
			return fail(&Problem{Code: HeadMismatch, ID: h.LastID, Pos: h.Count})
		}
		if e.Keyed {
			seenKeyed = true
			r.Keyed++
		} else {
			r.Plain++
		}
		prev, r.LastID, r.Checked = e.Hash, e.ID, pos
	}
	switch h := c.Head; {
	case h != nil && r.Checked < h.Count:
		return fail(&Problem{Code: Cut, Pos: h.Count, Count: r.Checked})
	case h == nil && c.KeepHead && r.Keyed > 0:
		return fail(&Problem{Code: HeadMissing})
	case h == nil && c.KeepHead:
		r.Warning = HeadNotWritten
	case h == nil:
		r.Warning = HeadNotKept
	}
	return r, nil
}
