package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/demo"
	"weiquan/internal/server"
)

func runServe(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("serve takes no arguments, got %q", args)
	}
	serverGC()
	svc, err := env.Open(ctx)
	if err != nil {
		return err
	}
	defer svc.Close()
	if err := applyWebSettings(env, svc); err != nil {
		return err
	}
	if err := applyOutbox(env, svc); err != nil {
		return err
	}
	if err := applyNotify(env, svc); err != nil {
		return err
	}
	envPassword := os.Getenv("WEIQUAN_ADMIN_PASSWORD")
	generated, err := svc.EnsureAdmin(ctx, envPassword)
	if err != nil {
		return fmt.Errorf("create admin: %w", err)
	}
	demoAccounts := false
	if env.Demo {
		if err := fillDemo(ctx, svc, env); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		_, err := svc.UserByName(ctx, auth.System, "operator1")
		demoAccounts = err == nil
	}
	lim, err := serverLimits(os.Getenv)
	if err != nil {
		return err
	}
	var ps []server.Part
	for _, p := range parts {
		ps = append(ps, p(svc))
	}
	ln, err := net.Listen("tcp", env.Addr)
	if err != nil {
		return err
	}
	url := "http://" + displayAddr(ln.Addr().(*net.TCPAddr))
	srv := &http.Server{Handler: server.NewWith(svc, lim, ps...), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	banner(env, url, generated, envPassword != "", demoAccounts)

	for _, w := range workers {
		go w(ctx, svc)
	}
	if err := startDesk(ctx, env, svc); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down: waiting for requests in flight")
	shut, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func displayAddr(a *net.TCPAddr) string {
	if a.IP.IsUnspecified() {
		return fmt.Sprintf("127.0.0.1:%d", a.Port)
	}
	return a.String()
}

func banner(env *Env, url, generated string, fromEnv, demoAccounts bool) {
	db := "SQLite in " + env.Data
	if env.DB != "" {
		db = "PostgreSQL"
	}
	fmt.Fprintf(env.Stdout, "维权通 weiquan is running at %s  (%s)\n", url, db)
	switch {
	case generated != "":
		fmt.Fprintf(env.Stdout, "登录 Sign in: user admin, password %s  (shown only this once — change it after signing in)\n", generated)
	case fromEnv:
		fmt.Fprintln(env.Stdout, "登录 Sign in: user admin, password from WEIQUAN_ADMIN_PASSWORD")
	default:
		fmt.Fprintln(env.Stdout, "登录 Sign in: with your existing account (admin was created on first start)")
	}
	if demoAccounts {
		fmt.Fprintln(env.Stdout, "演示 Demo county: staff accounts such as operator1, mediator1, supervisor1 use the password "+demo.Password)
	}
}

// serverGC lets the server's heap grow to three times what is live before a
// collection (GOGC=200) unless GOGC says otherwise: the live heap is small
// (the pages' templates, the caches), most of what an intake allocates is
// garbage at once, and collections cost an intake 17 % of its CPU at the
// default. Measured with `weiquan load`: 7–9 % less CPU an intake, peak RSS
// 126 → 180 MB in a 6,000-intake run, 143 → 203 MB with 4 readers at 1 M
// (BENCHMARKS.md). An import keeps the default: its heap is large while it runs.
func serverGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}
