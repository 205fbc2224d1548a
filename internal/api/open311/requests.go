package open311

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
)

// publicKinds are the kinds anyone may read over Open311. Reports are left out
// entirely, not just stripped of details: Order 121 Art.37 (R-L25) forbids
// telling the reported party that a report exists or how it is being handled,
// and even a bare number, date and status in a public list would tell a
// merchant that someone reported it yesterday. A report's number is answered
// with 404 like a number that does not exist, so it cannot be probed either;
// the reporter follows it on the public portal with the number and phone.
var publicKinds = []casework.Kind{casework.Complaint, casework.Inquiry}

func public(k casework.Kind) bool { return k == casework.Complaint || k == casework.Inquiry }

const (
	maxResults  = 1000                // the spec's cap on one answer
	window      = 90 * 24 * time.Hour // the spec's default and largest date range
	maxDescChar = 4000                // the spec's limit on description
)

type requestItem struct {
	XMLName           xml.Name `xml:"request" json:"-"`
	ServiceRequestID  string   `xml:"service_request_id" json:"service_request_id"`
	Status            string   `xml:"status" json:"status"`
	StatusNotes       string   `xml:"status_notes,omitempty" json:"status_notes,omitempty"`
	ServiceName       string   `xml:"service_name" json:"service_name"`
	ServiceCode       string   `xml:"service_code" json:"service_code"`
	Description       string   `xml:"description,omitempty" json:"description,omitempty"`
	AgencyResponsible string   `xml:"agency_responsible,omitempty" json:"agency_responsible,omitempty"`
	ServiceNotice     string   `xml:"service_notice,omitempty" json:"service_notice,omitempty"`
	RequestedDatetime string   `xml:"requested_datetime" json:"requested_datetime"`
	UpdatedDatetime   string   `xml:"updated_datetime" json:"updated_datetime"`
	ExpectedDatetime  string   `xml:"expected_datetime,omitempty" json:"expected_datetime,omitempty"`
	Address           string   `xml:"address,omitempty" json:"address,omitempty"`
	AddressID         string   `xml:"address_id,omitempty" json:"address_id,omitempty"`
	Lat               *float64 `xml:"lat,omitempty" json:"lat,omitempty"`
	Long              *float64 `xml:"long,omitempty" json:"long,omitempty"`
}

type requestList struct {
	XMLName  xml.Name      `xml:"service_requests"`
	Requests []requestItem `xml:"request"`
}

// listRequests answers GET requests with the spec's filters, newest first, at
// most 1000 requests from at most 90 days.
func (h *Handler) listRequests(w http.ResponseWriter, r *http.Request, f format, _ string) {
	filter, empty, err := h.requestFilter(r)
	if err != nil {
		h.fail(w, r, f, err)
		return
	}
	var ms []service.PublicMatter
	if !empty {
		filter.Limit = maxResults
		if ms, err = h.svc.PublicMatters(r.Context(), who(r), filter); err != nil {
			h.fail(w, r, f, err)
			return
		}
	}
	h.writeRequests(w, r, f, ms)
}

// requestFilter reads the query; empty means nothing can match (only reports asked for).
func (h *Handler) requestFilter(r *http.Request) (service.PublicQuery, bool, error) {
	q := r.URL.Query()
	filter := service.PublicQuery{Kinds: publicKinds}
	var errs invalid.Errors
	if ids := list(q, "service_request_id"); len(ids) > 0 {
		// The spec: service_request_id overrides all other arguments.
		if len(ids) > maxResults {
			ids = ids[:maxResults]
		}
		filter.Numbers = ids
		return filter, false, nil
	}
	if codes := list(q, "service_code"); len(codes) > 0 {
		filter.Kinds = nil
		for _, c := range codes {
			s, ok := findService(c)
			switch {
			case !ok:
				errs.Add("service_code", invalid.OneOf, "values", "complaint, report, inquiry")
			case public(s.kind):
				filter.Kinds = append(filter.Kinds, s.kind)
			}
		}
	}
	var open, closed bool
	for _, s := range list(q, "status") {
		switch s {
		case "open":
			open = true
		case "closed":
			closed = true
		default:
			errs.Add("status", invalid.OneOf, "values", "open, closed")
		}
	}
	if open != closed {
		filter.OpenOnly, filter.Closed = open, closed
	}
	start := dateParam(q.Get("start_date"), "start_date", &errs)
	end := dateParam(q.Get("end_date"), "end_date", &errs)
	switch {
	case start == nil && end == nil:
		e := h.svc.Now()
		end, start = &e, ptr(e.Add(-window))
	case start == nil:
		start = ptr(end.Add(-window))
	case end == nil:
		end = ptr(start.Add(window))
	case end.Before(*start):
		errs.Add("end_date", invalid.Conflict)
	case end.Sub(*start) > window:
		errs.Add("end_date", "date_span", "max", "90")
	}
	if err := errs.Err(); err != nil {
		return filter, false, err
	}
	// end_date is the latest time to include; stored times have microseconds at most.
	filter.From, filter.To = start, ptr(end.Add(time.Microsecond))
	return filter, len(filter.Kinds) == 0, nil
}

