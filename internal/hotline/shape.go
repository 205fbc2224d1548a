package hotline

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// The fields of the exchange's JSON shape (docs/HOTLINE.md). Every message either way
// is one flat object of these; a Mapping renames, nests and recodes them for a city.
const (
	FieldMessageID    = "message_id"    // out: the outbox message's id; the same on a retry, so the centre can drop repeats
	FieldOrderNo      = "order_no"      // the centre's own number of the work order
	FieldState        = "state"         // the step: a state, or return_refused / designated / redo
	FieldStateName    = "state_name"    // out: the centre's word for it (签收, 回复, …)
	FieldAt           = "at"            // when it happened
	FieldCaseNumber   = "case_number"   // out: the matter's number here
	FieldHandler      = "handler"       // out: who in the office did it
	FieldNote         = "note"          // the reply's text, the return's grounds, the callback's notes
	FieldReason       = "reason"        // a return's reason: outside_duties
	FieldRating       = "rating"        // satisfied, basically_satisfied, dissatisfied
	FieldScore        = "score"         // an optional 1–5 score with the rating
	FieldTitle        = "title"         // in (dispatch): the order's title
	FieldContent      = "content"       // in (dispatch): what the caller said
	FieldCallerName   = "caller_name"   // in (dispatch)
	FieldCallerPhone  = "caller_phone"  // in (dispatch)
	FieldAddress      = "address"       // in (dispatch): the caller's address
	FieldMerchantName = "merchant_name" // in (dispatch): the business complained about, when the centre names one
	FieldMerchantAddr = "merchant_address"
	FieldKind         = "kind"   // in (dispatch): complaint, report or inquiry; complaint when left out
	FieldDueAt        = "due_at" // in (dispatch): the reply limit the centre set
)

// Fields lists every field of the shape.
var Fields = []string{FieldMessageID, FieldOrderNo, FieldState, FieldStateName, FieldAt, FieldCaseNumber, FieldHandler,
	FieldNote, FieldReason, FieldRating, FieldScore, FieldTitle, FieldContent, FieldCallerName, FieldCallerPhone,
	FieldAddress, FieldMerchantName, FieldMerchantAddr, FieldKind, FieldDueAt}

var timeFields = []string{FieldAt, FieldDueAt}

// Mapping fits the shape to a city's format without code: field names (a dotted name
// nests, "data.gdbh"), codes of states and ratings, the time format, constant fields,
// and how the centre's answer says a message was taken. The zero Mapping is the shape itself.
type Mapping struct {
	Fields    map[string]string `json:"fields,omitempty"`    // field of the shape → the city's name
	States    map[string]string `json:"states,omitempty"`    // state or step → the city's code
	Ratings   map[string]string `json:"ratings,omitempty"`   // rating → the city's code
	Time      string            `json:"time,omitempty"`      // rfc3339 (default), unix, unix_ms, or a layout such as "2006-01-02 15:04:05" in Beijing time
	Constants map[string]any    `json:"constants,omitempty"` // the city's name → a value sent in every message (a unit code)
	Success   *Success          `json:"success,omitempty"`   // when the centre answers 2xx with its own verdict
}

// Success says which field of the centre's JSON answer holds its verdict and which values mean taken.
type Success struct {
	Field  string   `json:"field"`
	Values []string `json:"values"`
}

// Codes of the mapping's errors.
const (
	CodeUnknownField = "map_unknown_field" // the mapping names a field the shape does not have
	CodeClash        = "map_clash"         // two fields mapped to one name
	CodeMapping      = "map_invalid"       // the mapping as a whole, with its problems in "detail" (the settings page)
)

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return l
}()

// Validate checks a mapping before it is stored: every name it maps must exist.
func (m Mapping) Validate() error {
	var errs invalid.Errors
	targets := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(m.Fields)) {
		v := strings.TrimSpace(m.Fields[k])
		if !slices.Contains(Fields, k) {
			errs.Add("fields."+k, CodeUnknownField, "values", strings.Join(Fields, ", "))
			continue
		}
		if v == "" || strings.HasPrefix(v, ".") || strings.HasSuffix(v, ".") || strings.Contains(v, "..") {
			errs.Add("fields."+k, invalid.Format)
			continue
		}
		if other, ok := targets[v]; ok {
			errs.Add("fields."+k, CodeClash, "other", other)
		}
		targets[v] = k
	}
	known := make([]string, 0, len(Machine)+1)
	for _, s := range append(Steps(Centre), Steps(Office)...) {
		known = append(known, string(s))
	}
	codes := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(m.States)) {
		if !slices.Contains(known, k) {
			errs.Add("states."+k, CodeUnknownField, "values", strings.Join(known, ", "))
		} else if other, ok := codes[m.States[k]]; ok || strings.TrimSpace(m.States[k]) == "" {
			errs.Add("states."+k, CodeClash, "other", other)
		}
		codes[m.States[k]] = k
	}
	for _, k := range slices.Sorted(maps.Keys(m.Ratings)) {
		if !slices.Contains(Ratings, k) {
			errs.Add("ratings."+k, CodeUnknownField, "values", strings.Join(Ratings, ", "))
		}
	}
	switch m.Time {
	case "", "rfc3339", "unix", "unix_ms":
	default:
		ref := time.Date(2026, 11, 30, 9, 8, 7, 0, shanghai)
		if back, err := time.ParseInLocation(m.Time, ref.Format(m.Time), shanghai); err != nil || !back.Equal(ref.Truncate(time.Minute)) && !back.Equal(ref) {
			errs.Add("time", invalid.Format)
		}
	}
	for k := range m.Constants {
		if strings.TrimSpace(k) == "" {
			errs.Add("constants", invalid.Format)
		}
	}
	if m.Success != nil && (strings.TrimSpace(m.Success.Field) == "" || len(m.Success.Values) == 0) {
		errs.Add("success", invalid.Required)
	}
	return errs.Err()
}

