package store

import (
	"encoding/json"
	"os"
	"sync"
)

// traceStmt, when set, is told the text of every statement run through the
// reader pool and the write transactions. It is set only by WEIQUAN_SQL_TRACE
// (a file each distinct statement is appended to, one JSON object a line):
// the index audit of docs/EXPLAIN.md runs the tests with it to learn every
// statement the store executes. Unset, it costs a nil check.
var traceStmt func(sqlite bool, query string)

func init() {
	if path := os.Getenv("WEIQUAN_SQL_TRACE"); path != "" {
		traceStmt = stmtTracer(path)
	}
}

// stmtTracer appends each statement not yet seen by this process to path.
// Test binaries of several packages may append to the same file at once: each
// line is one write to a file opened for appending.
func stmtTracer(path string) func(bool, string) {
	var mu sync.Mutex
	seen := map[string]bool{}
	return func(sqlite bool, query string) {
		d := "postgres"
		if sqlite {
			d = "sqlite"
		}
		key := d + "\x00" + query
		mu.Lock()
		defer mu.Unlock()
		if seen[key] {
			return
		}
		seen[key] = true
		line, err := json.Marshal(struct {
			Dialect string `json:"d"`
			Query   string `json:"q"`
		}{d, query})
		if err != nil {
			return
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return
		}
		_, _ = f.Write(append(line, '\n'))
		_ = f.Close()
	}
}
