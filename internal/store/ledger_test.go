package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

func importRows(n int, prefix string, day time.Time) ([]casework.Matter, []casework.Event) {
	var ms []casework.Matter
	var evs []casework.Event
	for i := 0; i < n; i++ {
		ms = append(ms, casework.Matter{Kind: casework.Inquiry, Channel: casework.Letter, State: casework.Received, RuleSet: casework.Order20,
			ReceivedAt: day.Add(time.Duration(i) * time.Minute), CreatedAt: t0, UpdatedAt: t0, Version: 1, Consumers: 1,
			SourceID: fmt.Sprintf("%s%03d", prefix, i)})
		evs = append(evs, casework.Event{At: t0, ActorName: "test", Action: casework.Import, To: casework.Received, Data: map[string]any{"row": i + 2}})
	}
	return ms, evs
}

// TestImportMattersSkipsWhatIsThere: rows already stored (by an import that ran
// beside this one, say) are skipped inside the batch; the others get numbers
// of their received day, in order, and one event each.
func TestImportMattersSkipsWhatIsThere(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		day := time.Date(2021, 3, 1, 1, 0, 0, 0, time.UTC)
		first, fev := importRows(3, "S-", day)
		err := s.Tx(ctx, func(tx *store.Tx) error {
			_, _, err := tx.ImportMatters(ctx, &store.Import{FileName: "a.csv", At: t0}, first[1:2], fev[1:2])
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		ms, evs := importRows(45, "S-", day) // more than one SQLite batch; S-001 is already there
		imp := store.Import{FileName: "b.csv", Rows: 45, At: t0}
		var ins, skip int
		err = s.Tx(ctx, func(tx *store.Tx) error {
			ins, skip, err = tx.ImportMatters(ctx, &imp, ms, evs)
			return err
		})
		if err != nil || ins != 44 || skip != 1 || imp.ID == 0 {
			t.Fatalf("import: %d %d %v", ins, skip, err)
		}
		if ms[0].Number != "20210301-000002" || ms[2].Number != "20210301-000004" {
			t.Fatalf("numbers %s %s", ms[0].Number, ms[2].Number)
		}
		m, err := s.Matter(ctx, ms[44].ID)
		if err != nil || m.SourceID != "S-044" {
			t.Fatalf("matter of the last row: %+v %v", m, err)
		}
		tl, err := s.Timeline(ctx, ms[44].ID)
		if err != nil || len(tl) != 1 || fmt.Sprint(tl[0].Data["row"]) != "46" || fmt.Sprint(tl[0].Data["import_id"]) != fmt.Sprint(imp.ID) {
			t.Fatalf("timeline %+v %v", tl, err)
		}
		if tl, _ := s.Timeline(ctx, first[1].ID); len(tl) != 1 {
			t.Fatalf("the skipped row's matter got a second event: %+v", tl)
		}
		list, err := s.Imports(ctx, 10)
		if err != nil || len(list) != 2 || list[0].Imported != 44 || list[0].Skipped != 1 || list[0].FileName != "b.csv" {
			t.Fatalf("imports %+v %v", list, err)
		}
	})
}
