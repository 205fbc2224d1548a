package demo

import (
	"fmt"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/money"
)

// job is one intake and the plan of what happens to each matter it creates.
type job struct {
	in     casework.IntakeInput
	taker  *auth.User
	plans  [][]step
	cut    int     // run only the first cut steps of the first matter; -1: all up to now
	record *string // when set, receives the number of the first matter created
}

// step is one action on a matter at a moment.
type step struct {
	at     time.Time
	who    *auth.User
	action casework.Action
	in     casework.ActionInput
	term   *terminateCase // reason looked up in the matter's rule set
	ground int            // rejection ground, looked up likewise
	to     casework.State // the state after it, "" when it does not move
	into   *string        // merge: the number of the earlier report, known once it is created
}

// Shares of the kinds and, per kind, of the channels, after the article's year:
// phone complaints dominate, reports about a fifth, letters and visits about 6 %,
// 12345 transfers about 8 %, plus the national platform and the web form.
var (
	kindWeights    = []int{70, 17, 13}
	kindsInOrder   = []casework.Kind{casework.Complaint, casework.Report, casework.Inquiry}
	channelOrder   = casework.Channels // hotline, platform, web, letter, visit, 12345, department
	channelWeights = map[casework.Kind][]int{
		casework.Complaint: {60, 11, 6, 3, 5, 8, 4},
		casework.Report:    {46, 14, 12, 7, 3, 12, 6},
		casework.Inquiry:   {76, 3, 8, 0, 7, 6, 0},
	}
)

// jobs plans the intakes that create exactly n matters: the showcase of every
// state in the last days, the collective complaints, and the year's ordinary work.
func (f *filler) jobs(n int) []job {
	js := f.showcase()
	js = append(js, f.collectives()...)
	count := 0
	for _, j := range js {
		count += len(j.plans)
	}
	for count < n {
		received := f.receivedTime()
		kind := kindsInOrder[f.pick(kindWeights)]
		ch := channelOrder[f.pick(channelWeights[kind])]
		var j job
		switch {
		case kind == casework.Report:
			j = f.reportJob(received, ch, -1)
		case kind == casework.Inquiry:
			j = f.inquiryJob(received, ch)
		case f.chance(0.06):
			j = f.rejectJob(received, ch)
		default:
			j = f.complaintJob(received, ch, opts{noSplit: count == n-1})
		}
		count += len(j.plans)
		js = append(js, j)
	}
	return js
}

// receivedTime draws a moment in the past year, at least two days ago, mostly
// in office hours; the hotline also rings in the evening and at weekends.
func (f *filler) receivedTime() time.Time {
	for {
		d := calendar.DateOf(f.now).AddDays(-2 - f.rnd.IntN(363))
		if !f.workday(d) && f.chance(0.55) {
			continue
		}
		hours := []int{0, 0, 0, 0, 0, 0, 0, 1, 5, 9, 10, 8, 4, 5, 8, 9, 8, 6, 3, 2, 2, 1, 0, 0}
		h := f.pick(hours)
		return d.Start().Add(time.Duration(h)*time.Hour + f.between(0, time.Hour)).Truncate(time.Second)
	}
}

// instant says whether the matter reaches a person at once (phone, counter, 12345
// work order), so it is accepted within minutes and staff can go on site.
func instant(ch casework.Channel) bool {
	return ch == casework.Hotline12315 || ch == casework.Visit || ch == casework.Transfer12345
}

// taker is the operator who writes a matter down; web forms come from the public.
func (f *filler) taker(ch casework.Channel) *auth.User {
	if ch == casework.Web {
		return nil
	}
	return &f.operators[f.rnd.IntN(len(f.operators))]
}

// chooseShop draws a merchant of the given sectors by weight.
func (f *filler) chooseShop(sectors []string, localOnly bool) *shop {
	var cands []*shop
	var ws []int
	for _, s := range f.shops {
		ok := false
		for _, sec := range sectors {
			ok = ok || s.sector == sec
		}
		if ok && (!localOnly || s.local) {
			cands = append(cands, s)
			ws = append(ws, s.weight)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	return cands[f.pick(ws)]
}

// place is where a matter happened: the shop's village, or for online and
// outside merchants the consumer's own.
func (f *filler) place(s *shop, homeTown *town, homeVillage *dispatch.Area) (*town, int64) {
	if s != nil && s.local && s.m.AreaID != nil {
		return f.townOf[*s.m.AreaID], *s.m.AreaID
	}
	return homeTown, homeVillage.ID
}

// fill replaces the placeholders of a scenario text.
func fill(text string, vars map[string]string) string {
	for k, v := range vars {
		text = strings.ReplaceAll(text, "{"+k+"}", v)
	}
	return text
}

// yuan writes an amount the way people say it: "1280" or "12.50".
func yuan(f money.Fen) string {
	return strings.TrimSuffix(f.String(), ".00")
}

// amount draws an amount in yuan in [lo, hi], rounded as prices are.
func (f *filler) amount(lo, hi int) money.Fen {
	y := lo + f.rnd.IntN(hi-lo+1)
	switch {
	case y >= 10000:
		y = y / 100 * 100
	case y >= 1000:
		y = y / 10 * 10
	}
	if y < 100 && f.chance(0.3) {
		return money.Fen(y*100 + 50)
	}
	return money.Fen(y * 100)
}

// dateBefore is a purchase date some days before t, as "3月5日".
func dateBefore(t time.Time, n int) string {
	d := calendar.DateOf(t).AddDays(-n)
	return fmt.Sprintf("%d月%d日", d.Month, d.Day)
}

// shortName is a merchant as a caller names it, before it is matched to the registry.
func shortName(name string) string {
	name = strings.TrimPrefix(name, "瑞昌市")
	for _, s := range []string{"有限公司", "服务部", "经营部"} {
		name = strings.TrimSuffix(name, s)
	}
	return name
}

// prefix marks where a matter came from, as the office writes it down.
func (f *filler) prefix(ch casework.Channel) string {
	switch ch {
	case casework.Transfer12345:
		return "【12345热线转办】"
	case casework.TransferDepartment:
		return []string{"【市公安局转来】", "【市商务局转来】", "【市交通运输局转来】"}[f.rnd.IntN(3)]
	case casework.Letter:
		return "【来信】"
	case casework.Visit:
		return "【来访】"
	}
	return ""
}
