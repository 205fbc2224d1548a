package web

import (
	"net/http"
	"net/url"
	"slices"

	"weiquan/internal/collective"
	"weiquan/internal/money"
)

type collectiveShowData struct {
	C         collective.Case
	CanDecide bool
	CanJoint  bool // the viewer may record consents and elect representatives
	MayAct    bool // every member consented: representatives may act (R-L5)
	Consented int
	NReps     int // representatives elected
	Amount    money.Fen
	Tally     collective.Tally            // members, consumers and money, exactly
	Joints    []collective.JointAgreement // the joint agreements signed for the members (R-L5)
	CanAgree  bool                        // the viewer may record a joint agreement
	Reps      []collective.Member
}

// showCollective shows a collective case: what detection saw (the matters, what they share,
// how alike their facts are) and, for a supervisor, the confirm and reject forms.
func (h *Handler) showCollective(w http.ResponseWriter, r *http.Request) {
	h.renderCollective(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderCollective(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) {
	id, err := pathID(r)
	if err != nil {
		h.notFound(w, r)
		return
	}
	c, err := h.svc.CollectiveCase(r.Context(), who(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := collectiveShowData{C: c, CanDecide: c.Status == collective.Proposed && slices.Contains(heads, userOf(r).Role)}
	for _, m := range c.Members {
		d.Amount += m.Amount
		if m.Representative {
			d.NReps++
			d.Reps = append(d.Reps, m)
		}
	}
	d.CanJoint = c.Status == collective.Confirmed && slices.Contains(jointRoles, userOf(r).Role)
	d.MayAct, d.Consented = c.RepresentativeMayAct() == nil, c.Consented()
	d.Tally = c.Tally()
	d.CanAgree = c.Status == collective.Confirmed && slices.Contains(agreeRoles, userOf(r).Role)
	if c.Status == collective.Confirmed {
		if d.Joints, err = h.svc.JointAgreements(r.Context(), who(r), id); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, status, "collective_show", page{Title: "collective.case", Active: "collective", Form: form, Errors: errs, Data: d})
}
