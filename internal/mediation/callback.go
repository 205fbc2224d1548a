package mediation

import (
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

// Callback is the follow-up call after a complaint is closed (回访, Order 121 Art.26, R-L23):
// whether the consumer was reached, satisfaction 1–5 and what they said.
type Callback struct {
	ID           int64      `json:"id"`
	MatterID     int64      `json:"matter_id"`
	CreatedAt    time.Time  `json:"created_at"`
	DoneAt       *time.Time `json:"done_at,omitempty"`
	Reached      bool       `json:"reached"`
	Satisfaction *int       `json:"satisfaction,omitempty"`
	Comment      string     `json:"comment,omitempty"`
	By           *int64     `json:"by,omitempty"`
}

// NeedsCallback decides whether a closed complaint is in the callback sample (R-L23): mediated
// complaints only (ended in agreement or termination), every one when set.CallbackEvery is 1,
// else those whose case number falls in the sample — by a hash of the number, so the choice is
// the same whenever it is asked and staff cannot pick the cases.
func NeedsCallback(m casework.Matter, set Settings) bool {
	if m.Kind != casework.Complaint || m.State != casework.Closed || set.CallbackEvery <= 0 {
		return false
	}
	if m.Outcome != casework.OutcomeAgreement && m.Outcome != casework.OutcomeTerminated {
		return false
	}
	if set.CallbackEvery == 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(m.Number))
	return h.Sum32()%uint32(set.CallbackEvery) == 0
}

// Record checks and records the callback's result at time now: once only; when the consumer was
// reached, a satisfaction of 1–5 is required; when not, none may be given and the comment says
// what happened.
func (c *Callback) Record(reached bool, satisfaction *int, comment string, by *int64, now time.Time) error {
	var errs invalid.Errors
	comment = strings.TrimSpace(comment)
	if c.DoneAt != nil {
		errs.Add("callback", Already)
	}
	switch {
	case reached && satisfaction == nil:
		errs.Add("satisfaction", invalid.Required)
	case reached && (*satisfaction < 1 || *satisfaction > 5):
		errs.Add("satisfaction", invalid.OneOf, "values", "1–5")
	case !reached && satisfaction != nil:
		errs.Add("satisfaction", invalid.Conflict)
	case !reached:
		errs.Need("comment", comment)
	}
	errs.MaxLen("comment", comment, 2000)
	if err := errs.Err(); err != nil {
		return err
	}
	t := now
	c.DoneAt, c.Reached, c.Satisfaction, c.Comment, c.By = &t, reached, satisfaction, comment, by
	return nil
}

// OutcomeNotice is the text of the message that tells the consumer how the complaint ended
// (R-S5), for the outbox: the case number, the outcome and, after an agreement, the amount.
func OutcomeNotice(lang string, m casework.Matter, office string) string {
	switch m.Outcome {
	case casework.OutcomeAgreement:
		return i18n.T(lang, "mediation.outcome_notice.agreement", "office", office, "number", m.Number,
			"amount", yuan(lang, m.Recovered))
	case casework.OutcomeTerminated:
		r, _ := casework.FindReason(casework.TerminateReasons(m.RuleSet), m.ReasonCode)
		return i18n.T(lang, "mediation.outcome_notice.terminated", "office", office, "number", m.Number, "reason", r.Text(lang))
	case casework.OutcomeRejected:
		r, _ := casework.FindReason(casework.RejectReasons(m.RuleSet), m.ReasonCode)
		return i18n.T(lang, "mediation.outcome_notice.rejected", "office", office, "number", m.Number, "reason", r.Text(lang))
	}
	return i18n.T(lang, "mediation.outcome_notice.closed", "office", office, "number", m.Number)
}

// yuan writes an amount as a message shows it: ¥360.50 (人民币叁佰陆拾元伍角整) in Chinese.
func yuan(lang string, f money.Fen) string {
	if lang == "en" {
		return "CNY " + f.String()
	}
	return "¥" + f.String() + "（" + f.Capitals() + "）"
}

// NoticeText is what both parties are told of a session (R-L15): the case, time, place or mode
// and link, and the mediators' names.
func NoticeText(lang string, number string, s Session, mediators []string, office string) string {
	where := i18n.T(lang, "mediation.mode."+string(s.Mode))
	switch s.Mode {
	case OnSite:
		where += " · " + s.Place
	case Video:
		where += " · " + s.MeetingLink
	}
	sep := "、"
	if lang == "en" {
		sep = ", "
	}
	return i18n.T(lang, "mediation.session_notice", "office", office, "number", number,
		"time", s.At.In(shanghai).Format("2006-01-02 15:04"), "where", where, "mediators", strings.Join(mediators, sep),
		"count", strconv.Itoa(len(mediators)))
}
