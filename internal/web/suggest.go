package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// The suggestion endpoints feed the pickers of the intake form as you type;
// without JavaScript the server matches the typed text instead.

type merchantSuggestion struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	USCC    string `json:"uscc,omitempty"`
	Address string `json:"address,omitempty"`
}

type areaSuggestion struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Label string `json:"label"`
}

type repeatSuggestion struct {
	Number   string `json:"number"`
	Received string `json:"received"`
	State    string `json:"state"`
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

func suggestQuery(r *http.Request) string {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len([]rune(q)) > 50 {
		q = string([]rune(q)[:50])
	}
	return q
}

func (h *Handler) suggestMerchants(w http.ResponseWriter, r *http.Request) {
	out := []merchantSuggestion{}
	if q := suggestQuery(r); q != "" {
		list, _, err := h.svc.Store.Merchants(r.Context(), store.MerchantFilter{Q: q, Limit: 8})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, m := range list {
			out = append(out, merchantSuggestion{m.ID, m.Name, m.USCC, m.Address})
		}
	}
	writeJSON(w, out)
}

func (h *Handler) suggestAreas(w http.ResponseWriter, r *http.Request) {
	out := []areaSuggestion{}
	if q := suggestQuery(r); q != "" {
		list, err := h.svc.Store.FindAreas(r.Context(), q, 8)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		all, _, err := h.areaMap(r.Context())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, a := range list {
			out = append(out, areaSuggestion{a.ID, a.Name, areaLabel(a, all)})
		}
	}
	writeJSON(w, out)
}

// suggestRepeat warns, while the call is still on, that the same phone has
// brought a matter against the same merchant in the last 30 days.
func (h *Handler) suggestRepeat(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var errs invalid.Errors
	mid := queryID(q.Get("merchant_id"), "merchant_id", &errs)
	phone := strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(q.Get("phone")))
	out := []repeatSuggestion{}
	if errs.Err() == nil && casework.ValidPhone(phone) {
		list, err := h.svc.Store.RecentSamePhoneMerchant(r.Context(), phone, mid, strings.TrimSpace(q.Get("merchant_name")), h.svc.Now().Add(-repeatWindow))
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
