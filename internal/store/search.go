package store

import (
	"database/sql/driver"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"modernc.org/sqlite"
)

// maxSearchRunes bounds a search query; nobody types more into a search box.
const maxSearchRunes = 100

// searchTerms splits a search query into the words to find, each cleaned of
// what neither database can take (NUL, invalid UTF-8, control characters).
func searchTerms(q string) []string {
	q = strings.ToValidUTF8(q, "")
	if utf8.RuneCountInString(q) > maxSearchRunes {
		q = string([]rune(q)[:maxSearchRunes])
	}
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, q)
	var out []string
	for _, w := range strings.Fields(q) {
		if len(out) == 8 {
			break
		}
		out = append(out, w)
	}
	return out
}

// searchCond returns the SQL that keeps matters whose case number, consumer name
// or phone, merchant name or facts contain every word of q. Both databases fold
// the case of A–Z only: SQLite's LIKE, and PostgreSQL's ILIKE over a text that
// takes the "C" collation of matters.number. SQLite finds words of 3 or more
// characters through its trigram FTS5 index, which folds the case of every
// letter, so the rows it gives for a word with letters are tested with LIKE
// too; PostgreSQL's pg_trgm index serves ILIKE from 3 characters.
func searchCond(d Dialect, q string, arg func(any) string) []string {
	var conds []string
	for _, w := range searchTerms(q) {
		long := d == SQLite && utf8.RuneCountInString(w) >= 3
		var match string
		if long {
			match = arg(`"` + strings.ReplaceAll(w, `"`, `""`) + `"`)
		}
		like := escapeLike(w)
		if like == "" {
			if long { // only wildcards: the index alone
				conds = append(conds, "id IN (SELECT rowid FROM matters_fts WHERE matters_fts MATCH "+match+")")
			}
			continue
		}
		p := arg("%" + like + "%")
		if d == Postgres {
			conds = append(conds, pgSearchText+" ILIKE "+p)
			continue
		}
		hit := "(number LIKE " + p + " OR consumer_name LIKE " + p + " OR consumer_phone LIKE " + p +
			" OR merchant_name LIKE " + p + " OR facts LIKE " + p + ")"
		if long {
			// The trigram index, and the matters not yet fed to it (feedSearch) tested with LIKE.
			fts := "id IN (SELECT rowid FROM matters_fts WHERE matters_fts MATCH " + match + ")"
			if cased(w) { // the index folds the case of every letter, LIKE of A–Z only: its rows tested too
				hit = "(" + fts + " OR id IN (SELECT id FROM search_pending)) AND " + hit
			} else {
				hit = "(" + fts + " OR id IN (SELECT id FROM search_pending) AND " + hit + ")"
			}
		}
		conds = append(conds, hit)
	}
	return conds
}

func init() {
	// wq_bigrams feeds the two-character index (migration 0010): the distinct
	// pairs of adjacent letters or digits of its arguments, lowercased, each a
	// token for FTS5's unicode61 tokenizer.
	if err := sqlite.RegisterDeterministicScalarFunction("wq_bigrams", -1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		var parts []string
		for _, a := range args {
			switch v := a.(type) {
			case string:
				parts = append(parts, v)
			case []byte:
				parts = append(parts, string(v))
			}
		}
		return bigrams(parts...), nil
	}); err != nil {
		panic(err)
	}
}

// bigrams returns the distinct pairs of adjacent letters or digits of each
// text, lowercased, separated by spaces.
func bigrams(texts ...string) string {
	seen := map[[2]rune]bool{}
	var b strings.Builder
	for _, t := range texts {
		prev := rune(-1)
		for _, r := range strings.ToLower(t) {
			if !gramRune(r) {
				prev = -1
				continue
			}
			if prev >= 0 {
				k := [2]rune{prev, r}
				if !seen[k] {
					seen[k] = true
					if b.Len() > 0 {
						b.WriteByte(' ')
					}
					b.WriteRune(prev)
					b.WriteRune(r)
				}
			}
			prev = r
		}
	}
	return b.String()
}

func gramRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// isBigram reports whether a search word is one pair the two-character index holds.
func isBigram(w string) bool {
	rs := []rune(w)
	return len(rs) == 2 && gramRune(rs[0]) && gramRune(rs[1])
}

