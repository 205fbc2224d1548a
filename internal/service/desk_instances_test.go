package service

import (
	"context"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/desk"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestCallsReachEveryInstance: with several instances of the office on one PostgreSQL, a
// call the SIP user agent reports to one instance pops on the desks of every instance,
// once each; a call signalled in another schema (another office on the same server) does not.
func TestCallsReachEveryInstance(t *testing.T) {
	u := testdb.PostgresURL(t)
	ctx := context.Background()
	open := func(url string) *Service {
		st, err := store.Open(ctx, store.Options{URL: url})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return New(st, time.Now)
	}
	a, b := open(u), open(u)
	other := open(testdb.PostgresURL(t))
	op := auth.User{Username: "op", DisplayName: "坐席", Role: auth.Operator, Active: true, Lang: "zh-CN"}
	if err := a.CreateUser(ctx, &op, "zhe-shi-ce-shi-mi-ma"); err != nil {
		t.Fatal(err)
	}
	watch := func(s *Service) (<-chan desk.Call, func()) {
		ch, stop, err := s.WatchCalls(auth.As(&op))
		if err != nil {
			t.Fatal(err)
		}
		return ch, stop
	}
	chA, stopA := watch(a)
	defer stopA()
	chB, stopB := watch(b)
	defer stopB()
	chO, stopO := watch(other)
	defer stopO()

	if _, err := other.RecordCall(ctx, auth.System, desk.Event{CallID: "elsewhere-1", Caller: "13900000000", State: desk.Ringing, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.RecordCall(ctx, auth.System, desk.Event{CallID: "call-1", Caller: "sip:13800138000@pbx", State: desk.Ringing, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	for name, ch := range map[string]<-chan desk.Call{"the instance that took the event": chA, "the other instance": chB} {
		select {
		case c := <-ch:
			if c.CallID != "call-1" || c.Caller != "13800138000" || c.State != desk.Ringing {
				t.Errorf("%s: %+v", name, c)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: no pop", name)
		}
	}
	select {
	case c := <-chO:
		if c.CallID != "elsewhere-1" {
			t.Errorf("the other office's desk popped another office's call: %+v", c)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the other office's own call did not pop")
	}
	// Once each: nothing more arrives on any desk.
	time.Sleep(300 * time.Millisecond)
	for name, ch := range map[string]<-chan desk.Call{"A": chA, "B": chB, "other": chO} {
		select {
		case c := <-ch:
			t.Errorf("%s got a second pop: %+v", name, c)
		default:
		}
	}
}
