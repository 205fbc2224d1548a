package httpio

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
)

// Config is how this server sits behind proxies; set once at start with Configure.
type Config struct {
	// TrustedProxies are the peers whose X-Forwarded-For and X-Real-IP are believed.
	// Empty (the default): the connection's own address is the client's.
	TrustedProxies []netip.Prefix
	// PublicURL is where people reach the office (https://weiquan.example.gov.cn). When it
	// starts with https://, cookies are Secure even though a TLS proxy talks plain HTTP to us.
	PublicURL string
}

var config atomic.Pointer[Config]

// Configure sets how the server sits behind proxies, for every request from now on.
func Configure(c Config) { config.Store(&c) }

func current() *Config {
	if c := config.Load(); c != nil {
		return c
	}
	return &Config{}
}

// ParseProxies reads a comma- or space-separated list of CIDRs or single addresses.
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("httpio: trusted proxy %q is neither a CIDR nor an address", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// ClientAddr is the address of the client a request comes from: the connection's
// peer, unless that peer is a trusted proxy, in which case the nearest address in
// X-Forwarded-For that is not itself a trusted proxy (then X-Real-IP). Headers from
// anyone else are ignored, since anyone can send them.
func ClientAddr(r *http.Request) string { return current().ClientAddr(r) }

// ClientAddr is ClientAddr under this configuration.
func (c *Config) ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	peer = peer.Unmap().WithZone("")
	if !c.trusted(peer) {
		return peer.String()
	}
	hops := r.Header.Values("X-Forwarded-For")
	var chain []string
	for _, h := range hops {
		chain = append(chain, strings.Split(h, ",")...)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(chain[i]))
		if err != nil {
			break // a hop we cannot read: trust nothing further left of it
		}
		a = a.Unmap().WithZone("")
		if !c.trusted(a) {
			return a.String()
		}
		peer = a
	}
	if len(chain) == 0 {
		if a, err := netip.ParseAddr(strings.TrimSpace(r.Header.Get("X-Real-IP"))); err == nil {
			return a.Unmap().WithZone("").String()
		}
	}
	return peer.String()
}

func (c *Config) trusted(a netip.Addr) bool {
	for _, p := range c.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Secure reports whether cookies must be Secure: the request came over TLS, or the
// office's public URL is https:// (a TLS proxy in front of us).
func Secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(strings.ToLower(current().PublicURL), "https://")
}
