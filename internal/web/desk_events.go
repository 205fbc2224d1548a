package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"weiquan/internal/desk"
)

// callNote is what the desk's browsers are told of a call: enough to fetch its card.
type callNote struct {
	CallID string     `json:"call_id"`
	Caller string     `json:"caller"`
	State  desk.State `json:"state"`
}

// deskEvents tells an operator's browser of calls as they ring, answer and end, as
// server-sent events; a client that does not ask for an event stream gets the calls
// ringing now, as JSON, and the answer ends there.
func (h *Handler) deskEvents(w http.ResponseWriter, r *http.Request) {
	p := who(r)
	if !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
		calls, err := h.svc.RingingCalls(r.Context(), p)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		out := []callNote{}
		for _, c := range calls {
			out = append(out, callNote{CallID: c.CallID, Caller: c.Caller, State: c.State})
		}
		writeJSON(w, out)
		return
	}
	ch, stop, err := h.svc.WatchCalls(p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer stop()
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no") // a proxy in front must not hold the events back
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 2000\n: ready\n\n")
	if err := rc.Flush(); err != nil {
		return
	}
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case c := <-ch:
			b, _ := json.Marshal(callNote{CallID: c.CallID, Caller: c.Caller, State: c.State})
			fmt.Fprintf(w, "event: call\ndata: %s\n\n", b)
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}
