package portal

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
	"weiquan/internal/service"
)

// formFields are the text fields of the submit form, echoed back when it has errors.
var formFields = []string{"kind", "also_report", "name", "phone", "address", "email", "merchant_name", "merchant_address",
	"area_id", "category", "amount", "facts", "request", "report_facts"}

// maxSubmitBody bounds a submission: the photos and a little for the text.
const maxSubmitBody = service.MaxPortalPhotos*service.MaxAttachment + 1<<20

// submit files what the consumer wrote with its photos and shows the numbers and the tracking
// code once, on this page only (it is not kept, and the page is not cached).
func (h *Handler) submit(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxSubmitBody)
	err := httpio.ParseMultipart(r, 1<<20)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		h.renderSubmit(w, r, http.StatusRequestEntityTooLarge, map[string]string{}, map[string]string{"photos": t(q.lang, "err.too_large",
			"field", t(q.lang, "field.photos"), "max", "10 MB")}, "")
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := map[string]string{}
	for _, f := range formFields {
		form[f] = strings.TrimSpace(r.FormValue(f))
	}
	in := service.PortalSubmission{Kind: casework.Kind(form["kind"]), AlsoReport: form["also_report"] != "",
		Name: form["name"], Phone: form["phone"], Address: form["address"], Email: form["email"],
		MerchantName: form["merchant_name"], MerchantAddress: form["merchant_address"], Category: casework.Category(form["category"]),
		Facts: form["facts"], Request: form["request"], ReportFacts: form["report_facts"], Honeypot: r.FormValue("website"), Lang: q.lang}
	var errs invalid.Errors
	if id, perr := strconv.ParseInt(form["area_id"], 10, 64); perr == nil && id > 0 {
		in.AreaID = &id
	} else if form["area_id"] != "" {
		errs.Add("area_id", invalid.Format)
	}
	if form["amount"] != "" {
		amt, perr := money.Parse(form["amount"])
		if perr != nil {
			errs.Add("amount", invalid.Format)
		}
		in.Amount = amt
	}
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["photos"] {
			f, err := fh.Open()
			if err != nil {
				errs.Add("photos", invalid.Format)
				continue
			}
			data, err := io.ReadAll(io.LimitReader(f, service.MaxAttachment+1))
			f.Close()
			if err != nil {
				errs.Add("photos", invalid.Format)
				continue
			}
			in.Photos = append(in.Photos, service.PortalPhoto{Name: fh.Filename, Data: data})
		}
	}
	if err := errs.Err(); err != nil {
		fe, _ := formErrors(q.lang, err)
		h.renderSubmit(w, r, http.StatusUnprocessableEntity, form, fe, "")
		return
	}
	rc, err := h.svc.SubmitOnPortal(r.Context(), q.who, in)
	switch {
	case errors.Is(err, service.ErrSpam):
		h.renderSubmit(w, r, http.StatusUnprocessableEntity, form, nil, t(q.lang, "portal.submit.refused"))
		return
	case err != nil:
		if fe, ok := formErrors(q.lang, err); ok {
			h.renderSubmit(w, r, http.StatusUnprocessableEntity, form, portalFields(fe), "")
			return
		}
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "receipt", page{Title: "portal.receipt.title", Data: rc})
}

// portalFields names the intake's fields as the portal's form does.
func portalFields(fe map[string]string) map[string]string {
	names := map[string]string{"consumer.name": "name", "consumer.phone": "phone", "consumer.address": "address",
		"amount_in_dispute": "amount", "area_text": "area_id"}
	out := map[string]string{}
	for k, v := range fe {
		if n, ok := names[k]; ok {
			k = n
		}
		out[k] = v
	}
	return out
}
