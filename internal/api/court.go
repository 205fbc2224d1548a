package api

import (
	"net/http"
	"strconv"

	"weiquan/internal/calendar"
	"weiquan/internal/court"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// The court's and the departments' routes (issue 10): the court delegates a dispute (a
// judge, or the office entering the court's letter), the centre decides, extends, sends the
// result; judicial confirmation and its ruling; transfer to filing; referrals.

func (h *Handler) judgeDesk(w http.ResponseWriter, r *http.Request) {
	desk, err := h.svc.JudgeDeskOf(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, desk)
}

// CourtFile is a matter's work with the court as the API shows it.
type CourtFile struct {
	Delegation   *court.Delegation   `json:"delegation"`
	Confirmation *court.Confirmation `json:"confirmation"`
	Transfer     *court.Transfer     `json:"transfer"`
	Eligibility  service.Eligibility `json:"eligibility"`
}

func (h *Handler) getCourtFile(w http.ResponseWriter, r *http.Request) {
	ctx, p, n := r.Context(), who(r), r.PathValue("number")
	var f CourtFile
	var err error
	if f.Delegation, err = h.svc.CourtDelegation(ctx, p, n); err == nil {
		if f.Confirmation, err = h.svc.Confirmation(ctx, p, n); err == nil {
			if f.Transfer, err = h.svc.Transfer(ctx, p, n); err == nil {
				f.Eligibility, err = h.svc.ConfirmationEligibility(ctx, p, n)
			}
		}
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, f)
}

type decisionRequest struct {
	Decision  court.Decision `json:"decision"`
	DecidedOn calendar.Date  `json:"decided_on,omitzero"`
	Reason    string         `json:"reason,omitempty"`
}

func (h *Handler) decideDelegation(w http.ResponseWriter, r *http.Request) {
	var in decisionRequest
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	d, err := h.svc.DecideDelegation(r.Context(), who(r), r.PathValue("number"), in.Decision, in.DecidedOn, in.Reason)
	respondWith(w, r, d, err)
}

type extensionRequest struct {
	Days     int      `json:"days"`
	Consents []string `json:"consents"`
	Reason   string   `json:"reason,omitempty"`
}

func (h *Handler) extendCourtPeriod(w http.ResponseWriter, r *http.Request) {
	var in extensionRequest
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	d, err := h.svc.ExtendCourtPeriod(r.Context(), who(r), r.PathValue("number"), court.Extension{Days: in.Days, Consents: in.Consents}, in.Reason)
	respondWith(w, r, d, err)
}

type resultRequest struct {
	Result court.Result `json:"result"`
	Note   string       `json:"note,omitempty"`
	Lang   string       `json:"lang,omitempty"`
}

func (h *Handler) sendCourtResult(w http.ResponseWriter, r *http.Request) {
	var in resultRequest
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	d, doc, err := h.svc.SendCourtResult(r.Context(), who(r), r.PathValue("number"), in.Result, in.Note, in.Lang)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"delegation": d, "document": doc})
}

func (h *Handler) applyConfirmation(w http.ResponseWriter, r *http.Request) {
	var in service.ConfirmInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	c, err := h.svc.ApplyConfirmation(r.Context(), who(r), r.PathValue("number"), in)
	respondWith(w, r, c, err)
}

func (h *Handler) recordRuling(w http.ResponseWriter, r *http.Request) {
	var in court.Ruling
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	c, err := h.svc.RecordRuling(r.Context(), who(r), r.PathValue("number"), in)
	respondWith(w, r, c, err)
}

func (h *Handler) confirmationZip(w http.ResponseWriter, r *http.Request) {
	b, err := h.svc.ConfirmationZip(r.Context(), who(r), r.PathValue("number"))
	sendZip(w, r, "confirmation-"+r.PathValue("number")+".zip", b, err)
}

func (h *Handler) transferToFiling(w http.ResponseWriter, r *http.Request) {
	var in service.TransferInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	t, err := h.svc.TransferToFiling(r.Context(), who(r), r.PathValue("number"), in)
	respondWith(w, r, t, err)
}

type caseNumberRequest struct {
	CaseNumber string `json:"case_number"`
}

func (h *Handler) recordCaseNumber(w http.ResponseWriter, r *http.Request) {
	var in caseNumberRequest
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	t, err := h.svc.RecordCaseNumber(r.Context(), who(r), r.PathValue("number"), in.CaseNumber)
	respondWith(w, r, t, err)
}

func (h *Handler) transferZip(w http.ResponseWriter, r *http.Request) {
	b, err := h.svc.TransferZip(r.Context(), who(r), r.PathValue("number"))
	sendZip(w, r, "transfer-"+r.PathValue("number")+".zip", b, err)
}

func (h *Handler) referMatter(w http.ResponseWriter, r *http.Request) {
	var in mediation.Referral
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	ref, err := h.svc.Refer(r.Context(), who(r), r.PathValue("number"), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ref)
}

// referToPolice refers suspected fraud or extortion to the police (R-L10): the referral,
// the mark 移送公安, and T6 when mediation ran.
func (h *Handler) referToPolice(w http.ResponseWriter, r *http.Request) {
	var in service.PoliceInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	out, err := h.svc.ReferToPolice(r.Context(), who(r), r.PathValue("number"), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

func (h *Handler) answerReferral(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		fail(w, r, invalid.New("id", invalid.NotFound))
		return
	}
	var in mediation.ReferralAnswer
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	ref, err := h.svc.AnswerReferral(r.Context(), who(r), r.PathValue("number"), id, in)
	respondWith(w, r, ref, err)
}

func respondWith(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func sendZip(w http.ResponseWriter, r *http.Request, name string, b []byte, err error) {
	if err != nil {
		fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(b)
}
