package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/deadline"
	"weiquan/internal/hotline"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
)

// Case is one matter as its viewer may see it, with everything its case page shows.
type Case struct {
	Matter        casework.Matter // masked to the viewer's sight
	Sight         Sight
	LinkedNumber  string // the other half of a complaint + report split; never for merchants (R-L25)
	Timeline      []casework.Event
	Attachments   []casework.Attachment // what was attached, without the bytes; none for merchants
	Deadlines     []deadline.Row        // staff only
	Allowed       []casework.Action     // what the viewer may do next
	Merchant      *merchant.Merchant    // the registry's record, staff only
	MerchantCount int                   // matters ever brought against that merchant, staff only
	WorkOrder     *WorkOrderView        // the 12345 work order the matter came with, staff only; Allowed holds the viewer's steps
}

// MatterFor returns a matter the principal may see, masked to its sight, or
// fault.ErrNotFound — the same answer as for a number that does not exist, so
// numbers cannot be probed. It logs nothing: callers that show the personal data
// in full go through Case, Timeline, Reveal or Attachment.
func (s *Service) MatterFor(ctx context.Context, p auth.Principal, number string) (casework.Matter, error) {
	_, m, sg, err := s.matterFor(ctx, p, number)
	return maskMatter(m, sg, false), err
}

func (s *Service) matterFor(ctx context.Context, p auth.Principal, number string) (*viewer, casework.Matter, Sight, error) {
	v, err := s.viewerOf(ctx, p)
	if err != nil {
		return nil, casework.Matter{}, Sight{}, err
	}
	m, err := s.store.MatterByNumber(ctx, number)
	if err != nil {
		return v, m, Sight{}, err
	}
	if !v.sees(&m) {
		return v, casework.Matter{}, Sight{}, fmt.Errorf("service: matter %s: %w", number, store.ErrNotFound)
	}
	return v, m, v.sight(&m), nil
}

// Case reads a whole matter for its case page or the API, and logs the read when
// the viewer sees personal data in full (R-P4).
func (s *Service) Case(ctx context.Context, p auth.Principal, number string) (Case, error) {
	v, m, sg, err := s.matterFor(ctx, p, number)
	if err != nil {
		return Case{}, err
	}
	c := Case{Matter: maskMatter(m, sg, false), Sight: sg, Allowed: casework.Offered(&m, casework.Allowed(m.Kind, m.State, p.Role()))}
	if c.Allowed == nil {
		c.Allowed = []casework.Action{}
	}
	evs, err := s.store.Timeline(ctx, m.ID)
	if err != nil {
		return Case{}, err
	}
	c.Timeline = maskEvents(&m, evs, sg)
	if sg.Merchant {
		return c, nil
	}
	if m.LinkedID != nil {
		l, err := s.store.Matter(ctx, *m.LinkedID)
		if err != nil {
			return Case{}, err
		}
		c.LinkedNumber = l.Number
	}
	if !v.staff() {
		return c, nil
	}
	if c.Attachments, err = s.store.Attachments(ctx, m.ID); err != nil {
		return Case{}, err
	}
	if c.Deadlines, err = s.store.MatterDeadlines(ctx, m.ID); err != nil {
		return Case{}, err
	}
	if m.MerchantID != nil {
		mer, err := s.store.Merchant(ctx, *m.MerchantID)
		if err != nil {
			return Case{}, err
		}
		c.Merchant = &mer
		if c.MerchantCount, err = s.store.MerchantMatterCount(ctx, mer.ID); err != nil {
			return Case{}, err
		}
	}
	if c.WorkOrder, err = s.workOrderOfMatter(ctx, m.ID); err != nil {
		return Case{}, err
	}
	if c.WorkOrder != nil {
		c.WorkOrder.Allowed = slices.DeleteFunc(c.WorkOrder.Allowed, func(st hotline.Step) bool {
			return !slices.Contains(officeSteps[st], p.Role())
		})
	}
	return c, s.logRead(ctx, p, &m, sg, "case")
}

// Timeline reads a matter's timeline as the viewer may see it, logged like the case.
func (s *Service) Timeline(ctx context.Context, p auth.Principal, number string) (string, []casework.Event, error) {
	_, m, sg, err := s.matterFor(ctx, p, number)
	if err != nil {
		return "", nil, err
	}
	evs, err := s.store.Timeline(ctx, m.ID)
	if err != nil {
		return "", nil, err
	}
	return m.Number, maskEvents(&m, evs, sg), s.logRead(ctx, p, &m, sg, "timeline")
}

// logRead writes one audit entry for a read that showed personal data in full (R-P4).
func (s *Service) logRead(ctx context.Context, p auth.Principal, m *casework.Matter, sg Sight, via string) error {
	if p.System || !hasPersonal(m, sg) {
		return nil
	}
	data := map[string]any{"via": via}
	if m.Kind == casework.Report && sg.Reporter {
		data["reporter"] = true
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		return s.recordAs(ctx, tx, p, "read_personal", "matter", m.Number, data)
	})
}

