// Command drawverify re-runs a published 双随机一公开 draw from its published seed and inputs
// and says whether it gives the published list:
//
//	go run ./cmd/drawverify draw.json
//
// draw.json is the file the office publishes (GET /portal/draws/{id}.json, or the download
// link on the draw's public page). It prints the recomputed list and exits 0 when the
// commitment matches the inputs and the list matches the published one; 1 when not; 2 when
// the file cannot be read. It needs nothing but the file: no database, no network.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"weiquan/internal/supervise"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, out, errOut io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(errOut, "usage: drawverify FILE   (FILE is a published draw, JSON; - reads standard input)")
		return 2
	}
	var b []byte
	var err error
	if args[0] == "-" {
		b, err = io.ReadAll(os.Stdin)
	} else {
		b, err = os.ReadFile(args[0])
	}
	if err != nil {
		fmt.Fprintln(errOut, "drawverify:", err)
		return 2
	}
	var p supervise.Published
	if err := json.Unmarshal(b, &p); err != nil {
		fmt.Fprintln(errOut, "drawverify: not a published draw:", err)
		return 2
	}
	got, err := supervise.Verify(p)
	for i, pick := range got {
		fmt.Fprintf(out, "%d\tmerchant %d\tinspectors %v\n", i+1, pick.Merchant, pick.Inspectors)
	}
	if err != nil {
		fmt.Fprintln(errOut, "drawverify: NOT VERIFIED 不一致:", err)
		return 1
	}
	fmt.Fprintf(out, "verified 一致: %d merchants, commitment %s\n", len(got), p.Commitment)
	return 0
}
