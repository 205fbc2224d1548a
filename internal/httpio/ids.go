package httpio

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"weiquan/internal/fault"
	"weiquan/internal/invalid"
)

// PathID reads a numeric id from the path; anything but a positive number is not found.
func PathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fault.ErrNotFound
	}
	return id, nil
}

// ParseID reads an optional id; blank is nil, anything but a positive number is a format error.
func ParseID(v, name string, errs *invalid.Errors) *int64 {
	v = strings.TrimSpace(v)
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

// QueryID reads an optional id from the query string.
func QueryID(r *http.Request, name string, errs *invalid.Errors) *int64 {
	return ParseID(r.URL.Query().Get(name), name, errs)
}

// PageParams reads ?page= and ?per_page= (default perPage, at most maxPer).
func PageParams(q url.Values, perPage, maxPer int, errs *invalid.Errors) (pageNo, per int) {
	pageNo, per = 1, perPage
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1_000_000 {
			errs.Add("page", invalid.Format)
		} else {
			pageNo = n
		}
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPer {
			errs.Add("per_page", invalid.Format)
		} else {
			per = n
		}
	}
	return pageNo, per
}

// Download sets the headers of a file handed to a browser: its type, length and
// name, shown inline but never run as a page of this site.
func Download(w http.ResponseWriter, name, contentType string, size int, inline bool) {
	hd := w.Header()
	hd.Set("Content-Type", contentType)
	if size >= 0 {
		hd.Set("Content-Length", strconv.Itoa(size))
	}
	disp := "attachment"
	if inline {
		disp = "inline"
	}
	hd.Set("Content-Disposition", disp+"; filename*=UTF-8''"+url.PathEscape(name))
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
	hd.Set("Cache-Control", "private, no-store")
}
