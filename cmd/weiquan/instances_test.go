package main_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/testdb"
)

// startWith runs the binary with extra environment and waits for its URL.
func startWith(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(binary(t), append(args, "--addr", "127.0.0.1:0")...)
	cmd.Env = append(append(os.Environ(), "WEIQUAN_ADMIN_PASSWORD="+adminPassword), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			t.Fatal("weiquan exited before printing its URL")
		}
		return &proc{cmd: cmd, url: u}
	case <-time.After(60 * time.Second):
		t.Fatal("weiquan did not print its URL within 60 s")
	}
	return nil
}

// TestTwoInstancesBehindHAProxy_PostgreSQL: two `weiquan serve` processes on
// one PostgreSQL database behind a real haproxy on loopback, round robin,
// behave as one office: a session opened through one instance works on the
// other, intakes sent through the balancer get distinct case numbers and are
// read from either instance, and the sign-in throttle counted on one instance
// holds on the other. Skips when haproxy is not installed (CI installs it).
func TestTwoInstancesBehindHAProxy_PostgreSQL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real binary")
	}
	hap, err := exec.LookPath("haproxy")
	if err != nil {
		if _, e := os.Stat("/usr/sbin/haproxy"); e != nil {
			t.Skip("haproxy not installed (apt-get install -y haproxy)")
		}
		hap = "/usr/sbin/haproxy"
	}
	db := testdb.PostgresURL(t)
	key := []string{"WEIQUAN_AUDIT_KEY=" + strings.Repeat("5a", 32)}
	a := startWith(t, key, "--db", db, "--data", t.TempDir())
	b := startWith(t, key, "--db", db, "--data", t.TempDir())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	front := ln.Addr().String()
	ln.Close()
	cfg := fmt.Sprintf(`global
    maxconn 256
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    option forwardfor
    http-reuse never
frontend office
    bind %s
    default_backend instances
backend instances
    balance roundrobin
    server a %s
    server b %s
`, front, strings.TrimPrefix(a.url, "http://"), strings.TrimPrefix(b.url, "http://"))
	cfgPath := filepath.Join(t.TempDir(), "haproxy.cfg")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	hp := exec.Command(hap, "-db", "-f", cfgPath)
	hp.Stderr = os.Stderr
	if err := hp.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = hp.Process.Kill(); _ = hp.Wait() })
	lb := &proc{url: "http://" + front}
	for i := 0; ; i++ {
		if resp, err := http.Get(lb.url + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if i > 100 {
			t.Fatal("haproxy did not answer")
		}
		time.Sleep(50 * time.Millisecond)
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	call := func(base, token, method, path, body string) (int, []byte) {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, out
	}

	// A session from one instance is good on both.
	token := lb.login(t)
	for _, p := range []*proc{a, b} {
		if code, body := call(p.url, token, "GET", "/api/v1/matters?per_page=1", ""); code != 200 {
			t.Fatalf("session through the balancer refused by %s: %d %s", p.url, code, body)
		}
	}
	// Intakes through the balancer, 8 at once: distinct numbers, all read back on both instances.
	var mu sync.Mutex
	numbers := map[string]bool{}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				code, body := call(lb.url, token, "POST", "/api/v1/matters",
					fmt.Sprintf(`{"kind":"complaint","channel":"hotline_12315","consumer":{"name":"消费者","phone":"1380000%02d%02d"},"facts":"两个实例：预付卡无法退款","request":"退款"}`, w, i))
				var out struct{ Matters []struct{ Number string } }
				if code != 201 || json.Unmarshal(body, &out) != nil || len(out.Matters) != 1 {
					t.Errorf("intake through the balancer: %d %s", code, body)
					return
				}
				mu.Lock()
				if numbers[out.Matters[0].Number] {
					t.Errorf("case number %s given twice", out.Matters[0].Number)
				}
				numbers[out.Matters[0].Number] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(numbers) != 80 {
		t.Fatalf("%d distinct numbers for 80 intakes", len(numbers))
	}
	for n := range numbers {
		for _, p := range []*proc{a, b} {
			if code, _ := call(p.url, token, "GET", "/api/v1/matters/"+n, ""); code != 200 {
				t.Fatalf("%s not found on %s: %d", n, p.url, code)
			}
		}
		break
	}
	// The sign-in throttle is counted in the database: failures spread over
	// both instances by the balancer lock the account on both.
	for i := 0; i < 12; i++ {
		call(lb.url, "", "POST", "/api/v1/session", `{"username":"admin","password":"wrong-password-123"}`)
	}
	for _, p := range []*proc{a, b} {
		code, body := call(p.url, "", "POST", "/api/v1/session", `{"username":"admin","password":"`+adminPassword+`"}`)
		if code == 200 || code == 201 {
			t.Fatalf("%s let the right password in past the throttle: %d %s", p.url, code, body)
		}
	}
}
