package demo

import (
	"strconv"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/money"
)

// opts steers a complaint for the showcase of states.
type opts struct {
	visit     bool // on-site handling, hotline
	agree     bool // ends in an agreement
	terminate bool // ends in termination
	noSplit   bool // never also a report
}

var scenarioWeights = func() []int {
	ws := make([]int, len(scenarios))
	for i, s := range scenarios {
		ws[i] = s.weight
	}
	return ws
}()

// complaintJob plans a complaint from intake to closing: acceptance, then either
// the on-site route (dispatch, check-in within the 15/30-minute promise, R-S1),
// the joint mediation centre for cars and housing (R-S2), mediation by phone
// for online shops, or a station's mediation; then agreement or termination,
// the notice to the consumer (R-S5) and closing.
func (f *filler) complaintJob(received time.Time, ch casework.Channel, o opts) job {
	var sc scenario
	var s *shop
	for s == nil {
		sc = scenarios[f.pick(scenarioWeights)]
		if o.visit && !sc.visit {
			continue
		}
		s = f.chooseShop(sc.sectors, o.visit)
	}
	homeTown, homeVillage := f.home()
	if s.local && (s.sector == "agri" || f.chance(0.6)) {
		homeTown = s.town // people mostly buy near home; farmers always do
		homeVillage = &s.town.villages[f.rnd.IntN(len(s.town.villages))]
	}
	tw, areaID := f.place(s, homeTown, homeVillage)
	amount := f.amount(sc.lo, sc.hi)
	platform := s.m.Platform
	if platform == "" {
		platform = "网购平台"
	}
	vars := map[string]string{"商家": s.m.Name, "日期": dateBefore(received, 2+f.rnd.IntN(60)),
		"物品": sc.items[f.rnd.IntN(len(sc.items))], "金额": yuan(amount), "天数": strconv.Itoa(3 + f.rnd.IntN(40)),
		"月数": strconv.Itoa(2 + f.rnd.IntN(7)), "平台": platform}
	in := casework.IntakeInput{Kind: casework.Complaint, Channel: ch, ReceivedAt: &received, Consumer: f.person(homeTown, homeVillage),
		MerchantID: &s.m.ID, AreaID: &areaID, Category: sc.cat, Subcategory: sc.sub, AmountInDispute: amount,
		Facts: f.prefix(ch) + fill(sc.facts[f.rnd.IntN(len(sc.facts))], vars), Request: fill(sc.request, vars)}
	in.NeedsVisit = o.visit || (instant(ch) && sc.visit && s.local && f.chance(0.75))
	unlinked := !o.visit && f.chance(0.05)
	if unlinked {
		in.MerchantID, in.MerchantName = nil, shortName(s.m.Name)
	}
	if sc.report != "" && !o.noSplit && f.chance(0.3) {
		in.AlsoReport, in.ReportFacts = true, fill(sc.report, vars)
	}
	j := job{in: in, taker: f.taker(ch), cut: -1}
	op := f.operator(j.taker)

	var steps []step
	add := func(s step) { steps = append(steps, s) }
	t := received
	if unlinked {
		t = t.Add(f.between(3*time.Minute, 40*time.Minute))
		id := s.m.ID
		add(step{at: t, who: op, action: casework.Update,
			in: casework.ActionInput{Changes: &casework.Changes{MerchantID: &id}, Note: "核对登记信息，关联到登记的经营者。"}})
	}
	if instant(ch) {
		t = t.Add(f.between(time.Minute, 6*time.Minute))
	} else {
		t = f.office(t.Add(f.between(0, days(2))))
	}
	add(step{at: t, who: op, action: casework.Accept, to: casework.Accepted})

	var med *auth.User
	onSite := false
	switch {
	case in.NeedsVisit:
		st, mi := f.post(tw, areaID)
		med = &f.mediators[mi]
		t = t.Add(f.between(time.Minute, 3*time.Minute))
		add(f.dispatchStep(t, op, st, med))
		promise := time.Duration(dispatch.Area{Kind: tw.data.kind}.PromiseMinutes()) * time.Minute
		arrive := received.Add(time.Duration(float64(promise) * (0.35 + 0.6*f.rnd.Float64())))
		if f.chance(0.06) {
			arrive = received.Add(promise + f.between(2*time.Minute, 25*time.Minute)) // a promise missed now and then
		}
		if arrive.Before(t.Add(2 * time.Minute)) {
			arrive = t.Add(f.between(2*time.Minute, 5*time.Minute))
		}
		t = arrive
		lat, lng := f.position(tw)
		add(step{at: t, who: med, action: casework.CheckIn, to: casework.OnSite,
			in: casework.ActionInput{Lat: &lat, Lng: &lng, Note: "已到达现场。"}})
		note := "在现场组织双方调解。"
		if f.chance(0.75) {
			onSite = true
			t = t.Add(f.between(3*time.Minute, 15*time.Minute))
		} else {
			note = "经营者负责人不在店内，约定到服务站调解。"
			t = f.office(t.Add(f.between(days(0.6), days(1.5))))
		}
		add(step{at: t, who: med, action: casework.StartMediation, to: casework.Mediating, in: casework.ActionInput{Note: note}})
	case sc.major:
		// The joint mediation centre's mediator; a judge sees only the court's own matters (issue
		// 10 item 8). The draw that once chose between them stays, so the county stays the same.
		f.chance(0.5)
		med = &f.mediators[f.centreMediators[2]]
		t = f.office(t.Add(f.between(0, days(1))))
		add(f.dispatchStep(t, op, f.court, med))
		t = f.office(t.Add(f.between(days(1), days(6))))
		note := "在联合调解中心组织诉前调解。"
		if f.chance(0.4) {
			note = "通过在线调解平台组织视频调解。"
		}
		add(step{at: t, who: med, action: casework.StartMediation, to: casework.Mediating, in: casework.ActionInput{Note: note}})
	case !s.local:
		med = &f.mediators[f.centreMediators[f.rnd.IntN(2)]]
		t = f.office(t.Add(f.between(0, days(2))))
		note := "电话联系经营者进行调解。"
		if s.m.ClusterRegistered {
			note = "电话联系集群注册托管企业，请其通知经营者参加调解。"
		}
		add(step{at: t, who: med, action: casework.StartMediation, to: casework.Mediating, in: casework.ActionInput{Note: note}})
	default:
		st, mi := f.post(tw, areaID)
		med = &f.mediators[mi]
		t = f.office(t.Add(f.between(0, days(1))))
		add(f.dispatchStep(t, op, st, med))
		note := "电话联系双方进行调解。"
		if f.chance(0.5) {
			t = f.office(t.Add(f.between(time.Hour, days(2))))
			lat, lng := f.position(tw)
			add(step{at: t, who: med, action: casework.CheckIn, to: casework.OnSite,
				in: casework.ActionInput{Lat: &lat, Lng: &lng, Note: "到经营场所了解情况。"}})
			note = "约双方到服务站调解。"
		}
		t = f.office(t.Add(f.between(time.Hour, days(3))))
		add(step{at: t, who: med, action: casework.StartMediation, to: casework.Mediating, in: casework.ActionInput{Note: note}})
	}

	switch {
	case onSite && f.chance(0.7):
		t = t.Add(f.between(15*time.Minute, 2*time.Hour))
	case sc.major:
		t = f.office(t.Add(f.between(days(7), days(40))))
	case !s.local:
		t = f.office(t.Add(f.between(days(3), days(25))))
	default:
		t = f.office(t.Add(f.between(days(1), days(12))))
	}
	notice := "已电话告知消费者调解结果，消费者表示满意。"
	if term := f.termination(s, sc, o); term != nil {
		add(step{at: t, who: med, action: casework.Terminate, to: casework.Terminated, term: term, in: casework.ActionInput{Note: term.note}})
		notice = "已书面告知双方终止调解，并告知消费者可依法向人民法院起诉。"
	} else {
		rec := f.recovered(sc, amount)
		add(step{at: t, who: med, action: casework.Agree, to: casework.Agreement,
			in: casework.ActionInput{Recovered: &rec, Note: fill(sc.agree, map[string]string{"退赔": yuan(rec)})}})
		if f.chance(0.3) {
			notice = "已短信告知消费者调解结果。"
		}
	}
	t = f.awake(t.Add(f.between(10*time.Minute, 3*time.Hour)))
	add(step{at: t, who: med, action: casework.Note, in: casework.ActionInput{Note: notice}})
	t = f.office(t.Add(f.between(0, days(2))))
	add(step{at: t, who: op, action: casework.Close, to: casework.Closed})

	j.plans = [][]step{steps}
	if in.AlsoReport {
		j.plans = append(j.plans, f.reportSteps(received, op, -1, false))
	}
	return j
}

