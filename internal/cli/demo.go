package cli

import (
	"context"
	"fmt"

	"weiquan/internal/demo"
	"weiquan/internal/service"
)

func runDemo(ctx context.Context, env *Env, args []string) error {
	env.Demo = true
	return runServe(ctx, env, args)
}

func fillDemo(ctx context.Context, svc *service.Service, env *Env) error {
	n, err := demo.Fill(ctx, svc)
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintf(env.Stdout, "演示数据已生成 Demo county filled: %d matters\n", n)
	}
	return nil
}
