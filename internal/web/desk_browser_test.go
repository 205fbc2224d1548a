package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/desk"
	"weiquan/internal/sipua"
	"weiquan/internal/sipua/siptest"
	"weiquan/internal/testdb"
)

// TestDeskKnowsTheCaller (issue 14, point 2, done when): sipp places a call as the PBX forks
// it to the desk's extension; weiquan's SIP user agent reports it, and the operator's intake
// page — told through server-sent events — pops the caller's card: the earlier matter of
// that number within the operator's scope, its open deadline, the merchant involved. One
// click puts the number and the call in the form; the matter taken keeps the call's id,
// times and recording reference. The call is answered at the desk (CANCEL, completed elsewhere).
func TestDeskKnowsTheCaller(t *testing.T) {
	siptest.Sipp(t)
	root := startBrowser(t)
	s := testdb.SQLite(t)
	c := newCounty(t, s)
	earlier := c.intake(t, c.operator, complaintIn(c))[0]

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	report := func(ctx context.Context, e desk.Event) error {
		_, err := c.svc.RecordCall(ctx, auth.System, e)
		return err
	}
	ua, err := sipua.New(sipua.Config{Listen: "127.0.0.1:0", Extension: "12315"}, report, c.svc.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := ua.Listen(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = ua.Serve(ctx) }()

	op := c.tab(t, root, 1366, 900, false)
	op.signIn("zuoxi")
	op.open("/intake", 200)
	if !strings.Contains(op.eval(`document.getElementById("call-pop").hidden ? "hidden" : "shown"`), "hidden") {
		t.Fatal("a card is shown before any call")
	}

	call := siptest.Command(ctx, t, siptest.Call{To: ua.Addr(), Caller: "+86 138 0013 8000", Recording: "rec/2026/desk-0001.wav",
		Ring: 4 * time.Second, Answered: true})
	var sippOut strings.Builder
	call.Stdout, call.Stderr = &sippOut, &sippOut
	if err := call.Start(); err != nil {
		t.Fatal(err)
	}
	wait, stop := context.WithTimeout(op.ctx, 20*time.Second)
	defer stop()
	if _, err := chromedp.Run(wait, chromedp.WaitVisible(chromedp.CSS("#call-card"))); err != nil {
		t.Fatalf("the card did not pop: %v\nsipp: %s", err, sippOut.String())
	}
	card := op.text("#call-card")
	for _, want := range []string{"13800138000", earlier.Number, "好又多", "受理决定", "用此号码登记", "rec/2026/desk-0001.wav"} {
		if !strings.Contains(card, want) {
			t.Errorf("the card lacks %q:\n%s", want, card)
		}
	}
	op.shot("desk-call-pop")
	op.do(chromedp.Click(chromedp.CSS("#take-call")))
	if v := op.value("#f-consumer-phone"); v != "13800138000" {
		t.Errorf("the phone in the form: %q", v)
	}
	op.typeIn("#f-consumer-name", "张三")
	op.typeIn("#f-facts", "再次来电：电饭煲仍未退货")
	op.submit("#intake-submit", 200)
	if err := call.Wait(); err != nil {
		t.Fatalf("sipp: %v\n%s", err, sippOut.String())
	}
	number := strings.TrimPrefix(strings.SplitN(op.eval("location.pathname"), "?", 2)[0], "/intake/")
	_, tl, err := c.svc.Timeline(context.Background(), auth.Principal{System: true}, number)
	if err != nil {
		t.Fatalf("timeline of %s: %v", number, err)
	}
	var seen []string
	for _, e := range tl {
		if e.Action == casework.Call {
			seen = append(seen, e.Data["call_id"].(string))
			if e.Data["recording_ref"] != nil && e.Data["recording_ref"] != "rec/2026/desk-0001.wav" {
				t.Errorf("recording: %v", e.Data["recording_ref"])
			}
		}
	}
	if len(seen) == 0 {
		t.Fatalf("the matter %s keeps no call", number)
	}
	kept, err := c.st.Call(context.Background(), seen[0])
	if err != nil || kept.MatterNumber != number || kept.RecordingRef != "rec/2026/desk-0001.wav" {
		t.Errorf("call kept: %+v %v", kept, err)
	}
	if kept.AnsweredAt == nil && kept.State != desk.Answered {
		// the PBX may cancel after the save; wait for the user agent's report
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) && (kept.AnsweredAt == nil) {
			time.Sleep(100 * time.Millisecond)
			kept, _ = c.st.Call(context.Background(), seen[0])
		}
	}
	if kept.AnsweredAt == nil || kept.State != desk.Answered {
		t.Errorf("the call was answered at the desk: %+v", kept)
	}
}