// getRequest answers GET requests/{service_request_id}: a list of one.
func (h *Handler) getRequest(w http.ResponseWriter, r *http.Request, f format, id string) {
	m, err := h.svc.PublicMatter(r.Context(), who(r), id)
	if err != nil {
		h.fail(w, r, f, err)
		return
	}
	h.writeRequests(w, r, f, []service.PublicMatter{m})
}

type tokenItem struct {
	XMLName          xml.Name `xml:"request" json:"-"`
	ServiceRequestID string   `xml:"service_request_id" json:"service_request_id"`
	Token            string   `xml:"token" json:"token"`
}

type tokenList struct {
	XMLName  xml.Name    `xml:"service_requests"`
	Requests []tokenItem `xml:"request"`
}

// token answers GET tokens/{token}. Every service is realtime, so POST returns
// the service_request_id and never a token, as the spec asks; for clients that
// take the token step anyway, a case number is its own token.
func (h *Handler) token(w http.ResponseWriter, r *http.Request, f format, tok string) {
	m, err := h.svc.PublicMatter(r.Context(), who(r), tok)
	if err != nil {
		h.fail(w, r, f, err)
		return
	}
	list := []tokenItem{{ServiceRequestID: m.Number, Token: tok}}
	write(w, f, http.StatusOK, list, tokenList{Requests: list})
}

// writeRequests shows matters as the public may see them.
func (h *Handler) writeRequests(w http.ResponseWriter, r *http.Request, f format, ms []service.PublicMatter) {
	l := lang(r)
	list := make([]requestItem, 0, len(ms))
	for _, m := range ms {
		list = append(list, view(l, m))
	}
	write(w, f, http.StatusOK, list, requestList{Requests: list})
}

// view is a matter as the public sees it (R-P5): the summary staff approved for the
// public (or nothing), the area's name for the address, times in Asia/Shanghai.
// The consumer's own words, name, phone and the place they typed are never shown.
func view(l string, m service.PublicMatter) requestItem {
	k := "open311.service." + string(m.Kind)
	desc := m.Summary
	if r := []rune(desc); len(r) > maxDescChar {
		desc = string(r[:maxDescChar])
	}
	item := requestItem{
		ServiceRequestID: m.Number, Status: "open", StatusNotes: i18n.T(l, "state."+string(m.State)),
		ServiceName: i18n.T(l, k), ServiceCode: string(m.Kind), Description: desc,
		AgencyResponsible: i18n.T(l, "open311.agency"),
		RequestedDatetime: w3c(m.ReceivedAt), UpdatedDatetime: w3c(m.UpdatedAt), ExpectedDatetime: w3cPtr(m.DueAt),
		Address: m.AreaName, Lat: m.Lat, Long: m.Lng,
	}
	if m.State == casework.Received {
		item.ServiceNotice = i18n.T(l, k+".notice") // it tells what follows receipt, so only until then
	}
	if m.State == casework.Closed {
		item.Status, item.ExpectedDatetime = "closed", ""
		if m.ClosedAt != nil {
			item.UpdatedDatetime = w3c(*m.ClosedAt)
		}
		if m.Outcome != "" {
			item.StatusNotes = i18n.T(l, "outcome."+string(m.Outcome))
		}
	}
	if m.AreaID != nil {
		item.AddressID = strconv.FormatInt(*m.AreaID, 10)
	}
	return item
}

func ptr[T any](v T) *T { return &v }
