package api

import (
	"net/http"

	"weiquan/internal/auth"
	"weiquan/internal/credit"
	"weiquan/internal/service"
)

// listingRoles work an unreachable-merchant procedure; the listing, removal and objection
// decisions among its steps are a supervisor's or admin's, which the service holds to.
var listingRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator}

// ListingOpen starts a procedure for a merchant that could not be reached.
type ListingOpen struct {
	MerchantID int64 `json:"merchant_id"`
}

// ListingStepInput is one step of a procedure (R-S7, R-L35–R-L38): a contact attempt, the
// referral, the listing decision with its ground and document number, a removal, an
// objection and its decision.
type ListingStepInput struct {
	Action    string        `json:"action"`
	Method    credit.Method `json:"method,omitempty"`
	Reached   bool          `json:"reached,omitempty"`
	Note      string        `json:"note,omitempty"`
	Reason    credit.Reason `json:"reason,omitempty"`
	Ref       string        `json:"ref,omitempty"`
	Ground    string        `json:"ground,omitempty"`
	Text      string        `json:"text,omitempty"`
	Objection int           `json:"objection,omitempty"`
	Upheld    bool          `json:"upheld,omitempty"`
}

// openListing starts the procedure for a merchant (R-L36.1).
func (h *Handler) openListing(w http.ResponseWriter, r *http.Request) {
	var in ListingOpen
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	l, err := h.svc.OpenListing(r.Context(), who(r), in.MerchantID)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, l)
}

// getListing reads one procedure with its attempts and objections.
func (h *Handler) getListing(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	l, err := h.svc.Listing(r.Context(), who(r), id)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, l)
}

// stepListing takes one step of a procedure in one transaction; a step the rules refuse
// (the custody company not asked, a removal before listing, a late objection) writes nothing.
func (h *Handler) stepListing(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in ListingStepInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	st := service.ListingStep{Action: in.Action, Attempt: credit.Attempt{Method: in.Method, Reached: in.Reached, Note: in.Note},
		Reason: in.Reason, Ref: in.Ref, Ground: in.Ground, Text: in.Text, Objection: in.Objection, Upheld: in.Upheld}
	l, err := h.svc.StepListing(r.Context(), who(r), id, st)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, l)
}
