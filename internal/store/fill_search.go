package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// The fill's search indexes: PostgreSQL's pairs written in bulk, SQLite's
// FTS5 tables' settings during the fill and their merge after it.

// mergePlanHook, when a test sets it, sees the filler's connection just
// before the merge.
var mergePlanHook func(context.Context, *sql.Conn) error

// fillSearchBuffer is how much a search table gathers in memory before it
// writes a segment during the fill (a variable for the tests, which make many
// segments of a small office).
var fillSearchBuffer = 256 << 20

// mergeSearch merges each SQLite search table's segments into one, as an
// office's steady writing would have kept them: written without merging they
// are dozens of large segments, and the office's first write after the fill
// would merge them in a crisis merge inside its own transaction (an intake
// waited minutes at 10 M). It runs after run, with the connection's and the
// tables' own settings back, and after the statistics are brought up to
// date: until then they describe the search tables as the empty office had
// them, and SQLite would run each merge step's delete of merged pages as a
// scan of the whole table (at 10 M the merge never ended; with statistics it
// takes three to four minutes).
func (f *filler) mergeSearch(ctx context.Context) error {
	if err := analyze(ctx, f.c); err != nil {
		return fmt.Errorf("store: statistics before the merge: %w", err)
	}
	if mergePlanHook != nil {
		if err := mergePlanHook(ctx, f.c); err != nil {
			return err
		}
	}
	for _, t := range []string{"matters_fts", "matters_bigram"} {
		if err := f.exec(ctx, "INSERT INTO "+t+" ("+t+") VALUES ('optimize')"); err != nil {
			return fmt.Errorf("store: merge %s: %w", t, err)
		}
		if err := f.checkpoint(ctx); err != nil {
			return err
		}
	}
	f.phase("search index segments merged")
	return nil
}

// fillPairs writes matter_pairs (migration 0013) for the matters with ids
// in (last, top]: wq_pairs computed here and copied in, as its SQL took 0.4
// ms a matter (an hour for 10 M). The pairs of the fill's text (digits,
// ASCII letters, Chinese) are the same whichever side lowercases.
func (f *filler) fillPairs(ctx context.Context, last, top int64) error {
	rd, err := f.s.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer rd.Close()
	if err := f.exec(ctx, "DELETE FROM matter_pairs WHERE matter_id > $1", last); err != nil {
		return err
	}
	const chunk = 50_000
	for a := last; a < top; a += chunk {
		rows, err := rd.QueryContext(ctx, `SELECT id, lower(number || ' ' || consumer_name || ' ' || consumer_phone || ' ' || merchant_name || ' ' || facts)
			FROM matters WHERE id > $1 AND id <= $2`, a, min(a+chunk, top))
		if err != nil {
			return err
		}
		var batch [][]any
		for rows.Next() {
			var id int64
			var t string
			if err := rows.Scan(&id, &t); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, []any{id, textPairs(t)})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := f.c.Raw(func(dc any) error {
			_, err := dc.(*stdlib.Conn).Conn().CopyFrom(ctx, pgx.Identifier{"matter_pairs"}, []string{"matter_id", "pairs"}, pgx.CopyFromRows(batch))
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// textPairs is wq_pairs: the distinct pairs of adjacent characters of t,
// leaving out those with a space.
func textPairs(t string) []string {
	if utf8.ValidString(t) { // each pair a substring of t: no copy (an intake's pairs, held.go)
		out := []string{}
		prev, prevAt := ' ', 0
		for i, c := range t {
			if prev != ' ' && c != ' ' {
				out = append(out, t[prevAt:i+utf8.RuneLen(c)])
			}
			prev, prevAt = c, i
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	r := []rune(t)
	out := []string{}
	for i := 0; i+1 < len(r); i++ {
		if r[i] != ' ' && r[i+1] != ' ' {
			out = append(out, string(r[i:i+2]))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ftsConfig sets how the search tables merge their segments and how much
// they gather in memory before writing one (defaults 4, 16, 1 MB).
func (f *filler) ftsConfig(ctx context.Context, automerge, crisismerge, hashsize int) error {
	for _, t := range []string{"matters_fts", "matters_bigram"} {
		for k, v := range map[string]int{"automerge": automerge, "crisismerge": crisismerge, "hashsize": hashsize} {
			if err := f.exec(ctx, fmt.Sprintf("INSERT INTO %s (%s, rank) VALUES ('%s', %d)", t, t, k, v)); err != nil {
				return err
			}
		}
	}
	return nil
}
