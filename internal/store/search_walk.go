package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"weiquan/internal/casework"
)

// searchConds are the conditions of a search's second step — every word
// rechecked, the scope, the other filters — over a window of ids [$n+1, $n+2)
// (byRange) or a list of ids $n+1 (byList), n being len(args); and the walk's
// count of a window (byRangeCount): the rows holding the words, and those of
// them that also pass the scope and the filters.
func (s *Store) searchConds(f MatterFilter) (byRange, byList, byRangeCount string, args []any) {
	rest := f
	rest.Q = ""
	rest.byOrderIndex = true // SQLite: the scope tested on each row walked, not a range of its index
	filters, args := rest.where()
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	words := "1 = 1"
	if re := recheckCond(s.dialect, f.Q, arg); len(re) > 0 {
		words = strings.Join(re, " AND ")
	}
	base := len(args)
	window := fmt.Sprintf(" AND id >= $%d AND id < $%d", base+1, base+2)
	where := filters + " AND " + words
	byRange = where + window
	byRangeCount = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + filters + " THEN 1 ELSE 0 END), 0) FROM matters WHERE " + words + window
	byList = where + " AND id IN (SELECT value FROM json_each($" + fmt.Sprint(base+1) + "))"
	if s.dialect == Postgres {
		byList = where + fmt.Sprintf(" AND id = ANY($%d::BIGINT[])", base+1)
	}
	return byRange, byList, byRangeCount, args
}

// searchWalk tunes searchMatters: the first window of the newest-first walk
// (ids), the widest, and how many more rows the walk may still expect to read
// to finish the count before an index is asked instead (a negative budget,
// for tests: the index after the first window, whatever the words).
var searchWalk = struct{ first, widest, budget int64 }{1024, 16384, 32768}

// searchMatters answers a search on a bounded count, newest entered first, in
// one of two ways chosen as it goes by how often the words are found:
//
//   - the walk: the primary key newest first, a window of ids at a time, each
//     row tested (LIKE, the scope, the other filters) where it lies, so a word
//     found in most matters fills the page and the count after a few thousand
//     rows without any index;
//   - the index: when the walk so far says that finishing the count would read
//     more than searchWalk.budget rows, and that the index would hand over
//     fewer rows than that (the words themselves are rare, not just the
//     scope narrow), the driver (searchDriver) gives the ids of matches below
//     the walk's cursor a chunk at a time (256 … 8,192); only those rows are
//     loaded and rechecked.
//
// Both go down the same ids, so switching midway lists exactly what either
// would. It stops when the page is full and the count has passed CountUpTo,
// or the matters run out.
func (s *Store) searchMatters(ctx context.Context, f MatterFilter) ([]casework.Matter, int, error) {
	drive, darg, indexed := searchDriver(s.dialect, f.Q)
	byRange, byList, byRangeCount, args := s.searchConds(f)
	base := len(args)
	var lowest, highest sql.NullInt64
	// Two subqueries: SQLite reads MIN and MAX off the primary key only one at a time.
	if err := s.r.QueryRowContext(ctx, "SELECT (SELECT MIN(id) FROM matters), (SELECT MAX(id) FROM matters)").Scan(&lowest, &highest); err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	if !highest.Valid {
		return nil, 0, nil
	}
	need := f.Offset + f.Limit
	var out []casework.Matter
	found := 0
	// take reads the matches of one step: the rows the page still needs,
	// then (countRest) a count of the rest.
	take := func(cond string, countRest bool, extra ...any) error {
		a := append(args[:base:base], extra...)
		if found < need {
			rows, err := s.r.QueryContext(ctx, "SELECT "+matterCols+" FROM matters WHERE "+cond+
				fmt.Sprintf(" ORDER BY id DESC LIMIT %d", need-found), a...)
			if err != nil {
				return fmt.Errorf("store: search: %w", err)
			}
			defer rows.Close()
			var last int64
			for rows.Next() {
				m, err := scanMatter(rows)
				if err != nil {
					return fmt.Errorf("store: search: %w", err)
				}
				if found >= f.Offset {
					out = append(out, m)
				}
				found++
				last = m.ID
			}
			if err := rows.Err(); err != nil {
				return fmt.Errorf("store: search: %w", err)
			}
			if found < need || !countRest {
				return nil // the step held no more, or the caller counts
			}
			a = append(a, last)
			cond += fmt.Sprintf(" AND id < $%d", len(a))
		}
		var n int
		if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM matters WHERE "+cond, a...).Scan(&n); err != nil {
			return fmt.Errorf("store: search count: %w", err)
		}
		found += n
		return nil
	}
	// The walk. After each window it weighs finishing the count by walking
	// on (at the rate the full conditions were met so far) against the
	// index (which yields every row holding the words below the cursor, at
	// the rate the words alone were found): a rare word goes to the index; a
	// common word in a narrow scope keeps walking, as the index would hand
	// over nearly every row anyway.
	// The words' own rate is measured on the first two windows only; after
	// them a window's count tests the scope and the filters first, the
	// words only on the rows that pass.
	// The newest windows can be unlike the rest (a burst of one kind of
	// complaint): before the walk hands over, windows spread over the rest
	// must say so too (spread, taken once).
	cursor, window, walked, hits, sampled := highest.Int64+1, searchWalk.first, int64(0), int64(0), int64(0)
	var spread *searchSample
	for found <= f.CountUpTo && cursor > lowest.Int64 {
		if indexed && walked > 0 {
			left, rest := int64(f.CountUpTo+1-found), cursor-lowest.Int64
			if searchWalk.budget < 0 { // tests
				break
			}
			if indexCheaper(searchSample{found: int64(found), words: hits, walked: walked, sampled: sampled}, left, rest, searchWalk.budget) {
				if spread == nil {
					sm, err := s.spreadSample(ctx, byRangeCount, args[:base:base], lowest.Int64, cursor)
					if err != nil {
						return nil, 0, err
					}
					spread = &sm
				}
				if indexCheaper(*spread, left, rest, searchWalk.budget) {
					break // the rest from the index
				}
			}
		}
		lo := max(cursor-window, lowest.Int64)
		var words, all int
		if !indexed || sampled >= 3*searchWalk.first {
			if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM matters WHERE "+byRange, append(args[:base:base], lo, cursor)...).Scan(&all); err != nil {
				return nil, 0, fmt.Errorf("store: search count: %w", err)
			}
		} else {
			if err := s.r.QueryRowContext(ctx, byRangeCount, append(args[:base:base], lo, cursor)...).Scan(&words, &all); err != nil {
				return nil, 0, fmt.Errorf("store: search count: %w", err)
			}
			hits += int64(words)
			sampled += cursor - lo
		}
		if before := found; all > 0 && found < need {
			// The page's rows: the first matches of the window, newest first.
			if err := take(byRange, false, lo, cursor); err != nil {
				return nil, 0, err
			}
			found = before
		}
		found += all
		walked += cursor - lo
		cursor = lo
		window = min(2*window, searchWalk.widest)
	}
	chunk := 256
	for found <= f.CountUpTo && cursor > lowest.Int64 && indexed {
		ids, err := s.driverIDs(ctx, drive, cursor, chunk, darg)
		if err != nil {
			return nil, 0, err
		}
		if len(ids) == 0 {
			break
		}
		cursor = ids[len(ids)-1]
		var list any = ids
		if s.dialect == SQLite {
			b, _ := json.Marshal(ids)
			list = string(b)
		}
		if err := take(byList, true, list); err != nil {
			return nil, 0, err
		}
		if len(ids) < chunk {
			break
		}
		chunk = min(2*chunk, 8192)
	}
	return out, min(found, f.CountUpTo+1), nil
}