// Matters lists matters in the viewer's scope, masked as lists are (R-P5): a
// reporter's name only for those who may know it, phones, ID numbers and
// addresses never. Merchants search by case number only, so they cannot find a
// consumer by trying phone numbers or names.
func (s *Service) Matters(ctx context.Context, p auth.Principal, q MatterQuery) ([]casework.Matter, int, error) {
	v, err := s.viewerOf(ctx, p)
	if err != nil {
		return nil, 0, err
	}
	f := q.f
	f.Scope = v.scope
	if !v.staff() {
		f.Phone = ""
		if f.Q != "" {
			if !casework.LooksLikeNumber(f.Q) {
				return nil, 0, invalid.New("q", "number_only")
			}
			f.Numbers, f.Q = []string{f.Q}, ""
		}
	}
	ms, total, err := s.store.Matters(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	for i := range ms {
		ms[i] = maskMatter(ms[i], v.sight(&ms[i]), true)
	}
	return ms, total, nil
}

// Attachment hands over one file of a matter to staff who may see the matter; the
// download is logged, since files carry receipts, contracts and ID cards.
func (s *Service) Attachment(ctx context.Context, p auth.Principal, number string, id int64) (casework.Attachment, error) {
	v, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return casework.Attachment{}, err
	}
	if !v.staff() {
		return casework.Attachment{}, fmt.Errorf("service: attachment of %s: %w", number, store.ErrNotFound)
	}
	a, err := s.store.Attachment(ctx, m.ID, id)
	if err != nil {
		return a, err
	}
	if p.System {
		return a, nil
	}
	return a, s.store.Tx(ctx, func(tx *store.Tx) error {
		return s.recordAs(ctx, tx, p, "read_attachment", "matter", m.Number, map[string]any{"attachment_id": a.ID, "name": a.Name})
	})
}

// MaxReason is the longest reason a break-glass read may give.
const MaxReason = 500

// Reveal shows one masked personal field of a matter to staff who do not work it,
// with the reason they give; the read and its reason go to the audit log (R-P4).
// A reporter's identity is never revealed this way (R-L25).
func (s *Service) Reveal(ctx context.Context, p auth.Principal, number, field, reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	var errs invalid.Errors
	errs.Need("reason", reason)
	errs.MaxLen("reason", reason, MaxReason)
	known := false
	for _, f := range RevealFields {
		known = known || f == field
	}
	if !known {
		errs.Add("field", invalid.OneOf, "values", strings.Join(RevealFields, ", "))
	}
	if err := errs.Err(); err != nil {
		return "", err
	}
	v, m, sg, err := s.matterFor(ctx, p, number)
	if err != nil {
		return "", err
	}
	if !v.p.Staff() {
		return "", ErrForbidden
	}
	value := personalValue(&m, field)
	switch {
	case m.Kind == casework.Report && !sg.Reporter:
		return "", ErrForbidden
	case value == "":
		return "", invalid.New("field", invalid.NotFound)
	}
	return value, s.store.Tx(ctx, func(tx *store.Tx) error {
		return s.recordAs(ctx, tx, p, "reveal", "matter", m.Number, map[string]any{"field": field, "reason": reason})
	})
}

// RepeatWindow is how far back intake looks for the same phone against the same merchant.
const RepeatWindow = 30 * 24 * time.Hour

// RepeatSuggestions lists, while a call is still on, earlier complaints and
// inquiries from the same phone against the same merchant within the viewer's
// scope. Reports are left out unless the viewer may know their reporter (R-L25).
func (s *Service) RepeatSuggestions(ctx context.Context, p auth.Principal, phone string, merchantID *int64, merchantName string, since time.Time) ([]casework.Matter, error) {
	v, err := s.viewerOf(ctx, p)
	if err != nil {
		return nil, err
	}
	if !v.staff() {
		return nil, ErrForbidden
	}
	list, err := s.store.RecentSamePhoneMerchant(ctx, phone, merchantID, merchantName, since)
	if err != nil {
		return nil, err
	}
	var out []casework.Matter
	for i := range list {
		m := &list[i]
		if !v.sees(m) {
			continue
		}
		sg := v.sight(m)
		if m.Kind == casework.Report && !sg.Reporter {
			continue
		}
		out = append(out, maskMatter(*m, sg, true))
	}
	return out, nil
}

// MatterDeadlines returns every deadline of a matter the staff member may see, live and past.
func (s *Service) MatterDeadlines(ctx context.Context, p auth.Principal, number string) ([]deadline.Row, error) {
	v, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return nil, err
	}
	if !v.staff() {
		return nil, ErrForbidden
	}
	return s.store.MatterDeadlines(ctx, m.ID)
}
