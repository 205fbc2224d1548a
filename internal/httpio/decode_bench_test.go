package httpio

import (
	"net/http/httptest"
	"strings"
	"testing"

	"weiquan/internal/casework"
)

// BenchmarkDecodeIntake decodes a typical intake body, with the text check
// (figures in BENCHMARKS.md).
func BenchmarkDecodeIntake(b *testing.B) {
	body := `{"kind":"complaint","channel":"hotline_12315","consumer":{"name":"张三","phone":"13800138000","address":"码头镇码头村3组"},
		"merchant_id":1,"area_id":2,"facts":"` + strings.Repeat("在该超市买到过期牛奶两箱，", 40) + `","request":"退货并赔偿","amount_in_dispute":"1,200.00"}`
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var in casework.IntakeInput
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		if err := Decode(httptest.NewRecorder(), r, &in); err != nil {
			b.Fatal(err)
		}
	}
}
