package service

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/document"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// IssueInput asks for a document: which, in which language, and — for a correction of one
// already issued — why.
type IssueInput struct {
	Kind   mediation.Document `json:"kind"`
	Lang   string             `json:"lang"`
	Reason string             `json:"reason,omitempty"`
}

// IssueDocument renders and keeps a document of a matter (R-L7, R-L19–R-L21): refused for a
// matter in a state it does not belong to (409); stored with the SHA-256 of its HTML and PDF and
// recorded on the timeline; issuing one already issued needs a reason and makes the next version.
// The PDF is printed by the renderer's headless Chromium outside the transaction; without
// Chromium the print layout is kept and the PDF left out.
func (s *Service) IssueDocument(ctx context.Context, p auth.Principal, number string, in IssueInput) (store.DocumentRow, error) {
	u := p.User
	if u == nil || !slices.Contains(mediationOffice, u.Role) {
		return store.DocumentRow{}, ErrForbidden
	}
	if in.Lang == "" {
		in.Lang = "zh-CN"
	}
	_, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return store.DocumentRow{}, err
	}
	d, prev, err := s.documentData(ctx, m, in)
	if err != nil {
		return store.DocumentRow{}, err
	}
	issued, err := document.Issue(ctx, s.Printer, d)
	if err != nil && !errors.Is(err, document.ErrNoChromium) {
		return store.DocumentRow{}, err
	}
	row := store.DocumentRow{MatterID: m.ID, Kind: in.Kind, Lang: in.Lang, Version: d.Version.Number, HTML: issued.HTML, HTMLSHA256: issued.HTMLSHA256,
		PDF: issued.PDF, PDFSHA256: issued.PDFSHA256, Supersedes: d.Version.Supersedes, Reason: d.Version.Reason, IssuedAt: d.IssuedAt, IssuedBy: &u.ID}
	_, err = s.onMatter(ctx, p, number, mediationOffice, func(tx *store.Tx, u *auth.User, lm *casework.Matter, _ clockEnvironment, now time.Time) (*casework.Event, error) {
		if lm.Version != m.Version {
			return nil, store.ErrConflict // the matter changed while the document was printed
		}
		docs, err := tx.Documents(ctx, lm.ID)
		if err != nil {
			return nil, err
		}
		if last := lastVersion(docs, in.Kind, in.Lang); (last == nil) != (prev == nil) || last != nil && last.Version != prev.Version {
			return nil, store.ErrConflict // another issue of the same document came first
		}
		if err := tx.InsertDocument(ctx, &row); err != nil {
			return nil, err
		}
		data := map[string]any{"kind": string(in.Kind), "lang": in.Lang, "version": row.Version, "html_sha256": row.HTMLSHA256, "document_id": row.ID}
		if row.PDFSHA256 != "" {
			data["pdf_sha256"] = row.PDFSHA256
		}
		if row.Supersedes != "" {
			data["supersedes"], data["reason"] = row.Supersedes, row.Reason
		}
		return event(u, lm, casework.IssueDocument, now, data), nil
	})
	return row, err
}

func lastVersion(docs []store.DocumentRow, kind mediation.Document, lang string) *store.DocumentRow {
	var last *store.DocumentRow
	for i := range docs {
		if docs[i].Kind == kind && docs[i].Lang == lang && (last == nil || docs[i].Version > last.Version) {
			last = &docs[i]
		}
	}
	return last
}

