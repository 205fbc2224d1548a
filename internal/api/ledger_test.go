package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/ledger/ledgertest"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// ledgerEnv is the whole HTTP stack on one database, with a token per role.
type ledgerEnv struct {
	t      *testing.T
	h      http.Handler
	s      *store.Store
	svc    *service.Service
	tokens map[auth.Role]string
}

func newLedgerEnv(t *testing.T, s *store.Store) *ledgerEnv {
	t.Helper()
	ctx := context.Background()
	svc := service.New(s, func() time.Time { return time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC) })
	e := &ledgerEnv{t: t, h: server.New(svc), s: s, svc: svc, tokens: map[auth.Role]string{}}
	for _, r := range []auth.Role{auth.Admin, auth.Supervisor, auth.Operator} {
		u := auth.User{Username: string(r) + "1", Role: r, Active: true}
		if err := svc.CreateUser(ctx, &u, "password-"+string(r)); err != nil {
			t.Fatal(err)
		}
		tok, _, err := svc.Login(ctx, auth.Principal{}, u.Username, "password-"+string(r))
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[r] = tok
	}
	return e
}

func (e *ledgerEnv) do(role auth.Role, method, target, contentType string, body io.Reader) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(method, target, body)
	req.Header.Set("Authorization", "Bearer "+e.tokens[role])
	req.Header.Set("Accept-Language", "en")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

func (e *ledgerEnv) json(rec *httptest.ResponseRecorder, v any) {
	e.t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		e.t.Fatalf("decode %q: %v", rec.Body.String(), err)
	}
}

func (e *ledgerEnv) count() int {
	_, n, err := e.s.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}, Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func multipartBody(t *testing.T, name string, data []byte, mapText string) (string, *bytes.Buffer) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	if mapText != "" {
		mw.WriteField("map", mapText)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), &buf
}

type importBody struct {
	Errors    []struct{ Field, Code, Message string } `json:"errors"`
	Committed bool                                    `json:"committed"`
	Imported  int                                     `json:"imported"`
	New       int                                     `json:"new"`
	Rows      int                                     `json:"rows"`
	Columns   []struct{ Field, Header, By string }    `json:"columns"`
	Failures  []struct {
		Row                   int
		Column, Code, Message string
	} `json:"failures"`
}

func TestImportsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newLedgerEnv(t, s)
		rows := ledgertest.Year(2021, 120, "API-")
		xlsx, err := ledgertest.XLSX(rows)
		if err != nil {
			t.Fatal(err)
		}
		ct, body := multipartBody(t, "台账.xlsx", xlsx, "")
		if rec := e.do(auth.Operator, "POST", "/api/v1/imports?dry_run=1", ct, body); rec.Code != http.StatusForbidden {
			t.Fatalf("operator: %d", rec.Code)
		}

		// Preview: the mapping used and the row count, nothing written.
		ct, body = multipartBody(t, "台账.xlsx", xlsx, "facts = 诉求")
		rec := e.do(auth.Supervisor, "POST", "/api/v1/imports?dry_run=1", ct, body)
		var res importBody
		e.json(rec, &res)
		if rec.Code != http.StatusOK || res.Committed || res.New != 120 || res.Rows != 120 || e.count() != 0 {
			t.Fatalf("preview: %d %s", rec.Code, rec.Body.String()[:300])
		}
		mapped := false
		for _, c := range res.Columns {
			mapped = mapped || (c.Field == "facts" && c.Header == "诉求" && c.By == "map")
		}
		if !mapped {
			t.Fatalf("mapping part not applied: %+v", res.Columns)
		}

		// Commit the same rows as a raw CSV body.
		csv, _ := ledgertest.CSV(rows, "utf-8", false)
		rec = e.do(auth.Supervisor, "POST", "/api/v1/imports?dry_run=0&filename=ledger.csv", "text/csv", bytes.NewReader(csv))
		res = importBody{}
		e.json(rec, &res)
		if rec.Code != http.StatusOK || !res.Committed || res.Imported != 120 || e.count() != 120 {
			t.Fatalf("commit: %d %+v", rec.Code, res)
		}

		// A failing row refuses the commit with 422, field errors and the preview.
		bad := []byte("source_id,kind,channel,received_at\nN-1,complaint,web,2021-03-01\nN-2,complaint,fax,2021-03-01\n")
		rec = e.do(auth.Admin, "POST", "/api/v1/imports?dry_run=0&filename=bad.csv", "text/csv", bytes.NewReader(bad))
		res = importBody{}
		e.json(rec, &res)
		if rec.Code != http.StatusUnprocessableEntity || len(res.Errors) != 1 || res.Errors[0].Field != "channel" ||
			res.Failures[0].Row != 3 || !strings.Contains(res.Failures[0].Message, "Row 3") || e.count() != 120 {
			t.Fatalf("refused commit: %d %s", rec.Code, rec.Body.String())
		}
		for _, c := range []struct {
			target, ct string
			body       []byte
			status     int
			field      string
		}{
			{"/api/v1/imports?dry_run=1", "text/csv", bad, 422, "filename"},
			{"/api/v1/imports?dry_run=1&filename=x.csv&map=" + url.QueryEscape("nosuch = x"), "text/csv", bad, 422, "map"},
		} {
			rec := e.do(auth.Admin, "POST", c.target, c.ct, bytes.NewReader(c.body))
			var eb importBody
			e.json(rec, &eb)
			if rec.Code != c.status || len(eb.Errors) == 0 || eb.Errors[0].Field != c.field || eb.Errors[0].Message == "" {
				t.Errorf("%s: %d %s", c.target, rec.Code, rec.Body.String())
			}
		}
		if s.Dialect() == store.SQLite {
			huge := bytes.Repeat([]byte("a"), 64<<20+2)
			if rec := e.do(auth.Admin, "POST", "/api/v1/imports?filename=huge.csv", "text/csv", bytes.NewReader(huge)); rec.Code != http.StatusRequestEntityTooLarge {
				t.Errorf("64 MB + 2: %d", rec.Code)
			}
		}
		rec = e.do(auth.Supervisor, "GET", "/api/v1/imports", "", nil)
		var list struct {
			Items []struct {
				FileName string `json:"file_name"`
				Imported int    `json:"imported"`
			} `json:"items"`
		}
		e.json(rec, &list)
		if rec.Code != 200 || len(list.Items) != 1 || list.Items[0].FileName != "ledger.csv" || list.Items[0].Imported != 120 {
			t.Fatalf("imports list: %s", rec.Body.String())
		}
	})
}

