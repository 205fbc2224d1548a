package portal_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/portal"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

type site struct {
	svc    *service.Service
	st     *store.Store
	srv    *httptest.Server
	area   dispatch.Area
	op     auth.User
	client *http.Client
}

func newSite(t *testing.T, s *store.Store) *site {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)
	x := &site{st: s}
	x.svc = service.New(s, func() time.Time { return now })
	county := dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
	if err := x.svc.CreateArea(ctx, &county); err != nil {
		t.Fatal(err)
	}
	x.area = dispatch.Area{Name: "码头镇", Level: dispatch.Township, Kind: dispatch.KindTownship, ParentID: &county.ID}
	if err := x.svc.CreateArea(ctx, &x.area); err != nil {
		t.Fatal(err)
	}
	st := dispatch.Station{AreaID: x.area.ID, Name: "码头镇消费维权服务站", HostType: dispatch.HostTownship, Active: true,
		Phone: "0792-4228315", Hours: "周一至周五 8:30–17:30"}
	if err := x.svc.SaveStation(ctx, &st); err != nil {
		t.Fatal(err)
	}
	x.op = auth.User{Username: "zuoxi", DisplayName: "王坐席", Role: auth.Operator, AreaID: &county.ID, Lang: "zh-CN", Active: true}
	if err := x.svc.CreateUser(ctx, &x.op, "correct-horse-9"); err != nil {
		t.Fatal(err)
	}
	x.srv = httptest.NewServer(server.New(x.svc, portal.New(x.svc, portal.Options{})))
	t.Cleanup(x.srv.Close)
	x.client = newClient()
	return x
}

func newClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type answer struct {
	status   int
	body     string
	location string
}

func (x *site) do(t *testing.T, c *http.Client, req *http.Request) answer {
	t.Helper()
	req.Header.Set("Accept-Language", "zh-CN")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, string(b), res.Header.Get("Location")}
}

func (x *site) get(t *testing.T, c *http.Client, path string) answer {
	req, _ := http.NewRequest("GET", x.srv.URL+path, nil)
	return x.do(t, c, req)
}

