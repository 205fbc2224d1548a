package sipua

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/desk"
	"weiquan/internal/sipua/siptest"
)

type events struct {
	mu   sync.Mutex
	list []desk.Event
}

func (e *events) report(_ context.Context, ev desk.Event) error {
	if err := ev.Validate(); err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.list = append(e.list, ev)
	return nil
}

func (e *events) states() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var s []string
	for _, x := range e.list {
		s = append(s, string(x.State)+":"+x.Caller+":"+x.RecordingRef)
	}
	return strings.Join(s, ",")
}

// TestCallsFromSipp: sipp places calls to the user agent as a PBX forks them to the desk's
// extension — one taken at the desk, one abandoned, one withheld — and the user agent
// reports what happened to each; a withheld number reports nothing (issue 14, point 2).
func TestCallsFromSipp(t *testing.T) {
	siptest.Sipp(t)
	ev := &events{}
	u, err := New(Config{Listen: "127.0.0.1:0", Extension: "12315"}, ev.report, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = u.Serve(ctx) }()
	if out, err := siptest.Place(ctx, t, siptest.Call{To: u.Addr(), Caller: "13800138000", Recording: "rec/2026/a.wav", Ring: 200 * time.Millisecond, Answered: true}); err != nil {
		t.Fatalf("sipp: %v\n%s", err, out)
	}
	if got := ev.states(); got != "ringing:13800138000:rec/2026/a.wav,answered:13800138000:rec/2026/a.wav" {
		t.Errorf("answered call: %s", got)
	}
	ev.list = nil
	if out, err := siptest.Place(ctx, t, siptest.Call{To: u.Addr(), Caller: "13907920000", Ring: 100 * time.Millisecond}); err != nil {
		t.Fatalf("sipp: %v\n%s", err, out)
	}
	if got := ev.states(); !strings.HasPrefix(got, "ringing:13907920000:") || !strings.Contains(got, "ended:13907920000") {
		t.Errorf("abandoned call: %s", got)
	}
	ev.list = nil
	if out, err := siptest.Place(ctx, t, siptest.Call{To: u.Addr(), Caller: "anonymous", Ring: 100 * time.Millisecond}); err != nil {
		t.Fatalf("sipp: %v\n%s", err, out)
	}
	if got := ev.states(); got != "" {
		t.Errorf("a withheld number was reported: %s", got)
	}
}

// TestRegistersWithThePBX: the user agent registers as the desk's extension with a
// registrar (sipp playing the PBX's).
func TestRegistersWithThePBX(t *testing.T) {
	sipp := siptest.Sipp(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	free, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := free.LocalAddr().(*net.UDPAddr).Port
	free.Close()
	reg := exec.CommandContext(ctx, sipp, "-sf", siptest.Scenario(t, "registrar.xml"), "-m", "1", "-i", "127.0.0.1", "-p", fmt.Sprint(port), "-nostdin", "-timeout", "30s", "-timeout_error")
	reg.Dir = os.TempDir()
	var out strings.Builder
	reg.Stdout, reg.Stderr = &out, &out
	if err := reg.Start(); err != nil {
		t.Fatal(err)
	}
	u, err := New(Config{Listen: "127.0.0.1:0", Extension: "12315", Registrar: fmt.Sprintf("127.0.0.1:%d", port), Expires: time.Hour}, (&events{}).report, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.Listen(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = u.Serve(ctx) }()
	// Register only once the registrar listens: a REGISTER sent to a port nobody has bound
	// yet draws an ICMP "port unreachable", which can leave the client's UDP connection
	// unable to read the answer to the next attempt (a flaky failure seen on quiet machines).
	waitUDPBound(t, port, 10*time.Second)
	var regErr error
	for range 5 {
		attempt, stop := context.WithTimeout(ctx, 10*time.Second)
		regErr = u.Register(attempt)
		stop()
		if regErr == nil {
			break
		}
	}
	if regErr != nil {
		t.Fatalf("register: %v\n%s", regErr, out.String())
	}
	if err := reg.Wait(); err != nil {
		t.Errorf("registrar: %v\n%s", err, out.String())
	}
}

// waitUDPBound waits until some process has bound the UDP port on the loopback address,
// reading /proc/net/udp so as never to take the port itself.
func waitUDPBound(t *testing.T, port int, within time.Duration) {
	t.Helper()
	want := fmt.Sprintf(":%04X ", port)
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		b, err := os.ReadFile("/proc/net/udp")
		if err != nil {
			time.Sleep(500 * time.Millisecond) // not Linux: give the registrar a moment instead
			return
		}
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) > 1 && strings.HasSuffix(f[1]+" ", want) {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the registrar did not bind UDP port %d within %s", port, within)
}
