package court

import (
	"errors"
	"slices"
	"testing"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

func cal(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func day(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func codes(err error) []string {
	fe, _ := invalid.As(err)
	var out []string
	for _, f := range fe {
		out = append(out, f.Code)
	}
	return out
}

// TestCourtPeriods: the day of the event is not counted; a last day on a holiday or a
// weekend moves to the next working day, a make-up working day stays; years end on the
// same day or the month's last; a year without an official calendar is provisional
// (CPL Art.85, Civil Code Art.201–203, R-L43).
func TestCourtPeriods(t *testing.T) {
	c := cal(t)
	for _, tc := range []struct {
		name, from  string
		days, years int
		want        string
		provisional bool
	}{
		{name: "a plain weekday", from: "2026-06-02", days: 30, want: "2026-07-02"},
		{name: "a Saturday moves to Monday", from: "2026-06-04", days: 30, want: "2026-07-06"},
		{name: "National Day moves past the holiday", from: "2026-09-01", days: 30, want: "2026-10-08"},
		{name: "a make-up working Sunday stays", from: "2026-08-21", days: 30, want: "2026-09-20"},
		{name: "the Dragon Boat holiday", from: "2026-06-04", days: 15, want: "2026-06-22"},
		{name: "29 February two years on is 28 February, a make-up working day", from: "2024-02-29", years: 2, want: "2026-02-28"},
		{name: "two years into an unknown year", from: "2026-06-30", years: 2, want: "2028-06-30", provisional: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got Due
			var err error
			if tc.years > 0 {
				got, err = Years(c, day(tc.from), tc.years)
			} else {
				got, err = Days(c, day(tc.from), tc.days)
			}
			if err != nil || got.Date.String() != tc.want || got.Provisional != tc.provisional {
				t.Errorf("got %v %v (%v), want %s %v", got.Date, got.Provisional, err, tc.want, tc.provisional)
			}
		})
	}
}

// TestEligible_R_L30_R_L34: "apply for judicial confirmation" is offered only when the
// organisation is a lawful mediation organisation, both parties apply, the agreement is
// in effect and no more than 30 days old, and the subject may be confirmed — and when
// not, it names every rule that fails.
func TestEligible_R_L30_R_L34(t *testing.T) {
	c := cal(t)
	ok := Application{LawfulOrg: true, Parties: []string{"张三", "好又多超市"}, Applicants: []string{"好又多超市", "张三"},
		Effective: true, EffectiveOn: day("2026-06-02"), Subject: Ordinary}
	for _, tc := range []struct {
		name  string
		edit  func(a *Application)
		today string
		want  []string
	}{
		{name: "all hold", edit: func(*Application) {}, today: "2026-06-20"},
		{name: "the 30th day itself", edit: func(*Application) {}, today: "2026-07-02"},
		{name: "31 days on (R-L30)", edit: func(*Application) {}, today: "2026-07-03", want: []string{CodeTooLate}},
		{name: "the 30th day moved past a weekend", edit: func(a *Application) { a.EffectiveOn = day("2026-06-04") }, today: "2026-07-06"},
		{name: "not a lawful mediation organisation (R-L30)", edit: func(a *Application) { a.LawfulOrg = false }, today: "2026-06-20", want: []string{CodeNotLawfulOrg}},
		{name: "only the consumer applies (R-L30)", edit: func(a *Application) { a.Applicants = []string{"张三"} }, today: "2026-06-20", want: []string{CodeNotBothParties}},
		{name: "one party only", edit: func(a *Application) { a.Parties, a.Applicants = []string{"张三"}, []string{"张三"} }, today: "2026-06-20", want: []string{CodeNotBothParties}},
		{name: "not signed by all yet (R-L34)", edit: func(a *Application) { a.Effective = false }, today: "2026-06-20", want: []string{CodeNotEffective}},
		{name: "a status relation (R-L30)", edit: func(a *Application) { a.Subject = StatusRelation }, today: "2026-06-20", want: []string{CodeExcludedSubject}},
		{name: "an IP determination (R-L30)", edit: func(a *Application) { a.Subject = IPDetermination }, today: "2026-06-20", want: []string{CodeExcludedSubject}},
		{name: "everything wrong at once", edit: func(a *Application) { a.LawfulOrg, a.Applicants, a.Subject = false, nil, PropertyDetermination },
			today: "2026-07-30", want: []string{CodeNotLawfulOrg, CodeNotBothParties, CodeTooLate, CodeExcludedSubject}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := ok
			a.Applicants = slices.Clone(ok.Applicants)
			tc.edit(&a)
			got := codes(Eligible(c, a, day(tc.today)))
			if !slices.Equal(got, tc.want) {
				t.Errorf("codes %v, want %v", got, tc.want)
			}
		})
	}
}

// TestCourts_R_L30: the delegating court alone when there is one; otherwise the courts of
// either party's domicile, the subject matter and the organisation, each once; another is refused.
func TestCourts_R_L30(t *testing.T) {
	if got := Courts("瑞昌市人民法院", []string{"九江市浔阳区人民法院"}, "", ""); len(got) != 1 || got[0].Basis != Delegating {
		t.Errorf("delegated: %v", got)
	}
	got := Courts("", []string{"瑞昌市人民法院", "九江市浔阳区人民法院"}, "瑞昌市人民法院", "瑞昌市人民法院")
	if len(got) != 2 || got[0].Basis != PartyDomicile || got[1].Name != "九江市浔阳区人民法院" {
		t.Errorf("not delegated: %v", got)
	}
	if err := CheckCourt("九江市浔阳区人民法院", got); err != nil {
		t.Errorf("a party's court refused: %v", err)
	}
	if c := codes(CheckCourt("南昌市中级人民法院", got)); !slices.Equal(c, []string{CodeWrongCourt}) {
		t.Errorf("another court: %v", c)
	}
}

// TestPackage_R_L31: the package needs the application, the agreement, proof of mediation,
// property-right proofs when property is involved, and each party's identity, domicile
// and contacts; every gap is named.
func TestPackage_R_L31(t *testing.T) {
	parties := []string{"张三", "好又多超市"}
	full := []Entry{{Item: ItemApplication}, {Item: ItemAgreement}, {Item: ItemMediationProof}}
	for _, p := range parties {
		for _, it := range PartyItems {
			full = append(full, Entry{Item: it, Party: p})
		}
	}
	if err := CheckPackage(full, parties, false); err != nil {
		t.Errorf("a full package: %v", err)
	}
	if got := Missing(full, parties, true); !slices.Equal(got, []Entry{{Item: ItemPropertyProof}}) {
		t.Errorf("with property: %v", got)
	}
	partial := slices.DeleteFunc(slices.Clone(full), func(e Entry) bool {
		return e == Entry{Item: ItemContact, Party: "好又多超市"} || e.Item == ItemMediationProof
	})
	want := []Entry{{Item: ItemMediationProof}, {Item: ItemContact, Party: "好又多超市"}}
	if got := Missing(partial, parties, false); !slices.Equal(got, want) {
		t.Errorf("partial: %v, want %v", got, want)
	}
	if c := codes(CheckPackage(partial, parties, false)); len(c) != 2 || c[0] != CodePackageMissing {
		t.Errorf("codes: %v", c)
	}
}

// TestRuling_R_L32: a valid ruling opens enforcement until two years after the
// performance period; a dismissal offers re-mediation or suit; both open the 15-day
// objection window; a ruling without an application, twice, or dated before it is refused.
func TestRuling_R_L32(t *testing.T) {
	c := cal(t)
	filed := day("2026-06-10")
	a, err := Rule(c, &filed, false, Ruling{Outcome: Valid, RuledOn: day("2026-06-20"), ReceivedOn: day("2026-06-22"), PerformanceEnd: day("2026-07-31")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Next, []Next{ApplyEnforcement}) || a.ObjectionDue.Date.String() != "2026-07-07" {
		t.Errorf("valid: %+v", a)
	}
	if a.EnforcementDue == nil || a.EnforcementDue.Date.String() != "2028-07-31" || !a.EnforcementDue.Provisional {
		t.Errorf("enforcement due: %+v", a.EnforcementDue)
	}
	d, err := Rule(c, &filed, false, Ruling{Outcome: Dismissed, RuledOn: day("2026-06-20"), ReceivedOn: day("2026-09-22")})
	if err != nil || !slices.Equal(d.Next, []Next{Remediate, Sue}) || d.EnforcementDue != nil || d.ObjectionDue.Date.String() != "2026-10-08" {
		t.Errorf("dismissed: %+v %v", d, err)
	}
	for _, tc := range []struct {
		name     string
		filed    *calendar.Date
		recorded bool
		r        Ruling
		want     []string
	}{
		{"no application", nil, false, Ruling{Outcome: Dismissed, RuledOn: day("2026-06-20"), ReceivedOn: day("2026-06-20")}, []string{CodeNoApplication}},
		{"twice", &filed, true, Ruling{Outcome: Dismissed, RuledOn: day("2026-06-20"), ReceivedOn: day("2026-06-20")}, []string{CodeRulingTwice}},
		{"before the application", &filed, false, Ruling{Outcome: Dismissed, RuledOn: day("2026-06-01"), ReceivedOn: day("2026-06-20")}, []string{CodeRulingBefore}},
		{"received before ruled", &filed, false, Ruling{Outcome: Dismissed, RuledOn: day("2026-06-20"), ReceivedOn: day("2026-06-19")}, []string{CodeRulingBefore}},
		{"no outcome", &filed, false, Ruling{RuledOn: day("2026-06-20"), ReceivedOn: day("2026-06-20")}, []string{CodeRulingOutcome}},
		{"valid without a performance period", &filed, false, Ruling{Outcome: Valid, RuledOn: day("2026-06-20"), ReceivedOn: day("2026-06-20")}, []string{invalid.Required}},
	} {
		_, err := Rule(c, tc.filed, tc.recorded, tc.r)
		if got := codes(err); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestPreFiling_R_L33: the centre accepts within 3 working days; the period runs 30 days
// (15 or 7 after filing) from the confirmation, longer by consented extensions and by the
// days of finished appraisals, standing still while one is under way; an extension
// without every party's consent is refused.
func TestPreFiling_R_L33(t *testing.T) {
	c := cal(t)
	// Delegated on Thursday 30 April 2026: the May Day holiday and the make-up Saturday 9 May.
	due, err := AcceptDue(c, day("2026-04-30"))
	if err != nil || due.String() != "2026-05-08" {
		t.Errorf("accept due %v %v, want 2026-05-08", due, err)
	}
	for _, tc := range []struct {
		decided string
		late    bool
	}{{"2026-05-06", false}, {"2026-05-08", false}, {"2026-05-09", true}} {
		if late, err := AcceptedLate(c, day("2026-04-30"), day(tc.decided)); err != nil || late != tc.late {
			t.Errorf("decided %s: late %v %v", tc.decided, late, err)
		}
	}
	ended := day("2026-06-12")
	for _, tc := range []struct {
		name   string
		p      Period
		want   string
		days   int
		paused bool
	}{
		{"pre-filing, 30 days", Period{Stage: PreFiling, ConfirmedOn: day("2026-06-02")}, "2026-07-02", 30, false},
		{"summary procedure, 7 days", Period{Stage: PostFilingSummary, ConfirmedOn: day("2026-06-02")}, "2026-06-09", 7, false},
		{"ordinary procedure, 15 days", Period{Stage: PostFilingOrdinary, ConfirmedOn: day("2026-06-02")}, "2026-06-17", 15, false},
		{"extended by 10 days with consent", Period{Stage: PreFiling, ConfirmedOn: day("2026-06-02"), Extensions: []Extension{{Days: 10}}}, "2026-07-13", 40, false},
		{"an appraisal of 7 days excluded", Period{Stage: PreFiling, ConfirmedOn: day("2026-06-02"), Appraisals: []Span{{From: day("2026-06-05"), To: &ended}}}, "2026-07-09", 37, false},
		{"an appraisal under way", Period{Stage: PreFiling, ConfirmedOn: day("2026-06-02"), Appraisals: []Span{{From: day("2026-06-05")}}}, "2026-07-02", 30, true},
	} {
		st, err := tc.p.Status(c)
		if err != nil || st.Due.Date.String() != tc.want || st.Days != tc.days || st.Paused != tc.paused {
			t.Errorf("%s: %+v %v, want %s %d paused=%v", tc.name, st, err, tc.want, tc.days, tc.paused)
		}
	}
	if _, err := (Period{Stage: "arbitration"}).Status(c); err == nil {
		t.Error("an unknown stage was counted")
	}
	parties := []string{"张三", "好又多超市"}
	if err := CheckExtension(Extension{Days: 10, Consents: []string{"好又多超市", "张三"}}, parties); err != nil {
		t.Errorf("consented extension: %v", err)
	}
	if got := codes(CheckExtension(Extension{Days: 10, Consents: []string{"张三"}}, parties)); !slices.Equal(got, []string{CodeExtensionConsent}) {
		t.Errorf("one consent: %v", got)
	}
	if got := codes(CheckExtension(Extension{Consents: parties}, parties)); !slices.Equal(got, []string{invalid.Negative}) {
		t.Errorf("no days: %v", got)
	}
	if _, err := AcceptDue(c, day("2027-12-30")); !errors.Is(err, ErrNoCalendar) {
		t.Errorf("a delegation into an unknown year: %v", err)
	}
}
