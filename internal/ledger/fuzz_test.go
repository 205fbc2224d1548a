package ledger

import (
	"errors"
	"io"
	"testing"
	"unicode/utf8"
)

// Fuzz every parser of outside input: none may panic, and what they accept must hold together.

func FuzzParseCSV(f *testing.F) {
	f.Add([]byte(zhCSV))
	f.Add(append([]byte{0xEF, 0xBB, 0xBF}, zhCSV...))
	f.Add(gb18030(f, zhCSV))
	f.Add([]byte("source_id\tkind\tchannel\treceived_at\n1\t投诉\t来访\t2021-01-01\n"))
	f.Add([]byte("a,\"b\nc\",d\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, recs := Check("f.csv", data, Mapping{}, now)
		checkResult(t, res, recs)
		if tab, err := Open("f.csv", data, Mapping{}); err == nil {
			drain(t, tab)
		}
	})
}

func FuzzParseJSONL(f *testing.F) {
	f.Add([]byte(`{"source_id":"1","kind":"complaint","channel":"web","received_at":"2021-01-01"}` + "\n"))
	f.Add([]byte(`{"source_id":1,"kind":["x"],"channel":{"a":1},"received_at":44256.5}` + "\n{}\n"))
	f.Add([]byte("{\"a\":\"\\u0000\"}\n{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, recs := Check("f.jsonl", data, Mapping{}, now)
		checkResult(t, res, recs)
	})
}

func FuzzParseXLSX(f *testing.F) {
	f.Add(xlsxFile(f))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, recs := Check("f.xlsx", data, Mapping{}, now)
		checkResult(t, res, recs)
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2021-03-01", "2021/3/1 8:30", "44256.354166666664", "20210301", "2021年3月1日 8时30分", "2021-03-01T08:30:00+08:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTime(s, false)
		if err == nil && (tm.Year() < minYear || tm.Year() > maxYear) {
			t.Fatalf("ParseTime(%q) = %v outside the years allowed", s, tm)
		}
		// The fast path reads what the full parser reads, the same way.
		if q, ok := quickTime(s); ok {
			if slow, err := slowTime(s); err != nil || !slow.Equal(q) {
				t.Fatalf("quickTime(%q) = %v, slowTime = %v, %v", s, q, slow, err)
			}
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12.34", "1,234", "¥5", "1234.5600000000002", "-1", "无"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseAmount(s)
		if err == nil && v < 0 {
			t.Fatalf("ParseAmount(%q) = %v: negative accepted", s, v)
		}
	})
}

func FuzzResolveHeader(f *testing.F) {
	f.Add("编号", "类型", "渠道", "登记时间", "source_id = 序号")
	f.Add("Source ID", "争议金额（元）", "*kind", "", "channel.电话 = hotline_12315")
	f.Fuzz(func(t *testing.T, a, b, c, d, mapText string) {
		m, err := ParseMap([]byte(mapText))
		if err != nil {
			m = Mapping{}
		}
		cols, _, fails, _ := Resolve([]string{a, b, c, d}, m)
		seen := map[string]bool{}
		for _, col := range cols {
			if seen[col.Field] || !isField(col.Field) || col.Index < 1 || col.Index > 4 {
				t.Fatalf("bad column %+v in %v", col, cols)
			}
			seen[col.Field] = true
		}
		for _, r := range Required {
			if !seen[r] && len(fails) == 0 {
				t.Fatalf("required %s missing without a failure", r)
			}
		}
		mp := NewMapper(cols, m, false, now)
		mp.Row(2, []string{d, c, b, a})
	})
}

func checkResult(t *testing.T, res *Result, recs []Record) {
	t.Helper()
	if res.OK() != (recs != nil) {
		t.Fatalf("ok %v but %d records: %+v", res.OK(), len(recs), res)
	}
	seen := map[string]bool{}
	for _, r := range recs {
		if r.SourceID == "" || !r.Kind.Valid() || !r.Channel.Valid() || r.ReceivedAt.IsZero() || !r.State.Valid() || seen[r.SourceID] {
			t.Fatalf("accepted a bad record %+v", r)
		}
		seen[r.SourceID] = true
		if !utf8.ValidString(r.Facts) || !utf8.ValidString(r.MerchantName) {
			t.Fatalf("invalid UTF-8 accepted: %+v", r)
		}
	}
	res.Localize("en")
}

func drain(t *testing.T, tab *Table) {
	defer tab.Close()
	for {
		_, _, err := tab.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		var re *RowError
		if err != nil && !errors.As(err, &re) {
			return
		}
	}
}

func FuzzParseMap(f *testing.F) {
	f.Add([]byte("# 注释\nsource_id = 序号\nchannel.电话投诉 = hotline_12315\n"))
	f.Add([]byte(`{"columns":{"facts":"备注"},"values":{"kind":{"投诉件":"complaint"}}}`))
	f.Add([]byte("=\n.=x\nkind.=complaint"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMap(data)
		if err != nil {
			return
		}
		for field := range m.Columns {
			if !isField(field) {
				t.Fatalf("accepted unknown field %q", field)
			}
		}
		for field, vs := range m.Values {
			for _, c := range vs {
				if m.checkValue(field, c, 0) != nil {
					t.Fatalf("accepted bad code %s=%q", field, c)
				}
			}
		}
	})
}
