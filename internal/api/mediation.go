package api

import (
	"net/http"
	"strconv"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/fault"
	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

var mediationRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Judge}

// MediationStepInput is the body of a mediation step: the fields of the step named in the path.
type MediationStepInput struct {
	mediation.Agent
	Side        mediation.Side         `json:"side,omitempty"`
	Purpose     mediation.Purpose      `json:"purpose,omitempty"`
	Method      string                 `json:"method,omitempty"`
	GivenAt     time.Time              `json:"given_at,omitzero"`
	Attachment  *int64                 `json:"attachment_id,omitempty"`
	Said        string                 `json:"said,omitempty"`
	ChallengeID int64                  `json:"challenge_id,omitempty"`
	Code        string                 `json:"code,omitempty"`
	Kind        mediation.DelegateKind `json:"kind,omitempty"`
	Delegate    string                 `json:"delegate,omitempty"`
	MediatorID  int64                  `json:"mediator_id,omitempty"`
	Relation    mediation.Relation     `json:"relation,omitempty"`
	Detail      string                 `json:"detail,omitempty"`
	Session     mediation.Session      `json:"session,omitzero"`
	SessionID   int64                  `json:"session_id,omitempty"`
	HeldAt      time.Time              `json:"held_at,omitzero"`
	Minutes     string                 `json:"minutes,omitempty"`
	Present     []mediation.Side       `json:"present,omitempty"`
	Grounds     string                 `json:"grounds,omitempty"`
	RecusalID   int64                  `json:"recusal_id,omitempty"`
	Upheld      bool                   `json:"upheld,omitempty"`
	Decision    string                 `json:"decision,omitempty"`
	Agreement   mediation.Agreement    `json:"agreement,omitzero"`
	SignerName  string                 `json:"signer_name,omitempty"`
	Image       []byte                 `json:"image,omitempty"` // a drawn signature's PNG, base64
	ImageSHA256 string                 `json:"image_sha256,omitempty"`
	Fulfilment  mediation.Fulfilment   `json:"fulfilment,omitzero"`
	service.CallbackInput
	Appraisal   mediation.Appraisal `json:"appraisal,omitzero"`     // R-L17
	AppraisalID int64               `json:"appraisal_id,omitempty"` // the test that ends
	EndedAt     time.Time           `json:"ended_at,omitzero"`
	Result      string              `json:"result,omitempty"`
	Facts       mediation.Facts     `json:"facts,omitzero"` // R-L8, R-L46, R-L47
}

