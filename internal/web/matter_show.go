package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
)

type matterData struct {
	M             casework.Matter
	Full          bool
	NeedsPlatform bool
	Due           dueView
	LinkedNumber  string
	AreaName      string
	StationName   string
	AssigneeName  string
	TakenByName   string
	Merchant      *merchant.Merchant
	MerchantCount int
	Missing       []string
	Timeline      []eventView
	Actions       []actionForm
	CanAttach     bool
	Attachments   []store.Attachment
	Stations      []dispatch.Station
	Mediators     []userChoice
	Reasons       map[casework.Action][]reasonChoice
	Open          casework.Action
	StateFields   []string
	Deadlines     []deadlineLine
	Banner        string
	Done          string
	Arrived       string
	AmberFrac     string
	AmberMins     string
}

// actionForm is one action the viewer may take now, with the kind of form it needs.
type actionForm struct {
	Action    casework.Action
	Label     string
	Form      string // reason, dispatch, check_in, agree, answer, platform, update, note, codes, merge, plain
	Moves     bool   // it changes the matter's state; the first such action is offered first
	Codes     []reasonChoice
	CodeLabel string
	NoteLabel string
	NoteReq   bool
	Hint      string
}

type userChoice struct {
	ID      int64
	Name    string
	Station string
}

type reasonChoice struct {
	Code, Text string
}

// formKinds says which form each known action needs; the clock actions take theirs
// from actionSpecs, and an action the workbench does not know yet gets the plain form.
var formKinds = map[casework.Action]string{
	casework.Reject: "reason", casework.Terminate: "reason", casework.Dispatch: "dispatch",
	casework.CheckIn: "check_in", casework.Agree: "agree", casework.Answer: "answer",
	casework.SetPlatformNo: "platform", casework.Update: "update", casework.Note: "note",
}

func (h *Handler) showMatter(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	h.renderMatter(w, r, http.StatusOK, matterPage{done: q.Get("done")})
}

// matterPage is what an action or upload hands back to the case page: the form
// to keep open with its errors and values, or a banner.
type matterPage struct {
	open   casework.Action
	errors map[string]string
	form   url.Values
	banner string
	done   string
}

func (h *Handler) renderMatter(w http.ResponseWriter, r *http.Request, status int, mp matterPage) {
	ctx, u, lang := r.Context(), userOf(r), langOf(r)
	m, err := h.svc.ReadCase(ctx, u, r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.matterData(ctx, u, lang, m)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Open, d.Banner = mp.open, mp.banner
	if mp.done != "" {
		d.Done = trOr(lang, "action."+mp.done, "web.action.generic")
	}
	form := mp.form
	if form == nil && u.Role.SeesPersonalData() {
		form = updateDefaults(m)
	}
	h.render(w, r, status, "matter", page{Title: "web.matter.title", Active: "queue", Errors: mp.errors, Form: form, Data: d})
}

func (h *Handler) matterData(ctx context.Context, u *auth.User, lang string, m casework.Matter) (matterData, error) {
	s := h.svc.Store
	d := matterData{M: masked(u, m, true), Full: u.Role.SeesPersonalData(), Due: h.dueOf(lang, &m, h.svc.Now()), StateFields: stateFields,
		Missing: m.MissingForAcceptance(), Reasons: map[casework.Action][]reasonChoice{}, NeedsPlatform: m.NeedsPlatformRegistration()}
	d.AmberFrac, d.AmberMins = floatStr(h.opt.AmberFraction), intStr(int(h.opt.AmberWithin.Minutes()))
	if m.ArrivedAt != nil {
		d.Arrived = coord(m.ArrivedLat, m.ArrivedLng)
	}
	all, _, err := h.areaMap(ctx)
	if err != nil {
		return d, err
	}
	if m.AreaID != nil {
		d.AreaName = areaLabel(all[*m.AreaID], all)
	}
	stations, err := s.Stations(ctx)
	if err != nil {
		return d, err
	}
	users, err := s.Users(ctx)
	if err != nil {
		return d, err
	}
	n := names{stations: map[int64]string{}, users: map[int64]string{}}
	for _, st := range stations {
		n.stations[st.ID] = st.Name
		if st.Active {
			d.Stations = append(d.Stations, st)
		}
	}
	for _, x := range users {
		n.users[x.ID] = x.Name()
		if x.Active && x.StationID != nil && slices.Contains([]auth.Role{auth.Mediator, auth.Supervisor, auth.Judge}, x.Role) {
			d.Mediators = append(d.Mediators, userChoice{x.ID, x.Name(), n.stations[*x.StationID]})
		}
	}
	if m.StationID != nil {
		d.StationName = n.stations[*m.StationID]
	}
	if d.M.AssigneeID != nil {
		d.AssigneeName = n.users[*d.M.AssigneeID]
	}
	if d.M.TakenBy != nil {
		d.TakenByName = n.users[*d.M.TakenBy]
	}
	if m.LinkedID != nil && u.Role != auth.Merchant {
		if l, err := s.Matter(ctx, *m.LinkedID); err == nil {
			d.LinkedNumber = l.Number
		}
	}
	if m.MerchantID != nil {
		mer, err := s.Merchant(ctx, *m.MerchantID)
		if err != nil {
			return d, err
		}
		d.Merchant = &mer
		if d.MerchantCount, err = s.MerchantMatterCount(ctx, mer.ID); err != nil {
			return d, err
		}
	}
	evs, err := s.Timeline(ctx, m.ID)
	if err != nil {
		return d, err
	}
	d.Timeline = h.viewEvents(lang, &m, evs, n, u.Role == auth.Merchant)
	if d.Attachments, err = s.Attachments(ctx, m.ID); err != nil {
		return d, err
	}
	if u.Role.Staff() {
		if d.Deadlines, err = h.matterDeadlines(ctx, lang, m); err != nil {
			return d, err
		}
	}
	for _, a := range casework.Offered(&m, casework.Allowed(m.Kind, m.State, u.Role)) {
		if a == casework.Attach {
			d.CanAttach = true
			continue
		}
		kind, ok := formKinds[a]
		if !ok {
			kind = "plain"
		}
		to, _ := casework.Next(m.Kind, m.State, a, u.Role)
		d.Actions = append(d.Actions, withSpec(lang, actionForm{Action: a, Label: trOr(lang, "action."+string(a), "web.action.generic"), Form: kind, Moves: to != m.State}))
		if a == casework.Reject || a == casework.Terminate {
			list := casework.RejectReasons(m.RuleSet)
			if a == casework.Terminate {
				list = casework.TerminateReasons(m.RuleSet)
			}
			for _, rs := range list {
				d.Reasons[a] = append(d.Reasons[a], reasonChoice{rs.Code, rs.Code + " " + rs.Text(lang)})
			}
		}
	}
	return d, nil
}

// updateDefaults fills the details form with the matter as it stands.
func updateDefaults(m casework.Matter) url.Values {
	v := url.Values{}
	v.Set("consumer_name", m.Consumer.Name)
	v.Set("consumer_phone", m.Consumer.Phone)
	v.Set("consumer_address", m.Consumer.Address)
	v.Set("consumer_id_number", m.Consumer.IDNumber)
	v.Set("merchant_name", m.MerchantName)
	v.Set("merchant_address", m.MerchantAddress)
	v.Set("category", string(m.Category))
	v.Set("merchant_id", idStr(m.MerchantID))
	v.Set("amount_in_dispute", m.AmountInDispute.String())
	v.Set("facts", m.Facts)
	v.Set("request", m.Request)
	if m.NeedsVisit {
		v.Set("needs_visit", "1")
	}
	return v
}
