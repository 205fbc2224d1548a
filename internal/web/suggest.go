package web

import (
	"encoding/json"
	"net/http"
	"strings"
)

// The suggestion endpoints feed the pickers of the intake form as you type;
// without JavaScript the server matches the typed text instead.

type merchantSuggestion struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	USCC    string `json:"uscc,omitempty"`
	Address string `json:"address,omitempty"`
}

type areaSuggestion struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Label string `json:"label"`
}

type repeatSuggestion struct {
	Number   string `json:"number"`
	Received string `json:"received"`
	State    string `json:"state"`
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

func suggestQuery(r *http.Request) string {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len([]rune(q)) > 50 {
		q = string([]rune(q)[:50])
	}
	return q
}
