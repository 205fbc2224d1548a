package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/hotline"
	"weiquan/internal/merchant"
	"weiquan/internal/service"
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
	Attachments   []casework.Attachment
	Sight         service.Sight
	Revealed      map[string]string // fields shown by break-glass in this answer only
	ShowFiles     bool
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
	WorkOrder     *service.WorkOrderView
	WOSteps       []woStep
	Credit        matterCredit // collective cases and suspicious-claimant flags (issue 11)
	Med           *medView     // the mediation panel, staff on a complaint
}

// woStep is one of the office's steps on the matter's 12345 work order, offered on the case page.
type woStep struct {
	Step     hotline.Step
	Label    string
	NoteReq  bool   // the centre needs the text: the reply, the reason for a return
	Reason   string // the one reason a return may give
	Primary  bool
	NoteHint string
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
	casework.PublishSummary: "summary",
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
	reveal map[string]string
}

func (h *Handler) renderMatter(w http.ResponseWriter, r *http.Request, status int, mp matterPage) {
	ctx, u, lang := r.Context(), userOf(r), langOf(r)
	c, err := h.svc.Case(ctx, who(r), r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.matterData(ctx, u, lang, c)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Credit, err = h.matterCredit(ctx, r, c.Matter, c.Merchant); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Med, err = h.mediationPanel(r, c.Matter); err != nil {
		h.fail(w, r, err)
		return
	}
	d.Open, d.Banner, d.Revealed = mp.open, mp.banner, mp.reveal
	if mp.done != "" {
		d.Done = trOr(lang, "action."+mp.done, "web.action.generic")
	}
	form := mp.form
	if form == nil && c.Sight.Personal {
		form = updateDefaults(c.Matter)
	}
	h.render(w, r, status, "matter", page{Title: "web.matter.title", Active: "queue", Errors: mp.errors, Form: form, Data: d})
}

// matterData prepares the case page from what the service let this viewer see.
func (h *Handler) matterData(ctx context.Context, u *auth.User, lang string, c service.Case) (matterData, error) {
	m := c.Matter
	p := service.PrincipalFrom(ctx)
	d := matterData{M: m, Full: c.Sight.Personal, Sight: c.Sight, Due: h.dueOf(lang, &m, h.svc.Now()), StateFields: stateFields,
		Missing: m.MissingForAcceptance(), Reasons: map[casework.Action][]reasonChoice{}, NeedsPlatform: m.NeedsPlatformRegistration(),
		LinkedNumber: c.LinkedNumber, Merchant: c.Merchant, MerchantCount: c.MerchantCount, Attachments: c.Attachments,
		ShowFiles: u.Role.Staff()}
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
	n := names{stations: map[int64]string{}, users: map[int64]string{}}
	stations, err := h.svc.Stations(ctx, p)
	if err != nil {
		return d, err
	}
	for _, st := range stations {
		n.stations[st.ID] = st.Name
		if st.Active {
			d.Stations = append(d.Stations, st)
		}
	}
	if u.Role.Staff() {
		staff, err := h.svc.Staff(ctx, p)
		if err != nil {
			return d, err
		}
		for _, x := range staff {
			n.users[x.ID] = x.Name
			if x.Active && x.StationID != nil && slices.Contains([]auth.Role{auth.Mediator, auth.Supervisor}, x.Role) {
				d.Mediators = append(d.Mediators, userChoice{x.ID, x.Name, n.stations[*x.StationID]})
			}
		}
	}
	if m.StationID != nil {
		d.StationName = n.stations[*m.StationID]
	}
	if m.AssigneeID != nil {
		d.AssigneeName = n.users[*m.AssigneeID]
	}
	if m.TakenBy != nil {
		d.TakenByName = n.users[*m.TakenBy]
	}
	if wo := c.WorkOrder; wo != nil {
		d.WorkOrder = wo
		for i, st := range wo.Allowed {
			ws := woStep{Step: st, Label: tr(lang, "workorder.step."+string(st)), Primary: i == 0,
				NoteHint: tr(lang, "workorder.note."+string(st))}
			switch st {
			case hotline.StepReply:
				ws.NoteReq = true
			case hotline.StepRequestReturn:
				ws.NoteReq, ws.Reason = true, hotline.OutsideDuties
			}
			d.WOSteps = append(d.WOSteps, ws)
		}
	}
	d.Timeline = h.viewEvents(lang, &m, c.Timeline, n, u.Role == auth.Merchant)
	for _, dl := range sortDeadlines(c.Deadlines) {
		d.Deadlines = append(d.Deadlines, h.deadlineLine(lang, dl, h.svc.Now()))
	}
	for _, a := range c.Allowed {
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
