package mask

import "testing"

// TestMask_R_P5 shows what a viewer without need sees of personal data.
func TestMask_R_P5(t *testing.T) {
	cases := []struct{ got, want string }{
		{Phone("13800138000"), "138****8000"},
		{Phone("07924221234"), "079****1234"},
		{Phone("12315"), "1**15"},
		{Phone(""), ""},
		{IDNumber("11010519491231002X"), "1101************2X"},
		{Address("江西省九江市瑞昌市湓城街道人民路1号"), "江西省九江市****"},
		{Address("码头镇"), "码****"},
		{Name("张三"), "张*"},
		{Name("欧阳娜娜"), "欧阳**"},
		{Name("Alice"), "A***"},
		{Text("我的电话13800138000，订单号12345"), "我的电话138****8000，订单号12345"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

// FuzzText: whatever the input, no run of 7 digits survives into public text.
func FuzzText(f *testing.F) {
	f.Add("电话13800138000")
	f.Add("身份证11010519491231002X")
	f.Fuzz(func(t *testing.T, s string) {
		run := 0
		for _, c := range Text(s) {
			if c >= '0' && c <= '9' {
				run++
				if run >= 7 {
					t.Fatalf("Text(%q) = %q keeps 7 digits in a row", s, Text(s))
				}
			} else {
				run = 0
			}
		}
	})
}