// Name is a field's name in the city's format.
func (m Mapping) Name(field string) string { return m.name(field) }

func (m Mapping) name(field string) string {
	if n, ok := m.Fields[field]; ok && n != "" {
		return n
	}
	return field
}

// Out turns a message in the shape into the city's format.
func (m Mapping) Out(msg map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m.Constants {
		put(out, k, v)
	}
	for _, k := range slices.Sorted(maps.Keys(msg)) {
		v := msg[k]
		switch {
		case k == FieldState:
			s := fmt.Sprint(v)
			if c, ok := m.States[s]; ok {
				v = c
			}
		case k == FieldRating:
			s := fmt.Sprint(v)
			if c, ok := m.Ratings[s]; ok {
				v = c
			}
		case slices.Contains(timeFields, k):
			if t, ok := v.(time.Time); ok {
				v = m.formatTime(t)
			} else if s, ok := v.(string); ok {
				if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
					v = m.formatTime(t)
				}
			}
		}
		put(out, m.name(k), v)
	}
	return out
}

// In turns a message in the city's format into the shape; fields it does not know are
// left out. States and ratings are taken as the city's codes, the shape's codes or the
// centre's Chinese words.
func (m Mapping) In(doc map[string]any) (map[string]any, error) {
	var errs invalid.Errors
	out := map[string]any{}
	for _, f := range Fields {
		v, ok := get(doc, m.name(f))
		if !ok || v == nil {
			continue
		}
		switch {
		case f == FieldState:
			v = m.stateIn(fmt.Sprint(v))
		case f == FieldRating:
			v = m.ratingIn(fmt.Sprint(v))
		case slices.Contains(timeFields, f):
			t, err := m.parseTime(v)
			if err != nil {
				errs.Add(m.name(f), invalid.Format)
				continue
			}
			v = t
		case f == FieldScore:
			n, err := strconv.Atoi(strings.TrimSpace(fmt.Sprint(v)))
			if err != nil {
				errs.Add(m.name(f), invalid.Format)
				continue
			}
			v = n
		default:
			if f2, ok := v.(float64); ok {
				v = strconv.FormatFloat(f2, 'f', -1, 64)
			} else {
				v = strings.TrimSpace(fmt.Sprint(v))
			}
		}
		out[f] = v
	}
	return out, errs.Err()
}

func (m Mapping) stateIn(code string) string {
	code = strings.TrimSpace(code)
	for k, v := range m.States {
		if v == code {
			return k
		}
	}
	for st, n := range Names {
		if n == code {
			return string(st)
		}
	}
	for st, n := range StepNames {
		if n == code {
			return string(st)
		}
	}
	return code
}

func (m Mapping) ratingIn(code string) string {
	code = strings.TrimSpace(code)
	for k, v := range m.Ratings {
		if v == code {
			return k
		}
	}
	for k, n := range RatingNames {
		if n == code {
			return k
		}
	}
	return code
}

func (m Mapping) formatTime(t time.Time) any {
	switch m.Time {
	case "", "rfc3339":
		return t.In(shanghai).Format(time.RFC3339)
	case "unix":
		return t.Unix()
	case "unix_ms":
		return t.UnixMilli()
	}
	return t.In(shanghai).Format(m.Time)
}

func (m Mapping) parseTime(v any) (time.Time, error) {
	switch x := v.(type) {
	case float64:
		if m.Time == "unix_ms" {
			return time.UnixMilli(int64(x)).UTC(), nil
		}
		return time.Unix(int64(x), 0).UTC(), nil
	case string:
		s := strings.TrimSpace(x)
		if m.Time != "" && m.Time != "rfc3339" && m.Time != "unix" && m.Time != "unix_ms" {
			if t, err := time.ParseInLocation(m.Time, s, shanghai); err == nil {
				return t.UTC(), nil
			}
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && (m.Time == "unix" || m.Time == "unix_ms") {
			return m.parseTime(float64(n))
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		return t.UTC(), err
	}
	return time.Time{}, fmt.Errorf("hotline: time %v", v)
}

// Taken reports whether the centre's answer body says the message was taken.
func (m Mapping) Taken(answer map[string]any) (bool, string) {
	if m.Success == nil {
		return true, ""
	}
	v, ok := get(answer, m.Success.Field)
	got := fmt.Sprint(v)
	if f, isNum := v.(float64); isNum {
		got = strconv.FormatFloat(f, 'f', -1, 64)
	}
	if ok && slices.Contains(m.Success.Values, got) {
		return true, ""
	}
	return false, fmt.Sprintf("%s=%s", m.Success.Field, got)
}

func put(doc map[string]any, name string, v any) {
	parts := strings.Split(name, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := doc[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			doc[p] = next
		}
		doc = next
	}
	doc[parts[len(parts)-1]] = v
}

func get(doc map[string]any, name string) (any, bool) {
	parts := strings.Split(name, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := doc[p].(map[string]any)
		if !ok {
			return nil, false
		}
		doc = next
	}
	v, ok := doc[parts[len(parts)-1]]
	return v, ok
}
