package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/money"
)

// TestCaseActions walks a complaint through the case page's forms: inline
// errors keep what was typed, refused transitions show a banner, and each
// action appears in the timeline with what it carried.
func TestCaseActions(t *testing.T) {
	c := fixture(t)
	city, _, _ := c.matters(t)
	m := "/matters/" + city.Number
	op, sup, med := c.as(t, "zuoxi"), c.as(t, "fuzeren"), c.as(t, "tiaojie1")
	for _, sc := range []struct {
		name   string
		b      *client
		action string
		form   url.Values
		status int
		want   []string
	}{
		{"reject needs a reason", sup, "reject", url.Values{"note": {"材料不全"}}, 422, []string{`id="f-reason-reject"`, "理由只能是", "材料不全"}},
		{"operator may not reject", op, "reject", url.Values{"reason_code": {"R16-5"}}, 403, nil},
		{"check in before dispatch is refused", med, "check_in", nil, 409, []string{`id="banner"`, "当前状态（已登记）下不能执行“到场签到”"}},
		{"an unknown action", op, "fly", nil, 422, nil},
		{"accept", op, "accept", url.Values{"note": {"材料齐全"}}, 303, nil},
		{"dispatch needs a station", op, "dispatch", url.Values{}, 422, []string{"服务站为必填项"}},
		{"dispatch to a station that does not exist", op, "dispatch", url.Values{"station_id": {"999"}}, 422, []string{"服务站不存在"}},
		{"dispatch", op, "dispatch", url.Values{"station_id": {itoa(c.stPencheng.ID)}, "assignee_id": {itoa(c.mediatorPC.ID)}}, 303, nil},
		{"check in without a position", med, "check_in", url.Values{"lat": {""}, "lng": {""}}, 303, nil},
		{"mediation needs both consents (R-L14)", med, "start_mediation", nil, 422, []string{"投诉人"}},
		{"the consumer consents by phone", op, "/consents", url.Values{"side": {"complainant"}, "method": {"phone"}, "said": {"同意调解"}}, 303, nil},
		{"the merchant consents by phone", op, "/consents", url.Values{"side": {"respondent"}, "method": {"phone"}, "said": {"同意"}}, 303, nil},
		{"a consent twice is a clash", op, "/consents", url.Values{"side": {"respondent"}, "method": {"phone"}, "said": {"同意"}}, 409, nil},
		{"start mediation", med, "start_mediation", nil, 303, nil},
		{"agreement needs an amount", med, "agree", url.Values{"recovered_amount": {"很多"}}, 422, []string{`id="f-recovered-amount-err"`, `value="很多"`}},
		{"agreement", med, "agree", url.Values{"recovered_amount": {"¥1,299.00"}, "note": {"商家同意退货退款"}}, 303, nil},
		{"a note needs text", med, "note", url.Values{"note": {" "}}, 422, []string{"备注为必填项"}},
		{"a note", med, "note", url.Values{"note": {"已电话告知消费者"}}, 303, nil},
		{"the 12315 number", op, "set_platform_no", url.Values{"platform_no": {"3604812026061600012"}}, 303, nil},
		{"correct the details", op, "update", url.Values{"consumer_address": {"湓城街道西湖社区 5 栋"}, "category": {"goods"}, "needs_visit_shown": {"1"}}, 303, nil},
		{"a correction that changes nothing", op, "update", url.Values{"category": {"goods"}}, 422, []string{"修改内容为必填项"}},
		{"closing needs the 调解记录 (R-L20)", sup, "close", nil, 409, []string{"调解记录"}},
		{"the 调解记录 is issued", med, "/documents", url.Values{"kind": {"mediation_record"}}, 303, nil},
		{"close", sup, "close", nil, 303, nil},
	} {
		path := m + "/actions/" + sc.action
		if strings.HasPrefix(sc.action, "/") {
			path = m + sc.action
		}
		r := sc.b.post(path, sc.form)
		if r.status != sc.status {
			t.Fatalf("%s: status %d, want %d\n%.800s", sc.name, r.status, sc.status, r.body)
		}
		if sc.status == 303 && !strings.HasPrefix(sc.action, "/") && r.location != m+"?done="+sc.action+"#timeline" {
			t.Errorf("%s: redirect %q", sc.name, r.location)
		}
		for _, w := range sc.want {
			if !strings.Contains(r.body, w) {
				t.Errorf("%s: page lacks %q", sc.name, w)
			}
		}
	}
	got := c.matter(t, city.Number)
	if got.State != casework.Closed || got.Recovered != money.Fen(129900) || got.PlatformNo != "3604812026061600012" ||
		got.Consumer.Address != "湓城街道西湖社区 5 栋" || got.Category != casework.Goods || got.ArrivedAt == nil {
		t.Fatalf("after the actions: %+v", got)
	}
	page := op.get(m + "?done=close").body
	for _, want := range []string{"已完成：办结", "湓城街道消费维权服务站", "刘调解", "¥1,299.00", "商家同意退货退款", "已电话告知消费者",
		"3604812026061600012", "湓城街道西湖社区 3 栋 → 湓城街道西湖社区 5 栋", "调解成功 → 已办结", "材料齐全"} {
		if !strings.Contains(page, want) {
			t.Errorf("case page lacks %q", want)
		}
	}
}