// operator is who handles a matter in the office: its taker, or anyone for web forms.
func (f *filler) operator(taker *auth.User) *auth.User {
	if taker != nil {
		return taker
	}
	return &f.operators[f.rnd.IntN(len(f.operators))]
}

// post picks the station for a matter in an area: a station in the very village
// that has a mediator, often, else the township's station.
func (f *filler) post(tw *town, areaID int64) (st dispatch.Station, mediator int) {
	var here []post
	for _, p := range f.posts[areaID] {
		if p.mediator >= 0 {
			here = append(here, p)
		}
	}
	if len(here) > 0 && f.chance(0.7) {
		p := here[f.rnd.IntN(len(here))]
		return p.station, p.mediator
	}
	return tw.station, tw.mediator
}

// dispatchStep sends a matter to a station and a mediator.
func (f *filler) dispatchStep(t time.Time, op *auth.User, st dispatch.Station, med *auth.User) step {
	sid, mid := st.ID, med.ID
	return step{at: t, who: op, action: casework.Dispatch, to: casework.Dispatched,
		in: casework.ActionInput{StationID: &sid, AssigneeID: &mid, Note: "派单至" + st.Name + "，由" + med.DisplayName + "处理。"}}
}

// termination decides whether mediation fails, and on what ground.
func (f *filler) termination(s *shop, sc scenario, o opts) *terminateCase {
	switch {
	case o.agree:
		return nil
	case s.m.Unreachable && (o.terminate || f.chance(0.7)):
		return &termUnreached
	case !o.terminate && !f.chance(0.07):
		return nil
	}
	ws := []int{40, 20, 30, 0}
	if sc.cat == casework.Goods {
		ws[3] = 10
	}
	return []*terminateCase{&termWithdrawn, &termAbsent, &termNoDeal, &termTesting}[f.pick(ws)]
}

// recovered is what the consumer gets back in an agreement (R-S6). Food safety
// cases ask for the price and ten times it, at least ¥1,000; many settle lower.
func (f *filler) recovered(sc scenario, amount money.Fen) money.Fen {
	if sc.food {
		comp := max(amount*10, 100000)
		if f.chance(0.4) {
			comp = money.Fen(2+f.rnd.IntN(7)) * 10000
		}
		return amount + comp
	}
	v := money.Fen(float64(amount) * (sc.rlo + (sc.rhi-sc.rlo)*f.rnd.Float64()))
	v = v / 100 * 100
	if v >= 100000 {
		v = v / 1000 * 1000
	}
	if v <= 0 {
		return amount
	}
	return v
}
