package mediation

import (
	"strings"
	"testing"
	"time"

	"weiquan/internal/casework"
)

// TestConsent_R_L14: each party's consent by paper (scan), phone (time, operator, what was said)
// or online (a confirmed challenge); recorded once per party and purpose.
func TestConsent_R_L14(t *testing.T) {
	now := at(t, "2026-05-08 10:00")
	paper := Consent{Side: Complainant, Purpose: ToMediation, Method: OnPaper, AttachmentID: ptr(int64(11))}
	existing := []Consent{paper}
	cases := []struct {
		name     string
		m        casework.Matter
		c        Consent
		existing []Consent
		want     []string
	}{
		{"paper with its scan", complaint(t, casework.Accepted), paper, nil, nil},
		{"phone with operator and words", complaint(t, casework.OnSite),
			Consent{Side: Respondent, Purpose: ToMediation, Method: ByPhone, OperatorID: ptr(int64(2)), Said: "店长王某：同意调解"}, existing, nil},
		{"online through a confirmed code", complaint(t, casework.Accepted),
			Consent{Side: Respondent, Purpose: ToMediation, Method: Online, ChallengeID: ptr(int64(5))}, existing, nil},
		{"paper without scan", complaint(t, casework.Accepted),
			Consent{Side: Respondent, Purpose: ToMediation, Method: OnPaper}, nil, []string{"attachment_id:required"}},
		{"phone without operator or words", complaint(t, casework.Accepted),
			Consent{Side: Respondent, Purpose: ToMediation, Method: ByPhone}, nil, []string{"operator_id:required", "said:required"}},
		{"online without challenge", complaint(t, casework.Accepted),
			Consent{Side: Respondent, Purpose: ToMediation, Method: Online}, nil, []string{"challenge_id:required"}},
		{"consent recorded twice (issue's bad input)", complaint(t, casework.Accepted), paper, existing, []string{"side:already"}},
		{"someone who is not a party", complaint(t, casework.Accepted),
			Consent{Side: "neighbour", Purpose: ToMediation, Method: OnPaper, AttachmentID: ptr(int64(1))}, nil, []string{"side:not_party"}},
		{"before acceptance", complaint(t, casework.Received), paper, nil, []string{"state:wrong_state"}},
		{"a report has no mediation", func() casework.Matter { m := complaint(t, casework.Accepted); m.Kind = casework.Report; return m }(),
			paper, nil, []string{"state:wrong_state"}},
		{"given in the future", complaint(t, casework.Accepted),
			Consent{Side: Respondent, Purpose: ToMediation, Method: OnPaper, AttachmentID: ptr(int64(1)), GivenAt: now.Add(time.Hour)}, nil,
			[]string{"given_at:future"}},
		{"delegation consent under Order 121", complaint(t, casework.Accepted),
			Consent{Side: Complainant, Purpose: ToDelegation, Method: OnPaper, AttachmentID: ptr(int64(1))}, existing, nil},
		{"no delegation consent under Order 20", order20(t, casework.Accepted),
			Consent{Side: Complainant, Purpose: ToDelegation, Method: OnPaper, AttachmentID: ptr(int64(1))}, nil,
			[]string{"purpose:rule_set_only"}},
		{"unknown method", complaint(t, casework.Accepted), Consent{Side: Respondent, Purpose: ToMediation, Method: "telepathy"}, nil,
			[]string{"method:one_of"}},
	}
	for _, c := range cases {
		cc := c.c
		want(t, c.name, ValidateConsent(c.m, &cc, c.existing, now), c.want...)
	}
}

