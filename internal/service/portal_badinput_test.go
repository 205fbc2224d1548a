package service_test

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/invalid"
	"weiquan/internal/notify"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// hugePNG is a real PNG whose header claims w × h pixels: the header alone must refuse it.
func hugePNG(t *testing.T, w, h uint32) []byte {
	b := append([]byte(nil), pngPhoto(t)...)
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// TestPortalPhotosThatLie: a picture whose header claims more than 60 megapixels and a file
// that only starts like a WebP picture are refused on the photos field, and nothing is stored;
// a real WebP picture is taken.
func TestPortalPhotosThatLie(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		pub := auth.Anonymous("203.0.113.11")
		fakeWebP := []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00not a picture at all, only its first bytes")
		for name, data := range map[string][]byte{"70 megapixels": hugePNG(t, 10000, 7000), "webp header only": fakeWebP} {
			in := portalComplaint(c)
			in.Photos = []service.PortalPhoto{{Name: "a.png", Data: data}}
			_, err := c.svc.SubmitOnPortal(c.ctx, pub, in)
			if fe, ok := invalid.As(err); !ok || fe[0].Field != "photos" {
				t.Errorf("%s: %v", name, err)
			}
		}
		if _, n, _ := s.Matters(c.ctx, store.MatterFilter{Scope: store.Scope{All: true}}); n != 0 {
			t.Fatalf("%d matters stored from lying photos", n)
		}
		// A real WebP picture (1 × 1, lossless) is still taken.
		webp, _ := base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
		in := portalComplaint(c)
		in.Photos = []service.PortalPhoto{{Name: "shop.webp", Data: webp}}
		if _, err := c.svc.SubmitOnPortal(c.ctx, pub, in); err != nil {
			t.Fatalf("a real WebP: %v", err)
		}
	})
}

// TestPortalCodesExpireAndRunOut: a one-time code is refused after its 10 minutes, is spent by
// five wrong tries (the right one then fails too), and a new code retires the earlier one —
// each refusal the same ErrNotProved as a wrong number or phone.
func TestPortalCodesExpireAndRunOut(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 10:00"))
		lim := service.DefaultPortalLimits
		lim.CodePerPhone = service.Throttle{N: 100, Window: time.Hour}
		lim.CodePerAddr = service.Throttle{N: 100, Window: time.Hour}
		lim.ProvePerAddr = service.Throttle{N: 100, Window: time.Hour}
		c.svc.SetPortal("", lim)
		pub := auth.Anonymous("203.0.113.12")
		r, err := c.svc.SubmitOnPortal(c.ctx, pub, portalComplaint(c))
		if err != nil {
			t.Fatal(err)
		}
		number, phone := r.Numbers[0], "13900139000"
		m, _ := s.MatterByNumber(c.ctx, number)
		code := func() string {
			t.Helper()
			if err := c.svc.SendPortalCode(c.ctx, pub, number, phone); err != nil {
				t.Fatal(err)
			}
			msgs, _ := s.MatterMessages(c.ctx, m.ID)
			last := msgs[len(msgs)-1]
			if last.Kind != notify.KindPortalCode {
				t.Fatalf("last message %+v", last)
			}
			return sixDigits.FindString(last.Body)
		}
		notProved := func(what, code string) {
			t.Helper()
			if _, err := c.svc.ProvePortalCode(c.ctx, pub, number, phone, code); !errors.Is(err, service.ErrNotProved) {
				t.Fatalf("%s: %v", what, err)
			}
		}
		wrong := func(right string) string {
			if right == "000000" {
				return "000001"
			}
			return "000000"
		}

		expired := code()
		c.clock.Add(service.CodeLife + time.Second)
		notProved("an expired code", expired)

		spent := code()
		for range service.CodeTries {
			notProved("a wrong code", wrong(spent))
		}
		notProved("the right code after five wrong tries", spent)

		old := code()
		c.clock.Add(time.Second)
		fresh := code()
		if old != fresh {
			notProved("a code retired by a newer one", old)
		}
		if _, err := c.svc.ProvePortalCode(c.ctx, pub, number, phone, fresh); err != nil {
			t.Fatalf("the newest code: %v", err)
		}
	})
}
