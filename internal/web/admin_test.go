package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"weiquan/internal/auth"
	"weiquan/internal/httpio"
)

// TestSignInOut: signing in through the form gives the session cookie the API
// accepts too; wrong passwords and guessing are refused; signing out ends it.
func TestSignInOut(t *testing.T) {
	c := fixture(t)
	b := c.anon(t)
	if r := b.post("/login", url.Values{"username": {"zuoxi"}, "password": {"wrong-password"}}); r.status != 401 || !strings.Contains(r.body, "用户名或密码不正确") || !strings.Contains(r.body, `value="zuoxi"`) {
		t.Fatalf("wrong password: %d", r.status)
	}
	if r := b.post("/login", url.Values{}); r.status != 422 || !strings.Contains(r.body, "用户名为必填项") {
		t.Fatalf("empty form: %d", r.status)
	}
	r := b.post("/login", url.Values{"username": {"zuoxi"}, "password": {password}, "next": {"/queue?state=all"}})
	if r.status != 303 || r.location != "/queue?state=all" {
		t.Fatalf("sign in: %d %s", r.status, r.location)
	}
	if r := b.get("/api/v1/me"); r.status != 200 || !strings.Contains(r.body, `"username":"zuoxi"`) {
		t.Fatalf("the API does not share the session: %d %s", r.status, r.body)
	}
	if r := b.post("/login", url.Values{"username": {"zuoxi"}, "password": {password}, "next": {"//evil.example/"}}); r.location != "/intake" {
		t.Errorf("next= sent the browser to %q", r.location)
	}
	if r := b.post("/logout", nil); r.status != 303 || r.location != "/login" {
		t.Fatalf("sign out: %d %s", r.status, r.location)
	}
	if r := b.get("/queue"); r.status != 303 {
		t.Fatalf("still signed in after signing out: %d", r.status)
	}
}

// TestSignInThrottle_Issue8: guessing is cut off for strangers, but the owner still
// signs in from the address they signed in from before (the old limiter refused the right
// password to everyone after five wrong ones, so anyone could lock a named user out), and a
// megabyte user name is refused as a field error without being echoed or counted.
func TestSignInThrottle_Issue8(t *testing.T) {
	c := fixture(t)
	proxies, _ := httpio.ParseProxies("127.0.0.1/32, ::1")
	httpio.Configure(httpio.Config{TrustedProxies: proxies})
	t.Cleanup(func() { httpio.Configure(httpio.Config{}) })
	from := func(b *client, addr, path string, form url.Values, lang string) resp {
		b.t.Helper()
		req, _ := http.NewRequest("POST", c.srv.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", addr)
		req.Header.Set("Accept-Language", lang)
		return b.do(req)
	}
	const desk, stranger = "198.51.100.7", "203.0.113.9"
	if r := from(c.anon(t), desk, "/login", url.Values{"username": {"fuzeren"}, "password": {password}}, "zh-CN"); r.status != 303 {
		t.Fatalf("the owner's first sign-in: %d", r.status)
	}
	var last resp
	for i := 0; i < 12; i++ {
		last = from(c.anon(t), stranger, "/login", url.Values{"username": {"fuzeren"}, "password": {"guess-" + itoa(int64(i))}}, "zh-CN")
		if i < 10 && last.status != 401 {
			t.Fatalf("guess %d: %d", i+1, last.status)
		}
	}
	if last.status != 429 || !strings.Contains(last.body, "登录失败次数过多") {
		t.Fatalf("twelfth guess: %d", last.status)
	}
	if r := from(c.anon(t), stranger, "/login", url.Values{"username": {"fuzeren"}, "password": {password}}, "en"); r.status != 429 || !strings.Contains(r.body, "Too many failed sign-ins") {
		t.Fatalf("the stranger's right guess after the limit: %d (must not tell that it is right)", r.status)
	}
	if r := from(c.anon(t), desk, "/login", url.Values{"username": {"fuzeren"}, "password": {password}}, "zh-CN"); r.status != 303 {
		t.Fatalf("the owner at their own desk is locked out by a stranger: %d", r.status)
	}
	if r := from(c.anon(t), stranger, "/login", url.Values{"username": {"zuoxi"}, "password": {password}}, "zh-CN"); r.status != 303 {
		t.Fatalf("another user is held up: %d", r.status)
	}
	// A 1 MB form is cut off as too large before it is read; a 100 KB name is refused by size.
	huge := strings.Repeat("a", 1<<20)
	if r := from(c.anon(t), stranger, "/login", url.Values{"username": {huge}, "password": {"x"}}, "zh-CN"); r.status != 413 || len(r.body) > 64<<10 {
		t.Fatalf("1 MB user name: %d, %d bytes back", r.status, len(r.body))
	}
	long := strings.Repeat("a", 100<<10)
	r := from(c.anon(t), stranger, "/login", url.Values{"username": {long}, "password": {"x"}}, "zh-CN")
	if r.status != 422 || !strings.Contains(r.body, "用户名过长") || len(r.body) > 64<<10 {
		t.Fatalf("100 KB user name: %d, %d bytes back", r.status, len(r.body))
	}
}

// TestProfile: language and password, the latter only with the old password.
func TestProfile(t *testing.T) {
	c := fixture(t)
	b := c.as(t, "tiaojie1")
	if r := b.get("/profile"); r.status != 200 || !strings.Contains(r.body, "湓城街道消费维权服务站") {
		t.Fatalf("profile: %d", r.status)
	}
	for _, x := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"old_password": {"nope-nope"}, "password": {"xin-mima-123"}, "password2": {"xin-mima-123"}}, "当前密码不正确"},
		{url.Values{"old_password": {password}, "password": {"xin-mima-123"}, "password2": {"xin-mima-321"}}, "再次输入新密码不正确"},
		{url.Values{"old_password": {password}, "password": {"short"}, "password2": {"short"}}, "密码至少需要10个字"},
	} {
		if r := b.post("/profile/password", x.form); r.status != 422 || !strings.Contains(r.body, x.want) {
			t.Errorf("%v: %d, want %q", x.form, r.status, x.want)
		}
	}
	if r := b.post("/profile/password", url.Values{"old_password": {password}, "password": {"新的密码很长很长很长"}, "password2": {"新的密码很长很长很长"}}); r.status != 303 {
		t.Fatalf("change: %d", r.status)
	}
	if _, _, err := c.svc.Login(context.Background(), auth.Principal{}, "tiaojie1", "新的密码很长很长很长"); err != nil {
		t.Fatalf("new password: %v", err)
	}
	if r := b.post("/lang", url.Values{"lang": {"en"}, "back": {"/profile"}}); r.status != 303 || r.location != "/profile" {
		t.Fatalf("lang: %d %s", r.status, r.location)
	}
	if r := b.get("/profile"); !strings.Contains(r.body, "Change password") {
		t.Error("profile not in English after the switch")
	}
	if r := b.post("/lang", url.Values{"lang": {"en"}, "back": {"https://evil.example/"}}); r.location != "/" {
		t.Errorf("back= sent the browser to %q", r.location)
	}
}