// TestCanStartMediation_R_L14: mediation cannot start until both parties consented to it.
func TestCanStartMediation_R_L14(t *testing.T) {
	c := Consent{Side: Complainant, Purpose: ToMediation}
	r := Consent{Side: Respondent, Purpose: ToMediation}
	d := Consent{Side: Respondent, Purpose: ToDelegation}
	want(t, "none", CanStartMediation(nil), "consent_complainant:no_consent", "consent_respondent:no_consent")
	want(t, "consumer only", CanStartMediation([]Consent{c}), "consent_respondent:no_consent")
	want(t, "delegation consent is not consent to mediation", CanStartMediation([]Consent{c, d}), "consent_respondent:no_consent")
	want(t, "both", CanStartMediation([]Consent{r, c}))
}

// TestDelegation_R_L14: delegation to the association needs both parties' consent under Order
// 121 (not Order 20), and is never made twice nor by a delegate.
func TestDelegation_R_L14(t *testing.T) {
	now := at(t, "2026-05-08 10:00")
	both := []Consent{{Side: Complainant, Purpose: ToDelegation}, {Side: Respondent, Purpose: ToDelegation}}
	assoc := Delegation{Kind: ConsumerAssociation, Delegate: "某县消费者权益保护委员会"}
	cases := []struct {
		name     string
		m        casework.Matter
		d        Delegation
		consents []Consent
		existing []Delegation
		want     []string
	}{
		{"both consented (Order 121)", complaint(t, casework.Accepted), assoc, both, nil, nil},
		{"consumer only (Order 121)", complaint(t, casework.Accepted), assoc, both[:1], nil, []string{"consent_respondent:no_consent"}},
		{"Order 20 needs no consent", order20(t, casework.Accepted), assoc, nil, nil, nil},
		{"no re-delegation by the delegate", complaint(t, casework.Mediating),
			Delegation{Kind: OtherMediationOrg, Delegate: "某人民调解委员会", ByDelegate: true}, both, nil, []string{"delegate:redelegation"}},
		{"no second delegation", complaint(t, casework.Mediating), assoc, both, []Delegation{assoc}, []string{"delegate:redelegation"}},
		{"after agreement", complaint(t, casework.Agreement), assoc, both, nil, []string{"state:wrong_state"}},
		{"no delegate named", complaint(t, casework.Accepted), Delegation{Kind: "friend"}, both, nil,
			[]string{"kind:one_of", "delegate:required"}},
	}
	for _, c := range cases {
		d := c.d
		want(t, c.name, ValidateDelegation(c.m, &d, c.consents, c.existing, now), c.want...)
	}
}

// TestChallenge_R_L14: online consent through a one-time code or link — random, expiring,
// stored only as a hash, bound to its matter and party, a few attempts, used once.
func TestChallenge_R_L14(t *testing.T) {
	now := at(t, "2026-05-08 10:00")
	set := DefaultSettings()
	code, c, err := NewChallenge(7, Respondent, ToMediation, CodeChallenge, now, set)
	if err != nil {
		t.Fatal(err)
	}
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		t.Fatalf("code %q", code)
	}
	if c.Hash == "" || strings.Contains(c.Hash, code) || c.Salt == "" || !c.ExpiresAt.Equal(now.Add(30*time.Minute)) {
		t.Fatalf("challenge %+v", c)
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	try := func(name string, c *Challenge, secret string, when time.Time, codes ...string) {
		t.Helper()
		want(t, name, c.Verify(secret, when), codes...)
	}
	x := c
	try("wrong code", &x, wrong, now, "code:mismatch")
	if x.Attempts != 1 {
		t.Errorf("attempts %d", x.Attempts)
	}
	try("right code, typed with spaces and full-width digits", &x, " "+toFullWidth(code[:3])+" "+code[3:], now.Add(time.Minute))
	if x.UsedAt == nil {
		t.Error("not marked used")
	}
	try("used twice", &x, code, now.Add(2*time.Minute), "code:already")
	x.ID = 5
	cons, err := x.Consent()
	if err != nil || cons.Method != Online || cons.Side != Respondent || cons.Purpose != ToMediation || *cons.ChallengeID != 5 || !cons.GivenAt.Equal(*x.UsedAt) {
		t.Errorf("consent from challenge: %+v %v", cons, err)
	}
	want(t, "the consent it stands for", ValidateConsent(complaint(t, casework.Accepted), &cons, nil, now.Add(time.Hour)))
	if _, err := c.Consent(); err == nil {
		t.Error("consent from an unconfirmed challenge")
	}

	x = c
	try("expired", &x, code, now.Add(30*time.Minute), "code:expired")
	x = c
	for range MaxAttempts {
		try("guess", &x, wrong, now, "code:mismatch")
	}
	try("right code after too many guesses", &x, code, now, "code:too_many_attempts")

	_, other, _ := NewChallenge(8, Respondent, ToMediation, CodeChallenge, now, set)
	other.Salt, other.Hash = c.Salt, c.Hash // a copied row for another matter
	try("a code for one matter never confirms another", &other, code, now, "code:mismatch")

	link, l, _ := NewChallenge(7, Complainant, ToDelegation, LinkChallenge, now, set)
	if len(link) < 43 {
		t.Errorf("link token %q too short", link)
	}
	try("link token", &l, link, now)
	if _, _, err := NewChallenge(7, Complainant, ToMediation, "pigeon", now, set); err == nil {
		t.Error("unknown kind accepted")
	}
	a, _, _ := NewChallenge(7, Complainant, ToMediation, LinkChallenge, now, set)
	b, _, _ := NewChallenge(7, Complainant, ToMediation, LinkChallenge, now, set)
	if a == b {
		t.Error("two link tokens are equal")
	}
}

