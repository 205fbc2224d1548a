package cli

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"weiquan/internal/httpio"
	"weiquan/internal/service"
)

// applyWebSettings sets what serving behind a proxy needs (trusted proxies, the public
// URL) and how long sessions last, refusing values that do not parse.
func applyWebSettings(env *Env, svc *service.Service) error {
	proxies, err := httpio.ParseProxies(env.TrustedProxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	if env.PublicURL != "" {
		u, err := url.Parse(env.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--public-url %q: want http://host or https://host", env.PublicURL)
		}
	}
	httpio.Configure(httpio.Config{TrustedProxies: proxies, PublicURL: strings.TrimSpace(env.PublicURL)})
	svc.SetPortal(strings.TrimSuffix(strings.TrimSpace(env.PublicURL), "/"), service.DefaultPortalLimits)
	pol := service.DefaultSessionPolicy
	for _, d := range []struct {
		flag, v string
		to      *time.Duration
	}{{"--session-idle", env.SessionIdle, &pol.Idle}, {"--session-max", env.SessionMax, &pol.Max}} {
		if d.v == "" {
			continue
		}
		v, err := time.ParseDuration(d.v)
		if err != nil || v < time.Minute {
			return fmt.Errorf("%s %q: want a duration of at least 1m, such as 30m or 8h", d.flag, d.v)
		}
		*d.to = v
	}
	if pol.Idle > pol.Max {
		pol.Idle = pol.Max
	}
	svc.Sessions = pol
	return nil
}
