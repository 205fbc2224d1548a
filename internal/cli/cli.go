// Package cli is the weiquan command: serve (the default) and the subcommands
// that share its --data/--db flags.
package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"weiquan/internal/document"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, env *Env, args []string) error
}

// Env is what every subcommand gets: the global flags and where to write.
type Env struct {
	Globals
	Stdout, Stderr io.Writer
}

// Open connects to the database the flags name, migrating it.
func (e *Env) Open(ctx context.Context) (*service.Service, error) {
	st, err := store.Open(ctx, store.Options{URL: e.DB, DataDir: e.Data})
	if err != nil {
		return nil, err
	}
	svc := service.New(st, time.Now)
	svc.Printer = &document.Renderer{} // issued documents as PDF; starts Chromium on the first one, says why when there is none
	cfg, _, err := service.AuditConfigFor(e.Data, true)
	if err == nil {
		err = svc.UseAudit(ctx, cfg)
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	return svc, nil
}

func commands() []command {
	return []command{
		{"serve", "start the web server (the default) / 启动服务", runServe},
		{"demo", "fill the database with a demo county, then serve / 生成演示数据并启动", runDemo},
		{"apikey", "create, list or revoke Open311 API keys / 管理 Open311 API 密钥", runAPIKey},
		{"workorders", "take a file of the 12345 centre's work orders / 导入12345工单文件", runWorkOrders},
		{"migrate", "create or upgrade the database and exit / 创建或升级数据库", runMigrate},
		{"calendar", "official holidays: years, load, export, add-workdays, workdays / 法定节假日与工作日", runCalendar},
		{"import", "import a ledger (.xlsx, .csv, .jsonl) / 导入台账", runImport},
		{"report", "figures of a period as json, xlsx or csv / 统计报表", runReport},
		{"load", "measure intake throughput and latency over HTTP / 压力测试", runLoad},
		{"verify-audit", "check that the audit log is complete and unchanged / 校验审计日志", runVerifyAudit},
		{"help", "show this help / 显示帮助", nil},
	}
}

// Main runs the command line and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	g, rest, err := splitGlobals(args)
	if err != nil {
		fmt.Fprintln(stderr, "weiquan:", err)
		return 2
	}
	name := "serve"
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		name, rest = rest[0], rest[1:]
	}
	env := &Env{Globals: g, Stdout: stdout, Stderr: stderr}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		if c.run == nil {
			usage(stdout)
			return 0
		}
		ctx, stop := signalContext()
		defer stop()
		if err := c.run(ctx, env, rest); err != nil {
			fmt.Fprintln(stderr, "weiquan "+name+":", err)
			return 1
		}
		return 0
	}
	fmt.Fprintf(stderr, "weiquan: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "weiquan — 消费维权工作平台 / consumer-protection office system")
	fmt.Fprintln(w, "\nUsage: weiquan [command] [flags]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nFlags every command takes (before or after its arguments):")
	fmt.Fprintln(w, "  --data DIR   data folder of the embedded database (WEIQUAN_DATA, default ./weiquan-data)")
	fmt.Fprintln(w, "  --db URL     postgres://… to use PostgreSQL instead (WEIQUAN_DB)")
	fmt.Fprintln(w, "  --addr ADDR  listen address for serve (WEIQUAN_ADDR, default 127.0.0.1:8080)")
	fmt.Fprintln(w, "  --demo       fill a demo county on first start")
	fmt.Fprintln(w, "  --trusted-proxies CIDRS  proxies whose X-Forwarded-For is believed (WEIQUAN_TRUSTED_PROXIES, default none)")
	fmt.Fprintln(w, "  --public-url URL         the office's address; https://… makes cookies Secure (WEIQUAN_PUBLIC_URL)")
	fmt.Fprintln(w, "  --session-idle D         sign out after this long unused (WEIQUAN_SESSION_IDLE, default 2h)")
	fmt.Fprintln(w, "  --session-max D          sign out this long after signing in (WEIQUAN_SESSION_MAX, default 12h)")
	fmt.Fprintln(w, "\nThe audit log is sealed with a key kept outside the database: WEIQUAN_AUDIT_KEY (64 hex characters),")
	fmt.Fprintln(w, "else DIR/audit.key (created on first start, mode 0600); its head is kept in DIR/audit.head.")
}

func runMigrate(ctx context.Context, env *Env, args []string) error {
	svc, err := env.Open(ctx)
	if err != nil {
		return err
	}
	defer svc.Close()
	v, dialect, err := svc.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "database at schema version %d (%s)\n", v, dialect)
	return nil
}
