package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"weiquan/internal/auth"
	"weiquan/internal/testdb"
)

// TestBreakGlassInBrowser_R_P4_R_P5: an operator who did not take the call sees the
// consumer's phone masked, opens "show in full", gives a reason, and sees the number
// once; a supervisor approves the words the public may read. Screenshots of both.
func TestBreakGlassInBrowser_R_P4_R_P5(t *testing.T) {
	root := startBrowser(t)
	c := newCounty(t, testdb.SQLite(t))
	m := c.intake(t, c.operator, complaintIn(c))[0]
	other := auth.User{Username: "zuoxi2", DisplayName: "李坐席", Role: auth.Operator, AreaID: &c.root.ID, Lang: "zh-CN", Active: true}
	if err := c.svc.CreateUser(context.Background(), &other, password); err != nil {
		t.Fatal(err)
	}
	b := c.tab(t, root, 1366, 900, false)
	b.signIn("zuoxi2")
	b.open("/matters/"+m.Number, 200)
	if got := b.text("#consumer-phone"); !strings.HasPrefix(got, "138****8000") {
		t.Fatalf("phone before: %q", got)
	}
	b.do(chromedp.Click(chromedp.CSS("#reveal-f-consumer-phone summary")))
	b.typeIn("#f-reason-f-consumer-phone", "消费者来电催办，需回拨")
	b.shot("30-case-reveal-form")
	b.submit("#reveal-f-consumer-phone button[type=submit]", 200)
	if got := b.text("#consumer-phone"); !strings.Contains(got, "13800138000") || !strings.Contains(got, "已查看完整信息") {
		t.Fatalf("phone after: %q", got)
	}
	b.shot("31-case-revealed")

	s := c.tab(t, root, 412, 915, true)
	s.signIn("fuzeren")
	s.open("/matters/"+m.Number, 200)
	s.do(chromedp.Click(chromedp.CSS("#action-publish_summary summary")))
	s.typeIn("#f-summary", "消费者反映所购电饭煲存在质量问题，正在调解。")
	s.shot("32-case-publish-summary-phone")
	s.submit("#do-publish_summary", 200)
	if !strings.Contains(s.text("#timeline"), "发布公开摘要") {
		t.Fatal("the summary is not on the timeline")
	}
	got, err := c.svc.PublicMatter(context.Background(), auth.Anonymous(""), m.Number)
	if err != nil || got.Summary != "消费者反映所购电饭煲存在质量问题，正在调解。" {
		t.Fatalf("public summary %+v %v", got, err)
	}
}
