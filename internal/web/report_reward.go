package web

import (
	"net/http"
	"strconv"

	"weiquan/internal/money"
	"weiquan/internal/reward"
)

type rewardData struct {
	Number string
	Asked  bool
	Result *reward.Reward
	Amount string
}

// showReward is the reward calculator on a report's page (R-L26): the level, fines and
// confiscations in, the reward out with the floor, the cap and co-approval said.
func (h *Handler) showReward(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := rewardData{Number: r.PathValue("number"), Asked: q.Get("level") != ""}
	var errs map[string]string
	if d.Asked {
		level, _ := strconv.Atoi(q.Get("level"))
		fines, err1 := money.Parse(q.Get("fines"))
		conf, err2 := money.Parse(q.Get("confiscations"))
		if err1 != nil || err2 != nil {
			errs = map[string]string{"fines": tr(langOf(r), "err.format")}
		} else {
			c := reward.Case{MajorViolation: q.Get("major") == "1", NaturalPerson: q.Get("natural") == "1", Excluded: q.Get("excluded") == "1",
				Level: reward.Level(level), Fines: fines, Confiscations: conf}
			rw, err := h.svc.Reward(r.Context(), who(r), d.Number, c)
			if fe, ok := formErrors(langOf(r), err); ok {
				errs = fe
			} else if err != nil {
				h.fail(w, r, err)
				return
			} else {
				d.Result, d.Amount = &rw, rw.Amount.String()
			}
		}
	} else if _, err := h.svc.Reward(r.Context(), who(r), d.Number, reward.Case{MajorViolation: true, NaturalPerson: true, Level: 3}); err != nil {
		h.fail(w, r, err) // only staff who may know the reporter see the calculator
		return
	}
	status := http.StatusOK
	if errs != nil {
		status = http.StatusUnprocessableEntity
	}
	h.render(w, r, status, "reward", page{Title: "court.web.reward", Active: "queue", Errors: errs, Form: r.URL.Query(), Data: d})
}
