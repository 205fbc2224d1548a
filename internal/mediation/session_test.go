package mediation

import (
	"strings"
	"testing"

	"weiquan/internal/casework"
)

// TestSession_R_L15: a session has a time, a place when on site, a meeting link when by video,
// and mediators cleared of conflicts (R-L16).
func TestSession_R_L15(t *testing.T) {
	now := at(t, "2026-05-08 10:00")
	decls := []Declaration{{MediatorID: 1, Relation: NoRelation}, {MediatorID: 2, Relation: NoRelation},
		{MediatorID: 3, Relation: CloseRelative, Detail: "被投诉人店主之兄"}}
	cases := []struct {
		name string
		m    casework.Matter
		s    Session
		want []string
	}{
		{"on site with place", complaint(t, casework.Accepted),
			Session{At: at(t, "2026-05-11 09:30"), Mode: OnSite, Place: "城关镇消费维权服务站", Mediators: []int64{1, 2}}, nil},
		{"video with https link", complaint(t, casework.Mediating),
			Session{At: at(t, "2026-05-11 09:30"), Mode: Video, MeetingLink: "https://meeting.example.cn/j/123", Mediators: []int64{1}}, nil},
		{"phone needs neither", complaint(t, casework.OnSite), Session{At: at(t, "2026-05-09 09:30"), Mode: Phone, Mediators: []int64{2}}, nil},
		{"on site without place", complaint(t, casework.Accepted),
			Session{At: at(t, "2026-05-11 09:30"), Mode: OnSite, Mediators: []int64{1}}, []string{"place:required"}},
		{"video with a plain-http or script link", complaint(t, casework.Accepted),
			Session{At: at(t, "2026-05-11 09:30"), Mode: Video, MeetingLink: "javascript:alert(1)", Mediators: []int64{1}}, []string{"meeting_link:format"}},
		{"in the past, no mediators, unknown mode", complaint(t, casework.Accepted),
			Session{At: at(t, "2026-05-08 09:00"), Mode: "dream"}, []string{"at:past", "mode:one_of", "mediators:required"}},
		{"a mediator with a conflict is refused (R-L16)", complaint(t, casework.Accepted),
			Session{At: at(t, "2026-05-11 09:30"), Mode: Phone, Mediators: []int64{1, 3}}, []string{"mediators:conflict_of_interest"}},
		{"a mediator who has not declared (R-L16)", complaint(t, casework.Accepted),
			Session{At: at(t, "2026-05-11 09:30"), Mode: Phone, Mediators: []int64{4}}, []string{"mediators:not_declared"}},
		{"after termination", complaint(t, casework.Terminated),
			Session{At: at(t, "2026-05-11 09:30"), Mode: Phone, Mediators: []int64{1}}, []string{"state:wrong_state"}},
	}
	for _, c := range cases {
		s := c.s
		want(t, c.name, ValidateSession(c.m, &s, decls, now), c.want...)
	}
}

// TestSessionNotice_R_L15: both parties are told before the session's date — by default by the
// end of the day before; a longer lead is the office's setting.
func TestSessionNotice_R_L15(t *testing.T) {
	s := Session{ID: 4, At: at(t, "2026-05-11 09:30")}
	n := func(side Side, sent string) Notice { return Notice{SessionID: 4, Side: side, SentAt: at(t, sent)} }
	def := DefaultSettings()
	three := def
	three.NoticeLeadDays = 3
	cases := []struct {
		name    string
		set     Settings
		notices []Notice
		want    []string
	}{
		{"both told the day before", def, []Notice{n(Complainant, "2026-05-10 23:59"), n(Respondent, "2026-05-08 10:00")}, nil},
		{"consumer told on the day is late", def, []Notice{n(Complainant, "2026-05-11 08:00"), n(Respondent, "2026-05-08 10:00")},
			[]string{"notice_complainant:no_notice"}},
		{"nobody told", def, nil, []string{"notice_complainant:no_notice", "notice_respondent:no_notice"}},
		{"a notice of another session does not count", def, []Notice{{SessionID: 5, Side: Complainant, SentAt: at(t, "2026-05-01 10:00")},
			n(Respondent, "2026-05-08 10:00")}, []string{"notice_complainant:no_notice"}},
		{"three days ahead: the 8th is in time", three, []Notice{n(Complainant, "2026-05-08 20:00"), n(Respondent, "2026-05-07 10:00")}, nil},
		{"three days ahead: the 9th is late", three, []Notice{n(Complainant, "2026-05-09 08:00"), n(Respondent, "2026-05-07 10:00")},
			[]string{"notice_complainant:no_notice"}},
	}
	for _, c := range cases {
		want(t, c.name, CheckNotices(s, c.notices, c.set), c.want...)
	}
	if got := NoticeBy(s.At, def); !got.Equal(at(t, "2026-05-11 00:00")) {
		t.Errorf("NoticeBy = %v", got)
	}
	text := NoticeText("zh-CN", "20260506-000007", Session{At: s.At, Mode: OnSite, Place: "城关镇服务站"}, []string{"张三", "王五"}, "某县消保委")
	for _, w := range []string{"20260506-000007", "2026-05-11 09:30", "现场调解", "城关镇服务站", "张三、王五"} {
		if !strings.Contains(text, w) {
			t.Errorf("notice text lacks %q: %s", w, text)
		}
	}
	text = NoticeText("en", "20260506-000007", Session{At: s.At, Mode: Video, MeetingLink: "https://m.example.cn/1"}, []string{"Zhang", "Wang"}, "Office")
	if !strings.Contains(text, "https://m.example.cn/1") || !strings.Contains(text, "Zhang, Wang") {
		t.Errorf("English notice: %s", text)
	}
}

// TestMinutes_R_L15: minutes are kept of each session held, once.
func TestMinutes_R_L15(t *testing.T) {
	now := at(t, "2026-05-11 12:00")
	s := Session{At: at(t, "2026-05-11 09:30")}
	want(t, "before the session day", ValidateMinutes(&s, at(t, "2026-05-10 09:30"), "x", nil, now), "held_at:conflict")
	want(t, "empty", ValidateMinutes(&s, at(t, "2026-05-11 09:30"), " ", nil, now), "minutes:required")
	want(t, "someone not a party present", ValidateMinutes(&s, at(t, "2026-05-11 09:30"), "x", []Side{"press"}, now), "present:not_party")
	want(t, "held", ValidateMinutes(&s, at(t, "2026-05-11 09:40"), "双方陈述…", Sides, now))
	want(t, "twice", ValidateMinutes(&s, at(t, "2026-05-11 09:40"), "again", Sides, now), "minutes:already")
}