// documentData gathers what a document shows from the matter and its records, and the version it
// will have: it returns the last version issued of the same kind and language (nil: none).
func (s *Service) documentData(ctx context.Context, m casework.Matter, in IssueInput) (document.Data, *store.DocumentRow, error) {
	now := s.now()
	ag, err := s.store.Agreement(ctx, m.ID)
	if err != nil {
		return document.Data{}, nil, err
	}
	if err := mediation.CheckDocument(m, in.Kind, ag); err != nil {
		if errs, _ := invalid.As(err); errs.Has("state") {
			return document.Data{}, nil, invalid.Conflicting(err)
		}
		return document.Data{}, nil, err
	}
	if in.Lang != "zh-CN" && in.Lang != "en" {
		return document.Data{}, nil, invalid.New("lang", invalid.OneOf, "values", "zh-CN, en")
	}
	docs, err := s.store.Documents(ctx, m.ID)
	if err != nil {
		return document.Data{}, nil, err
	}
	prev := lastVersion(docs, in.Kind, in.Lang)
	version := document.Version{Number: 1}
	in.Reason = strings.TrimSpace(in.Reason)
	switch {
	case prev != nil && in.Reason == "":
		return document.Data{}, nil, invalid.Conflicting(invalid.New("kind", mediation.Already)) // a reprint serves the stored bytes
	case prev != nil:
		version = document.Correction(document.Issued{Version: prev.Version, PDFSHA256: prev.PDFSHA256, HTMLSHA256: prev.HTMLSHA256}, in.Reason)
	}
	set, err := s.settings(ctx)
	if err != nil {
		return document.Data{}, nil, err
	}
	d := document.Data{Kind: in.Kind, Lang: in.Lang, Version: version, Office: set.Office, CaseNumber: m.Number, RuleSet: m.RuleSet,
		Complainant: document.Party{Name: m.Consumer.Name, Phone: m.Consumer.Phone, Address: m.Consumer.Address},
		Respondent:  document.Party{Name: m.MerchantName, Address: m.MerchantAddress},
		ReceivedAt:  m.ReceivedAt, IssuedAt: now, Request: m.Request, Facts: m.Facts}
	if m.Consumer.IDNumber != "" {
		d.Complainant.IDType, d.Complainant.IDNumber = "居民身份证", m.Consumer.IDNumber
		if in.Lang == "en" {
			d.Complainant.IDType = "Resident ID"
		}
	}
	if m.AcceptedAt != nil {
		d.AcceptedAt = *m.AcceptedAt
	}
	if m.MerchantID != nil {
		if mer, err := s.store.Merchant(ctx, *m.MerchantID); err == nil {
			d.Respondent.USCC, d.Respondent.Phone = mer.USCC, mer.Phone
		}
	}
	if agent, err := s.store.Agent(ctx, m.ID); err != nil {
		return d, nil, err
	} else if agent != nil {
		d.Complainant.Agent = &document.Agent{Name: agent.Name, IDNumber: agent.IDNumber, Authority: string(agent.Authority)}
	}
	if dl, err := s.store.Delegations(ctx, m.ID); err == nil && len(dl) > 0 {
		d.Office.Delegate = dl[0].Delegate
	}
	switch in.Kind {
	case mediation.AcceptanceNotice:
		rows, err := s.store.MatterDeadlines(ctx, m.ID)
		if err != nil {
			return d, nil, err
		}
		for _, r := range rows {
			if r.Kind == deadline.Mediation && !r.DueDate.IsZero() {
				due := r.DueDate
				d.MediationDue = &due
			}
		}
	case mediation.RejectionNotice:
		d.Reason, _ = casework.FindReason(casework.RejectReasons(m.RuleSet), m.ReasonCode)
		d.DecidedAt = s.decidedAt(ctx, m, casework.Reject)
	case mediation.TerminationNotice:
		d.Reason, _ = casework.FindReason(casework.TerminateReasons(m.RuleSet), m.ReasonCode)
		if m.TerminatedAt != nil {
			d.DecidedAt = *m.TerminatedAt
		}
	case mediation.MediationDocument, mediation.MediationRecord:
		if err := s.agreementData(ctx, m, *ag, &d); err != nil {
			return d, nil, err
		}
	}
	return d, prev, nil
}

// decidedAt is when the matter's timeline records the action a.
func (s *Service) decidedAt(ctx context.Context, m casework.Matter, a casework.Action) time.Time {
	evs, err := s.store.Timeline(ctx, m.ID)
	if err != nil {
		return m.UpdatedAt
	}
	for _, e := range slices.Backward(evs) {
		if e.Action == a {
			return e.At
		}
	}
	return m.UpdatedAt
}

// agreementData fills in a 调解书 or 调解记录: terms, amounts by kind, performance, the session
// that reached it and its mediators, and the parties' signatures.
func (s *Service) agreementData(ctx context.Context, m casework.Matter, ag mediation.Agreement, d *document.Data) error {
	d.AgreedAt, d.Terms, d.Recovered, d.PerformedOnSpot, d.DueDate, d.Mode = ag.AgreedAt, ag.Terms, ag.Recovered, ag.PerformedOnSpot, ag.DueDate, ag.Mode
	for _, x := range ag.Amounts {
		d.Lines = append(d.Lines, document.Line{Kind: x.Kind, Amount: x.Amount, Note: x.Note})
	}
	sessions, err := s.store.Sessions(ctx, m.ID)
	if err != nil {
		return err
	}
	var ids []int64
	for _, ses := range sessions {
		if ses.HeldAt == nil && !ses.At.Before(ag.AgreedAt) {
			continue
		}
		if ses.Mode == mediation.OnSite {
			d.Place = ses.Place
		}
		for _, id := range ses.Mediators {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 && m.AssigneeID != nil {
		ids = append(ids, *m.AssigneeID)
	}
	if len(ids) == 0 { // no session on record: the mediator who recorded the agreement
		evs, err := s.store.Timeline(ctx, m.ID)
		if err != nil {
			return err
		}
		for _, e := range slices.Backward(evs) {
			if e.Action == casework.Agree && e.ActorID != nil {
				ids = append(ids, *e.ActorID)
				break
			}
		}
	}
	for _, id := range ids {
		if u, err := s.store.User(ctx, id); err == nil {
			d.Mediators = append(d.Mediators, u.Name())
		}
	}
	sigs, err := s.store.Signatures(ctx, ag.ID, true)
	if err != nil {
		return err
	}
	for _, sg := range sigs {
		if sg.Method == mediation.Sealed {
			continue
		}
		d.Signatures = append(d.Signatures, document.Signature{Side: sg.Side, Name: sg.SignerName, PNG: sg.PNG,
			Scanned: sg.Method == mediation.Scanned, SignedAt: sg.SignedAt})
	}
	return nil
}

// Documents lists a matter's issued documents, to staff who may see it.
func (s *Service) Documents(ctx context.Context, p auth.Principal, number string) ([]store.DocumentRow, error) {
	if !p.Staff() {
		return nil, ErrForbidden
	}
	_, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return nil, err
	}
	return s.store.Documents(ctx, m.ID)
}

// Document returns an issued document with its bytes — a reprint serves exactly what was issued.
func (s *Service) Document(ctx context.Context, p auth.Principal, number string, id int64) (store.DocumentRow, error) {
	if !p.Staff() {
		return store.DocumentRow{}, ErrForbidden
	}
	_, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return store.DocumentRow{}, err
	}
	return s.store.Document(ctx, m.ID, id)
}
