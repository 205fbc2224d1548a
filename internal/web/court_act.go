package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/court"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
)

// actOnCourt takes one step of the court page's forms: decide a delegation, extend its
// period, send the result, apply for judicial confirmation, record the ruling, transfer to
// filing and record the case number, refer to a department and record its answer. Field
// errors come back on the page (422, or 409 for a clash), nothing written.
func (h *Handler) actOnCourt(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest)
		return
	}
	ctx, p, n, f := r.Context(), who(r), r.PathValue("number"), r.PostForm
	date := func(k string) calendar.Date {
		d, _ := calendar.ParseDate(strings.TrimSpace(f.Get(k)))
		return d
	}
	list := func(k string) []string {
		var out []string
		for _, v := range strings.FieldsFunc(f.Get(k), func(r rune) bool { return r == '\n' || r == ',' || r == '、' || r == '，' }) {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	var err error
	switch r.PathValue("step") {
	case "decision":
		_, err = h.svc.DecideDelegation(ctx, p, n, court.Decision(f.Get("decision")), date("decided_on"), f.Get("reason"))
	case "extension":
		days, _ := strconv.Atoi(f.Get("days"))
		_, err = h.svc.ExtendCourtPeriod(ctx, p, n, court.Extension{Days: days, Consents: f["consents"]}, f.Get("reason"))
	case "appraisal":
		_, err = h.svc.CourtAppraisal(ctx, p, n, date("on"), f.Get("what"), f.Get("end") != "")
	case "result":
		_, _, err = h.svc.SendCourtResult(ctx, p, n, court.Result(f.Get("result")), f.Get("note"), langOf(r))
	case "confirmation":
		_, err = h.svc.ApplyConfirmation(ctx, p, n, service.ConfirmInput{Court: f.Get("court"), Basis: court.Basis(f.Get("basis")),
			Applicants: f["applicants"], Lang: langOf(r)})
	case "ruling":
		_, err = h.svc.RecordRuling(ctx, p, n, court.Ruling{Outcome: court.Outcome(f.Get("outcome")), RuledOn: date("ruled_on"),
			ReceivedOn: date("received_on"), PerformanceEnd: date("performance_end")})
	case "transfer":
		_, err = h.svc.TransferToFiling(ctx, p, n, service.TransferInput{Court: f.Get("court"), Lang: langOf(r)})
	case "case_number":
		_, err = h.svc.RecordCaseNumber(ctx, p, n, f.Get("case_number"))
	case "refer":
		ref := mediation.Referral{Department: mediation.Department(f.Get("department")), DepartmentName: f.Get("department_name"), Request: f.Get("request")}
		for _, g := range list("grounds") {
			ref.Grounds = append(ref.Grounds, mediation.Fraud(g))
		}
		if d := date("due_date"); !d.IsZero() {
			ref.DueDate = &d
		}
		_, err = h.svc.Refer(ctx, p, n, ref)
	case "police":
		in := service.PoliceInput{DepartmentName: f.Get("department_name"), Facts: f.Get("facts")}
		for _, g := range f["grounds"] {
			in.Grounds = append(in.Grounds, mediation.Fraud(g))
		}
		if d := date("due_date"); !d.IsZero() {
			in.DueDate = &d
		}
		_, err = h.svc.ReferToPolice(ctx, p, n, in)
	case "duplicate": // R-L24: the repeat of an earlier report is not handled again, or merged with its new facts
		_, err = h.svc.Act(ctx, p, n, casework.Merge, casework.ActionInput{Into: f.Get("into"), NewFacts: f.Get("new_facts") != ""})
	case "judge":
		id, _ := strconv.ParseInt(f.Get("session_id"), 10, 64)
		_, err = h.svc.JudgeAtSession(ctx, p, n, id, f.Get("judge"), f.Get("guidance"))
	case "enforcement":
		_, err = h.svc.ApplyEnforcement(ctx, p, n, date("on"))
	case "no_authority":
		_, err = h.svc.TellNoAuthority(ctx, p, n, f.Get("competent"))
	case "return":
		_, err = h.svc.ReturnToIntake(ctx, p, n, nil, f.Get("reason"))
	case "reporter_notice":
		_, err = h.svc.NotifyReporter(ctx, p, n)
	case "answer":
		id, _ := strconv.ParseInt(f.Get("referral_id"), 10, 64)
		_, err = h.svc.AnswerReferral(ctx, p, n, id, mediation.ReferralAnswer{DepartmentName: f.Get("department_name"), Text: f.Get("text")})
	default:
		h.notFound(w, r)
		return
	}
	if fe, ok := formErrors(langOf(r), err); ok {
		status := http.StatusUnprocessableEntity
		if invalid.IsConflict(err) {
			status = http.StatusConflict
		}
		h.renderCourt(w, r, status, fe, firstMessage(fe))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/matters/"+n+"/court", http.StatusSeeOther)
}

// downloadCourtZip serves the zip filed with the court: the confirmation package or the
// transfer bundle, with the index of every file's SHA-256 inside.
func (h *Handler) downloadCourtZip(w http.ResponseWriter, r *http.Request) {
	n := r.PathValue("number")
	var b []byte
	var err error
	switch r.PathValue("bundle") {
	case "confirmation.zip":
		b, err = h.svc.ConfirmationZip(r.Context(), who(r), n)
	case "transfer.zip":
		b, err = h.svc.TransferZip(r.Context(), who(r), n)
	default:
		err = errors.New("web: no such bundle")
		h.notFound(w, r)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.TrimSuffix(r.PathValue("bundle"), ".zip")+"-"+n+`.zip"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(b)
}
