package web

import (
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// saveCreditSettings stores the thresholds of issue 11 after the service checks them.
func (h *Handler) saveCreditSettings(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f := r.PostForm
	var errs invalid.Errors
	num := func(k string) int {
		n, err := strconv.Atoi(strings.TrimSpace(f.Get(k)))
		if err != nil {
			errs.Add(k, invalid.Format)
		}
		return n
	}
	flt := func(k string) float64 {
		x, err := strconv.ParseFloat(strings.TrimSpace(f.Get(k)), 64)
		if err != nil {
			errs.Add(k, invalid.Format)
		}
		return x
	}
	var s service.CreditSettings
	s.Collective.Enabled = f.Get("collective.enabled") != ""
	s.Collective.WindowDays, s.Collective.MinMatters = num("collective.window_days"), num("collective.min_matters")
	s.Collective.MinSimilarity = flt("collective.min_similarity")
	s.Flags.Enabled = f.Get("claimant_flags.enabled") != ""
	s.Flags.Complainants, s.Flags.Complaints, s.Flags.Days = num("claimant_flags.complainants"), num("claimant_flags.complaints"), num("claimant_flags.days")
	s.Flags.IssueSimilarity, s.Flags.Multiple = flt("claimant_flags.issue_similarity"), num("claimant_flags.multiple")
	s.Flags.Normal = map[string]int{}
	for _, line := range strings.Split(f.Get("claimant_flags.normal_quantity"), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if !ok || err != nil || strings.TrimSpace(k) == "" {
			errs.Add("claimant_flags.normal_quantity", invalid.Format)
			break
		}
		s.Flags.Normal[strings.TrimSpace(k)] = n
	}
	s.Listing.DecisionWorkdays, s.Listing.RemovalWorkdays = num("listing.decision_workdays"), num("listing.removal_workdays")
	s.Listing.ObjectionDays, s.Listing.SeriousYears = num("listing.objection_days"), num("listing.serious_years")
	s.Listing.ReminderDays, s.Listing.CustodyAlertListed = num("listing.reminder_days"), num("listing.custody_alert_listed")
	s.Honours.RevokeThreshold = num("honours.revoke_threshold")
	for _, o := range strings.FieldsFunc(f.Get("honours.substantiated"), func(r rune) bool { return r == ',' || r == ' ' || r == '，' }) {
		s.Honours.Substantiated = append(s.Honours.Substantiated, o)
	}
	s.Record.RepeatWindowDays, s.Record.RepeatThreshold = num("record.repeat_window_days"), num("record.repeat_threshold")
	s.Disclosure.Enabled = f.Get("disclosure.enabled") != ""
	s.Disclosure.Fields = f["disclosure.fields"]
	s.Disclosure.Period = f.Get("disclosure.period")
	s.Disclosure.LagDays, s.Disclosure.MinComplaints = num("disclosure.lag_days"), num("disclosure.min_complaints")
	err := errs.Err()
	if err == nil {
		_, err = h.svc.SaveCreditSettings(r.Context(), userOf(r), s)
	}
	if err != nil {
		fe, ok := formErrors(langOf(r), err)
		if !ok {
			h.fail(w, r, err)
			return
		}
		h.renderCreditSettings(w, r, http.StatusUnprocessableEntity, f, fe, false)
		return
	}
	http.Redirect(w, r, "/admin/settings/credit?saved=1", http.StatusSeeOther)
}
