package bulletin

import "testing"

func TestNoticeValidateAndPeriod(t *testing.T) {
	for _, c := range []struct {
		n     Notice
		field string
	}{
		{Notice{Title: "预付卡消费提示", Body: "谨慎办卡", StartsOn: "2026-05-01"}, ""},
		{Notice{Title: "", Body: "x", StartsOn: "2026-05-01"}, "title"},
		{Notice{Title: "t", Body: "x", StartsOn: "2026/05/01"}, "starts_on"},
		{Notice{Title: "t", Body: "x", StartsOn: "2026-05-01", EndsOn: "2026-04-30"}, "ends_on: before_start"},
		{Notice{Title: "t", Body: "x\x00", StartsOn: "2026-05-01"}, "notice_body"},
	} {
		err := c.n.Validate()
		if c.field == "" && err != nil || c.field != "" && (err == nil || !contains(err.Error(), c.field)) {
			t.Errorf("%+v: %v", c.n, err)
		}
	}
	n := Notice{StartsOn: "2026-05-01", EndsOn: "2026-05-31"}
	for day, want := range map[string]bool{"2026-04-30": false, "2026-05-01": true, "2026-05-31": true, "2026-06-01": false} {
		if n.Current(day) != want {
			t.Errorf("%s: %v", day, !want)
		}
	}
	if !(Notice{StartsOn: "2026-05-01"}).Current("2030-01-01") {
		t.Error("no end")
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
