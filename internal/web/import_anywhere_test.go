package web_test

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

var (
	inputRe  = regexp.MustCompile(`<input[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"`)
	selectRe = regexp.MustCompile(`(?s)<select([^>]*)>(.*?)</select>`)
	nameRe   = regexp.MustCompile(`\bname="([^"]+)"`)
	chosenRe = regexp.MustCompile(`<option value="([^"]*)" selected>`)
)

// mappingForm is the preview's mapping form as a browser posts it, with some selects
// (by id) set to other values.
func mappingForm(t *testing.T, page string, set map[string]string) url.Values {
	t.Helper()
	i := strings.Index(page, `id="mapping-form"`)
	if i < 0 {
		t.Fatalf("no mapping form:\n%.3000s", page)
	}
	form := page[i:]
	form = form[:strings.Index(form, "</form>")]
	v := url.Values{}
	for _, m := range inputRe.FindAllStringSubmatch(form, -1) {
		v.Add(m[1], html.UnescapeString(m[2]))
	}
	idRe := regexp.MustCompile(`\bid="([^"]+)"`)
	for _, m := range selectRe.FindAllStringSubmatch(form, -1) {
		name := nameRe.FindStringSubmatch(m[1])
		if name == nil {
			continue
		}
		val := ""
		if c := chosenRe.FindStringSubmatch(m[2]); c != nil {
			val = html.UnescapeString(c[1])
		}
		if id := idRe.FindStringSubmatch(m[1]); id != nil {
			if x, ok := set[id[1]]; ok {
				val = x
			}
		}
		v.Add(name[1], val)
	}
	return v
}

// TestLedgerFromAnywhere_C12 (issue 14, point 3, done when): a ledger with no kind column,
// month-first slash dates and English statuses the product does not know imports after a
// mapping made in the upload page — a kind for every row, the found date order shown, each
// unknown value listed with its count and mapped with one choice — and the preview says what
// each warning will do to the report before anything is committed.
func TestLedgerFromAnywhere_C12(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		b := c.as(t, "admin")
		file := "source_id,channel,received_at,consumer_name,consumer_phone,merchant_name,facts,request,status,closed_at,outcome\n" +
			"US-1,letter,03/15/2021,张三,13800138000,好又多超市,买到过期食品,退款,Resolved,03/20/2021,agreement\n" +
			"US-2,letter,04/02/2021,李四,13800138001,好又多超市,洗衣机漏水,赔偿,Open,,\n" +
			"US-3,letter,04/03/2021,王五,13800138002,美佳电器,手机屏幕坏,退款,In progress,,\n" +
			"US-4,letter,04/07/2021,赵六,13800138003,美佳电器,空调不制冷,维修,Open,,\n"
		r := uploadLedger(t, b, "us-ledger.csv", []byte(file))
		if r.status != 200 || !strings.Contains(r.body, `id="constants"`) || !strings.Contains(r.body, `name="c.kind"`) {
			t.Fatalf("first preview: %d\n%.3000s", r.status, r.body)
		}
		if strings.Contains(r.body, `id="commit"`) {
			t.Fatal("a ledger without kinds may be committed")
		}

		// Every row is a complaint: the date order is found, the unknown statuses listed.
		r = b.post("/imports/preview", mappingForm(t, r.body, map[string]string{"const-kind": "complaint"}))
		for _, want := range []string{`id="date-order-found"`, "03/15/2021", `id="unknown-values"`, "Resolved", "In progress", `<td class="num">2</td>`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("second preview lacks %q", want)
			}
		}
		if strings.Contains(r.body, `id="commit"`) {
			t.Fatal("unknown statuses may be committed")
		}
		// One choice per unknown value, in the order the preview lists them.
		set := map[string]string{}
		for i, code := range map[string]string{"Resolved": "closed", "Open": "received", "In progress": "mediating"} {
			idx := strings.Index(r.body, `<td class="strong">`+html.EscapeString(i)+`</td>`)
			sel := regexp.MustCompile(`id="(unknown-\d+)"`).FindStringSubmatch(r.body[idx:])
			set[sel[1]] = code
		}
		r = b.post("/imports/preview", mappingForm(t, r.body, set))
		if r.status != 200 || !strings.Contains(r.body, `id="commit"`) || !strings.Contains(r.body, `id="values-mapped"`) {
			t.Fatalf("third preview: %d\n%.4000s", r.status, r.body)
		}
		// What each warning does to the report, said before the commit.
		if !strings.Contains(r.body, "对报表的影响") || !strings.Contains(r.body, "经营者档案和公示中不含") {
			t.Errorf("the preview does not say what the warnings do to the report")
		}
		r = b.post("/imports/commit", mappingForm(t, r.body, nil))
		if r.status != 303 {
			t.Fatalf("commit: %d\n%.3000s", r.status, r.body)
		}
		ms, _, err := c.svc.Matters(context.Background(), auth.Principal{System: true}, service.MatterQuery{}.Page(100, 0))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]casework.Matter{}
		for _, m := range ms {
			got[m.SourceID] = m
		}
		for id, st := range map[string]casework.State{"US-1": casework.Closed, "US-2": casework.Received, "US-3": casework.Mediating, "US-4": casework.Received} {
			m, ok := got[id]
			if !ok || m.Kind != casework.Complaint || m.State != st || m.Channel != casework.Letter {
				t.Errorf("%s: %+v", id, m)
			}
		}
		if d := got["US-1"].ReceivedAt.In(clock.Location()).Format("2006-01-02"); d != "2021-03-15" {
			t.Errorf("month-first date read as %s", d)
		}
	})
}
