package open311

import (
	"encoding/xml"
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/fault"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
)

type createdItem struct {
	XMLName          xml.Name `xml:"request" json:"-"`
	ServiceRequestID string   `xml:"service_request_id,omitempty" json:"service_request_id,omitempty"`
	Token            string   `xml:"token,omitempty" json:"token,omitempty"` // the test endpoint's: nothing was filed
	ServiceNotice    string   `xml:"service_notice" json:"service_notice"`
}

type createdList struct {
	XMLName  xml.Name      `xml:"service_requests"`
	Requests []createdItem `xml:"request"`
}

// createRequest files a public matter through the web channel. It answers 200
// (the spec names no other success status, and older clients test for 200)
// with the case number as service_request_id. account_id is left out: the
// public have no accounts here. No token either: every service is realtime.
func (h *Handler) createRequest(w http.ResponseWriter, r *http.Request, f format, _ string) {
	vals, err := readForm(w, r)
	if err != nil {
		h.fail(w, r, f, err)
		return
	}
	client, err := h.svc.APIClient(r.Context(), vals.Get("api_key"), r.RemoteAddr)
	if errors.Is(err, fault.ErrUnauthorized) {
		h.fail(w, r, f, errAPIKey)
		return
	}
	if err != nil {
		h.fail(w, r, f, err)
		return
	}
	code := strings.TrimSpace(vals.Get("service_code"))
	if code == "" {
		h.fail(w, r, f, invalid.New("service_code", invalid.Required))
		return
	}
	s, ok := findService(code)
	if !ok {
		h.fail(w, r, f, &statusError{http.StatusNotFound, "err.open311_service", []string{"code", code}})
		return
	}
	l := lang(r)
	in, err := intakeFrom(s, vals, l, h.svc.Now())
	if err != nil {
		h.fail(w, r, f, err)
		return
	}
	if testing(r) {
		h.tried(w, r, f, in)
		return
	}
	ms, err := h.svc.Intake(r.Context(), client, in)
	if err != nil {
		h.fail(w, r, f, renamed(err))
		return
	}
	n, sep := ms[0].Number, ""
	if l == "en" {
		sep = " "
	}
	notice := i18n.T(l, "open311.notice", "number", n) + sep + i18n.T(l, "open311.service."+code+".notice")
	list := []createdItem{{ServiceRequestID: n, ServiceNotice: notice}}
	write(w, f, http.StatusOK, list, createdList{Requests: list})
}

// intakeFrom maps a GeoReport request onto an intake. Fields with no place on a
// matter — email, device_id, account_id — are not kept: the office calls back
// by phone (R-L3), and personal data it has no use for is better not held.
func intakeFrom(s serviceDef, v url.Values, l string, now time.Time) (casework.IntakeInput, error) {
	attrs := attributes(v)
	attr := func(code string) string {
		if _, ok := s.uses(code); !ok || len(attrs[code]) == 0 {
			return ""
		}
		return strings.TrimSpace(attrs[code][0])
	}
	get := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	var errs invalid.Errors
	in := casework.IntakeInput{Kind: s.kind, Channel: casework.Web,
		Consumer:     casework.Party{Phone: or(attr("phone"), get("phone")), Name: or(attr("name"), fullName(get("first_name"), get("last_name")))},
		MerchantName: attr("merchant"), MerchantAddress: attr("merchant_address"), AreaText: get("address_string"),
		Request: attr("request"), Category: casework.Category(attr("category")),
	}
	if _, ok := s.uses("merchant_address"); ok && in.MerchantAddress == "" {
		in.MerchantAddress = in.AreaText
	}
	if a := attr("amount"); a != "" {
		fen, err := money.Parse(a)
		if err != nil {
			errs.Add("amount_in_dispute", invalid.Format)
		}
		in.AmountInDispute = fen
	}
	in.Facts = attr("facts")
	if d := get("description"); in.Facts == "" {
		in.Facts = d
	} else if d != "" && d != in.Facts {
		in.Facts += "\n\n" + d
	}
	if m := get("media_url"); m != "" {
		errs.MaxLen("media_url", m, 2000)
		if u, err := url.Parse(m); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs.Add("media_url", invalid.Format)
		} else if in.Facts != "" {
			in.Facts += "\n\n" + i18n.T(l, "open311.media", "url", m)
		}
	}
	location(&in, v, &errs)
	given := map[string]string{"phone": in.Consumer.Phone, "name": in.Consumer.Name, "merchant": in.MerchantName,
		"merchant_address": in.MerchantAddress, "amount": attr("amount"), "facts": in.Facts, "request": in.Request, "category": string(in.Category)}
	for _, a := range s.attrs {
		if a.required && given[a.code] == "" && !errs.Has(intakeField[a.code]) {
			errs.Add(intakeField[a.code], invalid.Required)
		}
	}
	in.Normalize()
	if verr, ok := invalid.As(in.Validate(now.UTC())); ok {
		for _, fe := range verr {
			if !errs.Has(fe.Field) {
				errs = append(errs, fe)
			}
		}
	}
	return in, renamed(errs.Err())
}