func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune { return '０' + (r - '0') }, s)
}

// FuzzChallengeVerify: whatever a party types back, Verify never panics and accepts only the secret sent.
func FuzzChallengeVerify(f *testing.F) {
	now := time.Date(2026, 5, 8, 2, 0, 0, 0, time.UTC)
	code, c, _ := NewChallenge(7, Respondent, ToMediation, CodeChallenge, now, DefaultSettings())
	for _, s := range []string{code, "", "000000", " 1 2 3 ", "１２３４５６", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x := c
		err := x.Verify(s, now)
		if err == nil && strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)) != code && !fullWidthOf(s, code) {
			t.Fatalf("%q verified for code %q", s, code)
		}
	})
}

func fullWidthOf(s, code string) bool {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + (r - '０')
		}
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.TrimSpace(s)) == code
}

// TestSettings: the office's mediation settings stay within sensible bounds.
func TestSettings(t *testing.T) {
	want(t, "defaults", DefaultSettings().Validate())
	bad := Settings{NoticeLeadDays: 0, CallbackEvery: -1, CodeMinutes: 1, FulfilmentRemindDays: 31}
	want(t, "out of bounds", bad.Validate(), "session_notice_lead_days:one_of", "callback_every:one_of",
		"consent_code_minutes:one_of", "fulfilment_remind_days:one_of")
}

// TestLinkHolds_R_L14: a link's page opens for its token only, without counting a try or using
// the link up; a six-digit code is never checked that way (Verify counts its tries).
func TestLinkHolds_R_L14(t *testing.T) {
	now := at(t, "2026-05-08 10:00")
	token, l, _ := NewChallenge(7, Complainant, ToMediation, LinkChallenge, now, DefaultSettings())
	if !l.Holds(token) || !l.Holds(" "+token+" ") || l.Holds(token[:len(token)-1]+otherChar(token[len(token)-1])) || l.Holds("") {
		t.Error("a link holds its token only")
	}
	if l.Attempts != 0 || l.UsedAt != nil {
		t.Errorf("Holds changed the link: %+v", l)
	}
	code, c, _ := NewChallenge(7, Complainant, ToMediation, CodeChallenge, now, DefaultSettings())
	if c.Holds(code) {
		t.Error("a code checked as a link")
	}
}

// otherChar is a character of the token alphabet other than c, so that a
// changed token really differs (replacing the last character with "A" changed
// nothing when it already was "A": the test failed one run in five).
func otherChar(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}
