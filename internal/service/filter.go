package service

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// ListFilter reads the filters of a matter list or export from a query string
// (the API and the web UI share it, so a report figure's query lists the same
// matters everywhere):
// kind, channel, state (repeatable), station, assignee, merchant, area, open,
// sort=due, and the report filters that make every figure traceable — from and
// to (YYYY-MM-DD, Asia/Shanghai, inclusive), outcome (repeatable),
// category (goods, services, none), unplaced=1, area_exact=1,
// on_site=promised|kept|arrived, rated=1; import=<id> lists what one ledger
// import created. errs carries problems found before
// (paging, say), so the client hears of all at once.
func (s *Service) ListFilter(ctx context.Context, q url.Values, errs invalid.Errors) (MatterQuery, error) {
	f, err := s.listFilter(ctx, q, errs)
	return MatterQuery{f: f}, err
}

func (s *Service) listFilter(ctx context.Context, q url.Values, errs invalid.Errors) (store.MatterFilter, error) {
	f := store.MatterFilter{Kind: casework.Kind(q.Get("kind")), Channel: casework.Channel(q.Get("channel"))}
	if f.Kind != "" && !f.Kind.Valid() {
		errs.Add("kind", invalid.OneOf, "values", "complaint, report, inquiry")
	}
	if f.Channel != "" && !f.Channel.Valid() {
		errs.Add("channel", invalid.OneOf, "values", joinCodes(casework.Channels))
	}
	for _, s := range q["state"] {
		st := casework.State(s)
		if !st.Valid() {
			errs.Add("state", invalid.OneOf, "values", joinCodes(casework.States))
		}
		f.States = append(f.States, st)
	}
	for _, o := range q["outcome"] {
		out := casework.Outcome(o)
		if out == "" || !out.Valid() {
			errs.Add("outcome", invalid.OneOf, "values", joinCodes(casework.Outcomes))
		}
		f.Outcomes = append(f.Outcomes, out)
	}
	if c := q.Get("category"); c != "" {
		cat := casework.Category(c)
		if c == "none" {
			cat = ""
		} else if !cat.Valid() {
			errs.Add("category", invalid.OneOf, "values", "goods, services, none")
		}
		f.Category = &cat
	}
	if day, ok := queryDate(q, "from", &errs); ok {
		t := day.Start()
		f.From = &t
	}
	if day, ok := queryDate(q, "to", &errs); ok {
		t := day.AddDays(1).Start()
		f.To = &t
	}
	switch v := q.Get("on_site"); v {
	case "", "promised", "kept", "arrived":
		f.OnSite = v
	default:
		errs.Add("on_site", invalid.OneOf, "values", "promised, kept, arrived")
	}
	f.StationID = queryID(q, "station", &errs)
	f.AssigneeID = queryID(q, "assignee", &errs)
	f.MerchantID = queryID(q, "merchant", &errs)
	f.ImportID = queryID(q, "import", &errs)
	areaID := queryID(q, "area", &errs)
	f.OpenOnly = flag(q, "open", &errs)
	f.Unplaced = flag(q, "unplaced", &errs)
	f.Rated = flag(q, "rated", &errs)
	for _, r := range q["hotline_rating"] {
		switch r {
		case "any", "satisfied", "basically_satisfied", "dissatisfied":
			f.HotlineRatings = append(f.HotlineRatings, r)
		default:
			errs.Add("hotline_rating", invalid.OneOf, "values", "any, satisfied, basically_satisfied, dissatisfied")
		}
	}
	switch q.Get("sort") {
	case "due":
		f.ByDue = true
	case "", "received":
	default:
		errs.Add("sort", invalid.OneOf, "values", "due, received")
	}
	f.Q = strings.TrimSpace(q.Get("q"))
	errs.MaxLen("q", f.Q, 100)
	if err := errs.Err(); err != nil {
		return f, err
	}
	if areaID != nil {
		a, err := s.store.Area(ctx, *areaID)
		if err != nil {
			return f, invalid.New("area", invalid.NotFound)
		}
		f.AreaPath = a.Path
		if truthy(q.Get("area_exact")) {
			f.AreaID = areaID
		}
	}
	return f, nil
}

func truthy(v string) bool { return v == "1" || v == "true" }

// flag reads a yes/no parameter and refuses anything else rather than guessing.
func flag(q url.Values, name string, errs *invalid.Errors) bool {
	switch q.Get(name) {
	case "1", "true":
		return true
	case "", "0", "false":
		return false
	}
	errs.Add(name, invalid.OneOf, "values", "true, false")
	return false
}

func joinCodes[T ~string](list []T) string {
	s := make([]string, len(list))
	for i, v := range list {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// queryDate reads a YYYY-MM-DD parameter.
func queryDate(q url.Values, name string, errs *invalid.Errors) (calendar.Date, bool) {
	v := q.Get(name)
	if v == "" {
		return calendar.Date{}, false
	}
	d, err := calendar.ParseDate(v)
	if err != nil {
		errs.Add(name, invalid.Format)
		return d, false
	}
	return d, true
}

// queryID reads a positive id parameter.
func queryID(q url.Values, name string, errs *invalid.Errors) *int64 {
	v := q.Get(name)
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		errs.Add(name, invalid.Format)
		return nil
	}
	return &n
}
