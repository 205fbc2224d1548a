package httpio

import (
	"testing"

	"weiquan/internal/invalid"
)

// TestBeforeStartSaysWhatIsWrong: an end before its start is told as such in both
// languages, naming the field, instead of the generic "conflicts with other input".
func TestBeforeStartSaysWhatIsWrong(t *testing.T) {
	f := invalid.Field{Field: "ends_on", Code: invalid.BeforeStart}
	for lang, want := range map[string]string{"zh-CN": "结束日期不能早于开始日期", "en": "Until cannot be before the start"} {
		if got := FieldMessage(lang, f); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