// intakeField names each attribute as the intake's field errors do.
var intakeField = map[string]string{"phone": "consumer.phone", "name": "consumer.name", "merchant": "merchant_name",
	"merchant_address": "merchant_address", "amount": "amount_in_dispute", "facts": "facts", "request": "request", "category": "category"}

// location reads where it happened. The spec needs lat and long, address_string
// or address_id. Our address system is the area tree, so address_id is an area id.
func location(in *casework.IntakeInput, v url.Values, errs *invalid.Errors) {
	latS, lngS, idS := strings.TrimSpace(v.Get("lat")), strings.TrimSpace(v.Get("long")), strings.TrimSpace(v.Get("address_id"))
	if latS != "" || lngS != "" {
		lat, okLat := coord(latS, 90)
		lng, okLng := coord(lngS, 180)
		if !okLat {
			errs.Add("lat", required(latS))
		}
		if !okLng {
			errs.Add("long", required(lngS))
		}
		if okLat && okLng {
			in.Lat, in.Lng = &lat, &lng
		}
	}
	if idS != "" {
		id, err := strconv.ParseInt(idS, 10, 64)
		if err != nil || id <= 0 {
			errs.Add("address_id", invalid.Format)
		} else {
			in.AreaID = &id
		}
	}
	if latS == "" && lngS == "" && idS == "" && in.AreaText == "" {
		errs.Add("location", "location_required")
	}
}

func required(v string) string {
	if v == "" {
		return invalid.Required
	}
	return invalid.Format
}

// coord reads a WGS84 latitude or longitude within ±limit.
func coord(s string, limit float64) (float64, bool) {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x < -limit || x > limit {
		return 0, false
	}
	return x, true
}

// renamed names intake fields by the Open311 parameters the client sent.
func renamed(err error) error {
	errs, ok := invalid.As(err)
	if !ok {
		return err
	}
	out := slices.Clone(errs)
	for i := range out {
		switch out[i].Field {
		case "area_id":
			out[i].Field = "address_id"
		case "area_text":
			out[i].Field = "address_string"
		}
	}
	return out
}

// attributes collects attribute[code]=v and attribute[code][]=v pairs, in key order.
func attributes(v url.Values) map[string][]string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := map[string][]string{}
	for _, k := range keys {
		rest, ok := strings.CutPrefix(k, "attribute[")
		i := strings.IndexByte(rest, ']')
		if !ok || i <= 0 || (rest[i+1:] != "" && rest[i+1:] != "[]") {
			continue
		}
		out[rest[:i]] = append(out[rest[:i]], v[k]...)
	}
	return out
}

// fullName joins first_name and last_name: family name first and no space for
// Chinese names, given name first otherwise.
func fullName(first, last string) string {
	if strings.IndexFunc(first+last, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
		return last + first
	}
	return strings.TrimSpace(first + " " + last)
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// tried answers a POST to the test endpoint: checked as production checks it, never filed.
// The answer has no service_request_id, as none was made, but a token (never resolvable)
// and a notice that says so.
func (h *Handler) tried(w http.ResponseWriter, r *http.Request, f format, in casework.IntakeInput) {
	in.Normalize()
	if err := in.Validate(h.svc.Now()); err != nil {
		h.fail(w, r, f, renamed(err))
		return
	}
	list := []createdItem{{Token: "test-" + auth.NewToken()[:16], ServiceNotice: i18n.T(lang(r), "open311.test_notice")}}
	write(w, f, http.StatusOK, list, createdList{Requests: list})
}
