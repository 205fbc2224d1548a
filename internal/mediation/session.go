package mediation

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
)

// Mode is how a mediation session is held (Order 121 Art.20, R-L15).
type Mode string

// Modes: on site, or remote by internet, phone, audio or video.
const (
	OnSite   Mode = "on_site"  // 现场
	Internet Mode = "internet" // 互联网 (written exchange on a platform)
	Phone    Mode = "phone"    // 电话
	Audio    Mode = "audio"    // 音频
	Video    Mode = "video"    // 视频, with a meeting link
)

// Modes lists every mode, on site first.
var Modes = []Mode{OnSite, Internet, Phone, Audio, Video}

// Session is one mediation meeting: when, where or how, with which mediators; its minutes once held.
type Session struct {
	ID          int64      `json:"id"`
	MatterID    int64      `json:"matter_id"`
	At          time.Time  `json:"at"`
	Mode        Mode       `json:"mode"`
	Place       string     `json:"place,omitempty"`        // on site: the address
	MeetingLink string     `json:"meeting_link,omitempty"` // video: the link both parties open
	Mediators   []int64    `json:"mediators"`
	HeldAt      *time.Time `json:"held_at,omitempty"`
	Minutes     string     `json:"minutes,omitempty"`
	Present     []Side     `json:"present,omitempty"` // who attended
}

// sessionStates are where a session can be scheduled: once accepted, while mediation can still run.
var sessionStates = []casework.State{casework.Accepted, casework.Dispatched, casework.OnSite, casework.Mediating}

// ValidateSession checks a session being scheduled on a matter at time now: in the future, a
// place for on-site mediation, an https meeting link for video, at least one mediator, and
// each mediator cleared of conflicts by their declaration (R-L15, R-L16).
func ValidateSession(m casework.Matter, s *Session, decls []Declaration, now time.Time) error {
	var errs invalid.Errors
	s.Place, s.MeetingLink = strings.TrimSpace(s.Place), strings.TrimSpace(s.MeetingLink)
	if m.Kind != casework.Complaint || !slices.Contains(sessionStates, m.State) {
		errs.Add("state", WrongState, "state", string(m.State))
	}
	if !s.At.After(now) {
		errs.Add("at", Past)
	}
	switch s.Mode {
	case OnSite:
		errs.Need("place", s.Place)
	case Video:
		if u, err := url.Parse(s.MeetingLink); err != nil || u.Scheme != "https" || u.Host == "" {
			errs.Add("meeting_link", invalid.Format)
		}
	case Internet, Phone, Audio:
	default:
		errs.Add("mode", invalid.OneOf, "values", "on_site, internet, phone, audio, video")
	}
	errs.MaxLen("place", s.Place, 300)
	errs.MaxLen("meeting_link", s.MeetingLink, 1000)
	if len(s.Mediators) == 0 {
		errs.Add("mediators", invalid.Required)
	}
	for _, id := range s.Mediators {
		if err := CheckMediator(id, decls); err != nil {
			e, _ := invalid.As(err)
			errs = append(errs, e...)
		}
	}
	return errs.Err()
}

// Notice is one party told of a session (R-L15).
type Notice struct {
	SessionID int64     `json:"session_id"`
	Side      Side      `json:"side"`
	SentAt    time.Time `json:"sent_at"`
	Channel   string    `json:"channel"` // sms, phone, letter, in_person, online
	Text      string    `json:"text"`    // what the party was told: time, place or mode, mediators
}

// NoticeBy is the last instant both parties may be told of a session held at at: the end of
// the day set.NoticeLeadDays before the session's date in Asia/Shanghai (R-L15).
func NoticeBy(at time.Time, set Settings) time.Time {
	return calendar.DueAt(calendar.DateOf(at).AddDays(-set.NoticeLeadDays))
}

// CheckNotices refuses to hold a session until both parties were told in time (R-L15); the
// field errors name each party whose notice is missing or late.
func CheckNotices(s Session, notices []Notice, set Settings) error {
	var errs invalid.Errors
	by := NoticeBy(s.At, set)
	for _, side := range Sides {
		ok := false
		for _, n := range notices {
			ok = ok || n.SessionID == s.ID && n.Side == side && n.SentAt.Before(by)
		}
		if !ok {
			errs.Add("notice_"+string(side), NoNotice, "by", by.In(calendar.Shanghai).Format("2006-01-02 15:04"))
		}
	}
	return errs.Err()
}

// ValidateMinutes checks the minutes of a held session at time now: not before the session,
// the text, and who was present.
func ValidateMinutes(s *Session, heldAt time.Time, minutes string, present []Side, now time.Time) error {
	var errs invalid.Errors
	minutes = strings.TrimSpace(minutes)
	if s.HeldAt != nil {
		errs.Add("minutes", Already)
	}
	if heldAt.After(now) {
		errs.Add("held_at", invalid.Future)
	}
	if calendar.DateOf(heldAt).Before(calendar.DateOf(s.At)) {
		errs.Add("held_at", invalid.Conflict)
	}
	errs.Need("minutes", minutes)
	errs.MaxLen("minutes", minutes, 20000)
	for _, p := range present {
		if !p.Valid() {
			errs.Add("present", NotParty)
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	s.HeldAt, s.Minutes, s.Present = &heldAt, minutes, present
	return nil
}
