package ledger

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"weiquan/internal/casework"
)

func TestNormaliseHeader(t *testing.T) {
	for in, want := range map[string]string{
		"Source ID":       "sourceid",
		"source_id":       "sourceid",
		"\uFEFF编号":        "编号",
		"争议金额（元）":         "争议金额",
		"争议金额 (元)":        "争议金额",
		"*登记时间":           "登记时间",
		"挽回经济损失【元】":       "挽回经济损失",
		"  Received  At ": "receivedat",
	} {
		if got := normaliseHeader(in); got != want {
			t.Errorf("normaliseHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestResolve(t *testing.T) {
	header := []string{"序号", "编号", "类型", "来源", "受理时间", "所在地", "经营者", "统一社会信用代码", "消费者", "联系电话",
		"类别", "争议金额（元）", "投诉内容", "诉求", "处理状态", "办结时间", "处理结果", "挽回经济损失", "备注", "来源编号"}
	cols, ignored, fails, warns := Resolve(header, Mapping{})
	if len(fails) != 0 || len(cols) != len(Fields) {
		t.Fatalf("cols %v fails %v", cols, fails)
	}
	if !slices.Equal(ignored, []string{"序号", "备注", "来源编号"}) || len(warns) != 1 || warns[0].Code != "header_duplicate" {
		t.Fatalf("ignored %q warns %v", ignored, warns)
	}
	if cols[0].Field != SourceID || cols[0].Index != 2 || cols[0].By != "auto" {
		t.Fatalf("first column %+v", cols[0])
	}

	// A mapping picks another column for a field, and names a column no alias knows.
	cols, _, fails, _ = Resolve(header, Mapping{Columns: map[string]string{SourceID: "序号", Facts: "备注"}})
	got := map[string]Column{}
	for _, c := range cols {
		got[c.Field] = c
	}
	if len(fails) != 0 || got[SourceID].Header != "序号" || got[SourceID].By != "map" || got[Facts].Header != "备注" {
		t.Fatalf("mapped: %+v %v", got, fails)
	}

	// Required columns missing, and a mapped header that is not in the file.
	_, _, fails, _ = Resolve([]string{"编号", "类型"}, Mapping{Columns: map[string]string{Area: "乡镇名"}})
	var codes []string
	for _, f := range fails {
		codes = append(codes, f.Column+":"+f.Code)
	}
	want := []string{"channel:missing_column", "received_at:missing_column", "area:map_header"}
	if !slices.Equal(codes, want) {
		t.Fatalf("fails %q, want %q", codes, want)
	}
}

func TestParseMap(t *testing.T) {
	text := "# 台账列映射\nsource_id = 序号\nfacts=备注\n\nchannel.电话投诉 = hotline_12315\n"
	m, err := ParseMap([]byte(text))
	if err != nil || m.Columns[SourceID] != "序号" || m.Columns[Facts] != "备注" || m.Values[Channel]["电话投诉"] != "hotline_12315" {
		t.Fatalf("text map: %+v %v", m, err)
	}
	j, err := ParseMap([]byte(`{"columns":{"source_id":"序号"},"values":{"kind":{"投诉件":"complaint"}}}`))
	if err != nil || j.Columns[SourceID] != "序号" || j.Values[Kind]["投诉件"] != "complaint" {
		t.Fatalf("json map: %+v %v", j, err)
	}
	merged := m.Merge(Mapping{Columns: map[string]string{SourceID: "工单"}})
	if merged.Columns[SourceID] != "工单" || merged.Columns[Facts] != "备注" {
		t.Fatalf("merge: %+v", merged)
	}
	for in, code := range map[string]string{
		"source_id":                "map_syntax",
		"nosuch = x":               "map_field",
		"channel.电话 = phone_line":  "map_code",
		"area.x = y":               "map_field",
		`{"columns": {"x": "y"}}`:  "map_field",
		`{"colums": {}}`:           "map_syntax",
		"kind.咨询 = complaint\n= x": "map_syntax",
	} {
		_, err := ParseMap([]byte(in))
		var me *MapError
		if !errors.As(err, &me) || me.Code != code {
			t.Errorf("ParseMap(%q) = %v, want %s", in, err, code)
		}
	}
}

// TestSettle decides a historical matter's state from its ledger row; the
// states and outcomes come from the state machine, so an import never stores
// a matter in a place its kind cannot reach.
func TestSettle(t *testing.T) {
	C, R, I := casework.Complaint, casework.Report, casework.Inquiry
	cases := []struct {
		kind    casework.Kind
		status  casework.State
		outcome casework.Outcome
		closed  bool
		state   casework.State
		out     casework.Outcome
		fail    string
	}{
		{C, "", "", false, casework.Received, "", ""},
		{C, "", "", true, "", "", "outcome_required"},
		{C, "", casework.OutcomeAgreement, true, casework.Closed, casework.OutcomeAgreement, ""},
		{C, "", casework.OutcomeAgreement, false, casework.Agreement, casework.OutcomeAgreement, ""},
		{C, casework.Closed, casework.OutcomeTerminated, true, casework.Closed, casework.OutcomeTerminated, ""},
		{C, casework.Closed, casework.OutcomeRejected, true, casework.Closed, casework.OutcomeRejected, ""},
		{C, casework.Closed, casework.OutcomeAgreement, false, "", "", "closed_at_required"},
		{C, casework.Closed, casework.OutcomeFiled, true, "", "", "outcome_kind"},
		{C, casework.Mediating, "", false, casework.Mediating, "", ""},
		{C, casework.Mediating, casework.OutcomeAgreement, false, "", "", "status_outcome"},
		{C, casework.Mediating, "", true, "", "", "closed_at_open"},
		{C, casework.Agreement, "", false, casework.Agreement, casework.OutcomeAgreement, ""},
		{C, casework.Terminated, casework.OutcomeAgreement, false, "", "", "status_outcome"},
		{C, casework.Verifying, "", false, "", "", "status_kind"},
		{R, "", casework.OutcomeFiled, true, casework.Closed, casework.OutcomeFiled, ""},
		{R, casework.Verifying, "", false, casework.Verifying, "", ""},
		{R, casework.NotFiled, "", false, casework.NotFiled, casework.OutcomeNotFiled, ""},
		{R, casework.Closed, casework.OutcomeAgreement, true, "", "", "outcome_kind"},
		{R, casework.Mediating, "", false, "", "", "status_kind"},
		{I, "", "", true, casework.Closed, casework.OutcomeAnswered, ""}, // a closed inquiry was answered
		{I, casework.Answered, "", false, casework.Answered, casework.OutcomeAnswered, ""},
		{I, casework.Accepted, "", false, "", "", "status_kind"},
		{I, "", casework.OutcomeTerminated, true, "", "", "outcome_kind"},
	}
	for _, c := range cases {
		st, out, fail, _ := settle(c.kind, c.status, c.outcome, c.closed)
		if st != c.state || out != c.out || fail != c.fail {
			t.Errorf("settle(%s, %q, %q, closed=%v) = %q %q %q; want %q %q %q", c.kind, c.status, c.outcome, c.closed, st, out, fail, c.state, c.out, c.fail)
		}
	}
}

func rowOf(t *testing.T, header []string, cells ...string) (Record, []Problem, []Problem) {
	t.Helper()
	cols, _, fails, _ := Resolve(header, Mapping{})
	if len(fails) > 0 {
		t.Fatalf("resolve: %v", fails)
	}
	return NewMapper(cols, Mapping{}, false, now).Row(7, cells)
}

var canon = Fields

func TestRowReadsEveryColumn(t *testing.T) {
	rec, fails, warns := rowOf(t, canon, "S1", "投诉", "12315热线", "2021-03-01 08:30", "码头镇", "某某超市", "91440300192203821X",
		"张三", "138 0013 8000", "商品类", "1,200", "买到过期食品", "退一赔十", "已办结", "2021-03-05 17:00", "调解成功", "1200")
	if len(fails) != 0 {
		t.Fatalf("fails %v", fails)
	}
	if rec.Row != 7 || rec.SourceID != "S1" || rec.Kind != casework.Complaint || rec.Channel != casework.Hotline12315 ||
		rec.Area != "码头镇" || rec.MerchantName != "某某超市" || rec.ConsumerPhone != "13800138000" || rec.Category != casework.Goods ||
		rec.AmountInDispute != 120000 || rec.State != casework.Closed || rec.Outcome != casework.OutcomeAgreement ||
		rec.ClosedAt == nil || !rec.ClosedAt.Equal(sh(2021, 3, 5, 17, 0, 0)) || rec.Recovered != 120000 {
		t.Fatalf("record %+v", rec)
	}
	// The made-up USCC fails its check: kept for the timeline, not used for matching.
	if rec.MerchantUSCC != "" || rec.Given[MerchantUSCC] != "91440300192203821X" || len(warns) != 1 || warns[0].Code != "uscc_invalid" {
		t.Fatalf("uscc: %+v %v", rec, warns)
	}
	m := rec.Matter(now)
	if m.SourceID != "S1" || m.RuleSet != casework.Order20 || m.State != casework.Closed || m.Consumers != 1 || m.Version != 1 {
		t.Fatalf("matter %+v", m)
	}
}

func TestRowFailures(t *testing.T) {
	h := []string{SourceID, Kind, Channel, ReceivedAt, ClosedAt, AmountInDispute, Outcome, Recovered, Category, ConsumerPhone}
	cases := []struct {
		cells []string
		want  string // column:code, ...
		warn  string
	}{
		{[]string{"", "", "", ""}, "source_id:required,kind:required,channel:required,received_at:required", ""},
		{[]string{"1", "投诉举报", "传真", "2021-02-30"}, "kind:kind,channel:channel,received_at:date", ""},
		{[]string{"1", "投诉", "来访", "2030-01-01"}, "received_at:future", ""},
		{[]string{"1", "投诉", "来访", "2021-03-02", "2021-03-01", "", "调解成功"}, "closed_at:closed_before_received", ""},
		{[]string{"1", "投诉", "来访", "2021-03-02", "", "-3"}, "amount_in_dispute:negative", ""},
		{[]string{"1", "投诉", "来访", "2021-03-02", "", "三百元"}, "amount_in_dispute:amount", ""},
		{[]string{"1", "投诉", "来访", "2021-03-02", "", "", "赔偿"}, "outcome:outcome", ""},
		{[]string{"1", "举报", "来访", "2021-03-02", "2021-03-09", "", "调解成功"}, "outcome:outcome_kind", ""},
		{[]string{"1", "投诉", "来访", "2021-03-02", "2021-03-09", "", "终止调解", "50"}, "", "recovered_amount:recovered_not_agreement"},
		{[]string{"1", "投诉", "来访", "2021-03-02", "", "", "", "", "家用电器"}, "", "category:category_kept"},
		{[]string{"1", "投诉", "来访", "2021-03-02", "", "", "", "", "", "12"}, "", "consumer_phone:phone_format"},
		{[]string{"1", "投诉", "来访", "2021-03-02", "", "", "", "", "", "0792-4221234"}, "", ""},
		{[]string{strings.Repeat("长", 101), "投诉", "来访", "2021-03-02"}, "source_id:too_long", ""},
	}
	for _, c := range cases {
		_, fails, warns := rowOf(t, h, c.cells...)
		var got, gotWarn []string
		for _, f := range fails {
			got = append(got, f.Column+":"+f.Code)
			if f.Row != 7 {
				t.Errorf("%q: failure without its row: %+v", c.cells, f)
			}
		}
		for _, w := range warns {
			gotWarn = append(gotWarn, w.Column+":"+w.Code)
		}
		if strings.Join(got, ",") != c.want || strings.Join(gotWarn, ",") != c.warn {
			t.Errorf("%q: fails %q warns %q; want %q / %q", c.cells, got, gotWarn, c.want, c.warn)
		}
	}
}

func TestRowValueMapping(t *testing.T) {
	h := []string{SourceID, Kind, Channel, ReceivedAt}
	cols, _, _, _ := Resolve(h, Mapping{})
	m := Mapping{Values: map[string]map[string]string{Channel: {"市长热线": "transfer_12345"}, Kind: {"Beschwerde": "complaint"}}}
	rec, fails, _ := NewMapper(cols, m, false, now).Row(2, []string{"1", "beschwerde", "市长热线", "2021-01-01"})
	if len(fails) != 0 || rec.Channel != casework.Transfer12345 || rec.Kind != casework.Complaint {
		t.Fatalf("value mapping: %+v %v", rec, fails)
	}
	// Codes and English labels are always understood.
	rec, fails, _ = NewMapper(cols, Mapping{}, false, now).Row(2, []string{"1", "Inquiry", "12345 transfer", "2021-01-01"})
	if len(fails) != 0 || rec.Channel != casework.Transfer12345 || rec.Kind != casework.Inquiry {
		t.Fatalf("labels: %+v %v", rec, fails)
	}
}

func TestCheckDuplicateSourceAndMessages(t *testing.T) {
	csv := "source_id,kind,channel,received_at\n1,投诉,来访,2021-01-01\n2,投诉,来访,2021-01-02\n1,咨询,来信,2021-01-03\n"
	res, recs := Check("d.csv", []byte(csv), Mapping{}, now)
	if res.OK() || recs != nil || res.Rows != 3 || res.FailedRows != 1 {
		t.Fatalf("result %+v", res)
	}
	f := res.Failures[0]
	if f.Row != 4 || f.Column != SourceID || f.Code != "duplicate" {
		t.Fatalf("failure %+v", f)
	}
	res.Localize("zh-CN")
	if want := "第 4 行：来源编号“1”与第 2 行重复"; res.Failures[0].Message != want {
		t.Fatalf("zh message %q, want %q", res.Failures[0].Message, want)
	}
	res.Localize("en")
	if want := "Row 4: source id “1” repeats row 2"; res.Failures[0].Message != want {
		t.Fatalf("en message %q, want %q", res.Failures[0].Message, want)
	}
}

func TestCheckListsAtMostMaxListed(t *testing.T) {
	var b strings.Builder
	b.WriteString("source_id,kind,channel,received_at\n")
	for i := 0; i < MaxListed+500; i++ {
		b.WriteString("x" + strings.Repeat("1", i%3) + ",投诉,来访,not a date\n")
	}
	res, _ := Check("many.csv", []byte(b.String()), Mapping{}, now)
	if len(res.Failures) != MaxListed || !res.Truncated || res.FailedRows != MaxListed+500 {
		t.Fatalf("listed %d truncated %v failed rows %d", len(res.Failures), res.Truncated, res.FailedRows)
	}
}
