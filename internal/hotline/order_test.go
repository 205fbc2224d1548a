package hotline

import (
	"slices"
	"testing"
	"time"

	"weiquan/internal/invalid"
)

var now = time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)

func code(err error) string {
	if fe, ok := invalid.As(err); ok && len(fe) > 0 {
		return fe[0].Code
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// TestMachine_R_L27 holds the work order's life to the table: each side's steps from each
// state, what they lead to, and the refusals — out of sequence, the other side's step.
func TestMachine_R_L27(t *testing.T) {
	in := Input{Note: "处理意见", Reason: OutsideDuties, Rating: Satisfied}
	for _, c := range []struct {
		from State
		side Side
		step Step
		to   State
		err  string
	}{
		{Dispatched, Office, StepSign, Signed, ""},
		{Signed, Office, StepHandle, Handling, ""},
		{Signed, Office, StepReply, Replied, ""},
		{Handling, Office, StepReply, Replied, ""},
		{Replied, Centre, StepClose, Closed, ""},
		{Closed, Centre, StepCallback, CalledBack, ""},
		{CalledBack, Centre, StepRate, Rated, ""},
		{Closed, Centre, StepRate, Rated, ""},
		{Replied, Centre, StepRedo, Handling, ""},
		{Handling, Office, StepRequestReturn, ReturnRequested, ""},
		{ReturnRequested, Centre, StepReturn, Returned, ""},
		{Dispatched, Centre, StepDesignate, Dispatched, ""},
		{Dispatched, Office, StepReply, "", CodeSequence},      // sign first
		{Dispatched, Office, StepHandle, "", CodeSequence},     // out of sequence
		{Replied, Office, StepRequestReturn, "", CodeSequence}, // too late to return
		{Signed, Centre, StepClose, "", CodeSequence},          // nothing replied yet
		{Rated, Centre, StepRate, "", CodeSequence},            // rated once
		{Replied, Office, StepClose, "", CodeSide},             // the centre closes
		{Dispatched, Centre, StepSign, "", CodeSide},           // the office signs
		{Dispatched, Office, StepDispatch, "", CodeSequence},   // dispatch makes an order, never moves one
		{Dispatched, Office, "teleport", "", invalid.OneOf},
	} {
		o := Order{State: c.from}
		ch, err := Apply(&o, c.side, c.step, in, now)
		if got := code(err); got != c.err {
			t.Errorf("%s %s from %s: error %q, want %q", c.side, c.step, c.from, got, c.err)
			continue
		}
		if c.err != "" {
			if o.State != c.from {
				t.Errorf("%s from %s: refused but moved to %s", c.step, c.from, o.State)
			}
			continue
		}
		if o.State != c.to || ch.To != c.to || ch.From != c.from {
			t.Errorf("%s %s from %s: %s (%+v), want %s", c.side, c.step, c.from, o.State, ch, c.to)
		}
	}
}

// TestReturnRefused_R_L27: a return is only for items outside the duties; refused by the
// centre, the order goes back where it was, designated, and no return may be asked again.
func TestReturnRefused_R_L27(t *testing.T) {
	o := Order{State: Handling}
	if _, err := Apply(&o, Office, StepRequestReturn, Input{Note: "x", Reason: "too_busy"}, now); code(err) != invalid.OneOf {
		t.Errorf("a return for another reason: %v", err)
	}
	if _, err := Apply(&o, Office, StepRequestReturn, Input{Reason: OutsideDuties}, now); code(err) != invalid.Required {
		t.Errorf("a return without grounds: %v", err)
	}
	if _, err := Apply(&o, Office, StepRequestReturn, Input{Note: "物业纠纷", Reason: OutsideDuties}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(&o, Centre, StepRefuseReturn, Input{}, now); err != nil || o.State != Handling || !o.Designated {
		t.Fatalf("refused: %+v %v", o, err)
	}
	if slices.Contains(Allowed(Office, &o), StepRequestReturn) {
		t.Error("a designated order offers a return")
	}
	if _, err := Apply(&o, Office, StepRequestReturn, Input{Note: "再申请", Reason: OutsideDuties}, now); code(err) != CodeDesignated || o.State != Handling {
		t.Errorf("second return: %v, state %s", err, o.State)
	}
	d := Order{State: Signed}
	if _, err := Apply(&d, Centre, StepDesignate, Input{}, now); err != nil || !d.Designated {
		t.Fatal(err)
	}
	if _, err := Apply(&d, Office, StepRequestReturn, Input{Note: "x", Reason: OutsideDuties}, now); code(err) != CodeDesignated {
		t.Errorf("return after designation: %v", err)
	}
}

// TestRating: the rating is one of three, the score 1–5.
func TestRating(t *testing.T) {
	five, six := 5, 6
	for _, c := range []struct {
		in  Input
		err string
	}{
		{Input{Rating: Satisfied, Score: &five}, ""},
		{Input{Rating: "great"}, invalid.OneOf},
		{Input{Rating: Dissatisfied, Score: &six}, invalid.Format},
	} {
		o := Order{State: CalledBack}
		if _, err := Apply(&o, Centre, StepRate, c.in, now); code(err) != c.err {
			t.Errorf("%+v: %v, want %q", c.in, err, c.err)
		}
	}
}
