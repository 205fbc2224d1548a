package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/document"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// ConfirmInput is an application for judicial confirmation as the office files it.
type ConfirmInput struct {
	Court          string        `json:"court"`
	CourtStationID *int64        `json:"court_station_id,omitempty"`
	Basis          court.Basis   `json:"basis,omitempty"` // why this court, when no court delegated the dispute
	Applicants     []string      `json:"applicants"`
	Subject        court.Subject `json:"subject,omitempty"`
	Property       bool          `json:"property,omitempty"`        // the agreement transfers or pays for property
	PropertyProofs []int64       `json:"property_proofs,omitempty"` // attachments of the matter proving the property rights
	Lang           string        `json:"lang,omitempty"`
}

// Eligibility is whether "apply for judicial confirmation" may be offered, and when not,
// every rule that fails (R-L30, R-L34) as field errors; the last day to apply; the courts
// it may go to; what the package would still lack (R-L31).
type Eligibility struct {
	Eligible    bool           `json:"eligible"`
	Problems    invalid.Errors `json:"problems,omitempty"`
	EffectiveOn *calendar.Date `json:"effective_on,omitempty"`
	ApplyDue    *court.Due     `json:"apply_due,omitempty"`
	Courts      []court.Court  `json:"courts"`
	Missing     []court.Entry  `json:"missing,omitempty"`
	Filed       bool           `json:"filed"`
}

// confirmFacts is what the rules of judicial confirmation look at on one matter.
type confirmFacts struct {
	ag         *mediation.Agreement
	sigs       []store.SignatureImage
	delegation *court.Delegation
	entries    []court.Entry
	parties    []string
	consumer   document.Party
	respondent document.Party
}

func (s *Service) confirmFacts(ctx context.Context, m casework.Matter) (confirmFacts, error) {
	var f confirmFacts
	var err error
	if f.ag, err = s.store.Agreement(ctx, m.ID); err != nil {
		return f, err
	}
	if f.ag != nil {
		if f.sigs, err = s.store.Signatures(ctx, f.ag.ID, false); err != nil {
			return f, err
		}
	}
	if f.delegation, err = s.store.CourtDelegation(ctx, m.ID); err != nil {
		return f, err
	}
	f.parties = parties(&m)
	f.consumer = document.Party{Name: m.Consumer.Name, IDNumber: m.Consumer.IDNumber, Phone: m.Consumer.Phone, Address: m.Consumer.Address}
	f.respondent = document.Party{Name: m.MerchantName, Address: m.MerchantAddress}
	if m.MerchantID != nil {
		mer, err := s.store.Merchant(ctx, *m.MerchantID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return f, err
		}
		f.respondent.USCC, f.respondent.Phone = mer.USCC, mer.Phone
		if f.respondent.Address == "" {
			f.respondent.Address = mer.Address
		}
	}
	f.entries = []court.Entry{{Item: court.ItemApplication}, {Item: court.ItemAgreement}, {Item: court.ItemMediationProof}}
	for _, p := range []document.Party{f.consumer, f.respondent} {
		if p.IDNumber != "" || p.USCC != "" {
			f.entries = append(f.entries, court.Entry{Item: court.ItemIdentity, Party: p.Name})
		}
		if p.Address != "" {
			f.entries = append(f.entries, court.Entry{Item: court.ItemDomicile, Party: p.Name})
		}
		if p.Phone != "" {
			f.entries = append(f.entries, court.Entry{Item: court.ItemContact, Party: p.Name})
		}
	}
	return f, nil
}

// effective says whether the agreement is in effect and since when: the day of its last signature (R-L34).
func (f confirmFacts) effective() (bool, calendar.Date) {
	if f.ag == nil {
		return false, calendar.Date{}
	}
	sigs := make([]mediation.Signature, len(f.sigs))
	var last time.Time
	for i, s := range f.sigs {
		sigs[i] = s.Signature
		if s.SignedAt.After(last) {
			last = s.SignedAt
		}
	}
	ok, _ := f.ag.Effective(sigs)
	if !ok {
		return false, calendar.Date{}
	}
	return true, calendar.DateOf(last)
}

