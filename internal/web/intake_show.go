package web

import (
	"net/http"
	"net/url"

	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
)

// ChannelCookie remembers the channel an operator last took a matter from: a
// hotline operator takes call after call from the same one.
const ChannelCookie = "weiquan_channel"

type intakeData struct {
	Channels    []casework.Channel
	Kinds       []casework.Kind
	Categories  []casework.Category
	AreaChoices []areaChoice
}

type areaChoice struct {
	ID   int64
	Name string
}

func newIntakeData(choices []areaChoice) intakeData {
	return intakeData{Channels: casework.Channels, Kinds: casework.Kinds,
		Categories: []casework.Category{casework.Goods, casework.Services}, AreaChoices: choices}
}

func (h *Handler) showIntake(w http.ResponseWriter, r *http.Request) {
	form := url.Values{}
	form.Set("channel", string(casework.Hotline12315))
	if c, err := r.Cookie(ChannelCookie); err == nil && casework.Channel(c.Value).Valid() {
		form.Set("channel", c.Value)
	}
	form.Set("kind", string(casework.Complaint))
	h.render(w, r, http.StatusOK, "intake", page{Title: "web.intake.title", Active: "intake", Form: form, Data: newIntakeData(nil)})
}

// areaLabel names an area with the areas above it: 瑞昌市 › 码头镇 › 码头村.
func areaLabel(a dispatch.Area, all map[int64]dispatch.Area) string {
	label := a.Name
	for p := a.ParentID; p != nil; {
		pa, ok := all[*p]
		if !ok {
			break
		}
		label = pa.Name + " › " + label
		p = pa.ParentID
	}
	return label
}
