package court

import (
	"slices"
	"strings"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

// Subject is what a mediation agreement is about, as far as judicial confirmation cares.
type Subject string

// Subjects. Only Ordinary agreements may be confirmed (R-L30; SPC Interp. Art.358).
const (
	Ordinary              Subject = "ordinary"               // money, goods, services: a consumer dispute
	StatusRelation        Subject = "status_relation"        // 身份关系 (marriage, adoption, parentage)
	PropertyDetermination Subject = "property_determination" // 确认物权
	IPDetermination       Subject = "ip_determination"       // 确认知识产权
)

// Subjects lists every subject.
var Subjects = []Subject{Ordinary, StatusRelation, PropertyDetermination, IPDetermination}

// ConfirmWithinDays is how long after the agreement takes effect the parties may apply (R-L30).
const ConfirmWithinDays = 30

// Application is what an application for judicial confirmation is checked against.
type Application struct {
	LawfulOrg   bool          // the mediating body is a lawful mediation organisation (消协 as 特邀调解组织, a people's mediation committee)
	Parties     []string      // every party to the agreement, by name
	Applicants  []string      // the parties applying
	Effective   bool          // the agreement is in effect (R-L34: every signature, and the seal when the organisation presides)
	EffectiveOn calendar.Date // the day it took effect
	Subject     Subject
}

// ConfirmDue is the last day to apply: 30 days after the agreement took effect (R-L30),
// moved past holidays and weekends.
func ConfirmDue(cal *calendar.Calendar, effectiveOn calendar.Date) (Due, error) {
	return Days(cal, effectiveOn, ConfirmWithinDays)
}

// Eligible says whether "apply for judicial confirmation" may be offered on today, and
// when not, every rule that fails (R-L30, R-L34), so the page can say which.
func Eligible(cal *calendar.Calendar, a Application, today calendar.Date) error {
	var errs invalid.Errors
	if !a.LawfulOrg {
		errs.Add("organisation", CodeNotLawfulOrg)
	}
	for _, p := range a.Parties {
		if !slices.Contains(a.Applicants, p) {
			errs.Add("applicants", CodeNotBothParties, "party", p)
			break
		}
	}
	if len(a.Parties) < 2 {
		errs.Add("applicants", CodeNotBothParties, "party", "")
	}
	if !a.Effective {
		errs.Add("agreement", CodeNotEffective)
	} else {
		due, err := ConfirmDue(cal, a.EffectiveOn)
		if err != nil {
			return err
		}
		if today.After(due.Date) {
			errs.Add("agreement", CodeTooLate, "due", due.Date.String())
		}
	}
	if a.Subject != Ordinary {
		errs.Add("subject", CodeExcludedSubject, "subject", string(a.Subject))
	}
	return errs.Err()
}

// Basis is why a court may confirm an agreement it did not delegate (CPL Art.205, SPC Interp. Art.355).
type Basis string

// Bases.
const (
	Delegating    Basis = "delegating"     // the court invited or delegated the mediation: it alone
	PartyDomicile Basis = "party_domicile" // a basic court where either party is domiciled
	SubjectPlace  Basis = "subject_place"  // where the subject matter is
	MediatorPlace Basis = "mediator_place" // where the mediation organisation is
)

// Court is a court the application may go to, with why.
type Court struct {
	Name  string `json:"name"`
	Basis Basis  `json:"basis"`
}

// Courts lists the courts an application may go to (R-L30): the inviting or delegating
// court alone when there is one; otherwise the basic courts of either party's domicile,
// of the subject matter and of the mediation organisation, each once.
func Courts(delegating string, partyDomicile []string, subjectPlace, mediatorPlace string) []Court {
	if delegating = strings.TrimSpace(delegating); delegating != "" {
		return []Court{{delegating, Delegating}}
	}
	var out []Court
	add := func(name string, b Basis) {
		name = strings.TrimSpace(name)
		if name == "" || slices.ContainsFunc(out, func(c Court) bool { return c.Name == name }) {
			return
		}
		out = append(out, Court{name, b})
	}
	for _, d := range partyDomicile {
		add(d, PartyDomicile)
	}
	add(subjectPlace, SubjectPlace)
	add(mediatorPlace, MediatorPlace)
	return out
}

// CheckCourt refuses a court the law does not name for this application.
func CheckCourt(chosen string, allowed []Court) error {
	if slices.ContainsFunc(allowed, func(c Court) bool { return c.Name == chosen }) {
		return nil
	}
	names := make([]string, len(allowed))
	for i, c := range allowed {
		names[i] = c.Name
	}
	return invalid.New("court", CodeWrongCourt, "values", strings.Join(names, "、"))
}

// Item is a kind of document in the application package (R-L31, SPC Interp. Art.354).
type Item string

// Items. Identity, domicile and contacts are per party.
const (
	ItemApplication    Item = "application"     // 司法确认申请书
	ItemAgreement      Item = "agreement"       // 调解协议
	ItemMediationProof Item = "mediation_proof" // 调解组织主持调解的证明
	ItemPropertyProof  Item = "property_proof"  // 与调解协议相关的财产权利证明
	ItemIdentity       Item = "identity"        // 身份证明
	ItemDomicile       Item = "domicile"        // 住所
	ItemContact        Item = "contact"         // 联系方式
)

// PartyItems are the items every party needs.
var PartyItems = []Item{ItemIdentity, ItemDomicile, ItemContact}

// Entry is one document in the package, of one kind, for one party when it is a party's.
type Entry struct {
	Item  Item   `json:"item"`
	Party string `json:"party,omitempty"`
}

// Missing lists what the package still lacks (R-L31): the application, the agreement,
// proof of mediation, the property-right proofs when the agreement transfers or pays
// for property, and each party's identity, domicile and contacts.
func Missing(entries []Entry, parties []string, property bool) []Entry {
	has := func(e Entry) bool { return slices.Contains(entries, e) }
	var out []Entry
	need := []Item{ItemApplication, ItemAgreement, ItemMediationProof}
	if property {
		need = append(need, ItemPropertyProof)
	}
	for _, it := range need {
		if !has(Entry{Item: it}) {
			out = append(out, Entry{Item: it})
		}
	}
	for _, p := range parties {
		for _, it := range PartyItems {
			if !has(Entry{Item: it, Party: p}) {
				out = append(out, Entry{Item: it, Party: p})
			}
		}
	}
	return out
}

// CheckPackage refuses a package that lacks anything R-L31 asks for, naming each gap.
func CheckPackage(entries []Entry, parties []string, property bool) error {
	var errs invalid.Errors
	for _, e := range Missing(entries, parties, property) {
		errs.Add("package", CodePackageMissing, "item", string(e.Item), "party", e.Party)
	}
	return errs.Err()
}

// Outcome is the court's ruling on an application (R-L32).
type Outcome string

// Outcomes.
const (
	Valid     Outcome = "valid"     // 裁定有效
	Dismissed Outcome = "dismissed" // 裁定驳回
)

// Next are the steps a ruling opens.
type Next string

// Steps after a ruling.
const (
	ApplyEnforcement Next = "apply_enforcement" // 申请强制执行 (valid)
	Remediate        Next = "remediate"         // 重新调解 (dismissed)
	Sue              Next = "sue"               // 起诉 (dismissed)
)

// Ruling is the court's decision as recorded.
type Ruling struct {
	Outcome        Outcome       `json:"outcome"`
	RuledOn        calendar.Date `json:"ruled_on"`
	ReceivedOn     calendar.Date `json:"received_on"`     // the day the parties received it: the objection window runs from here
	PerformanceEnd calendar.Date `json:"performance_end"` // the last day to perform the agreement (valid rulings)
}

// ObjectionWithinDays is the objection window after receipt of the ruling (SPC Interp. Art.372).
const ObjectionWithinDays = 15

// EnforcementYears is the period to apply for enforcement after the performance period (CPL Art.250).
const EnforcementYears = 2

// After is what a ruling opens: its next steps, the objection window's last day, and for
// a valid ruling the last day to apply for enforcement (R-L32).
type After struct {
	Next           []Next `json:"next"`
	ObjectionDue   Due    `json:"objection_due"`
	EnforcementDue *Due   `json:"enforcement_due,omitempty"`
}

// Rule checks a ruling against its application and says what it opens (R-L32). filed is
// the day the application was filed; nil when none was — a ruling then has nothing to rule
// on. recorded says a ruling is already in.
func Rule(cal *calendar.Calendar, filed *calendar.Date, recorded bool, r Ruling) (After, error) {
	var errs invalid.Errors
	switch {
	case filed == nil:
		errs.Add("ruling", CodeNoApplication)
	case recorded:
		errs.Add("ruling", CodeRulingTwice)
	}
	if r.Outcome != Valid && r.Outcome != Dismissed {
		errs.Add("outcome", CodeRulingOutcome)
	}
	if filed != nil && r.RuledOn.Before(*filed) {
		errs.Add("ruled_on", CodeRulingBefore, "filed", filed.String())
	}
	if r.ReceivedOn.Before(r.RuledOn) {
		errs.Add("received_on", CodeRulingBefore, "filed", r.RuledOn.String())
	}
	if r.Outcome == Valid && r.PerformanceEnd.IsZero() {
		errs.Add("performance_end", invalid.Required)
	}
	if err := errs.Err(); err != nil {
		return After{}, err
	}
	obj, err := Days(cal, r.ReceivedOn, ObjectionWithinDays)
	if err != nil {
		return After{}, err
	}
	a := After{ObjectionDue: obj}
	if r.Outcome == Dismissed {
		a.Next = []Next{Remediate, Sue}
		return a, nil
	}
	enf, err := Years(cal, r.PerformanceEnd, EnforcementYears)
	if err != nil {
		return After{}, err
	}
	a.Next, a.EnforcementDue = []Next{ApplyEnforcement}, &enf
	return a, nil
}