func (f confirmFacts) application(applicants []string, subject court.Subject) court.Application {
	ok, on := f.effective()
	if subject == "" {
		subject = court.Ordinary
	}
	// A lawful mediation organisation: the court invited or delegated the mediation (特邀调解),
	// or an organisation — the consumer association, a people's mediation committee — presided.
	lawful := f.delegation != nil || f.ag != nil && f.ag.Presided != ""
	return court.Application{LawfulOrg: lawful, Parties: f.parties, Applicants: applicants, Effective: ok, EffectiveOn: on, Subject: subject}
}

func (f confirmFacts) courts() []court.Court {
	if f.delegation != nil {
		return court.Courts(f.delegation.CourtName, nil, "", "")
	}
	return nil
}

// ConfirmationEligibility says whether the matter's agreement may go to judicial confirmation,
// naming each rule that fails (R-L30, R-L34); the case page enables the button from it.
func (s *Service) ConfirmationEligibility(ctx context.Context, p auth.Principal, number string) (Eligibility, error) {
	v, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return Eligibility{}, err
	}
	if !v.staff() {
		return Eligibility{}, ErrForbidden
	}
	f, err := s.confirmFacts(ctx, m)
	if err != nil {
		return Eligibility{}, err
	}
	c, err := s.store.Confirmation(ctx, m.ID)
	if err != nil {
		return Eligibility{}, err
	}
	cal, err := s.officialCalendar(ctx)
	if err != nil {
		return Eligibility{}, err
	}
	app := f.application(f.parties, court.Ordinary)
	el := Eligibility{Courts: f.courts(), Filed: c != nil, Missing: court.Missing(f.entries, f.parties, false)}
	if app.Effective {
		on := app.EffectiveOn
		due, err := court.ConfirmDue(cal, on)
		if err != nil {
			return Eligibility{}, err
		}
		el.EffectiveOn, el.ApplyDue = &on, &due
	}
	if err := court.Eligible(cal, app, calendar.DateOf(s.now())); err != nil {
		el.Problems, _ = invalid.As(err)
	}
	el.Eligible = len(el.Problems) == 0 && c == nil
	return el, nil
}