// TestTerminateWithTCode: termination needs a T-code of the matter's rule set.
func TestTerminateWithTCode(t *testing.T) {
	c := fixture(t)
	city, _, _ := c.matters(t)
	c.act(t, c.operator, city.Number, casework.Accept, casework.ActionInput{})
	c.act(t, c.mediatorPC, city.Number, casework.StartMediation, casework.ActionInput{})
	b := c.as(t, "tiaojie1")
	page := b.get("/matters/" + city.Number).body
	if !strings.Contains(page, `id="act-terminate"`) || !strings.Contains(page, "T3 经组织调解") {
		t.Fatal("no termination form with the Order 121 T-codes")
	}
	if r := b.post("/matters/"+city.Number+"/actions/terminate", url.Values{"reason_code": {"T3"}}); r.status != 303 {
		t.Fatalf("terminate: %d", r.status)
	}
	if m := c.matter(t, city.Number); m.State != casework.Terminated || m.ReasonCode != "T3" {
		t.Fatalf("terminated: %s %s", m.State, m.ReasonCode)
	}
	if page := b.get("/matters/" + city.Number).body; !strings.Contains(page, "T3 A party states") && !strings.Contains(page, "T3 经组织调解") {
		t.Error("the timeline does not show the T-code with its text")
	}
}

// TestUnknownActionsGetAForm: an action the workbench has no special form for
// (such as escalate, added to the machine by other work) still appears, as a
// form with a note, and works.
func TestUnknownActionsGetAForm(t *testing.T) {
	saved := casework.Machine
	casework.Machine = append(slices.Clone(saved), casework.Transition{Kind: casework.Complaint,
		From: []casework.State{casework.Accepted}, Action: "escalate", Roles: []auth.Role{auth.Supervisor}})
	defer func() { casework.Machine = saved }()
	c := fixture(t)
	city, _, _ := c.matters(t)
	c.act(t, c.operator, city.Number, casework.Accept, casework.ActionInput{})
	b := c.as(t, "fuzeren")
	page := b.get("/matters/" + city.Number).body
	if !strings.Contains(page, `id="act-escalate"`) || !strings.Contains(page, `id="f-note-escalate"`) {
		t.Fatal("the generic form for a new action is missing")
	}
	if r := b.post("/matters/"+city.Number+"/actions/escalate", url.Values{"note": {"金额较大，提级办理"}}); r.status != 303 {
		t.Fatalf("escalate: %d %.300s", r.status, r.body)
	}
	if page := b.get("/matters/" + city.Number).body; !strings.Contains(page, "金额较大，提级办理") {
		t.Error("the new action is not in the timeline")
	}
}

