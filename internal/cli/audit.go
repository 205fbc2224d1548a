package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"weiquan/internal/audit"
	"weiquan/internal/i18n"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

// runVerifyAudit checks the audit log against the key and the head kept in the data
// folder (R-P8) and writes nothing, unless --reset-head is given.
func runVerifyAudit(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("verify-audit", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	reset := fs.Bool("reset-head", false, "after checking the chain itself, start the head again at the log's end (e.g. after restoring a backup); the reset is entered in the log")
	reason := fs.String("reason", "", "why the head is reset (required with --reset-head)")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("verify-audit takes no arguments, got %q", rest)
	}
	if *reset && strings.TrimSpace(*reason) == "" {
		return errors.New("--reset-head needs --reason TEXT")
	}
	st, err := store.Open(ctx, store.Options{URL: env.DB, DataDir: env.Data})
	if err != nil {
		return err
	}
	defer st.Close()
	cfg, _, err := service.AuditConfigFor(env.Data, false)
	if err != nil && !errors.Is(err, service.ErrNoAuditKey) { // without a key, keyed entries fail as no_key
		return err
	}
	cfg.ReadOnly = true
	svc := service.New(st, nil)
	if err := svc.UseAudit(ctx, cfg); err != nil {
		return err
	}
	if *reset {
		return resetHead(ctx, env, svc, *reason)
	}
	r, err := svc.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if r.Problem != nil {
		return fmt.Errorf("审计日志校验失败 audit log broken after %d good entries: %s / %s", r.Checked, problemIn("zh-CN", r.Problem), problemIn("en", r.Problem))
	}
	fmt.Fprintf(env.Stdout, "审计日志完整 audit log intact: %d entries verified (%d keyed, %d from before audit keys)\n", r.Checked, r.Keyed, r.Plain)
	if h := r.Head; h != nil {
		fmt.Fprintf(env.Stdout, "链头 head: %d entries, last entry %d, written %s\n", h.Count, h.LastID, h.At.Format("2006-01-02 15:04:05 UTC"))
	}
	if r.Warning != "" {
		p := &audit.Problem{Code: r.Warning}
		fmt.Fprintf(env.Stdout, "注意 warning: %s / %s\n", problemIn("zh-CN", p), problemIn("en", p))
	}
	return nil
}

func resetHead(ctx context.Context, env *Env, svc *service.Service, reason string) error {
	r, err := svc.VerifyAuditUnheaded(ctx)
	if err != nil {
		return err
	}
	if r.Problem != nil {
		return fmt.Errorf("链本身已损坏，不重置链头 the chain itself is broken, the head is not reset: %s / %s", problemIn("zh-CN", r.Problem), problemIn("en", r.Problem))
	}
	h, err := svc.ResetAuditHead(ctx, reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "链头已重置 head reset: %d entries; the reset itself is entry %d of the log\n", h.Count, h.LastID)
	return nil
}

func problemIn(lang string, p *audit.Problem) string {
	return i18n.T(lang, "audit.problem."+p.Code, p.Args()...)
}