// ApplyConfirmation files the application for judicial confirmation (R-L30, R-L31): refused
// with the failing rule when the agreement is not eligible or the court is not one the law
// names, or when the package lacks anything; otherwise the package is printed as one PDF and
// bundled with the agreement's documents and proofs into a zip whose index lists every file
// with its SHA-256, kept, on the timeline; the 30-day clock is met.
func (s *Service) ApplyConfirmation(ctx context.Context, p auth.Principal, number string, in ConfirmInput) (court.Confirmation, error) {
	u := p.User
	if u == nil || !slices.Contains(courtCentre, u.Role) {
		return court.Confirmation{}, ErrForbidden
	}
	if in.Lang == "" {
		in.Lang = "zh-CN"
	}
	_, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return court.Confirmation{}, err
	}
	f, err := s.confirmFacts(ctx, m)
	if err != nil {
		return court.Confirmation{}, err
	}
	cal, err := s.officialCalendar(ctx)
	if err != nil {
		return court.Confirmation{}, err
	}
	now := s.now()
	today := calendar.DateOf(now)
	app := f.application(in.Applicants, in.Subject)
	var errs invalid.Errors
	if err := court.Eligible(cal, app, today); err != nil {
		e, _ := invalid.As(err)
		errs = append(errs, e...)
	}
	in.Court = strings.TrimSpace(in.Court)
	basis := in.Basis
	if allowed := f.courts(); allowed != nil {
		if err := court.CheckCourt(in.Court, allowed); err != nil {
			e, _ := invalid.As(err)
			errs = append(errs, e...)
		}
		basis = court.Delegating
	} else {
		errs.Need("court", in.Court)
		if !slices.Contains([]court.Basis{court.PartyDomicile, court.SubjectPlace, court.MediatorPlace}, basis) {
			errs.Add("basis", invalid.OneOf, "values", "party_domicile, subject_place, mediator_place")
		}
	}
	entries := slices.Clone(f.entries)
	var proofs []casework.Attachment
	for _, id := range in.PropertyProofs {
		a, err := s.store.Attachment(ctx, m.ID, id)
		if errors.Is(err, store.ErrNotFound) {
			errs.Add("property_proofs", invalid.NotFound)
			continue
		}
		if err != nil {
			return court.Confirmation{}, err
		}
		proofs = append(proofs, a)
		entries = append(entries, court.Entry{Item: court.ItemPropertyProof})
	}
	if err := court.CheckPackage(entries, f.parties, in.Property); err != nil {
		e, _ := invalid.As(err)
		errs = append(errs, e...)
	}
	if err := errs.Err(); err != nil {
		if errs.Has("agreement") || errs.Has("organisation") {
			return court.Confirmation{}, invalid.Conflicting(err)
		}
		return court.Confirmation{}, err
	}
	if c, err := s.store.Confirmation(ctx, m.ID); err != nil {
		return court.Confirmation{}, err
	} else if c != nil {
		return court.Confirmation{}, invalid.Conflicting(invalid.New("confirmation", invalid.Conflict))
	}
	due, err := court.ConfirmDue(cal, app.EffectiveOn)
	if err != nil {
		return court.Confirmation{}, err
	}
	office, err := s.office(ctx)
	if err != nil {
		return court.Confirmation{}, err
	}
	paper := s.applicationPaper(m, f, in, office, app, now)
	issued, err := document.IssuePaper(ctx, s.Printer, paper)
	if err != nil && !errors.Is(err, document.ErrNoChromium) {
		return court.Confirmation{}, err
	}
	pkg, pkgName, pkgSum := issued.PDF, "01-application-package.pdf", issued.PDFSHA256
	if len(pkg) == 0 {
		pkg, pkgName, pkgSum = issued.HTML, "01-application-package.html", issued.HTMLSHA256
	}
	files := []court.File{{Name: pkgName, Item: court.ItemApplication, Body: pkg}}
	docs, err := s.store.Documents(ctx, m.ID)
	if err != nil {
		return court.Confirmation{}, err
	}
	for _, d := range docs {
		if d.Kind != mediation.MediationDocument && d.Kind != mediation.MediationRecord {
			continue
		}
		full, err := s.store.Document(ctx, m.ID, d.ID)
		if err != nil {
			return court.Confirmation{}, err
		}
		name, body := fmt.Sprintf("%02d-%s-%s-v%d.pdf", len(files)+1, d.Kind, d.Lang, d.Version), full.PDF
		if len(body) == 0 {
			name, body = strings.TrimSuffix(name, ".pdf")+".html", full.HTML
		}
		files = append(files, court.File{Name: name, Item: court.ItemAgreement, Body: body})
	}
	for _, a := range proofs {
		files = append(files, court.File{Name: fmt.Sprintf("%02d-property-%s", len(files)+1, safeName(a.Name)), Item: court.ItemPropertyProof, Body: a.Data})
	}
	ix := court.Index{Kind: court.BundleConfirmation, CaseNumber: m.Number, Court: in.Court, Made: now}
	zipped, _, err := court.Bundle(ix, files)
	if err != nil {
		return court.Confirmation{}, err
	}
	checked, err := court.CheckBundle(zipped)
	if err != nil {
		return court.Confirmation{}, err
	}
	c := court.Confirmation{AgreementID: f.ag.ID, CourtStationID: in.CourtStationID, CourtName: in.Court, Basis: basis,
		EffectiveOn: app.EffectiveOn, ApplyDue: due.Date, FiledOn: &today, Applicants: in.Applicants, Property: in.Property,
		Entries: entries, PackageSHA256: pkgSum, ZipSHA256: document.Sum(zipped), Index: &checked, CreatedAt: now}
	if f.delegation != nil && c.CourtStationID == nil {
		c.CourtStationID = f.delegation.CourtStationID
	}
	_, err = s.onMatter(ctx, p, number, courtCentre, func(tx *store.Tx, u *auth.User, lm *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		if lm.Version != m.Version {
			return nil, store.ErrConflict // the matter changed while the package was printed
		}
		c.MatterID = lm.ID
		// The 30-day clock starts if no step synced it since the last signature, then is met below.
		if _, err := s.syncClocks(ctx, tx, lm, env, now); err != nil {
			return nil, err
		}
		row := store.DocumentRow{MatterID: lm.ID, Kind: "court_application", Lang: in.Lang, Version: 1, HTML: issued.HTML, HTMLSHA256: issued.HTMLSHA256,
			PDF: issued.PDF, PDFSHA256: issued.PDFSHA256, IssuedAt: now, IssuedBy: &u.ID}
		if err := tx.InsertDocument(ctx, &row); err != nil {
			return nil, err
		}
		c.PackageDocID = &row.ID
		if err := tx.InsertConfirmation(ctx, &c, zipped, &u.ID); err != nil {
			return nil, err
		}
		ev := event(u, lm, casework.ConfirmApplied, now, map[string]any{"court": c.CourtName, "basis": string(c.Basis), "filed_on": today.String(),
			"apply_due": c.ApplyDue.String(), "package_sha256": c.PackageSHA256, "zip_sha256": c.ZipSHA256, "files": len(checked.Files)})
		return s.clockedEvent(ctx, tx, lm, env, ev, now)
	})
	c.Number = m.Number
	return c, err
}

