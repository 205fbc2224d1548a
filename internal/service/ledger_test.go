package service_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/ledger"
	"weiquan/internal/ledger/ledgertest"
	"weiquan/internal/merchant"
	"weiquan/internal/money"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

var clock = time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)

func newService(s *store.Store) *service.Service {
	return service.New(s, func() time.Time { return clock })
}

func countMatters(t *testing.T, s *store.Store) int {
	t.Helper()
	_, n, err := s.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const goodCSV = "编号,类型,渠道,登记时间,地区,被投诉人,统一社会信用代码,投诉人,联系电话,类别,争议金额,投诉内容,诉求,状态,办结时间,处理结果,挽回经济损失\n" +
	"L-1,投诉,12315热线,2021-03-01 08:30,码头镇,,914403001922038216,张三,13800138000,商品类,500,买到过期食品,退货,已办结,2021-03-03 10:00,调解成功,500.5\n" +
	"L-2,投诉,来访,2021-03-02 09:00,乌有乡,某某饭店,,李四,13900139000,服务类,80,饭菜不洁,赔偿,,,终止调解,\n" +
	"L-3,咨询,12345转办,2021-03-03,,,,王五,,,,如何退卡,,,2021-03-03 11:00,,\n" +
	"L-4,举报,来信,2021-03-04 14:00,码头镇,不存在的店,,,,,,无证经营,,核查中,,,\n"

func setupRegistry(t *testing.T, svc *service.Service) (town dispatch.Area, shop merchant.Merchant) {
	t.Helper()
	ctx := context.Background()
	city := dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
	if err := svc.CreateArea(ctx, &city); err != nil {
		t.Fatal(err)
	}
	town = dispatch.Area{ParentID: &city.ID, Name: "码头镇", Level: dispatch.Township}
	if err := svc.CreateArea(ctx, &town); err != nil {
		t.Fatal(err)
	}
	shop = merchant.Merchant{Name: "码头超市", USCC: "914403001922038216", Type: merchant.Enterprise}
	if err := svc.SaveMerchant(ctx, &shop); err != nil {
		t.Fatal(err)
	}
	eatery := merchant.Merchant{Name: "某某饭店", Type: merchant.Individual}
	if err := svc.SaveMerchant(ctx, &eatery); err != nil {
		t.Fatal(err)
	}
	return town, shop
}

func TestImportKeepsHistoryAndPlacesRows(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		town, shop := setupRegistry(t, svc)
		sup := &auth.User{ID: 0, Username: "sup", Role: auth.Supervisor}

		// A dry run previews and writes nothing.
		res, err := svc.Import(ctx, auth.As(sup), service.ImportRequest{Name: "2021台账.csv", Data: []byte(goodCSV), DryRun: true})
		if err != nil || !res.OK() || res.Rows != 4 || res.New != 4 || res.Committed || countMatters(t, s) != 0 {
			t.Fatalf("dry run: %+v %v", res, err)
		}
		warned := map[string]int{}
		for _, w := range res.Warnings {
			warned[w.Code+":"+w.Value] = w.Count
		}
		if warned["area_unknown:乌有乡"] != 1 || warned["merchant_unknown:不存在的店"] != 1 || len(res.Warnings) != 2 {
			t.Fatalf("warnings: %+v", res.Warnings)
		}

		res, err = svc.Import(ctx, auth.System, service.ImportRequest{Name: "2021台账.csv", Data: []byte(goodCSV)})
		if err != nil || !res.Committed || res.Imported != 4 || res.ImportID == 0 || countMatters(t, s) != 4 {
			t.Fatalf("commit: %+v %v", res, err)
		}
		ms, _, _ := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Limit: 10})
		by := map[string]casework.Matter{}
		for _, m := range ms {
			by[m.SourceID] = m
		}
		a := by["L-1"]
		closed := time.Date(2021, 3, 3, 2, 0, 0, 0, time.UTC)
		if a.State != casework.Closed || a.Outcome != casework.OutcomeAgreement || a.ClosedAt == nil || !a.ClosedAt.Equal(closed) ||
			a.Recovered != money.Fen(50050) || a.AmountInDispute != 50000 || !a.ReceivedAt.Equal(time.Date(2021, 3, 1, 0, 30, 0, 0, time.UTC)) ||
			a.AreaID == nil || *a.AreaID != town.ID || a.AreaPath != town.Path || a.MerchantID == nil || *a.MerchantID != shop.ID ||
			a.MerchantName != "码头超市" || a.RuleSet != casework.Order20 || a.Number != "20210301-000001" || a.Category != casework.Goods {
			t.Fatalf("L-1 as imported: %+v", a)
		}
		b := by["L-2"]
		if b.State != casework.Terminated || b.Outcome != casework.OutcomeTerminated || b.AreaID != nil || b.AreaText != "乌有乡" || b.MerchantID == nil {
			t.Fatalf("L-2: %+v", b)
		}
		if c := by["L-3"]; c.State != casework.Closed || c.Outcome != casework.OutcomeAnswered || c.Kind != casework.Inquiry {
			t.Fatalf("L-3: %+v", c)
		}
		if d := by["L-4"]; d.State != casework.Verifying || d.MerchantID != nil || d.MerchantName != "不存在的店" {
			t.Fatalf("L-4: %+v", d)
		}

		// The timeline says it was imported, from which file and row.
		tl, err := s.Timeline(ctx, b.ID)
		if err != nil || len(tl) != 1 {
			t.Fatalf("timeline: %+v %v", tl, err)
		}
		ev := tl[0]
		if ev.Action != casework.Import || ev.To != casework.Terminated || ev.Data["file"] != "2021台账.csv" || fmt.Sprint(ev.Data["row"]) != "3" ||
			!strings.Contains(ev.Note, "第 3 行") {
			t.Fatalf("import event: %+v", ev)
		}

		// Importing the same rows again changes nothing.
		res, err = svc.Import(ctx, auth.System, service.ImportRequest{Name: "again.csv", Data: []byte(goodCSV)})
		if err != nil || !res.OK() || res.Skipped != 4 || res.Imported != 0 || countMatters(t, s) != 4 {
			t.Fatalf("re-import: %+v %v", res, err)
		}
		var again casework.Matter
		_ = s.Tx(ctx, func(tx *store.Tx) (err error) { again, err = tx.MatterBySource(ctx, "L-1"); return err })
		if again.Version != a.Version || !again.UpdatedAt.Equal(a.UpdatedAt) {
			t.Fatalf("re-import touched L-1")
		}
	})
}

func TestImportAllOrNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		bad := goodCSV + "L-5,投诉,来访,2021-02-30,,,,,,,,,,,,,\n"
		res, err := svc.Import(ctx, auth.System, service.ImportRequest{Name: "bad.csv", Data: []byte(bad)})
		if err != nil || res.OK() || res.Committed || res.FailedRows != 1 || countMatters(t, s) != 0 {
			t.Fatalf("bad file: %+v %v", res, err)
		}
		if f := res.Failures[0]; f.Row != 6 || f.Column != ledger.ReceivedAt || f.Code != "date" || f.Header != "登记时间" {
			t.Fatalf("failure: %+v", f)
		}
	})
}

func TestImportOnlyForHeads(t *testing.T) {
	s := testdb.SQLite(t)
	svc := newService(s)
	for _, r := range []auth.Role{auth.Operator, auth.Mediator, auth.Merchant} {
		_, err := svc.Import(context.Background(), auth.As(&auth.User{Role: r}), service.ImportRequest{Name: "x.csv", Data: []byte(goodCSV), DryRun: true})
		if !errors.Is(err, service.ErrForbidden) {
			t.Errorf("%s: %v", r, err)
		}
	}
}

// TestImportRollsBackRowsAlreadyWritten: the rows are written a part at a time
// as they are read, so a row failing after two parts were written must undo
// them — nothing of the file stays, and the preview is that of a dry run.
func TestImportRollsBackRowsAlreadyWritten(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		data, err := ledgertest.CSV(ledgertest.Year(2021, 1200, "R-"), "utf-8", true)
		if err != nil {
			t.Fatal(err)
		}
		bad := string(data) + "R-X,投诉,来访,2021-02-30,,,,,,,,,,,,,\n"
		dry, err := svc.Import(ctx, auth.System, service.ImportRequest{Name: "late.csv", Data: []byte(bad), DryRun: true})
		if err != nil || dry.OK() {
			t.Fatalf("dry run: %+v %v", dry, err)
		}
		res, err := svc.Import(ctx, auth.System, service.ImportRequest{Name: "late.csv", Data: []byte(bad)})
		if err != nil || res.OK() || res.Committed || res.FailedRows != 1 || res.Rows != 1201 || countMatters(t, s) != 0 {
			t.Fatalf("late failure: %+v %v, %d matters", res, err, countMatters(t, s))
		}
		if len(res.Warnings) != len(dry.Warnings) || res.New != dry.New || res.Skipped != dry.Skipped {
			t.Fatalf("commit refused %+v, dry run %+v", res, dry)
		}
		if imps, err := s.Imports(ctx, 10); err != nil || len(imps) != 0 {
			t.Fatalf("imports recorded: %+v %v", imps, err)
		}
		res, err = svc.Import(ctx, auth.System, service.ImportRequest{Name: "good.csv", Data: data})
		if err != nil || !res.Committed || res.New != 1200 || countMatters(t, s) != 1200 {
			t.Fatalf("good file: %+v %v", res, err)
		}
		if imps, _ := s.Imports(ctx, 10); len(imps) != 1 || imps[0].Rows != 1200 || imps[0].Imported != 1200 || imps[0].Format != "csv" {
			t.Fatalf("import recorded: %+v", imps)
		}
		// The search tables were filled by the import (on SQLite through its staging table).
		for q, want := range map[string]int{"第1199件": 1, "纠纷": 1200, "139": 1200} {
			_, n, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Q: q, Limit: 1})
			if err != nil || n != want {
				t.Fatalf("search %q: %d matters, want %d (%v)", q, n, want, err)
			}
		}
	})
}

