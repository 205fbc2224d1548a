package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/deadline"
)

// TestJointMeetingForms_C7: a head records a joint meeting on the web — the departments
// present (two at least: one is refused, nothing written), the matter discussed, a decision on
// it with owner and due date that runs as the matter's clock — marks the decision carried out
// (the clock met) and prints the minutes.
func TestJointMeetingForms_C7(t *testing.T) {
	c := fixture(t)
	ctx := context.Background()
	m := c.intake(t, c.operator, casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &c.pencheng.ID,
		Consumer: casework.Party{Name: "李四", Phone: "13900139000", Address: "湓城街道八一路2号"}, MerchantID: &c.haoyouduo.ID, Facts: "健身房停业", Request: "退费"})[0]
	sup := c.as(t, c.supervisor.Username)
	r := sup.get("/meetings")
	if r.status != 200 || !strings.Contains(r.body, `id="record-meeting"`) {
		t.Fatalf("meetings page: %d", r.status)
	}
	due := dateOf(c.now).AddDays(14).String()
	form := url.Values{"title": {"预付式消费纠纷联席会议"}, "held_on": {dateOf(c.now).String()}, "place": {"市市场监管局三楼会议室"},
		"departments": {"市市场监管局"}, "matters": {m.Number}, "minutes": {"通报健身房停业跑路情况。\n公安机关介入调查。"},
		"decision_text": {"核查经营者去向", "", ""}, "decision_owner": {"市公安局", "", ""}, "decision_due": {due, "", ""}, "decision_number": {m.Number, "", ""}}
	if r = sup.post("/meetings", form); r.status != 422 || !strings.Contains(r.body, `id="banner"`) {
		t.Fatalf("one department: %d", r.status)
	}
	if list, _ := c.st.Meetings(ctx); len(list) != 0 {
		t.Fatal("a meeting was written despite the refusal")
	}
	form.Set("departments", "市市场监管局、市公安局、市人民法院")
	r = sup.post("/meetings", form)
	if r.status != 303 || !strings.HasPrefix(r.location, "/meetings/") {
		t.Fatalf("record: %d %s", r.status, r.body)
	}
	page := sup.get(r.location)
	if page.status != 200 || !strings.Contains(page.body, "核查经营者去向") || !strings.Contains(page.body, "市人民法院") {
		t.Fatalf("meeting page: %d", page.status)
	}
	rows, _ := c.st.MatterDeadlines(ctx, m.ID)
	running := func() bool {
		rows, _ = c.st.MatterDeadlines(ctx, m.ID)
		for _, d := range rows {
			if d.Kind == deadline.MeetingDecision && d.Status == deadline.Running && d.DueDate.String() == due {
				return true
			}
		}
		return false
	}
	if !running() {
		t.Fatalf("no running decision clock on %s: %+v", m.Number, rows)
	}
	list, _ := c.st.Meetings(ctx)
	dec := list[0].Decisions[0]
	done := r.location + "/decisions/" + itoa(dec.ID) + "/done"
	if r := sup.post(done, url.Values{"note": {"已查明经营者下落"}}); r.status != 303 {
		t.Fatalf("done: %d", r.status)
	}
	if running() {
		t.Fatal("the decision clock still runs after it was carried out")
	}
	if r := sup.post(done, url.Values{}); r.status != 409 {
		t.Fatalf("done twice: %d", r.status)
	}
	minutes := sup.get(r.location + "/minutes")
	if minutes.status != 200 || !strings.Contains(minutes.body, "联席会议纪要") || !strings.Contains(minutes.body, "核查经营者去向") || minutes.header.Get("X-Content-SHA256") == "" {
		t.Fatalf("minutes: %d", minutes.status)
	}
	if again := sup.get(r.location + "/minutes"); again.body != minutes.body {
		t.Fatal("a reprint of the minutes differs")
	}
}

// TestIncomingReferralForm_C7: a matter another department refers is registered on the web —
// without what the department asks it is refused, nothing written — and becomes a matter from
// a department with the referral on its court page.
func TestIncomingReferralForm_C7(t *testing.T) {
	c := fixture(t)
	op := c.as(t, c.operator.Username)
	if r := op.get("/referrals/new"); r.status != 200 || !strings.Contains(r.body, `id="receive-referral"`) {
		t.Fatalf("form: %d", r.status)
	}
	form := url.Values{"department": {"other_bureau"}, "department_name": {"瑞昌市文化广电新闻出版旅游局"}, "kind": {"complaint"},
		"consumer_name": {"陶文斌"}, "consumer_phone": {"13767920908"}, "consumer_address": {"桂林街道滨江路12号"},
		"merchant_name": {"某国际旅行社"}, "merchant_address": {"人民路66号"}, "facts": {"一日游强制购物 1,200 元"}, "request": {"退还购物款"}}
	before := c.matterCount(t)
	if r := op.post("/referrals/new", form); r.status != 422 || !strings.Contains(r.body, `id="f-ref-request"`) {
		t.Fatalf("without the ask: %d", r.status)
	}
	if c.matterCount(t) != before {
		t.Fatal("a matter was written despite the refusal")
	}
	form.Set("ref_request", "游客投诉旅行社强制购物，转请调解")
	r := op.post("/referrals/new", form)
	if r.status != 303 || !strings.HasSuffix(r.location, "/court") {
		t.Fatalf("register: %d %s", r.status, r.location)
	}
	n := strings.TrimSuffix(strings.TrimPrefix(r.location, "/matters/"), "/court")
	if m := c.matter(t, n); m.Channel != casework.TransferDepartment {
		t.Fatalf("channel %s", m.Channel)
	}
	if page := op.get(r.location); !strings.Contains(page.body, "游客投诉旅行社强制购物") {
		t.Fatal("the referral is not on the court page")
	}
}

// TestMeetingDecisionOverdue: a decision past its due date and not carried out shows as overdue
// on the meeting's page, even one tied to no matter (and so to no matter's clock).
func TestMeetingDecisionOverdue(t *testing.T) {
	c := fixture(t)
	ctx := context.Background()
	mt, err := c.svc.RecordMeeting(ctx, auth.As(&c.supervisor), court.Meeting{HeldOn: dateOf(c.now), Title: "联席会议", Departments: []string{"市场监管局", "公安局"},
		Minutes: "通报。", Decisions: []court.MeetingDecision{{Text: "排查预付卡商户", Owner: "市场监管局", DueOn: dateOf(c.now).AddDays(3)}}})
	if err != nil {
		t.Fatal(err)
	}
	sup := c.as(t, c.supervisor.Username)
	id := itoa(mt.Decisions[0].ID)
	if r := sup.get("/meetings/" + itoa(mt.ID)); strings.Contains(r.body, `id="overdue-`+id+`"`) {
		t.Fatal("overdue before its due date")
	}
	c.now = c.now.AddDate(0, 0, 4)
	sup = c.as(t, c.supervisor.Username) // a new day, a new session
	if r := sup.get("/meetings/" + itoa(mt.ID)); !strings.Contains(r.body, `id="overdue-`+id+`"`) {
		t.Fatal("not shown overdue after its due date")
	}
}