func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, s)
	if s == "" || s == "." || s == ".." {
		return "file"
	}
	return s
}

// applicationPaper is the application with its package as one document (R-L31): the
// application, the agreement, proof of the mediation, each party's identity, domicile and contacts.
func (s *Service) applicationPaper(m casework.Matter, f confirmFacts, in ConfirmInput, office document.Office, app court.Application, now time.Time) document.Paper {
	lang := in.Lang
	t := func(k string, args ...string) string { return tr(lang, k, args...) }
	party := func(role string, p document.Party) document.Section {
		id := p.IDNumber
		if id == "" {
			id = p.USCC
		}
		return document.Section{Heading: role, Rows: [][2]string{{t("court.f.name"), p.Name}, {t("court.f.identity"), id},
			{t("court.f.domicile"), p.Address}, {t("court.f.contact"), p.Phone}}}
	}
	ag := f.ag
	sep := "、"
	if lang == "en" {
		sep = ", "
	}
	var signed []string
	for _, sg := range f.sigs {
		signed = append(signed, sg.SignerName+" "+calendar.DateOf(sg.SignedAt).String())
	}
	mediator := office.Name
	if ag.Presided != "" {
		mediator = ag.Presided
	}
	if f.delegation != nil {
		mediator += " " + t("court.delegated_by", "court", f.delegation.CourtName, "ref", f.delegation.CourtRef)
	}
	secs := []document.Section{
		{Heading: t("court.pkg.application"), Rows: [][2]string{{t("court.f.applicants"), strings.Join(in.Applicants, sep)},
			{t("court.f.court"), in.Court}, {t("court.f.effective_on"), app.EffectiveOn.String()}},
			Paras: []string{t("court.pkg.request", "agreed", calendar.DateOf(ag.AgreedAt).String())}},
		party(t("court.f.complainant"), f.consumer),
		party(t("court.f.respondent"), f.respondent),
		{Heading: t("court.pkg.agreement"), Rows: [][2]string{{t("court.f.agreed_at"), calendar.DateOf(ag.AgreedAt).String()},
			{t("court.f.recovered"), document.Figures(ag.Recovered)}, {t("court.f.signed"), strings.Join(signed, sep)}},
			Paras: paras(ag.Terms)},
		{Heading: t("court.pkg.mediation_proof"), Rows: [][2]string{{t("court.f.mediator_org"), mediator}, {t("court.f.case"), m.Number}},
			Paras: []string{t("court.pkg.proof", "org", mediator)}},
	}
	if in.Property {
		secs = append(secs, document.Section{Heading: t("court.pkg.property"), Paras: []string{t("court.pkg.property_attached", "n", fmt.Sprint(len(in.PropertyProofs)))}})
	}
	return document.Paper{Kind: "court_application", Lang: lang, Office: office, CaseNumber: m.Number, To: in.Court, Sections: secs, IssuedAt: now}
}

