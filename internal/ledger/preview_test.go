package ledger

import (
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
)

var checkNow = time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)

func mustMap(t *testing.T, text string) Mapping {
	t.Helper()
	m, err := ParseMap([]byte(text))
	if err != nil {
		t.Fatalf("map %q: %v", text, err)
	}
	return m
}

func problemCodes(ps []Problem) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return strings.Join(out, ",")
}

// TestMappingConstantsEmptyAndShared (issue 14, point 3): a constant for a column the
// file lacks, a value mapped to empty, a column left out in the text format, and one
// 办结情况 column feeding both state and outcome.
func TestMappingConstantsEmptyAndShared(t *testing.T) {
	file := "编号,渠道,登记时间,投诉人,联系电话,诉求,办结情况,办结时间,事实\n" +
		"L-1,来信,2021-03-15,张三,13800138000,退款,调解成功,2021-03-20,买到过期食品\n" +
		"L-2,来信,2021-03-16,李四,13800138001,赔偿,处理中,,洗衣机漏水\n" +
		"L-3,来信,2021-03-17,王五,13800138002,退款,待定,,手机屏幕坏\n"
	// No kind column: refused without a constant.
	res, _ := Check("letters.csv", []byte(file), Mapping{}, checkNow)
	if res.OK() || !strings.Contains(problemCodes(res.Failures), "missing_column") {
		t.Fatalf("no kind column: %+v", res.Failures)
	}
	m := mustMap(t, `const.kind = 投诉
status = 办结情况
outcome = 办结情况
status.调解成功 = closed
status.处理中 = mediating
status.待定 =
request =`)
	res, recs := Check("letters.csv", []byte(file), m, checkNow)
	if !res.OK() || len(recs) != 3 {
		t.Fatalf("with the mapping: %+v", res.Failures)
	}
	if res.Constants[Kind] != "投诉" {
		t.Errorf("constants in the preview: %v", res.Constants)
	}
	want := []struct {
		st  casework.State
		out casework.Outcome
	}{{casework.Closed, casework.OutcomeAgreement}, {casework.Mediating, ""}, {casework.Received, ""}}
	for i, r := range recs {
		if r.Kind != casework.Complaint || r.State != want[i].st || r.Outcome != want[i].out || r.Request != "" {
			t.Errorf("row %d: %s %s %s request %q", i, r.Kind, r.State, r.Outcome, r.Request)
		}
	}
	// A mapping naming a field that does not exist, or a constant no code understands: refused.
	for _, bad := range []string{"const.kinds = complaint", "const.kind = 水果", "stauts = 状态", "date_order = ydm", `{"constants":{"nope":"x"}}`} {
		if _, err := ParseMap([]byte(bad)); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

// TestSlashDateOrder (issue 14, point 3): slash dates are read in the declared order; an
// undeclared file with a day above 12 shows its order itself, in the preview; a file that
// reads both ways or holds both orders is refused with a value that shows it.
func TestSlashDateOrder(t *testing.T) {
	head := "source_id,kind,channel,received_at\n"
	for _, c := range []struct {
		name, rows, mapText string
		order, by, fail     string
		first               string
	}{
		{"month first, found", "A,inquiry,letter,03/15/2021\nB,inquiry,letter,04/01/2021 09:30\n", "", MDY, "auto", "", "2021-03-15"},
		{"day first, found", "A,inquiry,letter,15/03/2021\nB,inquiry,letter,04/01/2021\n", "", DMY, "auto", "", "2021-03-15"},
		{"ambiguous", "A,inquiry,letter,03/04/2021\n", "", "", "", "date_order_ambiguous", ""},
		{"declared", "A,inquiry,letter,03/04/2021\n", "date_order = dmy", DMY, "map", "", "2021-04-03"},
		{"mixed", "A,inquiry,letter,15/03/2021\nB,inquiry,letter,03/15/2021\n", "", "", "", "date_order_mixed", ""},
		{"declared wrong", "A,inquiry,letter,03/15/2021\n", "date_order = dmy", DMY, "map", "date", ""},
		{"year first, two digits", "A,inquiry,letter,21/03/15\n", "date_order = ymd", YMD, "map", "", "2021-03-15"},
		{"no slash dates", "A,inquiry,letter,2021-03-15\n", "", "", "", "", "2021-03-15"},
	} {
		m := Mapping{}
		if c.mapText != "" {
			m = mustMap(t, c.mapText)
		}
		res, recs := Check("d.csv", []byte(head+c.rows), m, checkNow)
		if c.fail != "" {
			if res.OK() || !strings.Contains(problemCodes(res.Failures), c.fail) {
				t.Errorf("%s: failures %s, want %s", c.name, problemCodes(res.Failures), c.fail)
			}
			continue
		}
		if !res.OK() || res.DateOrder != c.order || res.OrderBy != c.by {
			t.Errorf("%s: order %q by %q, failures %s", c.name, res.DateOrder, res.OrderBy, problemCodes(res.Failures))
			continue
		}
		if got := recs[0].ReceivedAt.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02"); got != c.first {
			t.Errorf("%s: first date %s, want %s", c.name, got, c.first)
		}
	}
}

// TestLooseHeadersAreGuesses (issue 14, point 3): an English "state" column of US states is
// no 状态: a header that merely resembles a field is shown as a guess with how many values
// fit, never mapped silently; a mapping takes it on. Unknown values are listed with counts.
func TestLooseHeadersAreGuesses(t *testing.T) {
	file := "source_id,kind,channel,received_at,state,status\n" +
		"A,complaint,letter,2021-03-15,CA,Open\nB,complaint,letter,2021-03-16,NY,Resolved\nC,complaint,letter,2021-03-17,CA,Open\n"
	res, _ := Check("us.csv", []byte(file), Mapping{}, checkNow)
	for _, c := range res.Columns {
		if c.Header == "state" {
			t.Fatalf("state was mapped silently to %s", c.Field)
		}
	}
	if len(res.Guesses) != 0 {
		t.Errorf("status has its column: no guess for state, got %+v", res.Guesses)
	}
	if len(res.Unknown) != 2 || res.Unknown[0].Value != "Open" || res.Unknown[0].Rows != 2 || res.Unknown[1].Value != "Resolved" {
		t.Errorf("unknown values: %+v", res.Unknown)
	}
	// Without a status column, state is a guess: none of its values is a status.
	file2 := "source_id,kind,channel,received_at,state\nA,inquiry,letter,2021-03-15,CA\nB,inquiry,letter,2021-03-16,NY\n"
	res, _ = Check("us.csv", []byte(file2), Mapping{}, checkNow)
	if !res.OK() || len(res.Guesses) != 1 || res.Guesses[0].Field != Status || res.Guesses[0].Fits != 0 || res.Guesses[0].Of != 2 {
		t.Errorf("guess: %+v, failures %s", res.Guesses, problemCodes(res.Failures))
	}
	// Taken on by a mapping, the column's values are read as statuses, and fail as such.
	res, _ = Check("us.csv", []byte(file2), mustMap(t, "status = state"), checkNow)
	if res.OK() || len(res.Unknown) != 2 {
		t.Errorf("mapped state: %+v", res.Unknown)
	}
}
