package api

import (
	"fmt"
	"net/http"
	"time"

	"weiquan/internal/fault"
	"weiquan/internal/httpio"
	"weiquan/internal/service"
)

// The court's system at the API (issue 10 item 1): with its key of scope "court" it
// delegates disputes for its court and reads what became of them — the decision, the
// period, the result and the result letter. A judge, supervisor or admin may use the same
// doors with a session.

func (h *Handler) delegateFromCourt(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.CourtCaller(r.Context(), httpio.Token(r), httpio.ClientAddr(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	var in service.CourtDelegationInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	m, d, err := h.svc.DelegateFromCourt(r.Context(), p, in)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"number": m.Number, "delegation": d})
}

func (h *Handler) listCourtDelegations(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.CourtCaller(r.Context(), httpio.Token(r), httpio.ClientAddr(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	ds, err := h.svc.CourtDelegations(r.Context(), p)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": ds})
}

// ResultLetter is the result letter as the court's system reads it: which document, its
// hashes, and where to fetch it.
type ResultLetter struct {
	ID         int64     `json:"id"`
	Kind       string    `json:"kind"`
	Lang       string    `json:"lang"`
	IssuedAt   time.Time `json:"issued_at"`
	HTMLSHA256 string    `json:"html_sha256"`
	PDFSHA256  string    `json:"pdf_sha256,omitempty"`
	Href       string    `json:"href"`
}

func (h *Handler) getCourtDelegation(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.CourtCaller(r.Context(), httpio.Token(r), httpio.ClientAddr(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	n := r.PathValue("number")
	res, err := h.svc.CourtDelegationOf(r.Context(), p, n)
	if err != nil {
		fail(w, r, err)
		return
	}
	out := map[string]any{"delegation": res.Delegation}
	if l := res.Letter; l != nil {
		out["result_letter"] = ResultLetter{ID: l.ID, Kind: string(l.Kind), Lang: l.Lang, IssuedAt: local(l.IssuedAt), HTMLSHA256: l.HTMLSHA256, PDFSHA256: l.PDFSHA256,
			Href: "/api/v1/court/delegations/" + n + "/letter"}
	}
	writeJSON(w, http.StatusOK, out)
}

// errNoLetter: the result has not gone back to the court yet.
var errNoLetter = fmt.Errorf("api: no result letter yet: %w", fault.ErrNotFound)

// getCourtLetter serves the result letter: its PDF, or its print layout when the server
// could not render one.
func (h *Handler) getCourtLetter(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.CourtCaller(r.Context(), httpio.Token(r), httpio.ClientAddr(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	res, err := h.svc.CourtDelegationOf(r.Context(), p, r.PathValue("number"))
	if err == nil && res.Letter == nil {
		err = errNoLetter
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if len(res.Letter.PDF) > 0 {
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("X-SHA256", res.Letter.PDFSHA256)
		_, _ = w.Write(res.Letter.PDF)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	w.Header().Set("X-SHA256", res.Letter.HTMLSHA256)
	_, _ = w.Write(res.Letter.HTML)
}
