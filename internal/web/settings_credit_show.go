package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"weiquan/internal/credit"
	"weiquan/internal/service"
)

type creditSettingsData struct {
	Fields  []string // every disclosure field
	Periods []string
	Saved   bool
	Checked map[string]bool // disclosure fields ticked
}

// showCreditSettings shows the thresholds of issue 11: collective cases, suspicious-claimant
// flags, the abnormal-operations list, honours, the record and disclosure.
func (h *Handler) showCreditSettings(w http.ResponseWriter, r *http.Request) {
	set, err := h.svc.CreditSettings(r.Context(), who(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderCreditSettings(w, r, http.StatusOK, creditValues(set), nil, r.URL.Query().Get("saved") == "1")
}

func (h *Handler) renderCreditSettings(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string, saved bool) {
	d := creditSettingsData{Fields: credit.DisclosureFields, Periods: []string{"month", "quarter", "year"}, Saved: saved, Checked: map[string]bool{}}
	for _, f := range form["disclosure.fields"] {
		d.Checked[f] = true
	}
	h.render(w, r, status, "admin_settings_credit", page{Title: "credit.settings.title", Active: "settings", Form: form, Errors: errs, Data: d})
}

// creditValues lays the settings out as the form's fields, named as their errors are.
func creditValues(s service.CreditSettings) url.Values {
	v := url.Values{}
	i := func(k string, n int) { v.Set(k, strconv.Itoa(n)) }
	f := func(k string, x float64) { v.Set(k, strconv.FormatFloat(x, 'f', -1, 64)) }
	b := func(k string, x bool) {
		if x {
			v.Set(k, "1")
		}
	}
	b("collective.enabled", s.Collective.Enabled)
	i("collective.window_days", s.Collective.WindowDays)
	i("collective.min_matters", s.Collective.MinMatters)
	f("collective.min_similarity", s.Collective.MinSimilarity)
	b("claimant_flags.enabled", s.Flags.Enabled)
	i("claimant_flags.complainants", s.Flags.Complainants)
	i("claimant_flags.complaints", s.Flags.Complaints)
	i("claimant_flags.days", s.Flags.Days)
	f("claimant_flags.issue_similarity", s.Flags.IssueSimilarity)
	i("claimant_flags.multiple", s.Flags.Multiple)
	var lines []string
	for k, n := range s.Flags.Normal {
		lines = append(lines, k+"="+strconv.Itoa(n))
	}
	sort.Strings(lines)
	v.Set("claimant_flags.normal_quantity", strings.Join(lines, "\n"))
	i("listing.decision_workdays", s.Listing.DecisionWorkdays)
	i("listing.removal_workdays", s.Listing.RemovalWorkdays)
	i("listing.objection_days", s.Listing.ObjectionDays)
	i("listing.serious_years", s.Listing.SeriousYears)
	i("listing.reminder_days", s.Listing.ReminderDays)
	i("listing.custody_alert_listed", s.Listing.CustodyAlertListed)
	i("honours.revoke_threshold", s.Honours.RevokeThreshold)
	v.Set("honours.substantiated", strings.Join(s.Honours.Substantiated, ", "))
	i("record.repeat_window_days", s.Record.RepeatWindowDays)
	i("record.repeat_threshold", s.Record.RepeatThreshold)
	b("disclosure.enabled", s.Disclosure.Enabled)
	v["disclosure.fields"] = s.Disclosure.Fields
	v.Set("disclosure.period", s.Disclosure.Period)
	i("disclosure.lag_days", s.Disclosure.LagDays)
	i("disclosure.min_complaints", s.Disclosure.MinComplaints)
	return v
}
