package service_test

import (
	"context"
	"math/rand"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/ledger/ledgertest"
	"weiquan/internal/money"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// ledgerFiles writes the generated year in every format an office may hand us.
func ledgerFiles(t *testing.T, rows []ledgertest.Row) map[string][]byte {
	t.Helper()
	must := func(b []byte, err error) []byte {
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return map[string][]byte{
		"2021台账.xlsx":     must(ledgertest.XLSX(rows)),
		"ledger-utf8.csv": must(ledgertest.CSV(rows, "utf-8", false)),
		"台账-utf8-bom.csv": must(ledgertest.CSV(rows, "utf-8-bom", true)),
		"台账-gb18030.csv":  must(ledgertest.CSV(rows, "gb18030", true)),
		"ledger.jsonl":    ledgertest.JSONL(rows),
	}
}

func towns(t *testing.T, svc *service.Service) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	city := dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
	if err := svc.CreateArea(ctx, &city); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, name := range ledgertest.Towns {
		a := dispatch.Area{ParentID: &city.ID, Name: name, Level: dispatch.Township}
		if err := svc.CreateArea(ctx, &a); err != nil {
			t.Fatal(err)
		}
		ids[name] = a.ID
	}
	return ids
}

// TestDoneWhen_YearOfLedgerGivesExactFigures: a year with known counts per
// channel, kind, outcome and amount, imported from xlsx, csv (UTF-8, BOM,
// GB18030) and jsonl, gives exactly those figures on both databases (R-S4, R-S6).
func TestDoneWhen_YearOfLedgerGivesExactFigures(t *testing.T) {
	rows := ledgertest.Year(2021, ledgertest.Total, "RC2021-")
	months := ledgertest.ByMonth(rows)
	for name, data := range ledgerFiles(t, rows) {
		t.Run(name, func(t *testing.T) {
			testdb.Each(t, func(t *testing.T, s *store.Store) {
				ctx := context.Background()
				svc := newService(s)
				ids := towns(t, svc)
				res, err := svc.Import(ctx, auth.System, service.ImportRequest{Name: name, Data: data})
				if err != nil || !res.OK() || !res.Committed || res.Imported != ledgertest.Total || res.Rows != ledgertest.Total {
					res.Localize("en")
					t.Fatalf("import: %v rows %d imported %d failures %+v", err, res.Rows, res.Imported, res.Failures[:min(5, len(res.Failures))])
				}
				warned := map[string]int{}
				for _, w := range res.Warnings {
					warned[w.Code] += w.Count
				}
				// The third place matches no area, and no merchant is in the registry: kept as written.
				if len(warned) != 2 || int64(warned["area_unknown"]) != ledgertest.ByArea["外县某地"] || warned["merchant_unknown"] != ledgertest.Total {
					t.Fatalf("warnings by code %v", warned)
				}
				r, err := svc.Summary(ctx, auth.System, year(2021))
				if err != nil {
					t.Fatal(err)
				}
				check := func(what string, got, want int64) {
					t.Helper()
					if got != want {
						t.Errorf("%s = %d, want %d", what, got, want)
					}
				}
				check("total", r.Total, ledgertest.Total)
				check("closed", r.Closed, ledgertest.Closed)
				check("agreements", r.Agreements, ledgertest.Agreements)
				check("mediations_concluded", r.MediationsConcluded, ledgertest.MediationsConcluded)
				check("by_kind.complaint", r.ByKind["complaint"], ledgertest.Complaints)
				check("by_kind.report", r.ByKind["report"], ledgertest.Reports)
				check("by_kind.inquiry", r.ByKind["inquiry"], ledgertest.Inquiries)
				for _, c := range casework.Channels {
					check("by_channel."+string(c), r.ByChannel[string(c)], ledgertest.ByChannel[c])
				}
				check("by_category.goods", r.ByCategory["goods"], ledgertest.Goods)
				check("by_category.services", r.ByCategory["services"], ledgertest.Services)
				check("by_category.none", r.ByCategory["none"], ledgertest.Unclassified)
				for _, m := range r.ByMonth {
					check("by_month."+m.Month, m.Count, months[m.Month])
				}
				areas := map[string]int64{}
				for _, l := range r.ByArea {
					areas[l.Key] = l.Count
				}
				check("by_area.码头镇", areas["area:"+itoa(ids["码头镇"])], ledgertest.ByArea["码头镇"])
				check("by_area.夏畈镇", areas["area:"+itoa(ids["夏畈镇"])], ledgertest.ByArea["夏畈镇"])
				check("by_area.unplaced", areas["unplaced"], ledgertest.ByArea["外县某地"])
				if r.RecoveredAmount != money.Fen(ledgertest.RecoveredFen) {
					t.Errorf("recovered_amount = %s, want 798765.43", r.RecoveredAmount)
				}
				checkRate(t, "completion_rate", r.CompletionRate, float64(ledgertest.Closed)/ledgertest.Total)
				checkRate(t, "mediation_success_rate", r.MediationSuccessRate, float64(ledgertest.Agreements)/ledgertest.MediationsConcluded)
				if r.OnSite.Count != 0 || r.OnSite.KeptRate != nil || r.Satisfaction.Count != 0 || r.Satisfaction.Mean != nil {
					t.Errorf("ledgers carry no on-site times or ratings: %+v %+v", r.OnSite, r.Satisfaction)
				}

				// A second import of the same file changes nothing.
				again, err := svc.Import(ctx, auth.System, service.ImportRequest{Name: name, Data: data})
				if err != nil || again.Imported != 0 || again.Skipped != ledgertest.Total || countMatters(t, s) != ledgertest.Total {
					t.Fatalf("re-import: %+v %v", again, err)
				}
			})
		})
	}
}

// TestDoneWhen_BadLedgersRefused: wrong encoding, a missing required column, a
// bad date, a duplicate source_id and 10 MB of garbage are each refused with a
// clear message, and nothing is imported.
func TestDoneWhen_BadLedgersRefused(t *testing.T) {
	rows := ledgertest.Year(2021, 60, "BAD-")
	good, err := ledgertest.CSV(rows, "utf-8", true)
	if err != nil {
		t.Fatal(err)
	}
	text := string(good)
	lines := strings.Split(text, "\r\n")
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range text[:200] {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	garbage := make([]byte, 10<<20)
	rand.New(rand.NewSource(7)).Read(garbage)
	latin1 := []byte("caf\xe9,cr\xe8me,\xff\xfe\x00\x01\n1,2,3\n")
	noChannel := strings.Replace(text, "渠道", "备用", 1)
	cells := strings.Split(lines[30], ",") // spreadsheet row 31
	cells[3] = "2021-02-30 09:00"
	badDate := strings.Replace(text, lines[30], strings.Join(cells, ","), 1)
	dup := text + lines[5] + "\r\n"
	cases := []struct {
		name string
		data []byte
		code string
		row  int
	}{
		{"utf16.csv", utf16, "utf16", 0},
		{"latin1.csv", latin1, "encoding", 0},
		{"no-channel.csv", []byte(noChannel), "missing_column", 0},
		{"bad-date.csv", []byte(badDate), "date", 31},
		{"duplicate.csv", []byte(dup), "duplicate", 62},
		{"garbage.xlsx", garbage, "xlsx", 0},
		{"garbage.csv", garbage, "encoding", 0},
		{"garbage.jsonl", garbage, "encoding", 0},
		{"garbage", garbage, "encoding", 0},
	}
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		first := ledgertest.Year(2020, 30, "OLD-")
		data, _ := ledgertest.CSV(first, "utf-8", false)
		if res, err := svc.Import(ctx, auth.System, service.ImportRequest{Name: "old.csv", Data: data}); err != nil || res.Imported != 30 {
			t.Fatalf("first import: %+v %v", res, err)
		}
		for _, c := range cases {
			before := countMatters(t, s)
			res, err := svc.Import(ctx, auth.System, service.ImportRequest{Name: c.name, Data: c.data})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if res.OK() || res.Committed || res.Imported != 0 || countMatters(t, s) != before {
				t.Fatalf("%s: not refused: %+v", c.name, res)
			}
			f := res.Failures[0]
			if f.Code != c.code || f.Row != c.row {
				t.Errorf("%s: first failure %+v, want %s at row %d", c.name, f, c.code, c.row)
			}
			for _, lang := range []string{"zh-CN", "en"} {
				res.Localize(lang)
				if m := res.Failures[0].Message; m == "" || strings.HasPrefix(m, "ledger.") || strings.Contains(m, "{") {
					t.Errorf("%s: unclear %s message %q", c.name, lang, m)
				}
			}
		}
	})
}