// TestImportFromFile: a ledger read where it lies (the command line's way)
// commits what the same bytes commit, with their SHA-256, and a file that
// fails late still leaves nothing.
func TestImportFromFile(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		data, err := ledgertest.CSV(ledgertest.Year(2021, 1100, "F-"), "gb18030", true)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		file := func(name string, b []byte) func() (io.ReadCloser, error) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
			return func() (io.ReadCloser, error) { return os.Open(p) }
		}
		bad := append(slices.Clone(data), gb18030(t, "F-X,投诉,来访,2021-02-30,,,,,,,,,,,,,\n")...)
		res, err := svc.Import(ctx, auth.System, service.ImportRequest{Name: "late.csv", Open: file("late.csv", bad)})
		if err != nil || res.OK() || res.Committed || res.FailedRows != 1 || countMatters(t, s) != 0 {
			t.Fatalf("late failure: %+v %v", res, err)
		}
		res, err = svc.Import(ctx, auth.System, service.ImportRequest{Name: "good.csv", Open: file("good.csv", data)})
		if err != nil || !res.Committed || res.New != 1100 || res.Encoding != "gb18030" || countMatters(t, s) != 1100 {
			t.Fatalf("good file: %+v %v", res, err)
		}
		sum := sha256.Sum256(data)
		if imps, _ := s.Imports(ctx, 10); len(imps) != 1 || imps[0].SHA256 != hex.EncodeToString(sum[:]) || imps[0].Rows != 1100 {
			t.Fatalf("import recorded: %+v", imps)
		}
		again, err := svc.Import(ctx, auth.System, service.ImportRequest{Name: "good.csv", Data: data})
		if err != nil || again.Committed || again.Skipped != 1100 {
			t.Fatalf("the same bytes again: %+v %v", again, err)
		}
	})
}

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