func upload(t *testing.T, b *client, path, name string, data []byte) resp {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(data)
	w.WriteField("note", "消费者提供的小票")
	w.Close()
	req, _ := http.NewRequest("POST", b.c.srv.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// TestAttachments: a receipt photo is kept with the matter, checked by its
// content and size, listed, downloadable by those who may see the matter, and
// recorded in the timeline.
func TestAttachments(t *testing.T) {
	c := fixture(t)
	city, _, _ := c.matters(t)
	path := "/matters/" + city.Number + "/attachments"
	med := c.as(t, "tiaojie1")
	r := upload(t, med, path, "小票.jpg", pngBytes) // the name says jpg, the bytes say png
	if r.status != 303 {
		t.Fatalf("upload: %d %.400s", r.status, r.body)
	}
	page := med.get("/matters/" + city.Number).body
	if !strings.Contains(page, "小票.png") || !strings.Contains(page, "上传附件") || !strings.Contains(page, "消费者提供的小票") {
		t.Error("the file is not listed or not in the timeline")
	}
	atts, _ := c.st.Attachments(context.Background(), city.ID)
	if len(atts) != 1 || atts[0].ContentType != "image/png" {
		t.Fatalf("stored: %+v", atts)
	}
	dl := path + "/" + itoa(atts[0].ID)
	got := med.get(dl)
	if got.status != 200 || got.body != string(pngBytes) || got.header.Get("Content-Type") != "image/png" || !strings.Contains(got.header.Get("Content-Security-Policy"), "sandbox") {
		t.Fatalf("download: %d %q %v", got.status, got.header.Get("Content-Type"), got.header)
	}
	// Files are the consumer's evidence and the office's papers — receipts, ID cards —
	// not shared with the merchant until the office shares them (R-P5).
	if r := c.as(t, "haoyouduo").get(dl); r.status != 403 {
		t.Errorf("the merchant of the complaint downloads the consumer's files: %d", r.status)
	}
	if r := c.as(t, "haoyouduo").get("/matters/" + city.Number); strings.Contains(r.body, "小票.png") {
		t.Error("the merchant sees the list of files")
	}
	if r := c.as(t, "tiaojie2").get(dl); r.status != 404 {
		t.Errorf("another station downloads: %d", r.status)
	}
	if r := c.as(t, "zuoxi").get(strings.Replace(dl, city.Number, "20260101-000001", 1)); r.status != 404 {
		t.Errorf("wrong matter: %d", r.status)
	}
	for _, bad := range []struct {
		name string
		data []byte
		want string
	}{
		{"script.html", []byte("<script>alert(1)</script>"), "JPEG, PNG, WebP, PDF"},
		{"empty.png", nil, "文件为必填项"},
		{"huge.png", append(append([]byte{}, pngBytes...), make([]byte, 10<<20)...), "文件过大"},
	} {
		r := upload(t, med, path, bad.name, bad.data)
		if r.status != 422 || !strings.Contains(r.body, bad.want) || !strings.Contains(r.body, `id="f-file-err"`) {
			t.Errorf("%s: %d %.300s", bad.name, r.status, r.body)
		}
	}
	if r := upload(t, c.as(t, "haoyouduo"), path, "x.png", pngBytes); r.status != 403 {
		t.Errorf("merchant upload: %d", r.status)
	}
	if atts, _ := c.st.Attachments(context.Background(), city.ID); len(atts) != 1 {
		t.Errorf("refused uploads were stored: %d", len(atts))
	}
}

// TestQueue: nearest deadline first with countdowns that turn amber and red,
// filters, search that finds two-character words, and pages.
func TestQueue(t *testing.T) {
	c := fixture(t)
	city, report, township := c.matters(t)
	c.setDue(t, city.Number, c.now.Add(5*time.Minute), "on_site")      // under 10 minutes: amber
	c.setDue(t, township.Number, c.now.Add(-3*time.Minute), "on_site") // passed: red
	c.setDue(t, report.Number, time.Time{}, "")                        // no clock running: "—"
	b := c.as(t, "fuzeren")
	page := b.get("/queue").body
	iTown, iCity, iRep := strings.Index(page, township.Number), strings.Index(page, city.Number), strings.Index(page, report.Number)
	if !(iTown < iCity && iCity < iRep) {
		t.Errorf("order: township %d, city %d, report %d", iTown, iCity, iRep)
	}
	for _, want := range []string{`due due-over`, "已超时 3分钟", `due due-amber`, "剩余 5分钟", `due due-none`, `data-amber-frac="0.25"`, `data-amber-mins="10"`} {
		if !strings.Contains(page, want) {
			t.Errorf("queue lacks %q", want)
		}
	}
	c.setDue(t, city.Number, c.now.Add(4*time.Hour), "accept") // plenty of time: green
	if page := b.get("/queue").body; !strings.Contains(page, "due due-ok") || !strings.Contains(page, "剩余 4小时0分钟") {
		t.Error("a far deadline is not green")
	}
	for _, f := range []struct {
		query      string
		has, lacks []string
	}{
		{"q=" + url.QueryEscape("退货"), []string{city.Number}, []string{township.Number}},
		{"q=" + url.QueryEscape("预付卡无法"), []string{township.Number}, []string{city.Number}},
		{"q=13912345678", []string{township.Number}, []string{city.Number}},
		{"q=" + city.Number, []string{city.Number}, []string{township.Number}},
		{"kind=report", []string{report.Number}, []string{`"/matters/` + city.Number + `"`}}, // a report number holds the day's complaint numbers as a suffix
		{"channel=visit", []string{township.Number}, []string{city.Number}},
		{"area=" + itoa(c.matou.ID), []string{township.Number}, []string{city.Number}},
		{"state=received", []string{city.Number}, nil},
		{"state=closed", nil, []string{city.Number}},
		{"merchant=" + itoa(c.meifa.ID), []string{township.Number, "仅显示针对"}, []string{city.Number}},
		{"state=bogus&kind=bogus&page=x", []string{city.Number}, nil},
	} {
		page := b.get("/queue?" + f.query).body
		for _, s := range f.has {
			if !strings.Contains(page, s) {
				t.Errorf("%s: lacks %s", f.query, s)
			}
		}
		for _, s := range f.lacks {
			if strings.Contains(page, s) {
				t.Errorf("%s: shows %s", f.query, s)
			}
		}
	}
	for i := 0; i < 30; i++ {
		c.intake(t, c.operator, complaintIn(c))
	}
	page = b.get("/queue").body
	if !strings.Contains(page, "共 33 件") || !strings.Contains(page, `rel="next"`) || !strings.Contains(page, "page=2") {
		t.Error("no second page")
	}
	if page := b.get("/queue?page=2").body; !strings.Contains(page, `rel="prev"`) || !strings.Contains(page, "第 2 / 2 页") {
		t.Error("second page")
	}
}