// ConfirmationZip is the application's zip for download.
func (s *Service) ConfirmationZip(ctx context.Context, p auth.Principal, number string) ([]byte, error) {
	m, err := s.courtMatter(ctx, p, number)
	if err != nil {
		return nil, err
	}
	return s.store.ConfirmationZip(ctx, m.ID)
}

// Confirmation is the matter's application for judicial confirmation; nil when none.
func (s *Service) Confirmation(ctx context.Context, p auth.Principal, number string) (*court.Confirmation, error) {
	m, err := s.courtMatter(ctx, p, number)
	if err != nil {
		return nil, err
	}
	c, err := s.store.Confirmation(ctx, m.ID)
	if c != nil {
		c.Number = m.Number
	}
	return c, err
}

// courtMatter is a matter staff (a judge only of the judge's court) may read, audited by the read it serves.
func (s *Service) courtMatter(ctx context.Context, p auth.Principal, number string) (casework.Matter, error) {
	v, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return m, err
	}
	if !v.staff() {
		return casework.Matter{}, ErrForbidden
	}
	return m, nil
}

// RecordRuling records the court's ruling on the application (R-L32): refused when no
// application was filed or a ruling is already in (409); valid opens "apply for
// enforcement" with its deadline, dismissed "re-mediate or sue"; the 15-day objection
// window and the enforcement deadline are clocks.
func (s *Service) RecordRuling(ctx context.Context, p auth.Principal, number string, r court.Ruling) (court.Confirmation, error) {
	var out court.Confirmation
	_, err := s.onMatter(ctx, p, number, append(courtCentre, auth.Judge), func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		c, err := tx.Confirmation(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if c != nil && u.Role == auth.Judge && !eqID(c.CourtStationID, stationOf(u)) {
			return nil, store.ErrNotFound
		}
		var filed *calendar.Date
		if c != nil {
			filed = c.FiledOn
		}
		if r.ReceivedOn.IsZero() {
			r.ReceivedOn = r.RuledOn
		}
		if r.RuledOn.After(calendar.DateOf(now)) {
			return nil, invalid.New("ruled_on", invalid.Future)
		}
		after, err := court.Rule(env.cal, filed, c != nil && c.Ruling != nil, r)
		if err != nil {
			if e, _ := invalid.As(err); e.Has("ruling") {
				return nil, invalid.Conflicting(err)
			}
			return nil, err
		}
		c.Ruling, c.After = &r, &after
		if err := tx.UpdateConfirmation(ctx, *c); err != nil {
			return nil, err
		}
		out = *c
		out.Number = m.Number
		data := map[string]any{"outcome": string(r.Outcome), "ruled_on": r.RuledOn.String(), "received_on": r.ReceivedOn.String(),
			"objection_due": after.ObjectionDue.Date.String(), "next": after.Next}
		if after.EnforcementDue != nil {
			data["enforcement_due"] = after.EnforcementDue.Date.String()
		}
		return s.clockedEvent(ctx, tx, m, env, event(u, m, casework.ConfirmRuled, now, data), now)
	})
	return out, err
}

// ApplyEnforcement records that a party applied for enforcement of a valid ruling (R-L32): the clock is met.
func (s *Service) ApplyEnforcement(ctx context.Context, p auth.Principal, number string, on calendar.Date) (court.Confirmation, error) {
	var out court.Confirmation
	_, err := s.onMatter(ctx, p, number, courtCentre, func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		c, err := tx.Confirmation(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if c == nil || c.After == nil || c.After.EnforcementDue == nil || c.EnforcementOn != nil {
			return nil, invalid.Conflicting(invalid.New("ruling", court.CodeNoApplication))
		}
		if on.IsZero() {
			on = calendar.DateOf(now)
		}
		if on.After(calendar.DateOf(now)) {
			return nil, invalid.New("on", invalid.Future)
		}
		c.EnforcementOn = &on
		if err := tx.UpdateConfirmation(ctx, *c); err != nil {
			return nil, err
		}
		out = *c
		return s.clockedEvent(ctx, tx, m, env, event(u, m, casework.EnforcementApplied, now, map[string]any{"on": on.String()}), now)
	})
	return out, err
}
