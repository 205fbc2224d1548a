package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// medView is the mediation panel of a complaint's case page (issue 9).
type medView struct {
	File        service.MediationFile
	AmountKinds []mediation.AmountKind
	Modes       []mediation.Mode
	Declared    bool // the viewer declared no relation to the complaint
	CanMediate  bool // the viewer may hold sessions, reach and sign agreements
	Mediating   bool
	Agreed      bool
	Closed      bool
	Offer       bool // a merchant's offer waits for the consumer's answer
	Unsigned    []string
	DocKinds    []mediation.Document
	Today       string
	More        medMore // facts and helpers, agent, delegation, testing, recusal
}

// mediationPanel reads what the panel shows, for staff on a complaint.
func (h *Handler) mediationPanel(r *http.Request, m casework.Matter) (*medView, error) {
	u := userOf(r)
	if m.Kind != casework.Complaint || !u.Role.Staff() {
		return nil, nil
	}
	f, err := h.svc.Mediation(r.Context(), who(r), m.Number)
	if err != nil {
		return nil, err
	}
	v := &medView{File: f, AmountKinds: mediation.AmountKinds, Modes: mediation.Modes, Mediating: m.State == casework.Mediating,
		Agreed: m.State == casework.Agreement || m.Outcome == casework.OutcomeAgreement, Closed: m.State == casework.Closed,
		CanMediate: u.Role != "operator", Unsigned: f.Unsigned, Today: calendar.DateOf(h.svc.Now()).String()}
	for _, d := range f.Declarations {
		if d.MediatorID == u.ID && d.Relation == mediation.NoRelation {
			v.Declared = true
		}
	}
	v.More = mediationMore(u, m, f, v.CanMediate)
	v.Offer = f.Answer != nil && f.Answer.Kind == mediation.OfferSettle && f.Answer.AcceptedAt == nil && !v.Agreed
	for _, k := range mediation.Documents {
		if mediation.CheckDocument(m, k, f.Agreement) == nil {
			v.DocKinds = append(v.DocKinds, k)
		}
	}
	return v, nil
}

// mediationDone answers a mediation form: back to the panel when it worked, the case page with
// the errors beside their fields (422, or 409 for a clash) when it did not.
func (h *Handler) mediationDone(w http.ResponseWriter, r *http.Request, err error, done string) {
	number := r.PathValue("number")
	switch fe, ok := formErrors(langOf(r), err); {
	case err == nil:
		http.Redirect(w, r, "/matters/"+number+"?done="+done+"#mediation", http.StatusSeeOther)
	case ok:
		status := http.StatusUnprocessableEntity
		if invalid.IsConflict(err) {
			status = http.StatusConflict
		}
		h.renderMatter(w, r, status, matterPage{errors: fe, form: r.PostForm})
	case errors.Is(err, fault.ErrForbidden), errors.Is(err, casework.ErrForbidden):
		h.errorPage(w, r, http.StatusForbidden)
	default:
		h.fail(w, r, err)
	}
}

// formTime reads a datetime-local field in Asia/Shanghai.
func formTime(r *http.Request, name string, errs *invalid.Errors) time.Time {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", v, calendar.Shanghai)
	if err != nil {
		errs.Add(name, invalid.Format)
		return time.Time{}
	}
	return t.UTC()
}

// formDate reads a date field.
func formDate(r *http.Request, name string, errs *invalid.Errors) *calendar.Date {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return nil
	}
	d, err := calendar.ParseDate(v)
	if err != nil {
		errs.Add(name, invalid.Format)
		return nil
	}
	return &d
}

// formAmounts reads the amount of each kind an agreement or an offer lists, leaving out those left empty.
func formAmounts(r *http.Request, errs *invalid.Errors) []mediation.Amount {
	var out []mediation.Amount
	for _, k := range mediation.AmountKinds {
		if strings.TrimSpace(r.PostFormValue("amount_"+string(k))) == "" {
			continue
		}
		if f := formMoney(r, "amount_"+string(k), errs); f != nil {
			out = append(out, mediation.Amount{Kind: k, Amount: *f, Note: strings.TrimSpace(r.PostFormValue("note_" + string(k)))})
		}
	}
	return out
}

func formErrs() invalid.Errors { return nil }
