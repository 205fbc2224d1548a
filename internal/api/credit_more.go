package api

import (
	"net/http"

	"weiquan/internal/auth"
	"weiquan/internal/collective"
	"weiquan/internal/credit"
	"weiquan/internal/service"
)

// jointRoles record a joint complaint's agreement: those who mediate (R-L5).
var jointRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Mediator}

// memberRoles record consents, elect representatives, record their acts and tell the members.
var memberRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator}

// getCreditSettings reads the thresholds of collective cases, claimant flags, the merchant's
// record, honours and the abnormal list.
func (h *Handler) getCreditSettings(w http.ResponseWriter, r *http.Request) {
	set, err := h.svc.CreditSettings(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, set)
}

// putCreditSettings changes the thresholds: the body is read over the current values, checked
// as a whole and stored with who changed it.
func (h *Handler) putCreditSettings(w http.ResponseWriter, r *http.Request) {
	set, err := h.svc.CreditSettings(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	if err := decode(w, r, &set); err != nil {
		fail(w, r, err)
		return
	}
	out, err := h.svc.SaveCreditSettings(r.Context(), UserFrom(r.Context()), set)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// listListings lists the unreachable-merchant procedures for staff; active=1 keeps those
// still running or listed.
func (h *Handler) listListings(w http.ResponseWriter, r *http.Request) {
	f := service.ListingFilter{Active: r.URL.Query().Get("active") == "1"}
	list, err := h.svc.Listings(r.Context(), who(r), f)
	if err != nil {
		fail(w, r, err)
		return
	}
	if list == nil {
		list = []credit.Listing{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"listings": list})
}

// listHonours lists every honour with its status, for staff.
func (h *Handler) listHonours(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Honours(r.Context(), who(r), service.HonourFilter{})
	if err != nil {
		fail(w, r, err)
		return
	}
	if list == nil {
		list = []credit.Honour{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"honours": list})
}

// jointAgreement records one agreement a representative signs for the members of a joint
// complaint, each member's refund becoming that member's own agreement (R-L5).
func (h *Handler) jointAgreement(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in service.JointInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	ja, err := h.svc.JointAgree(r.Context(), who(r), id, in)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ja)
}

// JointStepInput is a member's consent or a representative's election (R-L5).
type JointStepInput struct {
	Action   string `json:"action"` // consent | elect
	MatterID int64  `json:"matter_id"`
	Ref      string `json:"ref"` // the consent's reference, or the written election
}

// jointStep records a member's consent or elects a representative on a confirmed case.
func (h *Handler) jointStep(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in JointStepInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	c, err := h.svc.JointStep(r.Context(), who(r), id, in.Action, in.MatterID, in.Ref)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// RepresentInput is a representative's change or waiver of the members' requests (R-L5).
type RepresentInput struct {
	Representative int64  `json:"representative_matter_id"`
	Act            string `json:"act"` // change_requests | waive_requests
	Note           string `json:"note"`
}

// represent records a representative's change or waiver of requests, refused until every
// member consented; every member is told.
func (h *Handler) represent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in RepresentInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	c, err := h.svc.RepresentativeAct(r.Context(), who(r), id, in.Representative, collective.RepAct(in.Act), in.Note)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// NotifyInput is one notice to every member of a case.
type NotifyInput struct {
	Text string `json:"text"`
}

// notifyMembers sends one notice to every member, each at their own phone.
func (h *Handler) notifyMembers(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in NotifyInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	c, err := h.svc.NotifyMembers(r.Context(), who(r), id, in.Text)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}
