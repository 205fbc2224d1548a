package ledger

import "testing"

// TestMappingLeavesAFieldOut: a column mapped to no header is left out even
// when its header is a known one — the upload page's "not imported" choice —
// but a required field cannot be left out.
func TestMappingLeavesAFieldOut(t *testing.T) {
	header := []string{"编号", "类型", "渠道", "登记时间", "金额", "备注"}
	cols, ignored, fails, _ := Resolve(header, Mapping{Columns: map[string]string{AmountInDispute: ""}})
	if len(fails) != 0 {
		t.Fatalf("failures: %+v", fails)
	}
	for _, c := range cols {
		if c.Field == AmountInDispute {
			t.Fatalf("金额 still feeds %s", c.Field)
		}
	}
	if len(ignored) != 2 || ignored[0] != "金额" || ignored[1] != "备注" {
		t.Fatalf("ignored: %v", ignored)
	}
	// 金额 may then feed another field.
	cols, _, fails, _ = Resolve(header, Mapping{Columns: map[string]string{AmountInDispute: "", Recovered: "金额"}})
	if len(fails) != 0 || cols[len(cols)-1].Field != Recovered || cols[len(cols)-1].By != "map" {
		t.Fatalf("金额 as recovered: %+v %+v", cols, fails)
	}
	_, _, fails, _ = Resolve(header, Mapping{Columns: map[string]string{Kind: ""}})
	if len(fails) != 1 || fails[0].Code != "missing_column" || fails[0].Column != Kind {
		t.Fatalf("a required field left out: %+v", fails)
	}
	res, _ := Check("a.csv", []byte("编号,类型,渠道,登记时间,金额\nA-1,投诉,12315热线,2021-03-01,abc\n"), Mapping{Columns: map[string]string{AmountInDispute: ""}}, now)
	if !res.OK() || res.Rows != 1 {
		t.Fatalf("a bad amount in a column left out still fails: %+v", res.Failures)
	}
}