// seedOnSite adds matters with on-site promises and ratings, which ledgers do not carry.
func seedOnSite(t *testing.T, s *store.Store) {
	ctx := context.Background()
	err := s.Tx(ctx, func(tx *store.Tx) error {
		for i := 0; i < 7; i++ {
			rec := time.Date(2021, 5, 1+i, 9, 0, 0, 0, calendar.Shanghai)
			due, at := rec.Add(15*time.Minute), rec.Add(time.Duration(5+i*4)*time.Minute)
			kept, sat := !at.After(due), 1+i%5
			m := casework.Matter{Kind: casework.Complaint, Channel: casework.Visit, State: casework.OnSite, RuleSet: casework.Order20,
				ReceivedAt: rec, CreatedAt: rec, UpdatedAt: rec, Version: 1, Consumers: 1, OnSiteDueAt: &due, Satisfaction: &sat,
				Facts: "=HYPERLINK(\"http://x\")", MerchantName: "@SUM(A1)", Consumer: casework.Party{Name: "张小三", Phone: "13912345678"}}
			if i < 5 {
				m.ArrivedAt, m.OnSiteKept = &at, &kept
			}
			if err := tx.InsertMatter(ctx, &m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestReportFiguresAreTraceable: every figure of the report comes with a
// query of GET /api/v1/matters that lists exactly the matters it counts.
func TestReportFiguresAreTraceable(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		e := newLedgerEnv(t, s)
		rows := ledgertest.Year(2021, 400, "TR-")
		csv, _ := ledgertest.CSV(rows, "utf-8", true)
		if res, err := e.svc.Import(context.Background(), auth.System, service.ImportRequest{Name: "tr.csv", Data: csv}); err != nil || res.Imported != 400 {
			t.Fatalf("import: %v", err)
		}
		seedOnSite(t, s)
		rec := e.do(auth.Admin, "GET", "/api/v1/reports/summary?from=2021-01-01&to=2021-12-31", "", nil)
		if rec.Code != 200 {
			t.Fatalf("summary: %d %s", rec.Code, rec.Body.String())
		}
		var sum map[string]any
		dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
		dec.UseNumber()
		if err := dec.Decode(&sum); err != nil {
			t.Fatal(err)
		}
		figure := func(key string) (string, bool) {
			parts := strings.SplitN(key, ".", 2)
			v := sum[parts[0]]
			if len(parts) == 2 {
				switch x := v.(type) {
				case map[string]any:
					v = x[parts[1]]
				case []any:
					v = nil
					for _, line := range x {
						l := line.(map[string]any)
						if l["key"] == parts[1] || l["month"] == parts[1] {
							v = l["count"]
						}
					}
				}
			}
			n, ok := v.(json.Number)
			return string(n), ok
		}
		counted := map[string]string{ // a rate or mean lists its numerator's or sample's matters
			"completion_rate": "closed", "mediation_success_rate": "agreements", "recovered_amount": "agreements",
			"on_site.kept_rate": "on_site.kept", "on_site.median_minutes": "on_site.arrived", "on_site.p90_minutes": "on_site.arrived",
			"satisfaction.mean": "satisfaction.count",
			// satisfied + basically satisfied; no work orders here, TestWorkOrderExchangeWithFakeCentre_R_L27 traces a real one
			"hotline_12345.satisfied_rate": "hotline_12345.satisfied",
		}
		queries := sum["queries"].(map[string]any)
		if len(queries) < 40 {
			t.Fatalf("only %d queries", len(queries))
		}
		for key, q := range queries {
			want, ok := figure(key)
			if c, isRate := counted[key]; isRate {
				want, ok = figure(c)
			}
			if !ok {
				t.Errorf("%s: no figure to trace", key)
				continue
			}
			rec := e.do(auth.Admin, "GET", "/api/v1/matters?per_page=1&"+q.(string), "", nil)
			var page struct{ Total int }
			e.json(rec, &page)
			if rec.Code != 200 || strconv.Itoa(page.Total) != want {
				t.Errorf("%s: %s lists %d matters (%d), the figure is %s", key, q, page.Total, rec.Code, want)
			}
		}
		if got, _ := figure("on_site.count"); got != "7" {
			t.Errorf("on_site.count = %s", got)
		}
		defs := sum["definitions"].(map[string]any)
		for _, k := range []string{"total", "completion_rate", "recovered_amount", "on_site.p90_minutes", "by_area"} {
			d := defs[k].(map[string]any)
			if d["zh-CN"] == "" || d["en"] == "" || strings.HasPrefix(d["en"].(string), "report.") {
				t.Errorf("definition of %s: %v", k, d)
			}
		}
		// The money of the agreements listed adds up to recovered_amount.
		q := queries["recovered_amount"].(string)
		var total int64
		for p := 1; ; p++ {
			rec := e.do(auth.Admin, "GET", fmt.Sprintf("/api/v1/matters?per_page=200&page=%d&%s", p, q), "", nil)
			var page struct {
				Items []struct {
					Recovered json.Number `json:"recovered_amount"`
				}
			}
			e.json(rec, &page)
			for _, it := range page.Items {
				f, _ := strconv.ParseFloat(string(it.Recovered), 64)
				total += int64(f*100 + 0.5)
			}
			if len(page.Items) < 200 {
				break
			}
		}
		if want, _ := figure("recovered_amount"); fmt.Sprintf("%d.%02d", total/100, total%100) != want {
			t.Errorf("listed agreements recover %d fen, figure %s", total, want)
		}
	})
}

func TestReportAndMatterExports(t *testing.T) {
	s := testdb.SQLite(t)
	e := newLedgerEnv(t, s)
	rows := ledgertest.Year(2021, 50, "EX-")
	csv, _ := ledgertest.CSV(rows, "utf-8", false)
	if _, err := e.svc.Import(context.Background(), auth.System, service.ImportRequest{Name: "ex.csv", Data: csv}); err != nil {
		t.Fatal(err)
	}
	seedOnSite(t, s)

	for _, target := range []string{"/api/v1/reports/summary.xlsx?from=2021-01-01&to=2021-12-31", "/api/v1/reports/summary?format=xlsx&from=2021-01-01&to=2021-12-31"} {
		rec := e.do(auth.Admin, "GET", target, "", nil)
		if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheetml") || !strings.Contains(rec.Header().Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("%s: %d %v", target, rec.Code, rec.Header())
		}
		f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetList()[0]
		total, _ := f.GetCellValue(sheet, "B3", excelize.Options{RawCellValue: true})
		label, _ := f.GetCellValue(sheet, "A3")
		rate, _ := f.GetCellValue(sheet, "B5")
		if total != "57" || label != "Total matters" || !strings.HasSuffix(rate, "%") {
			t.Fatalf("summary.xlsx: total %q label %q rate %q", total, label, rate)
		}
		f.Close()
	}

	rec := e.do(auth.Supervisor, "GET", "/api/v1/reports/summary.csv?from=2021-01-01&to=2021-12-31", "", nil)
	if rec.Code != 200 || !bytes.HasPrefix(rec.Body.Bytes(), []byte("\uFEFFFigure,Value,Definition\r\n")) {
		t.Fatalf("summary.csv: %d %q", rec.Code, rec.Body.String()[:60])
	}

	rec = e.do(auth.Admin, "GET", "/api/v1/matters/export?format=csv&on_site=promised", "", nil)
	body := rec.Body.String()
	if rec.Code != 200 || !strings.HasPrefix(body, "\uFEFF") || strings.Count(body, "\r\n") != 8 {
		t.Fatalf("matters csv: %d %q", rec.Code, body)
	}
	if strings.Contains(body, "13912345678") || !strings.Contains(body, "139****5678") || !strings.Contains(body, "张**") ||
		!strings.Contains(body, `'=HYPERLINK`) || !strings.Contains(body, "'@SUM(A1)") {
		t.Fatalf("matters csv not masked or not neutralised: %q", body)
	}

	rec = e.do(auth.Admin, "GET", "/api/v1/matters/export?format=xlsx&from=2021-01-01&to=2021-12-31&kind=complaint", "", nil)
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if rec.Code != 200 || err != nil {
		t.Fatalf("matters xlsx: %d %v", rec.Code, err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	all, _ := f.GetRows(sheet)
	received, _ := f.GetCellValue(sheet, "G2")
	rawReceived, _ := f.GetCellValue(sheet, "G2", excelize.Options{RawCellValue: true})
	amount, _ := f.GetCellValue(sheet, "N2", excelize.Options{RawCellValue: true})
	// 50 imported complaints and 7 seeded ones; times are date cells, amounts numbers (¥100.00 → 100).
	if len(all) != 1+57 || all[0][0] != "Case number" || received != rows[0].ReceivedAt.In(calendar.Shanghai).Format("2006-01-02 15:04") ||
		strings.Contains(rawReceived, "-") || rows[0].Amount != 10000 || amount != "100" {
		t.Fatalf("matters xlsx: %d rows, received %q (raw %q), amount %q", len(all), received, rawReceived, amount)
	}

	for _, target := range []string{"/api/v1/matters/export?format=pdf", "/api/v1/reports/summary?from=2021-12-31&to=2021-01-01", "/api/v1/reports/summary?to=2021-01-01"} {
		if rec := e.do(auth.Admin, "GET", target, "", nil); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d", target, rec.Code)
		}
	}
}
