package service

import (
	"slices"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
)

// TestNeedToKnow_R_L25_R_P5 holds the need-to-know table of docs/SECURITY.md: who
// sees a consumer's personal data and a reporter's identity in full, who may show a
// field with a reason, and who never sees either.
func TestNeedToKnow_R_L25_R_P5(t *testing.T) {
	now := time.Date(2026, 6, 16, 10, 0, 0, 0, time.UTC)
	id := func(v int64) *int64 { return &v }
	const station, other, head = 7, 8, 99
	matter := func(k casework.Kind, created time.Duration) casework.Matter {
		return casework.Matter{Kind: k, StationID: id(station), AssigneeID: id(5), TakenBy: id(3), CreatedAt: now.Add(-created),
			Consumer: casework.Party{Name: "张三丰", Phone: "13812345678", Address: "湓城街道人民路8号", IDNumber: "360481199001011234"}}
	}
	user := func(uid int64, role auth.Role, st *int64) auth.Principal {
		return auth.As(&auth.User{ID: uid, Role: role, StationID: st})
	}
	all := RevealFields
	for _, tc := range []struct {
		name     string
		p        auth.Principal
		kind     casework.Kind
		age      time.Duration
		personal bool
		reporter bool
		reveal   []string
		merchant bool
	}{
		{"admin", user(1, auth.Admin, nil), casework.Report, 0, true, true, nil, false},
		{"supervisor of the area", user(2, auth.Supervisor, nil), casework.Report, 0, true, true, nil, false},
		{"assigned handler", user(5, auth.Mediator, id(station)), casework.Report, 0, true, true, nil, false},
		{"head of the matter's station", user(head, auth.Operator, id(other)), casework.Report, 0, true, true, nil, false},
		{"operator who took the report, call still on", user(3, auth.Operator, nil), casework.Report, 10 * time.Minute, true, true, nil, false},
		{"operator who took the report, next day", user(3, auth.Operator, nil), casework.Report, 24 * time.Hour, false, false, nil, false},
		{"mediator of the report's station, not assigned", user(6, auth.Mediator, id(station)), casework.Report, 0, false, false, nil, false},
		{"another operator of the area: no break-glass for reporters", user(4, auth.Operator, nil), casework.Report, 0, false, false, nil, false},
		{"judge elsewhere, report", user(6, auth.Judge, id(other)), casework.Report, 0, false, false, nil, false},
		{"operator who took the complaint", user(3, auth.Operator, nil), casework.Complaint, 24 * time.Hour, true, false, nil, false},
		{"mediator of the complaint's station", user(6, auth.Mediator, id(station)), casework.Complaint, 0, true, false, nil, false},
		{"judge of the complaint's station", user(6, auth.Judge, id(station)), casework.Complaint, 0, true, false, nil, false},
		{"mediator of another station: break-glass", user(6, auth.Mediator, id(other)), casework.Complaint, 0, false, false, all, false},
		{"another operator: break-glass", user(4, auth.Operator, nil), casework.Inquiry, 0, false, false, all, false},
		{"merchant", user(20, auth.Merchant, nil), casework.Complaint, 0, false, false, nil, true},
		{"liaison", user(21, auth.Liaison, nil), casework.Complaint, 0, false, false, nil, false},
		{"the public", auth.Anonymous("203.0.113.9:5000"), casework.Complaint, 0, false, false, nil, false},
		{"an API client", auth.Principal{APIKeyID: 1}, casework.Complaint, 0, false, false, nil, false},
		{"the office's own tools", auth.System, casework.Report, 0, true, true, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := &viewer{p: tc.p, heads: map[int64]bool{}, now: now}
			if tc.p.UserID() == head {
				v.heads[station] = true
			}
			m := matter(tc.kind, tc.age)
			sg := v.sight(&m)
			if sg.Personal != tc.personal || sg.Reporter != tc.reporter || sg.Merchant != tc.merchant || !slices.Equal(sg.Reveal, tc.reveal) {
				t.Fatalf("sight %+v, want personal=%v reporter=%v reveal=%v merchant=%v", sg, tc.personal, tc.reporter, tc.reveal, tc.merchant)
			}
			got := maskMatter(m, sg, false)
			if tc.personal != (got.Consumer.Phone == m.Consumer.Phone) || tc.personal != (got.Consumer.Address == m.Consumer.Address) ||
				tc.personal != (got.Consumer.IDNumber == m.Consumer.IDNumber) {
				t.Errorf("personal data shown = %v, want %v: %+v", got.Consumer.Phone == m.Consumer.Phone, tc.personal, got.Consumer)
			}
			nameShown := got.Consumer.Name == m.Consumer.Name
			if want := !tc.merchant && (tc.kind != casework.Report || tc.reporter); nameShown != want {
				t.Errorf("name shown = %v, want %v (%q)", nameShown, want, got.Consumer.Name)
			}
			if list := maskMatter(m, sg, true); list.Consumer.Phone == m.Consumer.Phone || list.Consumer.IDNumber == m.Consumer.IDNumber {
				t.Errorf("a list shows personal data in full: %+v", list.Consumer)
			}
		})
	}
}

