package web

import (
	"errors"
	"net/http"

	"weiquan/internal/fault"
	"weiquan/internal/hotline"
	"weiquan/internal/i18n"
)

// stepWorkOrder takes one of the office's steps on the matter's 12345 work order from
// its case page — 签收, 办理, 回复 (which is the matter's reply to 12345 too) or 申请退回 —
// and the step goes to the centre through the outbox (R-L27). Field errors reopen the
// step's form with what was typed; a step out of sequence shows a banner.
func (h *Handler) stepWorkOrder(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), langOf(r)
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest)
		return
	}
	number, step := r.PathValue("number"), hotline.Step(r.PathValue("step"))
	in := hotline.Input{Note: r.PostForm.Get("note"), Reason: r.PostForm.Get("reason")}
	_, err := h.svc.MatterWorkOrderStep(ctx, who(r), number, step, in)
	fe, isField := formErrors(lang, err)
	switch {
	case err == nil:
		http.Redirect(w, r, "/matters/"+number+"?done=work_order#workorder", http.StatusSeeOther)
	case errors.Is(err, fault.ErrForbidden):
		h.errorPage(w, r, http.StatusForbidden)
	case isField && fe["state"] != "":
		h.renderMatter(w, r, http.StatusConflict, matterPage{banner: fe["state"]})
	case isField:
		form := r.PostForm
		form.Set("wo_step", string(step))
		h.renderMatter(w, r, http.StatusUnprocessableEntity, matterPage{errors: fe, form: form})
	case errors.Is(err, fault.ErrConflict):
		h.renderMatter(w, r, http.StatusConflict, matterPage{banner: i18n.T(lang, "err.stale")})
	default:
		h.fail(w, r, err)
	}
}
