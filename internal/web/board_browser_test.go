package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestScreenshotsBoard: the supervisors' board on a desktop and a phone, the alerts inbox,
// the holiday schedule with a bad upload, the settings and a case page's deadlines, in a
// real browser with live countdowns.
func TestScreenshotsBoard(t *testing.T) {
	root := startBrowser(t)
	c := fixture(t)
	c.svc.Now = time.Now
	sc := c.clockScene(t, time.Now())

	b := c.tab(t, root, 1366, 900, false)
	b.signIn("fuzeren")
	b.open("/board", 200)
	if n := b.text("#unread-badge"); n == "" || n == "0" {
		t.Fatalf("no unread badge: %q", n)
	}
	b.do(chromedp.Sleep(1200 * time.Millisecond)) // let the countdowns tick once
	if cls := b.eval(`document.querySelector("#on-site .due").className`); !strings.Contains(cls, "due-over") {
		t.Errorf("the missed promise is not red: %q", cls)
	}
	b.shot("20-board")
	b.open("/alerts", 200)
	before := b.text("#unread-badge")
	b.submit(".alert.unread .alert-act button", 200)
	if after := b.text("#unread-badge"); after == before {
		t.Errorf("marking an alert read left the badge at %s", after)
	}
	b.shot("21-alerts")
	b.open("/matters/"+sc.paused, 200)
	b.shot("24-case-deadlines")
	// Escalating asks for the reason and the grounds, and says so inline when they are missing.
	b.open("/matters/"+sc.kept, 200)
	b.do(chromedp.Click(chromedp.CSS("#action-escalate > summary")))
	b.do(chromedp.SetValue(chromedp.CSS("#f-reason-code-escalate"), "mediation_failed"))
	b.submit("#do-escalate", 422)
	if msg := b.text("#action-escalate .field-error"); !strings.Contains(msg, "升级理由") {
		t.Fatalf("inline error: %q", msg)
	}
	b.shot("24b-case-escalate-error")
	b.typeIn("#f-note-escalate", "双方分歧较大，本级调解不成，提请县级处理")
	b.submit("#do-escalate", 200)
	if h := b.text("#done-notice"); !strings.Contains(h, "升级处理") {
		t.Fatalf("after escalating: %q", h)
	}

	ph := c.tab(t, root, 390, 844, true)
	ph.signIn("fuzeren")
	ph.open("/board", 200)
	ph.shot("20b-board-phone")

	a := c.tab(t, root, 1366, 900, false)
	a.signIn("admin")
	a.open("/admin/calendar", 200)
	a.shot("22-calendar")
	a.open("/admin/calendar/2026", 200)
	a.shot("22b-calendar-year")
	a.open("/admin/calendar", 200)
	bad := filepath.Join(t.TempDir(), "holidays-2027.csv")
	csv := "date,kind,name,source\n2027-01-01,holiday,元旦,https://www.gov.cn/\n2027-02-30,holiday,春节,https://www.gov.cn/\n2027-02-10,workday,春节,https://www.gov.cn/\n2026-10-01,holiday,国庆节,https://www.gov.cn/\n"
	if err := os.WriteFile(bad, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	a.do(chromedp.SetUploadFiles(chromedp.CSS("#f-calendar-file"), []string{bad}))
	a.submit("#load-calendar", 422)
	if msg := a.text("#row-errors"); !strings.Contains(msg, "4\t2027-02-10 不是周末") {
		t.Fatalf("row errors: %q", msg)
	}
	a.shot("22c-calendar-errors")
	a.open("/admin/settings", 200)
	a.shot("23-settings")
}
