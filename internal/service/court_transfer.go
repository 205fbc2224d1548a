package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/document"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// Codes of the transfer's refusals.
const CodeNotFailed = "court_not_failed" // 转立案 needs a mediation that failed

// TransferInput is the court a failed mediation's materials go to, and the letter's language.
type TransferInput struct {
	Court          string `json:"court"`
	CourtStationID *int64 `json:"court_station_id,omitempty"`
	Lang           string `json:"lang,omitempty"`
}

// TransferToFiling bundles a failed mediation's materials for the court (转立案): a letter
// printed as PDF, the issued documents and the files of the matter, zipped with an index of
// every file with its SHA-256; kept and on the timeline. Refused (409) unless mediation
// failed — terminated, or the delegated mediation's result was "failed" — or when already sent.
func (s *Service) TransferToFiling(ctx context.Context, p auth.Principal, number string, in TransferInput) (court.Transfer, error) {
	u := p.User
	if u == nil || !slices.Contains(courtCentre, u.Role) {
		return court.Transfer{}, ErrForbidden
	}
	if in.Lang == "" {
		in.Lang = "zh-CN"
	}
	_, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return court.Transfer{}, err
	}
	d, err := s.store.CourtDelegation(ctx, m.ID)
	if err != nil {
		return court.Transfer{}, err
	}
	failed := m.Outcome == casework.OutcomeTerminated || m.State == casework.Terminated || d != nil && d.Result == court.Failed
	if !failed || m.Kind != casework.Complaint {
		return court.Transfer{}, invalid.Conflicting(invalid.New("state", CodeNotFailed))
	}
	in.Court = strings.TrimSpace(in.Court)
	if d != nil {
		if in.Court == "" {
			in.Court = d.CourtName
		}
		if in.CourtStationID == nil {
			in.CourtStationID = d.CourtStationID
		}
	}
	var errs invalid.Errors
	errs.Need("court", in.Court)
	errs.MaxLen("court", in.Court, 200)
	if err := errs.Err(); err != nil {
		return court.Transfer{}, err
	}
	office, err := s.office(ctx)
	if err != nil {
		return court.Transfer{}, err
	}
	now := s.now()
	lang := in.Lang
	t := func(k string, args ...string) string { return tr(lang, k, args...) }
	paper := document.Paper{Kind: "transfer_letter", Lang: lang, Office: office, CaseNumber: m.Number, To: in.Court, IssuedAt: now,
		Sections: []document.Section{{Paras: []string{t("court.transfer.body", "complainant", m.Consumer.Name, "respondent", m.MerchantName)}},
			{Rows: [][2]string{{t("court.f.complainant"), m.Consumer.Name}, {t("court.f.respondent"), m.MerchantName},
				{t("court.f.received"), m.ReceivedAt.Format("2006-01-02")}, {t("court.f.amount"), document.Figures(m.AmountInDispute)}}},
			{Heading: t("court.f.facts"), Paras: paras(m.Facts)},
			{Heading: t("court.f.request"), Paras: paras(m.Request)}}}
	issued, err := document.IssuePaper(ctx, s.Printer, paper)
	if err != nil && !errors.Is(err, document.ErrNoChromium) {
		return court.Transfer{}, err
	}
	letter, name := issued.PDF, "01-transfer-letter.pdf"
	if len(letter) == 0 {
		letter, name = issued.HTML, "01-transfer-letter.html"
	}
	files := []court.File{{Name: name, Body: letter}}
	docs, err := s.store.Documents(ctx, m.ID)
	if err != nil {
		return court.Transfer{}, err
	}
	for _, dr := range docs {
		full, err := s.store.Document(ctx, m.ID, dr.ID)
		if err != nil {
			return court.Transfer{}, err
		}
		n, body := fmt.Sprintf("%02d-%s-%s-v%d.pdf", len(files)+1, dr.Kind, dr.Lang, dr.Version), full.PDF
		if len(body) == 0 {
			n, body = strings.TrimSuffix(n, ".pdf")+".html", full.HTML
		}
		files = append(files, court.File{Name: n, Body: body})
	}
	atts, err := s.store.Attachments(ctx, m.ID)
	if err != nil {
		return court.Transfer{}, err
	}
	for _, a := range atts {
		full, err := s.store.Attachment(ctx, m.ID, a.ID)
		if err != nil {
			return court.Transfer{}, err
		}
		files = append(files, court.File{Name: fmt.Sprintf("%02d-%s", len(files)+1, safeName(a.Name)), Body: full.Data})
	}
	zipped, _, err := court.Bundle(court.Index{Kind: court.BundleTransfer, CaseNumber: m.Number, Court: in.Court, Made: now}, files)
	if err != nil {
		return court.Transfer{}, err
	}
	ix, err := court.CheckBundle(zipped)
	if err != nil {
		return court.Transfer{}, err
	}
	xfer := court.Transfer{CourtStationID: in.CourtStationID, CourtName: in.Court, ZipSHA256: document.Sum(zipped), Index: ix, CreatedAt: now}
	_, err = s.onMatter(ctx, p, number, courtCentre, func(tx *store.Tx, u *auth.User, lm *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		if prev, err := tx.Transfer(ctx, lm.ID); err != nil {
			return nil, err
		} else if prev != nil {
			return nil, invalid.Conflicting(invalid.New("transfer", invalid.Conflict))
		}
		xfer.MatterID = lm.ID
		if err := tx.InsertTransfer(ctx, &xfer, zipped, &u.ID); err != nil {
			return nil, err
		}
		return event(u, lm, casework.FilingTransfer, now, map[string]any{"court": xfer.CourtName, "zip_sha256": xfer.ZipSHA256, "files": len(ix.Files)}), nil
	})
	return xfer, err
}

