package store

import (
	"slices"
	"testing"
)

// TestHeldWritesGrouped: the held writes of a table that all share one INSERT
// go as one multi-row INSERT with their parameters renumbered, in their order;
// a table with two shapes, a lone write and every write when singly go alone.
func TestHeldWritesGrouped(t *testing.T) {
	ev := "INSERT INTO events (matter_id, at) VALUES ($1, $2)"
	dl := "INSERT INTO deadlines (matter_id, kind, area) VALUES ($1, $2, (SELECT a FROM matters WHERE id = $1))"
	up := "UPDATE notes SET n = $1"
	held := []lateWrite{
		{cmd: 0, table: "events", query: ev, args: []any{1, "a"}},
		{cmd: 0, table: "deadlines", query: dl, args: []any{1, "x"}},
		{cmd: 1, table: "events", query: ev, args: []any{2, "b"}},
		{cmd: 1, table: "notes", query: up, args: []any{7}},
		{cmd: 1, table: "deadlines", query: dl, args: []any{2, "y"}},
		{cmd: 2, table: "events", query: ev, args: []any{3, "c"}},
	}
	l := &lateWrites{}
	got := l.group(held)
	want := []heldGroup{
		{query: ev + ",\n($3, $4),\n($5, $6)", args: []any{1, "a", 2, "b", 3, "c"}},
		{query: dl + ",\n($3, $4, (SELECT a FROM matters WHERE id = $3))", args: []any{1, "x", 2, "y"}},
		{query: up, args: []any{7}, w: &held[3]},
	}
	if len(got) != len(want) {
		t.Fatalf("%d statements, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].query != want[i].query || !slices.Equal(got[i].args, want[i].args) || got[i].w != want[i].w {
			t.Errorf("statement %d:\n%q %v %v\nwant\n%q %v %v", i, got[i].query, got[i].args, got[i].w, want[i].query, want[i].args, want[i].w)
		}
	}
	// two shapes of one table: each alone, in order
	mixed := []lateWrite{held[0], {cmd: 1, table: "events", query: ev + " ON CONFLICT DO NOTHING", args: []any{9, "z"}}, held[2]}
	if g := l.group(mixed); len(g) != 3 || g[0].query != ev || g[1].w == nil || g[2].args[0] != 2 {
		t.Errorf("two shapes of one table: %+v", g)
	}
	// a tail after the row (ON CONFLICT, RETURNING) or a literal: each alone
	for _, q := range []string{ev + " ON CONFLICT DO NOTHING", ev + " RETURNING id", "INSERT INTO events (a) VALUES ($1, ')')"} {
		two := []lateWrite{{table: "events", query: q, args: []any{1, "a"}}, {table: "events", query: q, args: []any{2, "b"}}}
		if g := l.group(two); len(g) != 2 || g[0].query != q || g[1].w == nil {
			t.Errorf("%s: %+v", q, g)
		}
	}
	l.singly = true
	if g := l.group(held); len(g) != len(held) || g[2].w != &held[2] {
		t.Errorf("singly: %+v", g)
	}
	if r := renumber("($1, $10, '$', (SELECT $2))", 12); r != "($13, $22, '$', (SELECT $14))" {
		t.Errorf("renumber: %s", r)
	}
}
