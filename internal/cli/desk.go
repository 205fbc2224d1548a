package cli

import (
	"context"
	"fmt"
	"log/slog"

	"weiquan/internal/auth"
	"weiquan/internal/desk"
	"weiquan/internal/service"
	"weiquan/internal/sipua"
)

// startDesk runs the hotline desk's SIP user agent when --sip-listen is set: it registers
// as the desk's extension (with --sip-registrar) and reports every call that rings it.
func startDesk(ctx context.Context, env *Env, svc *service.Service) error {
	if env.SIPListen == "" {
		return nil
	}
	report := func(ctx context.Context, e desk.Event) error {
		_, err := svc.RecordCall(ctx, auth.System, e)
		return err
	}
	ua, err := sipua.New(sipua.Config{Listen: env.SIPListen, Extension: env.SIPExtension, Registrar: env.SIPRegistrar,
		Password: env.SIPPassword}, report, svc.Now)
	if err != nil {
		return err
	}
	if err := ua.Listen(); err != nil {
		return fmt.Errorf("--sip-listen: %w", err)
	}
	fmt.Fprintf(env.Stdout, "坐席分机 Desk extension %s listening for SIP on udp %s\n", env.SIPExtension, ua.Addr())
	go func() {
		if err := ua.Serve(ctx); err != nil {
			slog.Error("sipua: stopped", "error", err)
		}
	}()
	return nil
}
