package httpio

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestClientAddr: forwarded headers count only from a configured proxy; the address
// is the nearest hop that is not a trusted proxy.
func TestClientAddr(t *testing.T) {
	proxies, err := ParseProxies("10.0.0.0/8, 192.168.1.5 ::1")
	if err != nil {
		t.Fatal(err)
	}
	trusting := &Config{TrustedProxies: proxies}
	none := &Config{}
	for _, tc := range []struct {
		name   string
		c      *Config
		remote string
		xff    []string
		realIP string
		want   string
	}{
		{"no proxies: the peer", none, "203.0.113.7:5000", []string{"1.2.3.4"}, "5.6.7.8", "203.0.113.7"},
		{"untrusted peer sends headers", trusting, "203.0.113.7:5000", []string{"1.2.3.4"}, "", "203.0.113.7"},
		{"trusted proxy", trusting, "10.1.2.3:443", []string{"198.51.100.9"}, "", "198.51.100.9"},
		{"client forges a hop", trusting, "10.1.2.3:443", []string{"6.6.6.6, 198.51.100.9"}, "", "198.51.100.9"},
		{"two trusted proxies", trusting, "10.1.2.3:443", []string{"198.51.100.9, 192.168.1.5"}, "", "198.51.100.9"},
		{"several headers", trusting, "10.1.2.3:443", []string{"6.6.6.6", "198.51.100.9"}, "", "198.51.100.9"},
		{"all hops trusted", trusting, "10.1.2.3:443", []string{"10.9.9.9"}, "", "10.9.9.9"},
		{"garbage hop", trusting, "10.1.2.3:443", []string{"198.51.100.9, nonsense"}, "", "10.1.2.3"},
		{"X-Real-IP from a proxy", trusting, "10.1.2.3:443", nil, "198.51.100.10", "198.51.100.10"},
		{"X-Real-IP from anyone", none, "203.0.113.7:5000", nil, "198.51.100.10", "203.0.113.7"},
		{"IPv6 peer", none, "[2001:db8::1]:80", nil, "", "2001:db8::1"},
		{"IPv6 loopback proxy", trusting, "[::1]:80", []string{"2001:db8::2"}, "", "2001:db8::2"},
		{"IPv4-mapped", none, "[::ffff:203.0.113.7]:80", nil, "", "203.0.113.7"},
		{"no port", none, "203.0.113.7", nil, "", "203.0.113.7"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		for _, h := range tc.xff {
			r.Header.Add("X-Forwarded-For", h)
		}
		if tc.realIP != "" {
			r.Header.Set("X-Real-IP", tc.realIP)
		}
		if got := tc.c.ClientAddr(r); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if _, err := ParseProxies("10.0.0.0/8, proxy.example"); err == nil {
		t.Error("a host name was taken as a proxy")
	}
}

// TestSecureCookie: behind a TLS proxy (public URL https://) the session cookie is
// Secure although the request reaching us is plain HTTP.
func TestSecureCookie(t *testing.T) {
	t.Cleanup(func() { Configure(Config{}) })
	cookie := func(r *http.Request) *http.Cookie {
		w := httptest.NewRecorder()
		SetSessionCookie(w, r, "tok", 60)
		return w.Result().Cookies()[0]
	}
	plain := httptest.NewRequest("GET", "http://weiquan.example/", nil)
	if cookie(plain).Secure {
		t.Fatal("Secure over plain HTTP without a public https URL")
	}
	tlsReq := httptest.NewRequest("GET", "https://weiquan.example/", nil)
	tlsReq.TLS = &tls.ConnectionState{}
	if !cookie(tlsReq).Secure {
		t.Fatal("not Secure over TLS")
	}
	Configure(Config{PublicURL: "https://weiquan.example.gov.cn"})
	if c := cookie(plain); !c.Secure || !c.HttpOnly {
		t.Fatal("not Secure behind a TLS proxy")
	}
	Configure(Config{PublicURL: "http://10.0.0.5:8080"})
	if cookie(plain).Secure {
		t.Fatal("Secure with an http public URL")
	}
}
