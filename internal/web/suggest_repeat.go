package web

import (
	"net/http"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// suggestRepeat warns, while the call is still on, that the same phone has
// brought a matter against the same merchant in the last 30 days.
func (h *Handler) suggestRepeat(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var errs invalid.Errors
	mid := queryID(q.Get("merchant_id"), "merchant_id", &errs)
	phone := strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(q.Get("phone")))
	out := []repeatSuggestion{}
	if errs.Err() == nil && casework.ValidPhone(phone) {
		list, err := h.svc.RepeatSuggestions(r.Context(), who(r), phone, mid, strings.TrimSpace(q.Get("merchant_name")), h.svc.Now().Add(-service.RepeatWindow))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		lang := langOf(r)
		for _, m := range list {
			out = append(out, repeatSuggestion{m.Number, m.ReceivedAt.In(calendar.Shanghai).Format(time.DateOnly), tr(lang, "state."+string(m.State))})
		}
	}
	writeJSON(w, out)
}
