package api

import (
	"net/http"

	"weiquan/internal/calendar"
	"weiquan/internal/credit"
)

// HonourGrant is a supervisor's grant of an honour to a merchant for a period, with its
// criteria and the deciding document (R-S8).
type HonourGrant struct {
	MerchantID  int64         `json:"merchant_id"`
	Title       credit.Title  `json:"title"`
	Criteria    string        `json:"criteria"`
	From        calendar.Date `json:"from"`
	To          calendar.Date `json:"to"`
	DocumentRef string        `json:"document_ref"`
}

// HonourDecision answers a revocation proposal: revoke with the revoking document, or keep
// with a note (R-S8).
type HonourDecision struct {
	Revoke bool   `json:"revoke"`
	Ref    string `json:"ref,omitempty"`
	Note   string `json:"note,omitempty"`
}

// grantHonour grants 消费维权示范店 or 文明诚信经营户.
func (h *Handler) grantHonour(w http.ResponseWriter, r *http.Request) {
	var in HonourGrant
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	out, err := h.svc.GrantHonour(r.Context(), who(r), credit.Honour{MerchantID: in.MerchantID, Title: in.Title, Criteria: in.Criteria,
		From: in.From, To: in.To, DocumentRef: in.DocumentRef})
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

// decideHonour revokes an honour or keeps it.
func (h *Handler) decideHonour(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in HonourDecision
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	out, err := h.svc.DecideHonour(r.Context(), who(r), id, in.Revoke, in.Ref, in.Note)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
