package desk

import (
	"testing"
	"time"

	"weiquan/internal/invalid"
)

// TestNumber reads callers' numbers as networks write them; a withheld number is none.
func TestNumber(t *testing.T) {
	for in, want := range map[string]string{
		"sip:13800138000@127.0.0.1": "13800138000", "+86 138-0013-8000": "13800138000", "008613800138000": "13800138000",
		"tel:0792-4221234": "07924221234", "13800138000;user=phone": "13800138000", "sip:anonymous@anonymous.invalid": "",
		"": "", "12": "", "unavailable": "", "12315": "12315",
	} {
		if got := Number(in); got != want {
			t.Errorf("Number(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEventWithoutNumber (issue 14, bad input): a call event without a number is refused.
func TestEventWithoutNumber(t *testing.T) {
	now := time.Now()
	for _, c := range []struct {
		e     Event
		field string
	}{
		{Event{CallID: "a", Caller: "", State: Ringing, At: now}, "caller"},
		{Event{CallID: "a", Caller: "sip:anonymous@x", State: Ringing, At: now}, "caller"},
		{Event{CallID: "", Caller: "13800138000", State: Ringing, At: now}, "call_id"},
		{Event{CallID: "a", Caller: "13800138000", State: "held", At: now}, "state"},
	} {
		errs, ok := invalid.As(c.e.Validate())
		if !ok || !errs.Has(c.field) {
			t.Errorf("%+v: %v, want a problem with %s", c.e, errs, c.field)
		}
	}
	ok := Event{CallID: "a", Caller: "+8613800138000", State: Ringing, At: now}
	if err := ok.Validate(); err != nil || ok.Caller != "13800138000" {
		t.Errorf("good event: %v %q", err, ok.Caller)
	}
}
