package service

import "weiquan/internal/store"

// MatterQuery is what a list of matters asks for — filters, order, page — read
// from a query string by ListFilter or built by a page. The scope is never part
// of it: the service adds the principal's own.
type MatterQuery struct {
	f     store.MatterFilter
	exact bool // count every match (Exact), else up to MaxCounted
}

// Page returns the query for one page of at most limit matters after offset.
func (q MatterQuery) Page(limit, offset int) MatterQuery {
	q.f.Limit, q.f.Offset = limit, offset
	return q
}

// ByDue reports whether the list is ordered by nearest deadline.
func (q MatterQuery) ByDue() bool { return q.f.ByDue }

// Search is the words searched for, if any.
func (q MatterQuery) Search() string { return q.f.Q }

// MaxCounted is where a list stops counting its matters: past it the total
// reads "more than 10,000" (MaxCounted+1), so a list over millions of stored
// matters never walks them all to print one number.
const MaxCounted = 10_000

// MaxSearchCounted is the bound of a search's count: the matches of a word
// found in most matters are counted through their rows, a thousand at a time.
const MaxSearchCounted = 1_000

// CountBound is where the list's count stops: a total above it reads "more
// than CountBound". 0: counted exactly.
func (q MatterQuery) CountBound() int {
	switch {
	case q.exact:
		return 0
	case q.f.Q != "":
		return MaxSearchCounted
	}
	return MaxCounted
}

// Exact returns the query counting every match, whatever their number: a
// report's matter list must reach exactly the figure it explains.
func (q MatterQuery) Exact() MatterQuery {
	q.exact = true
	return q
}
