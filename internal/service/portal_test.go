package service_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/notify"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

func pngPhoto(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := 0; x < 40; x++ {
		img.Set(x, x%30, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func portalComplaint(c *county) service.PortalSubmission {
	return service.PortalSubmission{Kind: casework.Complaint, Name: "李四", Phone: "139 0013 9000", Address: "红星村3组", Email: "li@example.cn",
		MerchantName: "某某超市", MerchantAddress: "人民路2号", AreaID: &c.village.ID, Facts: "买到过期牛奶", Request: "退货", Lang: "zh-CN"}
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// TestPortalSubmitProveTrackWithdraw: a consumer files a complaint that also reports (R-L1) with
// a photo, gets both numbers and a tracking code at once and by SMS and e-mail; proves the phone
// with a one-time code; reads the complaint in plain words and the report's progress only; withdraws.
func TestPortalSubmitProveTrackWithdraw(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		pub := auth.Anonymous("203.0.113.9")
		in := portalComplaint(c)
		in.AlsoReport, in.ReportFacts = true, "超市长期销售过期食品"
		in.Photos = []service.PortalPhoto{{Name: "receipt.png", Data: pngPhoto(t)}}
		r, err := c.svc.SubmitOnPortal(c.ctx, pub, in)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Numbers) != 2 || r.Kinds[1] != casework.Report || len(r.TrackingCode) != 11 {
			t.Fatalf("receipt %+v", r)
		}
		m, err := s.MatterByNumber(c.ctx, r.Numbers[0])
		if err != nil {
			t.Fatal(err)
		}
		if m.Channel != casework.Web || m.Consumer.Phone != "13900139000" || m.TakenBy != nil {
			t.Fatalf("matter %+v", m)
		}
		msgs, _ := s.MatterMessages(c.ctx, m.ID)
		if len(msgs) != 2 || msgs[0].Channel != notify.SMS || msgs[1].Channel != notify.Email ||
			!strings.Contains(msgs[0].Body, r.Numbers[1]) || !strings.Contains(msgs[1].Body, r.TrackingCode) {
			t.Fatalf("messages %+v", msgs)
		}

		// Nonexistent number and wrong phone: the same silence, nothing sent.
		for _, q := range [][2]string{{"TS20990101999999", "13900139000"}, {r.Numbers[0], "13800000000"}} {
			if err := c.svc.SendPortalCode(c.ctx, pub, q[0], q[1]); err != nil {
				t.Fatalf("%v: %v", q, err)
			}
		}
		if got, _ := s.MatterMessages(c.ctx, m.ID); len(got) != 2 {
			t.Fatalf("a code was sent to a wrong phone: %d messages", len(got))
		}
		if err := c.svc.SendPortalCode(c.ctx, pub, r.Numbers[0], "13900139000"); err != nil {
			t.Fatal(err)
		}
		msgs, _ = s.MatterMessages(c.ctx, m.ID)
		code := sixDigits.FindString(msgs[len(msgs)-1].Body)
		if len(msgs) != 4 || msgs[2].Kind != notify.KindPortalCode || code == "" {
			t.Fatalf("code messages %+v", msgs)
		}
		// Wrong code, right code with the wrong phone, another number: all the same refusal.
		for _, q := range [][3]string{{r.Numbers[0], "13900139000", "000000"}, {r.Numbers[0], "13800000000", code}, {"TS20990101999999", "13900139000", code}} {
			if _, err := c.svc.ProvePortalCode(c.ctx, pub, q[0], q[1], q[2]); !errors.Is(err, service.ErrNotProved) {
				t.Fatalf("%v: %v", q, err)
			}
		}
		token, err := c.svc.ProvePortalCode(c.ctx, pub, r.Numbers[0], "13900139000", code)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.ProvePortalCode(c.ctx, pub, r.Numbers[0], "13900139000", code); !errors.Is(err, service.ErrNotProved) {
			t.Fatalf("a code worked twice: %v", err)
		}
		p, err := c.svc.PortalPrincipal(c.ctx, "203.0.113.9", token)
		if err != nil || p.Consumer == nil || p.Consumer.Number != r.Numbers[0] {
			t.Fatalf("principal %+v %v", p, err)
		}
		// Staff accept and write a note: the consumer sees the acceptance by "office", never the note.
		if _, err := c.svc.Act(c.ctx, auth.As(c.op), m.Number, casework.Note, casework.ActionInput{Note: "内部：商家老板是熟人"}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.Act(c.ctx, auth.As(c.op), m.Number, casework.Accept, casework.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		// The acceptance notice (R-L7, R-S5) replaces the progress message: one to the phone and one
		// to the e-mail address, nothing else, and no portal_progress besides it.
		before := len(msgs)
		msgs, _ = s.MatterMessages(c.ctx, m.ID)
		if news := msgs[before:]; len(news) != 2 || news[0].Kind != notify.KindAcceptNotice || news[0].Channel != notify.SMS ||
			news[0].Recipient != "13900139000" || news[1].Kind != notify.KindAcceptNotice || news[1].Channel != notify.Email ||
			!strings.Contains(news[0].Body, "已受理") || !strings.Contains(news[0].Body, m.Number) {
			t.Fatalf("acceptance notice (R-L7, R-S5): %+v", news)
		}
		pc, err := c.svc.PortalCase(c.ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if pc.State != casework.Accepted || pc.Photos != 1 || !pc.CanWithdraw || len(pc.Steps) != 2 ||
			pc.Steps[0].By != "you" || pc.Steps[1].Action != casework.Accept || pc.Steps[1].By != "office" {
			t.Fatalf("portal case %+v", pc)
		}
		if err := c.svc.WithdrawOnPortal(c.ctx, p, "已和商家自行和解"); err != nil {
			t.Fatal(err)
		}
		m, _ = s.MatterByNumber(c.ctx, m.Number)
		if m.State != casework.Closed || m.Outcome != casework.OutcomeWithdrawn {
			t.Fatalf("after withdrawal %s %s", m.State, m.Outcome)
		}
		if err := c.svc.WithdrawOnPortal(c.ctx, p, ""); err == nil {
			t.Fatal("withdrawn twice")
		}

		// The report's filer proves with the tracking code and sees progress only.
		token, err = c.svc.ProveTrackingCode(c.ctx, pub, r.Numbers[1], strings.ToLower(r.TrackingCode))
		if err != nil {
			t.Fatal(err)
		}
		p, _ = c.svc.PortalPrincipal(c.ctx, "203.0.113.9", token)
		if _, err := c.svc.Act(c.ctx, auth.As(c.op), r.Numbers[1], casework.Verify, casework.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		pr, err := c.svc.PortalCase(c.ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if pr.Merchant != "" || pr.Facts != "" || pr.CanWithdraw || pr.Photos != 0 || len(pr.Steps) != 2 || pr.Steps[1].Action != casework.Verify {
			t.Fatalf("report seen by its filer %+v", pr)
		}
		if _, err := c.svc.ProveTrackingCode(c.ctx, pub, r.Numbers[1], "AAAAA-BBBBB"); !errors.Is(err, service.ErrNotProved) {
			t.Fatalf("wrong tracking code: %v", err)
		}
	})
}

// TestPortalRefusesBadInput: the intake rules, lying and oversized photos, the hidden field,
// and nothing stored from any of them.
func TestPortalRefusesBadInput(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		pub := auth.Anonymous("203.0.113.10")
		fake := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)
		for _, tc := range []struct {
			name  string
			edit  func(*service.PortalSubmission)
			field string
		}{
			{"no phone", func(in *service.PortalSubmission) { in.Phone = "" }, "consumer.phone"},
			{"no facts", func(in *service.PortalSubmission) { in.Facts = "" }, "facts"},
			{"bad e-mail", func(in *service.PortalSubmission) { in.Email = "li at example" }, "email"},
			{"html named jpg", func(in *service.PortalSubmission) {
				in.Photos = []service.PortalPhoto{{Name: "a.jpg", Data: []byte("<html><script>alert(1)</script></html>")}}
			}, "photos"},
			{"png header only", func(in *service.PortalSubmission) { in.Photos = []service.PortalPhoto{{Name: "a.png", Data: fake}} }, "photos"},
			{"pdf", func(in *service.PortalSubmission) {
				in.Photos = []service.PortalPhoto{{Name: "a.pdf", Data: []byte("%PDF-1.4\n%âãÏÓ\n1 0 obj\n")}}
			}, "photos"},
			{"too large", func(in *service.PortalSubmission) {
				in.Photos = []service.PortalPhoto{{Name: "a.png", Data: append(pngPhoto(t), make([]byte, service.MaxAttachment)...)}}
			}, "photos"},
		} {
			in := portalComplaint(c)
			tc.edit(&in)
			_, err := c.svc.SubmitOnPortal(c.ctx, pub, in)
			fe, ok := invalid.As(err)
			if !ok || fe[0].Field != tc.field {
				t.Errorf("%s: %v", tc.name, err)
			}
		}
		in := portalComplaint(c)
		in.Honeypot = "http://spam.example"
		if _, err := c.svc.SubmitOnPortal(c.ctx, pub, in); !errors.Is(err, service.ErrSpam) {
			t.Errorf("honeypot: %v", err)
		}
		if _, n, _ := s.Matters(c.ctx, store.MatterFilter{Scope: store.Scope{All: true}}); n != 0 {
			t.Fatalf("%d matters stored from bad input", n)
		}
		if _, err := c.svc.SubmitOnPortal(c.ctx, auth.As(c.op), portalComplaint(c)); !errors.Is(err, service.ErrForbidden) {
			t.Errorf("staff on the portal: %v", err)
		}
	})
}

// TestPortalThrottlesActAsOne: two instances on one database share the throttles per address
// and per phone; a flood is refused with fault.ErrRateLimited.
func TestPortalThrottlesActAsOne(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		lim := service.DefaultPortalLimits
		lim.SubmitPerAddr = service.Throttle{N: 3, Window: lim.SubmitPerAddr.Window}
		lim.CodePerPhone = service.Throttle{N: 2, Window: lim.CodePerPhone.Window}
		other := service.New(s, c.clock.Now)
		c.svc.SetPortal("", lim)
		other.SetPortal("", lim)
		pub := auth.Anonymous("198.51.100.7")
		for i, svc := range []*service.Service{c.svc, other, c.svc, other} {
			in := portalComplaint(c)
			in.Phone = "1390013900" + string(rune('0'+i))
			_, err := svc.SubmitOnPortal(c.ctx, pub, in)
			if (i < 3) != (err == nil) || i == 3 && !errors.Is(err, fault.ErrRateLimited) {
				t.Fatalf("submission %d: %v", i, err)
			}
		}
		// Another address is not held back by the first one's flood.
		if _, err := other.SubmitOnPortal(c.ctx, auth.Anonymous("198.51.100.8"), portalComplaint(c)); err != nil {
			t.Fatal(err)
		}
		for i, svc := range []*service.Service{c.svc, other, c.svc} {
			err := svc.SendPortalCode(c.ctx, auth.Anonymous("192.0.2."+string(rune('1'+i))), "TS20990101999999", "13900139000")
			if (i < 2) != (err == nil) {
				t.Fatalf("code %d: %v", i, err)
			}
		}
		// Later the window has passed.
		c.clock.Add(lim.CodePerPhone.Window + 1)
		if err := other.SendPortalCode(c.ctx, pub, "TS20990101999999", "13900139000"); err != nil {
			t.Fatal(err)
		}
	})
}
