package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"weiquan/internal/calendar"
)

// write sends one response in the asked format. The spec's JSON is a mapping
// of its XML that drops the list wrappers, so a list answer passes the bare
// slice for JSON and the wrapped value for XML.
func write(w http.ResponseWriter, f format, status int, jsonV, xmlV any) {
	var buf bytes.Buffer
	var err error
	if f == formatJSON {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		err = enc.Encode(jsonV)
	} else {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		buf.WriteString(xml.Header)
		enc := xml.NewEncoder(&buf)
		enc.Indent("", "  ")
		if err = enc.Encode(xmlV); err == nil {
			err = enc.Close()
		}
		buf.WriteByte('\n')
	}
	if err != nil {
		slog.Error("open311: encode", "error", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Vary", "Accept-Language")
	w.Header().Set("Access-Control-Allow-Origin", "*") // open data for browser apps; POST is keyed, not cookie-based
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// w3c formats a time as the spec's W3C datetime, in the office's time zone (R-P7).
func w3c(t time.Time) string { return t.In(calendar.Shanghai).Format(time.RFC3339) }

// w3cPtr is w3c for an optional time; empty when there is none.
func w3cPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return w3c(*t)
}
