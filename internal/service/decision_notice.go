package service

import (
	"context"
	"errors"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// tellDecision sends the complainant the notice of acceptance or of non-acceptance (R-L7)
// through the outbox, whatever the channel the complaint came by — hotline, letter, walk-in,
// 12345, staff intake or the portal: by SMS to the phone on the complaint and, when they filed
// on the portal, by e-mail too and in the language they chose there (Chinese otherwise). The
// rejection notice carries the reason in the law's words and the CRPL Art.39 channels; neither
// carries a name of staff nor the note the office recorded with its decision. A complainant
// with neither phone nor e-mail gets the paper notice (internal/document), not a message.
// Reports and inquiries are never accepted or rejected: a reporter's notices are the
// no-authority notice (R-L12) and, under Order 20, the filing decision (R-L44).
func (s *Service) tellDecision(ctx context.Context, tx *store.Tx, m *casework.Matter, a casework.Action, now time.Time) error {
	if m.Kind != casework.Complaint || (a != casework.Accept && a != casework.Reject) {
		return nil
	}
	lang, email := "zh-CN", ""
	if r, err := tx.PortalReceipt(ctx, m.ID); err == nil {
		lang, email = portalLang(r.Lang), r.Email
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if m.Consumer.Phone == "" && email == "" {
		return nil
	}
	base, _ := s.portalSettings()
	v := notify.Vars{Number: m.Number, TrackURL: base + "/portal/track"}
	kind := notify.KindAcceptNotice
	if a == casework.Reject {
		kind = notify.KindRejectNotice
		reason, ok := casework.FindReason(casework.RejectReasons(m.RuleSet), m.ReasonCode)
		if !ok { // Apply refuses a rejection without a reason of the rule set; never send one without it (R-L7)
			return errors.New("service: rejection notice without its reason")
		}
		v.Reason, v.Remedies = strings.TrimRight(reason.Text(lang), "。."), remedies(lang)
	}
	return s.tell(ctx, tx, kind, lang, m.Consumer.Phone, email, m.ID, v, now)
}

// remedies is the list of CRPL Art.39 channels in one line, as the documents print it.
func remedies(lang string) string {
	marks := []string{"（一）", "（二）", "（三）", "（四）", "（五）"}
	sep := ""
	if lang == "en" {
		marks, sep = []string{"(1) ", "(2) ", "(3) ", "(4) ", "(5) "}, " "
	}
	parts := make([]string, len(marks))
	for i, mk := range marks {
		parts[i] = mk + i18n.T(lang, "doc.remedies."+itoa(int64(i+1)))
	}
	return strings.Join(parts, sep)
}