func (x *site) post(t *testing.T, c *http.Client, path string, form url.Values) answer {
	req, _ := http.NewRequest("POST", x.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return x.do(t, c, req)
}

func (x *site) submit(t *testing.T, c *http.Client, fields map[string]string, photo []byte) answer {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if photo != nil {
		fw, _ := mw.CreateFormFile("photos", "小票.jpg")
		_, _ = fw.Write(photo)
	}
	_ = mw.Close()
	req, _ := http.NewRequest("POST", x.srv.URL+"/portal/submit", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return x.do(t, c, req)
}

func photo(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 32, 24))
	img.Set(3, 3, color.RGBA{255, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	numberRe   = regexp.MustCompile(`\b20\d{6}-\d{6}\b`)
	trackingRe = regexp.MustCompile(`[A-Z2-9]{5}-[A-Z2-9]{5}`)
	codeRe     = regexp.MustCompile(`\b\d{6}\b`)
)

// TestPortalJourneyOverHTTP: the whole consumer's way through the real handler stack — submit
// with a photo, the number and tracking code once, a code by SMS, the plain-words page, withdraw.
func TestPortalJourneyOverHTTP(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		x := newSite(t, s)
		c := x.client
		if a := x.get(t, c, "/portal/submit?area="+itoa(x.area.ID)); a.status != 200 || !strings.Contains(a.body, `selected>瑞昌市 / 码头镇</option>`) {
			t.Fatalf("submit page %d %.500s", a.status, a.body)
		}
		fields := map[string]string{"kind": "complaint", "name": "李四", "phone": "13900139000", "address": "码头村 3 组",
			"merchant_name": "丽人美发店", "merchant_address": "码头街 12 号", "area_id": itoa(x.area.ID), "facts": "办卡后店铺关门", "request": "退还余额", "amount": "1,200.00"}
		a := x.submit(t, c, fields, photo(t))
		number, tracking := numberRe.FindString(a.body), trackingRe.FindString(a.body)
		if a.status != 200 || number == "" || tracking == "" {
			t.Fatalf("receipt %d %.800s", a.status, a.body)
		}
		m, err := s.MatterByNumber(context.Background(), number)
		if err != nil || m.AmountInDispute != 1200_00 || m.Channel != casework.Web {
			t.Fatalf("matter %+v %v", m, err)
		}
		// Asking for a code tells nothing: the same page for a wrong phone, a wrong number and the right pair.
		pages := map[string]string{}
		for _, q := range [][2]string{{number, "13800000000"}, {"20260101-999999", "13900139000"}, {number, "13900139000"}} {
			a := x.post(t, c, "/portal/track/code", url.Values{"number": {q[0]}, "phone": {q[1]}})
			body := strings.NewReplacer(q[0], "N", q[1], "P").Replace(a.body)
			pages[body] = q[0] + " " + q[1]
			if a.status != 200 || codeRe.MatchString(body) {
				t.Fatalf("code page %d", a.status)
			}
		}
		if len(pages) != 1 {
			t.Fatalf("the code pages differ: %v", pages)
		}
		msgs, _ := s.MatterMessages(context.Background(), m.ID)
		code := codeRe.FindString(msgs[len(msgs)-1].Body)
		if a := x.post(t, c, "/portal/track/prove", url.Values{"number": {number}, "phone": {"13900139000"}, "code": {"999999"}}); a.status != 422 ||
			!strings.Contains(a.body, "验证码不对") {
			t.Fatalf("wrong code %d %.300s", a.status, a.body)
		}
		if a := x.post(t, c, "/portal/track/prove", url.Values{"number": {number}, "phone": {"13900139000"}, "code": {code}}); a.status != 303 || a.location != "/portal/case" {
			t.Fatalf("right code %d %s", a.status, a.location)
		}
		a = x.get(t, c, "/portal/case")
		for _, want := range []string{number, "已收到，等待受理", "办卡后店铺关门", "撤回投诉"} {
			if !strings.Contains(a.body, want) {
				t.Fatalf("case page lacks %q: %.1500s", want, a.body)
			}
		}
		if _, err := x.svc.Act(context.Background(), auth.As(&x.op), number, casework.Note, casework.ActionInput{Note: "内部备注勿外传"}); err != nil {
			t.Fatal(err)
		}
		if _, err := x.svc.Act(context.Background(), auth.As(&x.op), number, casework.Accept, casework.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		a = x.get(t, c, "/portal/case")
		if !strings.Contains(a.body, "受理机构") || strings.Contains(a.body, "内部备注") || strings.Contains(a.body, "王坐席") || strings.Contains(a.body, "zuoxi") {
			t.Fatalf("case page after acceptance: %.2000s", a.body)
		}
		// Another browser holds no proof.
		if a := x.get(t, newClient(), "/portal/case"); a.status != 303 || a.location != "/portal/track" {
			t.Fatalf("case without proof %d %s", a.status, a.location)
		}
		if a := x.post(t, c, "/portal/case/withdraw", url.Values{"reason": {"已和解"}}); a.status != 422 {
			t.Fatalf("withdraw unconfirmed %d", a.status)
		}
		if a := x.post(t, c, "/portal/case/withdraw", url.Values{"reason": {"已和解"}, "confirm": {"1"}}); a.status != 303 {
			t.Fatalf("withdraw %d %.300s", a.status, a.body)
		}
		a = x.get(t, c, "/portal/case?done=withdrawn")
		if !strings.Contains(a.body, "投诉已撤回") || !strings.Contains(a.body, "投诉人撤回") {
			t.Fatalf("after withdrawal %.1500s", a.body)
		}
		// The tracking code opens it too, in another browser.
		c2 := newClient()
		if a := x.post(t, c2, "/portal/track/prove", url.Values{"number": {number}, "tracking": {tracking}}); a.status != 303 {
			t.Fatalf("tracking code %d", a.status)
		}
	})
}

// TestPortalBadInputOverHTTP: missing fields and a lying photo come back as field errors on the
// form; a flood from one address is refused.
func TestPortalBadInputOverHTTP(t *testing.T) {
	x := newSite(t, testdb.SQLite(t))
	c := x.client
	a := x.submit(t, c, map[string]string{"kind": "complaint", "facts": ""}, []byte("<html>not a photo</html>"))
	if a.status != 422 || !strings.Contains(a.body, `id="e-name"`) || !strings.Contains(a.body, `id="e-facts"`) || !strings.Contains(a.body, `id="e-photos"`) {
		t.Fatalf("bad submission %d %.2000s", a.status, a.body)
	}
	if !strings.Contains(a.body, `aria-describedby="h-name e-name"`) || !strings.Contains(a.body, `aria-invalid="true"`) {
		t.Fatal("errors are not tied to their fields")
	}
	ok := map[string]string{"kind": "inquiry", "phone": "13900139001", "facts": "预付卡怎么退"}
	x.svc.SetPortal("", service.PortalLimits{SubmitPerAddr: service.Throttle{N: 2, Window: time.Hour}})
	for i := range 3 {
		a := x.submit(t, c, ok, nil)
		if want := 200 + 229*(i/2); a.status != want {
			t.Fatalf("submission %d: %d, want %d", i, a.status, want)
		}
		if i == 2 && !strings.Contains(a.body, "请求过于频繁，请稍后再试") {
			t.Fatalf("the flood's refusal says nothing clear: %.1500s", a.body)
		}
	}
	// The same refusal in English; the refused submissions stored nothing.
	x.post(t, c, "/portal/lang", url.Values{"lang": {"en"}, "back": {"/portal/submit"}})
	if a := x.submit(t, c, ok, nil); a.status != 429 || !strings.Contains(a.body, "Too many requests; please try again shortly") {
		t.Fatalf("the flood's refusal in English: %d %.1500s", a.status, a.body)
	}
	if _, n, _ := x.st.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}}); n != 2 {
		t.Fatalf("%d matters stored, want the two let through", n)
	}
	if a := x.submit(t, c, map[string]string{"kind": "inquiry", "phone": "13900139002", "facts": "x", "website": "http://spam"}, nil); a.status != 422 && a.status != 429 {
		t.Fatalf("honeypot %d", a.status)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestPortalInEnglishAndDisplay: the language choice and the display choices stick, through
// cookies, and a return address off the portal is not followed.
func TestPortalInEnglishAndDisplay(t *testing.T) {
	x := newSite(t, testdb.SQLite(t))
	c := x.client
	if a := x.post(t, c, "/portal/lang", url.Values{"lang": {"en"}, "back": {"/portal/track"}}); a.status != 303 || a.location != "/portal/track" {
		t.Fatalf("lang %d %s", a.status, a.location)
	}
	a := x.get(t, c, "/portal/track")
	if !strings.Contains(a.body, `<html lang="en"`) || !strings.Contains(a.body, "Send me a code") {
		t.Fatalf("English: %.600s", a.body)
	}
	if a := x.post(t, c, "/portal/display", url.Values{"toggle": {"large"}, "back": {"//evil.example/"}}); a.location != "/portal/" {
		t.Fatalf("back to %q", a.location)
	}
	x.post(t, c, "/portal/display", url.Values{"toggle": {"contrast"}, "back": {"/portal/"}})
	if a := x.get(t, c, "/portal/"); !strings.Contains(a.body, `class="large contrast"`) || !strings.Contains(a.body, `aria-pressed="true"`) {
		t.Fatalf("display: %.400s", a.body)
	}
	x.post(t, c, "/portal/display", url.Values{"toggle": {"large"}, "back": {"/portal/"}})
	if a := x.get(t, c, "/portal/"); !strings.Contains(a.body, `class="contrast"`) {
		t.Fatalf("large text off: %.400s", a.body)
	}
}
