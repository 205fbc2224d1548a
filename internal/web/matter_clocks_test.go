package web_test

import (
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestCaseDeadlines: the case page shows staff every clock of the matter — running with its
// countdown and rule, met, paused — and shows merchants none.
func TestCaseDeadlines(t *testing.T) {
	c := fixture(t)
	sc := c.clockScene(t, c.now)
	for _, x := range []scenario{
		{name: "a new complaint's acceptance clock", user: "zuoxi", path: "/matters/" + sc.waiting, status: 200,
			contains: []string{`id="deadlines"`, "受理决定", "R-L6", `class="tag tag-dl-running"`, "计时中", "data-due=", "24:00"}},
		{name: "kept promise and paused mediation", user: "fuzeren", path: "/matters/" + sc.paused, status: 200,
			contains: []string{`class="tag tag-dl-paused"`, "自 2026-06-11", `class="tag tag-dl-met"`}},
		{name: "a promise met late", user: "fuzeren", path: "/matters/" + sc.late, status: 200,
			contains: []string{"到场承诺", `class="tag tag-dl-late"`, "逾期完成"}},
		{name: "an overdue report", user: "fuzeren", path: "/matters/" + sc.overdueReport, status: 200,
			contains: []string{"举报核查", `class="tag tag-dl-overdue"`, "due-over", "24:00", "已超期"}},
		{name: "merchants see no clocks", user: "haoyouduo", path: "/matters/" + sc.kept, status: 200, lacks: []string{`id="deadlines"`, "R-L6"}},
		{name: "the timeline says what the clocks did", user: "fuzeren", path: "/matters/" + sc.kept, status: 200,
			contains: []string{"受理决定</dt><dd>已完成", "调解期限</dt><dd>开始计时，", "到场承诺</dt><dd>已完成"}, lacks: []string{`{"`, "place_of_business"}},
		{name: "the timeline of an escalation by the scanner", user: "fuzeren", path: "/matters/" + sc.missed, status: 200,
			contains: []string{"期限已超", "<dt>期限</dt><dd>到场承诺", "升级处理", "未按时到场", "县（市、区）"}, lacks: []string{`[&#34;`}},
	} {
		x.run(t, c)
	}
}

// TestClockActionForms_R_S3_R_L16_R_L22_R_L24: the clock actions have proper fields — a
// select of the reasons casework accepts, the note named for what it holds, the earlier
// report's number — and their mistakes show in the form; pointless actions are not offered.
func TestClockActionForms_R_S3_R_L16_R_L22_R_L24(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		sc := c.clockScene(t, c.now)
		kept := "/matters/" + sc.kept
		for _, x := range []scenario{
			{name: "escalate asks for a reason and the grounds", user: "fuzeren", path: kept, status: 200,
				contains: []string{`id="f-reason-code-escalate"`, `<option value="request">工作人员申请</option>`, `<option value="mediation_failed">本级调解不成</option>`,
					`<label for="f-note-escalate">升级理由 <span class="req"`, "只升不降（R-S3）"}},
			{name: "pause offers testing and recusal", user: "fuzeren", path: kept, status: 200,
				contains: []string{`id="f-reason-code-pause"`, "检测、检验、鉴定", "回避申请", "R-L16、R-L17"}},
			{name: "no 12345 reply on a hotline complaint", user: "fuzeren", path: kept, status: 200, lacks: []string{`id="act-reply_12345"`}},
			{name: "no extension before a clue", user: "fuzeren", path: kept, status: 200, contains: []string{`id="act-record_clue"`}, lacks: []string{`id="act-extend_verification"`, `id="act-conclude_clue"`}},
			{name: "merge asks for the earlier report", user: "zuoxi", path: "/matters/" + sc.report, status: 200,
				contains: []string{`id="act-merge"`, `name="into"`, `name="new_facts"`, "重新起算（R-L24）"}},
			{name: "escalate without grounds", user: "fuzeren", method: "POST", path: kept + "/actions/escalate",
				form: url.Values{"reason_code": {"mediation_failed"}}, status: 422,
				contains: []string{`id="action-escalate" open`, "升级理由为必填项", `<option value="mediation_failed" selected>`}},
			{name: "pause without a reason", user: "fuzeren", method: "POST", path: kept + "/actions/pause", form: url.Values{"note": {"送检"}}, status: 422,
				contains: []string{`id="action-pause" open`, "中止原因为必填项"}, lacks: []string{"testing, recusal"}},
			{name: "merge into an unknown report", user: "zuoxi", method: "POST", path: "/matters/" + sc.report + "/actions/merge",
				form: url.Values{"into": {"20200101-000001"}}, status: 422, contains: []string{`id="action-merge" open`, `id="f-into-err"`, `value="20200101-000001"`}},
			{name: "merge without a number", user: "zuoxi", method: "POST", path: "/matters/" + sc.report + "/actions/merge",
				form: url.Values{}, status: 422, contains: []string{"并入的举报编号为必填项"}},
		} {
			x.run(t, c)
		}
		b := c.as(t, "fuzeren")
		if r := b.post(kept+"/actions/escalate", url.Values{"reason_code": {"mediation_failed"}, "note": {"双方分歧大，提请县级处理"}}); r.status != 303 {
			t.Fatalf("escalate: %d %.300s", r.status, r.body)
		}
		page := b.get(kept).body
		for _, want := range []string{"双方分歧大，提请县级处理", "<dt>理由</dt><dd>本级调解不成", "<dt>层级</dt><dd>乡镇/街道 → 县（市、区）"} {
			if !strings.Contains(page, want) {
				t.Errorf("after escalating, the timeline lacks %q", want)
			}
		}
		if strings.Contains(page, `id="act-escalate"`) {
			t.Error("escalation is still offered at the county")
		}
		// Pause with a reason code: the mediation clock stands still.
		if r := b.post(kept+"/actions/pause", url.Values{"reason_code": {"recusal"}}); r.status != 303 {
			t.Fatalf("pause: %d %.300s", r.status, r.body)
		}
		if page := b.get(kept).body; !strings.Contains(page, `class="tag tag-dl-paused"`) || !strings.Contains(page, "<dt>理由</dt><dd>回避申请") {
			t.Error("the paused clock or its reason is not shown")
		}
		if r := b.post(kept+"/actions/resume", url.Values{}); r.status != 422 || !strings.Contains(r.body, "检测结果或回避决定为必填项") {
			t.Errorf("resume without the decision: %d", r.status)
		}
		// A violation clue, its one extension (R-L22), and a second one refused in the open form.
		if r := b.post(kept+"/actions/resume", url.Values{"note": {"回避申请已驳回"}}); r.status != 303 {
			t.Fatalf("resume: %d", r.status)
		}
		if r := b.post(kept+"/actions/record_clue", url.Values{"note": {"超市涉嫌销售不合格电饭煲"}}); r.status != 303 {
			t.Fatalf("record clue: %d %.300s", r.status, r.body)
		}
		page = b.get(kept).body
		if !strings.Contains(page, `id="act-extend_verification"`) || !strings.Contains(page, "违法线索核查") || !strings.Contains(page, `id="f-reason-code-conclude_clue"`) {
			t.Error("after a clue: no extension form, no clue clock or no conclusion select")
		}
		if r := b.post(kept+"/actions/extend_verification", url.Values{"note": {"局长批准延长"}}); r.status != 303 {
			t.Fatalf("extend: %d %.300s", r.status, r.body)
		}
		if r := b.post(kept+"/actions/extend_verification", url.Values{"note": {"再次延长"}}); r.status != 422 || !strings.Contains(r.body, "延长期限已记录，不能重复") {
			t.Errorf("a second extension: %d", r.status)
		}
		// Merge a later report into the earlier one, with new facts: the earlier one restarts (R-L24).
		op := c.as(t, "zuoxi")
		if r := op.post("/matters/"+sc.report+"/actions/merge", url.Values{"into": {" " + sc.overdueReport + " "}, "new_facts": {"1"}}); r.status != 303 {
			t.Fatalf("merge: %d %.400s", r.status, r.body)
		}
		if page := op.get("/matters/" + sc.report).body; !strings.Contains(page, `<a href="/matters/`+sc.overdueReport+`">`+sc.overdueReport) || !strings.Contains(page, "有新事实</dt><dd>是") {
			t.Error("the merge is not in the later report's timeline with a link")
		}
		if page := op.get("/matters/" + sc.overdueReport).body; !strings.Contains(page, "重新起算") {
			t.Error("the earlier report's verification did not restart")
		}
	})
}

// TestReplyFormOn12345: a matter transferred from 12345 offers the reply with its content required (R-L27).
func TestReplyFormOn12345(t *testing.T) {
	c := fixture(t)
	in := complaintIn(c)
	in.Channel = casework.Transfer12345
	m := c.intake(t, c.operator, in)[0]
	b := c.as(t, "zuoxi")
	if page := b.get("/matters/" + m.Number).body; !strings.Contains(page, `id="act-reply_12345"`) || !strings.Contains(page, "回复 12345 的内容") {
		t.Fatal("no reply form on a 12345 transfer")
	}
	if r := b.post("/matters/"+m.Number+"/actions/reply_12345", url.Values{}); r.status != 422 || !strings.Contains(r.body, "回复 12345 的内容为必填项") {
		t.Fatalf("reply without content: %d", r.status)
	}
	if r := b.post("/matters/"+m.Number+"/actions/reply_12345", url.Values{"note": {"已受理，正在调解"}}); r.status != 303 {
		t.Fatalf("reply: %d", r.status)
	}
}
