// Command weiquan runs a consumer-protection office: see internal/cli.
package main

import (
	"os"

	"weiquan/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
