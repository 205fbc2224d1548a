package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/httpio"
	"weiquan/internal/invalid"
	"weiquan/internal/report"
)

// runReport prints or writes the report of a period.
func runReport(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	from := fs.String("from", "", "first day, YYYY-MM-DD (Asia/Shanghai)")
	to := fs.String("to", "", "last day, YYYY-MM-DD, inclusive")
	area := fs.Int64("area", 0, "area id: report this area and the areas below it")
	station := fs.Int64("station", 0, "station id")
	format := fs.String("format", "json", "json, xlsx or csv")
	out := fs.String("out", "", "file to write (default: standard output)")
	lang := fs.String("lang", defaultLang(), "language of an xlsx or csv: zh-CN or en")
	if pos, err := parseInterleaved(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return errors.New("usage: weiquan report --from YYYY-MM-DD --to YYYY-MM-DD [--area ID] [--station ID] [--format json|xlsx|csv] [--out FILE]")
	}
	var p report.Params
	var err error
	if p.From, err = calendar.ParseDate(*from); err != nil {
		return errors.New("--from YYYY-MM-DD is required / 请用 --from 指定起始日期")
	}
	if p.To, err = calendar.ParseDate(*to); err != nil {
		return errors.New("--to YYYY-MM-DD is required / 请用 --to 指定截止日期")
	}
	if *area != 0 {
		p.AreaID = area
	}
	if *station != 0 {
		p.StationID = station
	}
	if *format != "json" && *format != "xlsx" && *format != "csv" {
		return errors.New("--format must be json, xlsx or csv")
	}
	svc, err := env.Open(ctx)
	if err != nil {
		return err
	}
	defer svc.Close()
	s, err := svc.Summary(ctx, auth.System, p)
	if err != nil {
		return fieldErrors(*lang, err)
	}
	var w io.Writer = env.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	switch *format {
	case "json":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(s)
	case "xlsx":
		err = report.WriteXLSX(bw, s.SummaryTable(*lang))
	case "csv":
		err = report.WriteCSV(bw, s.SummaryTable(*lang))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// fieldErrors spells out field errors in lang, as the API would.
func fieldErrors(lang string, err error) error {
	errs, ok := invalid.As(err)
	if !ok {
		return err
	}
	msgs := make([]string, len(errs))
	for i, f := range errs {
		msgs[i] = httpio.FieldMessage(lang, f)
	}
	return errors.New(strings.Join(msgs, "; "))
}
