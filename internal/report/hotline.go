package report

// HotlineRatings are the callers' ratings the 12345 centre sent back after its callback
// (R-L27): how many work orders were rated, how many each way, and the share satisfied
// or basically satisfied.
type HotlineRatings struct {
	Rated              int64    `json:"rated"`
	Satisfied          int64    `json:"satisfied"`
	BasicallySatisfied int64    `json:"basically_satisfied"`
	Dissatisfied       int64    `json:"dissatisfied"`
	SatisfiedRate      *float64 `json:"satisfied_rate"`
}

func hotlineRatings(by map[string]int64) HotlineRatings {
	h := HotlineRatings{Satisfied: by["satisfied"], BasicallySatisfied: by["basically_satisfied"], Dissatisfied: by["dissatisfied"]}
	h.Rated = h.Satisfied + h.BasicallySatisfied + h.Dissatisfied
	h.SatisfiedRate = rate(h.Satisfied+h.BasicallySatisfied, h.Rated)
	return h
}
