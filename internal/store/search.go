package store

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
// or phone, merchant name or facts contain every word of q. SQLite uses its
// trigram FTS5 index for words of 3 or more characters and LIKE for shorter
// ones; PostgreSQL uses ILIKE, which its pg_trgm index serves from 3 characters.
func searchCond(d Dialect, q string, arg func(any) string) []string {
	var conds []string
	for _, w := range searchTerms(q) {
		if d == SQLite && utf8.RuneCountInString(w) >= 3 {
			conds = append(conds, "id IN (SELECT rowid FROM matters_fts WHERE matters_fts MATCH "+
				arg(`"`+strings.ReplaceAll(w, `"`, `""`)+`"`)+")")
			continue
		}
		like := escapeLike(w)
		if like == "" {
			continue
		}
		p := arg("%" + like + "%")
		if d == Postgres {
			conds = append(conds, "(number || ' ' || consumer_name || ' ' || consumer_phone || ' ' || merchant_name || ' ' || facts) ILIKE "+p)
			continue
		}
		conds = append(conds, "(number LIKE "+p+" OR consumer_name LIKE "+p+" OR consumer_phone LIKE "+p+
			" OR merchant_name LIKE "+p+" OR facts LIKE "+p+")")
	}
	return conds
}