// mediationStep takes one step of a complaint's mediation and answers with its mediation file.
func (h *Handler) mediationStep(w http.ResponseWriter, r *http.Request) {
	var in MediationStepInput
	if err := decodeOptional(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	ctx, p, n := r.Context(), who(r), r.PathValue("number")
	var err error
	switch r.PathValue("step") {
	case "agent":
		_, err = h.svc.SetAgent(ctx, p, n, in.Agent)
	case "consent":
		_, err = h.svc.RecordConsent(ctx, p, n, mediation.Consent{Side: in.Side, Purpose: in.Purpose, Method: mediation.Method(in.Method),
			GivenAt: in.GivenAt, AttachmentID: in.Attachment, Said: in.Said})
	case "consent_code":
		_, err = h.svc.SendConsentCode(ctx, p, n, in.Side, in.Purpose)
	case "consent_confirm":
		_, err = h.svc.ConfirmConsentCode(ctx, p, n, in.ChallengeID, in.Code)
	case "consent_link":
		_, err = h.svc.SendConsentLink(ctx, p, n, in.Side, in.Purpose)
	case "delegation":
		_, err = h.svc.Delegate(ctx, p, n, mediation.Delegation{Kind: in.Kind, Delegate: in.Delegate})
	case "declaration":
		_, err = h.svc.Declare(ctx, p, n, mediation.Declaration{MediatorID: in.MediatorID, Relation: in.Relation, Detail: in.Detail})
	case "session":
		_, err = h.svc.ScheduleSession(ctx, p, n, in.Session)
	case "minutes":
		_, err = h.svc.RecordMinutes(ctx, p, n, in.SessionID, in.HeldAt, in.Minutes, in.Present)
	case "recusal":
		_, err = h.svc.ApplyRecusal(ctx, p, n, mediation.Recusal{Side: in.Side, MediatorID: in.MediatorID, Grounds: in.Grounds})
	case "recusal_decision":
		_, err = h.svc.DecideRecusal(ctx, p, n, in.RecusalID, in.Upheld, in.Decision)
	case "agreement":
		_, err = h.svc.RecordAgreement(ctx, p, n, in.Agreement)
	case "signature":
		_, err = h.svc.Sign(ctx, p, n, mediation.Signature{Side: in.Side, SignerName: in.SignerName, Method: mediation.SignMethod(in.Method),
			ImageSHA256: in.ImageSHA256, AttachmentID: in.Attachment}, in.Image)
	case "fulfilment":
		_, err = h.svc.RecordFulfilment(ctx, p, n, in.Fulfilment)
	case "accept_offer":
		_, err = h.svc.AcceptOffer(ctx, p, n)
	case "callback":
		_, err = h.svc.RecordCallback(ctx, p, n, in.CallbackInput)
	case "appraisal":
		_, err = h.svc.StartAppraisal(ctx, p, n, in.Appraisal)
	case "appraisal_end":
		_, err = h.svc.EndAppraisal(ctx, p, n, in.AppraisalID, in.EndedAt, in.Result)
	case "facts":
		_, err = h.svc.SaveFacts(ctx, p, n, in.Facts)
	default: // the matter first, so a number out of scope stays unknown
		if _, err = h.svc.Mediation(ctx, p, n); err == nil {
			err = invalid.New("step", invalid.OneOf, "values", "agent, consent, consent_code, consent_confirm, consent_link, delegation, declaration, session, minutes, recusal, recusal_decision, agreement, signature, fulfilment, accept_offer, callback, appraisal, appraisal_end, facts")
		}
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	h.writeMediation(w, r, http.StatusOK)
}

func (h *Handler) writeMediation(w http.ResponseWriter, r *http.Request, status int) {
	f, err := h.svc.Mediation(r.Context(), who(r), r.PathValue("number"))
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, status, f)
}

// getMediation is a complaint's mediation file.
func (h *Handler) getMediation(w http.ResponseWriter, r *http.Request) {
	h.writeMediation(w, r, http.StatusOK)
}

// answerComplaint is the merchant's answer online (C12).
func (h *Handler) answerComplaint(w http.ResponseWriter, r *http.Request) {
	var in mediation.MerchantAnswer
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	a, err := h.svc.AnswerComplaint(r.Context(), who(r), r.PathValue("number"), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, a)
}

// getAnswer is the merchant's answer, to the merchant and to staff; 204 when it has not answered.
func (h *Handler) getAnswer(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Answer(r.Context(), who(r), r.PathValue("number"))
	if err != nil {
		fail(w, r, err)
		return
	}
	if a == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// issueDocument renders and keeps a document (R-L7, R-L19–R-L21).
func (h *Handler) issueDocument(w http.ResponseWriter, r *http.Request) {
	var in service.IssueInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	d, err := h.svc.IssueDocument(r.Context(), who(r), r.PathValue("number"), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, d)
}

// listDocuments lists a matter's issued documents with their hashes.
func (h *Handler) listDocuments(w http.ResponseWriter, r *http.Request) {
	ds, err := h.svc.Documents(r.Context(), who(r), r.PathValue("number"))
	if err != nil {
		fail(w, r, err)
		return
	}
	if ds == nil {
		ds = []service.DocumentRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"documents": ds})
}

// getDocument serves an issued document's stored bytes: the PDF, or with format=html its print
// layout. A document issued without Chromium has no PDF: 503 says why.
func (h *Handler) getDocument(w http.ResponseWriter, r *http.Request) {
	id, perr := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if perr != nil {
		fail(w, r, fault.ErrNotFound)
		return
	}
	d, err := h.svc.Document(r.Context(), who(r), r.PathValue("number"), id)
	if err != nil {
		fail(w, r, err)
		return
	}
	name := string(d.Kind) + "-" + r.PathValue("number") + "-v" + strconv.Itoa(d.Version)
	switch r.URL.Query().Get("format") {
	case "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
		w.Header().Set("X-Content-SHA256", d.HTMLSHA256)
		_, _ = w.Write(d.HTML)
	case "", "pdf":
		if len(d.PDF) == 0 {
			fail(w, r, &httpio.BodyError{Status: http.StatusServiceUnavailable, Field: "format", Code: "no_pdf", Key: "mediation.no_pdf"})
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.pdf"`)
		w.Header().Set("X-Content-SHA256", d.PDFSHA256)
		_, _ = w.Write(d.PDF)
	default:
		fail(w, r, invalid.New("format", invalid.OneOf, "values", "pdf, html"))
	}
}