// searchSample is what part of a search's walk found: of walked ids, found
// rows met every condition; of sampled ids, words rows held the words.
type searchSample struct{ found, walked, words, sampled int64 }

// indexCheaper weighs the rest of a search's count (left more matches
// wanted, rest ids below the cursor) by a sample's rates: walking on reads
// about left/(found/walked) ids, the index hands over words/sampled of rest;
// the index is asked when the walk would pass the budget and read more.
func indexCheaper(sm searchSample, left, rest, budget int64) bool {
	if sm.walked <= 0 || sm.sampled <= 0 {
		return false
	}
	walk := rest
	if sm.found > 0 {
		walk = min(rest, left*sm.walked/sm.found)
	}
	return walk > budget && sm.words*rest/sm.sampled < walk
}

// searchSpread is how many windows of searchWalk.first/4 ids spreadSample
// reads, evenly over the ids still to walk.
const searchSpread = 8

// spreadSample counts the words and the full conditions in searchSpread
// windows spread evenly over [lo, hi): a sample of the rest of the matters,
// not of the newest.
func (s *Store) spreadSample(ctx context.Context, byRangeCount string, args []any, lo, hi int64) (searchSample, error) {
	var sm searchSample
	w := max(searchWalk.first/4, 1)
	for i := range int64(searchSpread) {
		a := lo + (hi-lo)*(2*i+1)/(2*searchSpread) - w/2
		b := min(max(a, lo)+w, hi)
		a = max(a, lo)
		var words, all int64
		if err := s.r.QueryRowContext(ctx, byRangeCount, append(args, a, b)...).Scan(&words, &all); err != nil {
			return sm, fmt.Errorf("store: search sample: %w", err)
		}
		sm.words += words
		sm.found += all
		sm.sampled += b - a
	}
	sm.walked = sm.sampled
	return sm, nil
}

// driverIDs gives the next chunk of ids below cursor that may hold the
// words, newest first: the index's, and on SQLite the matters not yet fed
// to it (feedSearch), which byList tests where they lie. The pending ids are
// read first: a matter leaves search_pending only in the commit that puts it
// in the index, so between the two reads it may be seen twice (once kept)
// but never missed.
func (s *Store) driverIDs(ctx context.Context, drive string, cursor int64, chunk int, darg any) ([]int64, error) {
	s.chunks.Add(1)
	var pending []int64
	if s.dialect == SQLite {
		var err error
		if pending, err = s.ids(ctx, chunk, "SELECT id FROM search_pending WHERE id < $1 ORDER BY id DESC LIMIT $2", cursor, chunk); err != nil {
			return nil, err
		}
	}
	ids, err := s.ids(ctx, chunk, drive, cursor, chunk, darg)
	if err != nil || len(pending) == 0 {
		return ids, err
	}
	// Both newest first: merge them, the first chunk of the union.
	out := make([]int64, 0, chunk)
	for len(out) < chunk && (len(ids) > 0 || len(pending) > 0) {
		var id int64
		switch {
		case len(pending) == 0 || len(ids) > 0 && ids[0] > pending[0]:
			id, ids = ids[0], ids[1:]
		case len(ids) > 0 && ids[0] == pending[0]:
			id, ids, pending = ids[0], ids[1:], pending[1:]
		default:
			id, pending = pending[0], pending[1:]
		}
		out = append(out, id)
	}
	return out, nil
}

// ids reads a column of ids.
func (s *Store) ids(ctx context.Context, capacity int, q string, args ...any) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	ids := make([]int64, 0, capacity)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
