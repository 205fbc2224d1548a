package web

import (
	"context"
	"net/http"
	"strings"

	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
)

func (h *Handler) submitIntake(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), langOf(r)
	_ = r.ParseForm()
	f := r.PostForm
	in := casework.IntakeInput{
		Kind: casework.Kind(f.Get("kind")), Channel: casework.Channel(f.Get("channel")), AlsoReport: checkbox(r, "also_report"),
		Consumer: casework.Party{Name: f.Get("consumer.name"), Phone: f.Get("consumer.phone"),
			Address: f.Get("consumer.address"), IDNumber: f.Get("consumer.id_number")},
		MerchantName: f.Get("merchant_name"), MerchantAddress: f.Get("merchant_address"),
		Category: casework.Category(f.Get("category")), Facts: f.Get("facts"), Request: f.Get("request"),
		ReportFacts: f.Get("report_facts"), NeedsVisit: checkbox(r, "needs_visit"),
	}
	if in.Kind != casework.Complaint {
		in.AlsoReport = false
	}
	var errs invalid.Errors
	if amt := formMoney(r, "amount_in_dispute", &errs); amt != nil {
		in.AmountInDispute = *amt
	}
	newMerchant, err := h.resolveMerchant(ctx, r, &in, &errs)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	choices, err := h.resolveArea(ctx, r, &in, &errs)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in.Normalize()
	if verr, ok := invalid.As(in.Validate(h.svc.Now())); ok {
		errs = append(errs, verr...)
	}
	answer := strings.TrimSpace(f.Get("answer"))
	if in.Kind == casework.Inquiry && answer != "" && len([]rune(answer)) > 4000 {
		errs.Add("answer", invalid.TooLong, "max", "4000")
	}
	showErrors := func(err error) {
		fe, ok := formErrors(lang, err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusUnprocessableEntity, "intake", page{Title: "web.intake.title", Active: "intake",
			Form: f, Errors: fe, Data: newIntakeData(choices)})
	}
	if err := errs.Err(); err != nil {
		showErrors(err)
		return
	}
	if newMerchant != nil {
		if err := h.svc.SaveMerchant(ctx, newMerchant); err != nil {
			showErrors(renameFields(err, map[string]string{"uscc": "merchant_uscc", "name": "merchant_name", "address": "merchant_address"}))
			return
		}
		in.MerchantID = &newMerchant.ID
	}
	var ms []casework.Matter
	if callID := strings.TrimSpace(f.Get("call_id")); callID != "" {
		ms, err = h.svc.IntakeCall(ctx, who(r), in, callID) // the call's id, times and recording kept on the matter
	} else {
		ms, err = h.svc.Intake(ctx, who(r), in)
	}
	if err != nil {
		showErrors(err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: ChannelCookie, Value: string(in.Channel), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	next := "/intake/" + ms[0].Number
	if in.Kind == casework.Inquiry && answer != "" {
		// An inquiry answered on the phone is answered and closed at once.
		_, err := h.svc.Act(ctx, who(r), ms[0].Number, casework.Answer, casework.ActionInput{Answer: answer})
		if err == nil {
			_, err = h.svc.Act(ctx, who(r), ms[0].Number, casework.Close, casework.ActionInput{})
		}
		if err != nil {
			next += "?answer=failed"
		}
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// resolveMerchant links the matter to the registry: the merchant picked from the
// suggestions, one whose USCC or exact name was typed, or a new one entered with
// its USCC (returned to be created once the rest of the form is valid). A name
// that matches nothing stays free text on the matter.
func (h *Handler) resolveMerchant(ctx context.Context, r *http.Request, in *casework.IntakeInput, errs *invalid.Errors) (*merchant.Merchant, error) {
	if in.MerchantID = formID(r, "merchant_id", errs); in.MerchantID != nil {
		return nil, nil
	}
	name := strings.TrimSpace(in.MerchantName)
	uscc := merchant.NormalizeUSCC(r.PostForm.Get("merchant_uscc"))
	if uscc == "" && merchant.ValidUSCC(merchant.NormalizeUSCC(name)) {
		uscc, name = merchant.NormalizeUSCC(name), ""
	}
	if uscc != "" && !merchant.ValidUSCC(uscc) {
		errs.Add("merchant_uscc", invalid.Checksum)
		return nil, nil
	}
	q := name
	if uscc != "" {
		q = uscc
	}
	if q == "" {
		return nil, nil
	}
	list, _, err := h.svc.Merchants(ctx, who(r), service.MerchantQuery{Q: q, Limit: 20})
	if err != nil {
		return nil, err
	}
	for _, m := range list {
		if (uscc != "" && m.USCC == uscc) || (uscc == "" && strings.EqualFold(strings.TrimSpace(m.Name), name)) {
			in.MerchantID, in.MerchantName = &m.ID, m.Name
			return nil, nil
		}
	}
	if uscc == "" {
		return nil, nil
	}
	if name == "" {
		errs.Add("merchant_name", invalid.Required)
		return nil, nil
	}
	return &merchant.Merchant{Name: name, USCC: uscc, Type: merchant.Enterprise, Address: strings.TrimSpace(in.MerchantAddress)}, nil
}

// resolveArea finds the area typed as a village, community or township name.
// Several matches are offered as choices; none keeps the text as given.
func (h *Handler) resolveArea(ctx context.Context, r *http.Request, in *casework.IntakeInput, errs *invalid.Errors) ([]areaChoice, error) {
	if in.AreaID = formID(r, "area_id", errs); in.AreaID != nil {
		return nil, nil
	}
	text := strings.TrimSpace(r.PostForm.Get("area"))
	if text == "" {
		return nil, nil
	}
	list, err := h.svc.FindAreas(ctx, who(r), text, 8)
	if err != nil {
		return nil, err
	}
	var exact []int64
	for _, a := range list {
		if a.Name == text {
			exact = append(exact, a.ID)
		}
	}
	switch {
	case len(exact) == 1:
		in.AreaID = &exact[0]
	case len(list) == 1:
		in.AreaID = &list[0].ID
	case len(list) == 0:
		in.AreaText = text
	default:
		errs.Add("area", "ambiguous")
		return h.areaChoices(ctx, list)
	}
	return nil, nil
}

// renameFields maps the field names of one command to those of the form that sent it.
func renameFields(err error, names map[string]string) error {
	errs, ok := invalid.As(err)
	if !ok {
		return err
	}
	out := make(invalid.Errors, len(errs))
	for i, f := range errs {
		if n, ok := names[f.Field]; ok {
			f.Field = n
		}
		out[i] = f
	}
	return out
}