// TestAdminPages: areas, stations, users, merchants and API keys through their forms.
func TestAdminPages(t *testing.T) {
	c := fixture(t)
	b := c.as(t, "admin")
	post := func(path string, form url.Values, status int, want ...string) resp {
		t.Helper()
		r := b.post(path, form)
		if r.status != status {
			t.Fatalf("POST %s: %d, want %d\n%.600s", path, r.status, status, r.body)
		}
		for _, w := range want {
			if !strings.Contains(r.body, w) {
				t.Errorf("POST %s: lacks %q", path, w)
			}
		}
		return r
	}
	// Areas: a new village under a township; errors inline; edit keeps its place.
	post("/admin/areas", url.Values{"parent_id": {itoa(c.matou.ID)}, "level": {"village"}}, 422, "名称为必填项")
	post("/admin/areas", url.Values{"parent_id": {itoa(c.matou.ID)}, "name": {"码头镇"}, "level": {"township"}}, 422, "层级与其他内容冲突")
	post("/admin/areas", url.Values{"parent_id": {itoa(c.matou.ID)}, "name": {"东风村"}, "level": {"village"}, "kind": {"township"}}, 303)
	if page := b.get("/admin/areas").body; !strings.Contains(page, "东风村") || !strings.Contains(page, "depth-2") {
		t.Error("new village not in the tree")
	}
	post("/admin/areas/"+itoa(c.xihu.ID), url.Values{"name": {"西湖社区"}, "level": {"village"}, "kind": {"urban"}, "on_site_minutes": {"10"}}, 303)
	if a, _ := c.st.Area(context.Background(), c.xihu.ID); a.OnSiteMinutes != 10 || a.ParentID == nil || *a.ParentID != c.pencheng.ID {
		t.Errorf("edited area: %+v", a)
	}
	// Stations.
	post("/admin/stations", url.Values{"name": {"东风超市12315联络站"}, "host_type": {"supermarket"}}, 422, "发生地区为必填项")
	post("/admin/stations", url.Values{"name": {"东风超市12315联络站"}, "host_type": {"supermarket"}, "area_id": {itoa(c.matou.ID)}, "active": {"1"}}, 303)
	if page := b.get("/admin/stations").body; !strings.Contains(page, "东风超市12315联络站") || !strings.Contains(page, "超市") {
		t.Error("new station not listed")
	}
	post("/admin/stations/"+itoa(c.stMatou.ID), url.Values{"name": {"码头镇消费维权服务站"}, "host_type": {"township"}, "area_id": {itoa(c.matou.ID)}}, 303)
	// Users: create, duplicate name, reset password, deactivate (ends their sessions).
	post("/admin/users", url.Values{"username": {"zuoxi"}, "role": {"operator"}, "password": {"chushi-mima-2"}, "active": {"1"}}, 422, "用户名已被使用")
	post("/admin/users", url.Values{"username": {"xinren"}, "display_name": {"新坐席"}, "role": {"operator"}, "area_id": {itoa(c.root.ID)}, "password": {"chushi-mima"}, "active": {"1"}, "lang": {"zh-CN"}}, 303)
	if _, _, err := c.svc.Login(context.Background(), auth.Principal{}, "xinren", "chushi-mima"); err != nil {
		t.Fatalf("new user cannot sign in: %v", err)
	}
	post("/admin/users/"+itoa(c.operator.ID)+"/password", url.Values{"new_password": {"abc"}}, 422, "新密码至少需要10个字")
	post("/admin/users/"+itoa(c.operator.ID)+"/password", url.Values{"new_password": {"chongzhi-mima"}}, 303)
	if _, _, err := c.svc.Login(context.Background(), auth.Principal{}, "zuoxi", "chongzhi-mima"); err != nil {
		t.Fatalf("reset password: %v", err)
	}
	victim := c.as(t, "tiaojie2")
	post("/admin/users/"+itoa(c.mediatorMT.ID)+"/deactivate", nil, 303)
	if r := victim.get("/queue"); r.status != 303 {
		t.Errorf("a deactivated user keeps working: %d", r.status)
	}
	post("/admin/users/"+itoa(c.admin.ID)+"/deactivate", nil, 409)
	if page := b.get("/admin/users").body; !strings.Contains(page, "新坐席") || !strings.Contains(page, "停用") {
		t.Error("users list")
	}
	// Merchants: the USCC check (R-L41).
	post("/admin/merchants", url.Values{"name": {"某公司"}, "type": {"enterprise"}, "uscc": {"91360481MA35L2X7Q0"}}, 422, "统一社会信用代码校验位不正确", `id="f-uscc-err"`)
	post("/admin/merchants", url.Values{"name": {"某公司"}, "type": {"enterprise"}, "uscc": {c.haoyouduo.USCC}}, 422, "统一社会信用代码已被使用")
	r := post("/admin/merchants", url.Values{"name": {"瑞昌市东风超市有限公司"}, "type": {"enterprise"}, "uscc": {strings.ToLower(uscc("91360481MA3YYYYYY"))}}, 303)
	if !strings.HasPrefix(r.location, "/admin/merchants/") {
		t.Errorf("after saving a merchant: %s", r.location)
	}
	if page := b.get("/admin/merchants?q=" + url.QueryEscape("东风")).body; !strings.Contains(page, "瑞昌市东风超市有限公司") || !strings.Contains(page, "共 1 家") {
		t.Error("merchant search")
	}
	// API keys: shown once, then only listed; revoked keys stop working.
	r = post("/admin/apikeys", url.Values{"name": {""}}, 422, "名称为必填项")
	r = post("/admin/apikeys", url.Values{"name": {"12345 热线"}}, 201, `id="new-key"`)
	key := between(r.body, `id="new-key">`, "<")
	if ok, _ := c.svc.CheckAPIKey(context.Background(), key); !ok {
		t.Fatalf("the key shown does not work: %q", key)
	}
	if page := b.get("/admin/apikeys").body; strings.Contains(page, key) || !strings.Contains(page, "12345 热线") {
		t.Error("the key is shown again, or not listed")
	}
	keys, _ := c.st.APIKeys(context.Background())
	post("/admin/apikeys/"+itoa(keys[0].ID)+"/revoke", nil, 303)
	if ok, _ := c.svc.CheckAPIKey(context.Background(), key); ok {
		t.Error("a revoked key still works")
	}
	post("/admin/apikeys/"+itoa(keys[0].ID)+"/revoke", nil, 404)
}

func between(s, a, b string) string {
	_, rest, _ := strings.Cut(s, a)
	v, _, _ := strings.Cut(rest, b)
	return v
}

// TestProfileAlertChannels: a member of staff chooses how deadline alerts reach them; a bad
// address is a field error on the page, a good one is kept and shown again.
func TestProfileAlertChannels(t *testing.T) {
	c := fixture(t)
	b := c.as(t, "tiaojie1")
	if r := b.post("/profile/alerts", url.Values{"alert_email": {"not an address"}}); r.status != 422 || !strings.Contains(r.body, `id="f-alert-email-err"`) {
		t.Fatalf("bad address: %d", r.status)
	}
	if r := b.post("/profile/alerts", url.Values{"alert_email": {"tiaojie@example.cn"}}); r.status != 303 || r.location != "/profile?saved=alerts" {
		t.Fatalf("save: %d %s", r.status, r.location)
	}
	if r := b.get("/profile?saved=alerts"); !strings.Contains(r.body, `value="tiaojie@example.cn"`) || !strings.Contains(r.body, "提醒的发送方式已保存") {
		t.Fatalf("after saving: %.2000s", r.body)
	}
}