// TestMerchantViewHidesTheOffice_R_L25: a merchant's view of its complaint carries no
// id (ids would show where reports are), no linked report, no office people, no
// locations, and the consumer's own data typed into the facts is masked.
func TestMerchantViewHidesTheOffice_R_L25(t *testing.T) {
	id := func(v int64) *int64 { return &v }
	lat := 29.6
	m := casework.Matter{ID: 41, Kind: casework.Complaint, LinkedID: id(42), TakenBy: id(3), AssigneeID: id(5), SourceID: "L-1",
		AreaText: "西湖小区5栋", Lat: &lat, Lng: &lat, ArrivedLat: &lat, ArrivedLng: &lat,
		Consumer: casework.Party{Name: "欧阳娜娜", Phone: "13912345678"},
		Facts:    "欧阳娜娜，电话13912345678，在店里买到过期奶粉", Request: "退款，联系13912345678"}
	got := maskMatter(m, Sight{Merchant: true}, false)
	if got.ID != 0 || got.LinkedID != nil || got.TakenBy != nil || got.AssigneeID != nil || got.SourceID != "" || got.AreaText != "" ||
		got.Lat != nil || got.ArrivedLat != nil {
		t.Fatalf("merchant view keeps office data: %+v", got)
	}
	if got.Consumer.Name != "欧阳**" || got.Consumer.Phone != "139****5678" {
		t.Fatalf("consumer %+v", got.Consumer)
	}
	for _, s := range []string{got.Facts, got.Request} {
		if slices.ContainsFunc([]string{"欧阳娜娜", "13912345678"}, func(secret string) bool { return strings.Contains(s, secret) }) {
			t.Fatalf("free text shows the consumer: %q", s)
		}
	}
	evs := []casework.Event{
		{ID: 100, Action: casework.Intake, ActorName: "王坐席", Data: map[string]any{"linked_number": "JB20260616-000001"}},
		{ID: 101, Action: casework.Note, Note: "举报人系该店前员工"},
		{ID: 102, Action: casework.RecordClue, Note: "疑似无证经营"},
		{ID: 103, Action: casework.Accept, ActorName: "王坐席", Note: "材料齐全"},
	}
	out := maskEvents(&m, evs, Sight{Merchant: true})
	if len(out) != 2 || out[0].Action != casework.Intake || out[1].Action != casework.Accept {
		t.Fatalf("merchant timeline %+v", out)
	}
	for _, ev := range out {
		if ev.ID != 0 || ev.ActorName != "" || ev.Note != "" || ev.Data != nil {
			t.Fatalf("merchant event keeps office data: %+v", ev)
		}
	}
}

// TestCorrectionsMaskedInTimeline_R_P5: a correction of a phone shows old and new
// masked to staff who may not see them, and a reporter's name to those who may not know it.
func TestCorrectionsMaskedInTimeline_R_P5(t *testing.T) {
	m := casework.Matter{Kind: casework.Report}
	ev := casework.Event{Action: casework.Update, Data: map[string]any{"changes": map[string]any{
		"consumer_phone": []any{"13812345678", "13912345678"}, "consumer_name": []any{"张三", "张三丰"}, "facts": []any{"a", "b"}}}}
	out := maskEvents(&m, []casework.Event{ev}, Sight{})
	ch := out[0].Data["changes"].(map[string]any)
	if p := ch["consumer_phone"].([]any); p[0] != "138****5678" || p[1] != "139****5678" {
		t.Fatalf("phone %v", p)
	}
	if n := ch["consumer_name"].([]any); n[0] != "张*" || n[1] != "张**" {
		t.Fatalf("reporter name %v", n)
	}
	if f := ch["facts"].([]any); f[1] != "b" {
		t.Fatalf("facts %v", f)
	}
	orig := ev.Data["changes"].(map[string]any)["consumer_phone"].([]any)
	if orig[0] != "13812345678" {
		t.Fatal("masking changed the stored event")
	}
	full := maskEvents(&m, []casework.Event{ev}, Sight{Personal: true, Reporter: true})
	if p := full[0].Data["changes"].(map[string]any)["consumer_phone"].([]any); p[0] != "13812345678" {
		t.Fatalf("full sight masked %v", p)
	}
}
