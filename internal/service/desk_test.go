package service

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/desk"
	"weiquan/internal/dispatch"
	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestCallerCard_R_P4_R_L25 (issue 14, point 2): the card of a ringing call shows the
// caller's earlier matters only within the operator's scope, masked as lists are, and a
// report only to those who may know its reporter; a call event without a number writes
// nothing; the matter taken from a call keeps the call.
func TestCallerCard_R_P4_R_L25(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 6, 16, 1, 30, 0, 0, time.UTC)
		svc := New(s, func() time.Time { return now })
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		city := dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
		must(svc.CreateArea(ctx, &city))
		a := dispatch.Area{ParentID: &city.ID, Name: "码头镇", Level: dispatch.Township, Kind: dispatch.KindTownship}
		must(svc.CreateArea(ctx, &a))
		b := dispatch.Area{ParentID: &city.ID, Name: "白杨镇", Level: dispatch.Township, Kind: dispatch.KindTownship}
		must(svc.CreateArea(ctx, &b))
		user := func(name string, role auth.Role, area *int64) auth.User {
			u := auth.User{Username: name, DisplayName: name, Role: role, AreaID: area, Active: true, Lang: "zh-CN"}
			must(svc.CreateUser(ctx, &u, "zhe-shi-ce-shi-mi-ma"))
			return u
		}
		root, opA, sup := user("root-op", auth.Operator, &city.ID), user("op-a", auth.Operator, &a.ID), user("sup", auth.Supervisor, &city.ID)
		med := user("med", auth.Mediator, &a.ID)
		const phone = "13800138000"
		in := func(k casework.Kind, area int64, merchant string) casework.IntakeInput {
			return casework.IntakeInput{Kind: k, Channel: casework.Hotline12315, AreaID: &area, MerchantName: merchant,
				Consumer: casework.Party{Name: "张三", Phone: phone, Address: "码头镇码头村3组"}, Facts: "事实"}
		}
		for _, x := range []casework.IntakeInput{in(casework.Complaint, a.ID, "好又多超市"), in(casework.Report, a.ID, "好又多超市"), in(casework.Complaint, b.ID, "白杨电器")} {
			_, err := svc.Intake(ctx, auth.As(&root), x)
			must(err)
		}
		// Bad input: no number, a withheld one — nothing written.
		for _, caller := range []string{"", "anonymous"} {
			_, err := svc.RecordCall(ctx, auth.System, desk.Event{CallID: "c-bad", Caller: caller, State: desk.Ringing, At: now})
			if fe, ok := invalid.As(err); !ok || !fe.Has("caller") {
				t.Errorf("caller %q: %v", caller, err)
			}
		}
		if _, err := s.Call(ctx, "c-bad"); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("a refused call was written: %v", err)
		}
		if _, err := svc.RecordCall(ctx, auth.As(&sup), desk.Event{CallID: "c-1", Caller: phone, State: desk.Ringing, At: now}); !errors.Is(err, ErrForbidden) {
			t.Errorf("a user reported a call: %v", err)
		}
		_, err := svc.RecordCall(ctx, auth.System, desk.Event{CallID: "c-1", Caller: "+86 13800138000", State: desk.Ringing, At: now, RecordingRef: "rec/1.wav"})
		must(err)

		card, err := svc.CallerCard(ctx, auth.As(&opA), "c-1")
		must(err)
		if len(card.Matters) != 1 || card.Matters[0].Kind != casework.Complaint || strings.Contains(card.Matters[0].Consumer.Phone, "0013") ||
			len(card.Merchants) != 1 || card.Merchants[0] != "好又多超市" {
			t.Errorf("operator of 码头镇: %+v", card)
		}
		if len(card.Deadlines[card.Matters[0].Number]) == 0 {
			t.Errorf("no open deadline on the card")
		}
		card, err = svc.CallerCard(ctx, auth.As(&sup), "c-1")
		must(err)
		if len(card.Matters) != 3 {
			t.Errorf("supervisor of the county sees %d, want 3", len(card.Matters))
		}
		if _, err := svc.CallerCard(ctx, auth.As(&med), "c-1"); !errors.Is(err, ErrForbidden) {
			t.Errorf("a mediator got the desk's card: %v", err)
		}

		ms, err := svc.IntakeCall(ctx, auth.As(&opA), in(casework.Complaint, a.ID, "好又多超市"), "c-1")
		must(err)
		c, _ := s.Call(ctx, "c-1")
		if c.MatterNumber != ms[0].Number {
			t.Errorf("call not kept on the matter: %+v", c)
		}
		if _, err := svc.IntakeCall(ctx, auth.As(&opA), in(casework.Complaint, a.ID, "x"), "c-1"); err == nil {
			t.Error("one call became two matters")
		}
		_, err = svc.RecordCall(ctx, auth.System, desk.Event{CallID: "c-1", Caller: phone, State: desk.Answered, At: now.Add(time.Minute)})
		must(err)
		_, tl, err := svc.Timeline(ctx, auth.System, ms[0].Number)
		must(err)
		var calls []string
		for _, e := range tl {
			if e.Action == casework.Call {
				calls = append(calls, e.Data["call_id"].(string))
				if r, ok := e.Data["recording_ref"]; ok && r != "rec/1.wav" {
					t.Errorf("recording: %v", r)
				}
			}
		}
		if len(calls) != 2 {
			t.Errorf("timeline call entries: %v", calls)
		}
	})
}
