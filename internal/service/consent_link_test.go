package service_test

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestConsentByLink_R_L14: online consent through a one-time link the party opens themselves —
// the link goes by SMS through the outbox (only its token's salted hash is kept); the portal's
// page shows whoever holds the link what it is for; saying yes records the party's online
// consent, on the timeline as the party's; a wrong token is not found and writes nothing; a
// link works once and not after it expires (409); a six-digit code is never taken as a link;
// without the portal's address no link is sent (409) — on both databases.
func TestConsentByLink_R_L14(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s, sh(t, "2026-05-06 09:00"))
		m := c.complaint(t, c.county, nil)
		m = c.act(t, c.op, m, casework.Accept, casework.ActionInput{})
		_, err := c.svc.SendConsentLink(c.ctx, auth.As(c.op), m.Number, mediation.Complainant, mediation.ToMediation)
		refused(t, "no portal address", err, true, "portal_url:required")
		c.svc.SetPortal("https://12315.example.cn", service.DefaultPortalLimits)

		link := func(side mediation.Side, purpose mediation.Purpose) string {
			t.Helper()
			if _, err := c.svc.SendConsentLink(c.ctx, auth.As(c.op), m.Number, side, purpose); err != nil {
				t.Fatal(err)
			}
			msgs, _ := s.MatterMessages(c.ctx, m.ID)
			last := msgs[len(msgs)-1]
			url := regexp.MustCompile(`https://12315\.example\.cn/portal/consent/(\d+\.[A-Za-z0-9_-]{43})`).FindStringSubmatch(last.Body)
			if last.Kind != "consent_link" || last.Recipient != "13800138000" || url == nil {
				t.Fatalf("the link's message: %+v", last)
			}
			return url[1]
		}
		ref := link(mediation.Complainant, mediation.ToMediation)
		l, err := c.svc.ConsentLinkOf(c.ctx, ref)
		if err != nil || l.Number != m.Number || l.Side != mediation.Complainant || l.Purpose != mediation.ToMediation || l.Given || l.Expired {
			t.Fatalf("the link's page: %+v %v", l, err)
		}
		id, token, _ := strings.Cut(ref, ".")
		wrong := id + "." + strings.Repeat("A", len(token))
		events := len(c.timeline(t, m))
		for _, bad := range []string{wrong, id, "x." + token, "999999." + token, ""} {
			if _, err := c.svc.ConsentLinkOf(c.ctx, bad); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("page of %q: %v, want not found", bad, err)
			}
			if _, err := c.svc.ConfirmConsentLink(c.ctx, bad); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("confirm %q: %v, want not found", bad, err)
			}
		}
		if cs, _ := s.Consents(c.ctx, m.ID); len(cs) != 0 || len(c.timeline(t, m)) != events {
			t.Fatal("a wrong link wrote something")
		}

		if l, err = c.svc.ConfirmConsentLink(c.ctx, ref); err != nil || !l.Given {
			t.Fatalf("confirm: %+v %v", l, err)
		}
		cs, _ := s.Consents(c.ctx, m.ID)
		if len(cs) != 1 || cs[0].Method != mediation.Online || cs[0].Side != mediation.Complainant || cs[0].ChallengeID == nil || cs[0].RecordedBy != nil {
			t.Fatalf("the consent: %+v", cs)
		}
		evs := c.timeline(t, m)
		if last := evs[len(evs)-1]; last.Action != casework.GiveConsent || last.ActorID != nil || !strings.Contains(last.ActorName, "投诉人") {
			t.Fatalf("on the timeline: %+v", last)
		}
		_, err = c.svc.ConfirmConsentLink(c.ctx, ref)
		refused(t, "the link used twice", err, true, "code:already")

		// A link not used in time expires.
		late := link(mediation.Complainant, mediation.ToDelegation)
		c.clock.Set(c.clock.Now().Add(31 * time.Minute))
		_, err = c.svc.ConfirmConsentLink(c.ctx, late)
		refused(t, "an expired link", err, true, "code:expired")
		if l, _ := c.svc.ConsentLinkOf(c.ctx, late); !l.Expired || l.Given {
			t.Fatalf("the expired link's page: %+v", l)
		}

		// A six-digit code is read back to staff, never taken as a link.
		ch, err := c.svc.SendConsentCode(c.ctx, auth.As(c.op), m.Number, mediation.Complainant, mediation.ToDelegation)
		if err != nil {
			t.Fatal(err)
		}
		msgs, _ := s.MatterMessages(c.ctx, m.ID)
		code := regexp.MustCompile(`\d{6}`).FindString(msgs[len(msgs)-1].Body)
		if _, err := c.svc.ConfirmConsentLink(c.ctx, strconv.FormatInt(ch.ID, 10)+"."+code); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a code as a link: %v", err)
		}
	})
}
