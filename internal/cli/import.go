package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/i18n"
	"weiquan/internal/ledger"
	"weiquan/internal/service"
)

// runImport imports a ledger file; safe while the server runs on the same
// data folder (SQLite WAL, writers wait for each other).
func runImport(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	mapFile := fs.String("map", "", "column mapping file: lines `field = header` and `field.value = code`, or JSON")
	dry := fs.Bool("dry-run", false, "check and show the preview; write nothing")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	lang := fs.String("lang", defaultLang(), "language of messages: zh-CN or en")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("usage: weiquan import FILE [--map FILE] [--dry-run] [--json] / 用法：weiquan import 文件 [--map 映射文件] [--dry-run]")
	}
	file := pos[0]
	if _, err := os.Stat(file); err != nil {
		return err
	}
	var m ledger.Mapping
	if *mapFile != "" {
		b, err := os.ReadFile(*mapFile)
		if err != nil {
			return err
		}
		if m, err = ledger.ParseMap(b); err != nil {
			var me *ledger.MapError
			if errors.As(err, &me) {
				return errors.New(i18n.T(*lang, "err."+me.Code, "line", strconv.Itoa(me.Line), "detail", me.Detail))
			}
			return err
		}
	}
	svc, err := env.Open(ctx)
	if err != nil {
		return err
	}
	defer svc.Close()
	res, err := svc.Import(ctx, auth.System, service.ImportRequest{Name: filepath.Base(file),
		Open: func() (io.ReadCloser, error) { return os.Open(file) }, Mapping: m, DryRun: *dry})
	if err != nil {
		return err
	}
	res.Localize(*lang)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		printResult(env.Stdout, *lang, res)
	}
	if !res.OK() {
		return errors.New(i18n.T(*lang, "err.import_refused", "rows", strconv.Itoa(max(res.FailedRows, 1))))
	}
	return nil
}

func printResult(w io.Writer, lang string, res *ledger.Result) {
	T := func(k string, args ...string) string { return i18n.T(lang, k, args...) }
	enc := res.Format
	if res.Encoding != "" {
		enc += ", " + res.Encoding
	}
	if res.Sheet != "" {
		enc += ", " + res.Sheet
	}
	fmt.Fprintf(w, "%s: %s (%s)\n", T("cli.import.file"), res.File, enc)
	if len(res.Columns) > 0 {
		fmt.Fprintf(w, "%s:\n", T("cli.import.columns"))
		for _, c := range res.Columns {
			fmt.Fprintf(w, "  %-18s ← %s (%d, %s)\n", c.Field, c.Header, c.Index, c.By)
		}
	}
	if len(res.Ignored) > 0 {
		fmt.Fprintf(w, "%s: %s\n", T("cli.import.ignored"), strings.Join(res.Ignored, ", "))
	}
	fmt.Fprintln(w, T("cli.import.rows", "rows", strconv.Itoa(res.Rows), "failed", strconv.Itoa(res.FailedRows),
		"new", strconv.Itoa(res.New), "skipped", strconv.Itoa(res.Skipped)))
	for _, p := range res.Warnings {
		fmt.Fprintf(w, "  ! %s\n", p.Message)
	}
	if res.WarnTrunc {
		fmt.Fprintln(w, "  ! …")
	}
	for _, p := range res.Failures {
		fmt.Fprintf(w, "  ✗ %s\n", p.Message)
	}
	if res.Truncated {
		fmt.Fprintln(w, "  ✗ …")
	}
	switch {
	case res.Committed:
		fmt.Fprintln(w, T("cli.import.committed", "count", strconv.Itoa(res.Imported), "id", strconv.FormatInt(res.ImportID, 10)))
	case !res.OK():
		fmt.Fprintln(w, T("cli.import.refused"))
	case res.DryRun:
		fmt.Fprintln(w, T("cli.import.dry_run"))
	default:
		fmt.Fprintln(w, T("cli.import.nothing_new"))
	}
}

// defaultLang follows the shell's LANG: English when it says so, else Chinese.
func defaultLang() string {
	if strings.HasPrefix(os.Getenv("LANG"), "en") {
		return "en"
	}
	return "zh-CN"
}