// RecordCaseNumber records the case number the court gave the transferred dispute: refused
// (409) when nothing was transferred or a number is already in.
func (s *Service) RecordCaseNumber(ctx context.Context, p auth.Principal, number, caseNumber string) (court.Transfer, error) {
	caseNumber = strings.TrimSpace(caseNumber)
	var out court.Transfer
	_, err := s.onMatter(ctx, p, number, append(courtCentre, auth.Judge), func(tx *store.Tx, u *auth.User, m *casework.Matter, env clockEnvironment, now time.Time) (*casework.Event, error) {
		var errs invalid.Errors
		if caseNumber == "" {
			errs.Add("case_number", invalid.Required)
		} else if n, err := court.ParseCaseNumber("case_number", caseNumber); err != nil {
			errs.Add("case_number", court.CodeCaseNumber)
		} else {
			caseNumber = n.String() // as the court writes it: full-width brackets
		}
		tr, err := tx.Transfer(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if tr != nil && u.Role == auth.Judge && !eqID(tr.CourtStationID, stationOf(u)) {
			return nil, store.ErrNotFound
		}
		if tr == nil || tr.CaseNumber != "" {
			return nil, invalid.Conflicting(invalid.New("transfer", court.CodeNoTransfer))
		}
		if err := errs.Err(); err != nil {
			return nil, err
		}
		if err := tx.SetTransferCaseNumber(ctx, m.ID, caseNumber, now); err != nil {
			return nil, err
		}
		at := now
		tr.CaseNumber, tr.NumberedAt = caseNumber, &at
		out = *tr
		return event(u, m, casework.FilingCaseNumber, now, map[string]any{"case_number": caseNumber, "court": tr.CourtName}), nil
	})
	return out, err
}

// Transfer is the matter's transfer to filing; nil when none.
func (s *Service) Transfer(ctx context.Context, p auth.Principal, number string) (*court.Transfer, error) {
	m, err := s.courtMatter(ctx, p, number)
	if err != nil {
		return nil, err
	}
	return s.store.Transfer(ctx, m.ID)
}

// TransferZip is the transfer's zip for download.
func (s *Service) TransferZip(ctx context.Context, p auth.Principal, number string) ([]byte, error) {
	m, err := s.courtMatter(ctx, p, number)
	if err != nil {
		return nil, err
	}
	return s.store.TransferZip(ctx, m.ID)
}

// CourtDelegation is the matter's delegation from the court with its period as it stands; nil when none.
func (s *Service) CourtDelegation(ctx context.Context, p auth.Principal, number string) (*court.Delegation, error) {
	m, err := s.courtMatter(ctx, p, number)
	if err != nil {
		return nil, err
	}
	d, err := s.store.CourtDelegation(ctx, m.ID)
	if err != nil || d == nil {
		return d, err
	}
	d.Number = m.Number
	if d.Decision == court.Accept {
		cal, err := s.officialCalendar(ctx)
		if err != nil {
			return nil, err
		}
		st, err := d.Period().Status(cal)
		if err != nil {
			return nil, err
		}
		d.Status = &st
	}
	return d, nil
}

// courtScope is a judge's need-to-know: exactly the disputes the judge's court delegated
// and the applications for judicial confirmation filed with it, nothing else (issue 10 item
// 8) — not a matter merely dispatched to the court's station, nor one transferred for filing
// (a new case the court files on its own system; its number comes back through the office).
func (s *Service) courtScope(ctx context.Context, u *auth.User) (store.Scope, error) {
	if u.StationID == nil {
		return store.Scope{}, nil
	}
	ids, err := s.store.CourtMatterIDs(ctx, *u.StationID)
	if err != nil {
		return store.Scope{}, err
	}
	st := *u.StationID
	return store.Scope{Court: &st, CourtMatters: ids}, nil
}