// searchDriver is the index a search turns to for words its walk finds
// rarely (see searchMatters): the query that finds the ids of matching
// matters, newest first, below a cursor, a chunk at a time ($1 cursor, $2
// chunk size, then its own argument). The matters of each chunk are then
// loaded and every word rechecked with LIKE, with the viewer's scope and the
// other filters: nothing ever sorts all the matches. ok is false when no word
// can use an index (one-character words only): the walk then goes on alone.
func searchDriver(d Dialect, q string) (sql string, arg any, ok bool) {
	var long, pairs, pgLong, pgPairs []string
	for _, w := range searchTerms(q) {
		switch n := utf8.RuneCountInString(w); {
		case n >= 3:
			long = append(long, w)
		case isBigram(w):
			pairs = append(pairs, strings.ToLower(w)) // as bigrams lowers what it stores
		}
		// PostgreSQL matches the word as ILIKE sees it.
		switch e := escapeLike(w); utf8.RuneCountInString(e) {
		case 0, 1:
		case 2:
			pgPairs = append(pgPairs, e)
		default:
			pgLong = append(pgLong, e)
		}
	}
	quote := func(ws []string) string {
		qs := make([]string, len(ws))
		for i, w := range ws {
			qs[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		}
		return strings.Join(qs, " AND ")
	}
	switch {
	case d == SQLite && len(long) > 0:
		return "SELECT rowid FROM matters_fts WHERE matters_fts MATCH $3 AND rowid < $1 ORDER BY rowid DESC LIMIT $2", quote(long), true
	case d == SQLite && len(pairs) > 0:
		return "SELECT rowid FROM matters_bigram WHERE matters_bigram MATCH $3 AND rowid < $1 ORDER BY rowid DESC LIMIT $2", quote(pairs), true
	case d == Postgres && len(pgLong) > 0:
		// pg_trgm's index for the longest word (the walk has found it rare).
		slices.SortStableFunc(pgLong, func(a, b string) int { return utf8.RuneCountInString(b) - utf8.RuneCountInString(a) })
		// "id + 0": ordered by the primary key, PostgreSQL would walk it with
		// the word as a filter, hoping to meet a chunk's worth early — a walk
		// of every row for a word found nowhere. The walk has judged the word
		// rare: the index first, then the few matches sorted.
		return "SELECT id FROM matters WHERE " + pgSearchText + " ILIKE $3 AND id < $1 ORDER BY id + 0 DESC LIMIT $2",
			"%" + pgLong[0] + "%", true
	case d == Postgres && len(pgPairs) > 0:
		// The pairs' own GIN index (migration 0013): pg_trgm cannot find two
		// characters. The word is lowered as the stored pairs are, A–Z only
		// (lowerASCII); lower($3) took the database's collation and lowered
		// 'ＯＰ' to 'ｏｐ', which no stored pair of 'ＯＰＰＯ' is.
		return "SELECT matter_id FROM matter_pairs WHERE pairs @> ARRAY[$3::TEXT] AND matter_id < $1 ORDER BY matter_id + 0 DESC LIMIT $2",
			lowerASCII(pgPairs[0]), true
	}
	return "", nil, false
}

// pgSearchText is the expression PostgreSQL's search indexes are built on.
const pgSearchText = "(number || ' ' || consumer_name || ' ' || consumer_phone || ' ' || merchant_name || ' ' || facts)"

// cased tells whether w holds a character with another case. A word without
// one (Chinese, digits) is found by SQLite's trigram index exactly where LIKE
// finds it, and an exact count of a common word is a third faster without
// LIKE over every row the index gives.
func cased(w string) bool {
	for _, r := range w {
		if unicode.SimpleFold(r) != r {
			return true
		}
	}
	return false
}

// lowerASCII lowers A–Z only, as PostgreSQL's lower() and ILIKE do under the
// "C" collation the searched text takes from matters.number: the lowering of
// the stored pairs (the trigger, the fill, pairsText) and of the words looked
// up in them.
func lowerASCII(t string) string {
	b := []byte(t)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// recheckCond is the LIKE of every word, run on the rows a driver found.
func recheckCond(d Dialect, q string, arg func(any) string) []string {
	var conds []string
	for _, w := range searchTerms(q) {
		like := escapeLike(w)
		if like == "" {
			continue
		}
		p := arg("%" + like + "%")
		if d == Postgres {
			conds = append(conds, pgSearchText+" ILIKE "+p)
			continue
		}
		conds = append(conds, "(number LIKE "+p+" OR consumer_name LIKE "+p+" OR consumer_phone LIKE "+p+
			" OR merchant_name LIKE "+p+" OR facts LIKE "+p+")")
	}
	return conds
}
