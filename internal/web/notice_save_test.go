package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"weiquan/internal/auth"
)

// TestNoticeEditorOverHTTP: the warnings editor of issue 12 — a supervisor writes a notice with
// its title, text, period and area; one ending before it starts comes back with its field error
// and nothing stored; an operator may not write one. The portal then shows it for its area and
// the areas within it, not for a sibling township, and not once its period is over.
func TestNoticeEditorOverHTTP(t *testing.T) {
	c := fixture(t)
	ctx := context.Background()
	sup := c.as(t, "fuzeren")
	form := url.Values{"title": {"预付卡消费提示"}, "notice_body": {"办卡前请查看商家经营情况，谨慎大额预付。"},
		"area_id": {itoa(c.pencheng.ID)}, "starts_on": {"2026-06-16"}, "ends_on": {"2026-06-30"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("ends_on", "2026-06-01")
	if r := sup.post("/notices", bad); r.status != 422 || !strings.Contains(r.body, `id="f-ends-on-err"`) {
		t.Fatalf("a notice ending before it starts: %d", r.status)
	}
	bad.Set("title", "")
	bad.Set("ends_on", "")
	if r := sup.post("/notices", bad); r.status != 422 || !strings.Contains(r.body, `aria-invalid="true"`) {
		t.Fatalf("a notice without a title: %d", r.status)
	}
	if list, _ := c.svc.Notices(ctx, auth.As(&c.supervisor)); len(list) != 0 {
		t.Fatalf("refused notices were stored: %+v", list)
	}
	if r := c.as(t, "zuoxi").post("/notices", form); r.status != 403 {
		t.Fatalf("an operator wrote a notice: %d", r.status)
	}
	if r := sup.post("/notices", form); r.status != 303 || !strings.HasPrefix(r.location, "/notices") {
		t.Fatalf("save: %d %s %.800s", r.status, r.location, r.body)
	}
	list, _ := c.svc.Notices(ctx, auth.As(&c.supervisor))
	if len(list) != 1 || list[0].AreaID == nil || *list[0].AreaID != c.pencheng.ID || list[0].EndsOn != "2026-06-30" {
		t.Fatalf("stored %+v", list)
	}
	if r := sup.get("/notices"); !strings.Contains(r.body, "预付卡消费提示") {
		t.Fatal("the list lacks the notice")
	}
	shown := func(area *int64) bool {
		ns, err := c.svc.PublicNotices(ctx, auth.Anonymous(""), area)
		if err != nil {
			t.Fatal(err)
		}
		return len(ns) == 1
	}
	if !shown(nil) || !shown(&c.pencheng.ID) || !shown(&c.xihu.ID) || shown(&c.matou.ID) || shown(&c.matouCun.ID) {
		t.Fatal("the notice is shown for its area and the areas within it only")
	}
	c.now = c.now.AddDate(0, 0, 15) // 1 July
	if shown(nil) {
		t.Fatal("a notice past its period is still shown")
	}
}
