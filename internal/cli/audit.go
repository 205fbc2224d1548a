package cli

import (
	"context"
	"fmt"
)

func runVerifyAudit(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("verify-audit takes no arguments, got %q", args)
	}
	svc, err := env.Open(ctx)
	if err != nil {
		return err
	}
	defer svc.Store.Close()
	n, err := svc.Store.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("审计日志校验失败 audit log broken after %d good entries: %w", n, err)
	}
	fmt.Fprintf(env.Stdout, "审计日志完整 audit log intact: %d entries verified\n", n)
	return nil
}
