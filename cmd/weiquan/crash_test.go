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
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"weiquan/internal/testdb"
)

const adminPassword = "crash-test-password"

// build compiles the real binary once per test run.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "weiquan-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "weiquan")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

type proc struct {
	cmd *exec.Cmd
	url string
}

var urlRE = regexp.MustCompile(`running at (http://\S+)`)

// start runs the binary and waits until it prints its URL.
func start(t *testing.T, args ...string) *proc {
	t.Helper()
	return startWith(t, nil, args...)
}

func (p *proc) login(t *testing.T) string {
	t.Helper()
	resp, err := http.Post(p.url+"/api/v1/session", "application/json", strings.NewReader(`{"username":"admin","password":"`+adminPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		t.Fatalf("login: %d %v", resp.StatusCode, err)
	}
	return out.Token
}

// TestNothingLostOnSIGKILL_R_P1 sends concurrent intakes to the real binary, kills it with
// SIGKILL midway, restarts it, and finds every matter whose number was acknowledged.
func TestNothingLostOnSIGKILL_R_P1(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary")
	}
	t.Run("sqlite", func(t *testing.T) {
		crashAndCheck(t, "--data", t.TempDir())
	})
	t.Run("postgres", func(t *testing.T) {
		crashAndCheck(t, "--db", testdb.PostgresURL(t), "--data", t.TempDir()) // the data folder holds the audit key and head
	})
}

func crashAndCheck(t *testing.T, dbArgs ...string) {
	p := start(t, dbArgs...)
	token := p.login(t)
	const total, workers, killAfter = 400, 16, 150
	var (
		mu    sync.Mutex
		acked []string
		sent  atomic.Int64
		wg    sync.WaitGroup
	)
	client := &http.Client{Timeout: 10 * time.Second}
	killed := make(chan struct{})
	var killOnce sync.Once
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				i := sent.Add(1)
				if i > total {
					return
				}
				body := fmt.Sprintf(`{"kind":"complaint","channel":"hotline_12315","consumer":{"name":"消费者%d","phone":"138%08d"},"facts":"崩溃测试第%d件：预付卡无法退款","request":"退款"}`, i, i, i)
				req, _ := http.NewRequest("POST", p.url+"/api/v1/matters", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					select {
					case <-killed:
						return // the process is gone; this one was never acknowledged
					default:
						t.Errorf("intake %d before the kill: %v", i, err)
						return
					}
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					continue
				}
				var out struct{ Matters []struct{ Number string } }
				if json.Unmarshal(b, &out) != nil || len(out.Matters) != 1 {
					continue // a truncated body is not an acknowledgement
				}
				mu.Lock()
				acked = append(acked, out.Matters[0].Number)
				n := len(acked)
				mu.Unlock()
				if n == killAfter {
					killOnce.Do(func() {
						close(killed)
						_ = p.cmd.Process.Signal(syscall.SIGKILL)
					})
				}
			}
		}(w)
	}
	wg.Wait()
	_ = p.cmd.Wait()
	select {
	case <-killed:
	default:
		t.Fatal("the process was never killed")
	}
	if len(acked) < killAfter {
		t.Fatalf("only %d acknowledged", len(acked))
	}

	q := start(t, dbArgs...)
	token = q.login(t)
	for _, num := range acked {
		req, _ := http.NewRequest("GET", q.url+"/api/v1/matters/"+num, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"action":"intake"`) {
			t.Errorf("acknowledged %s lost after SIGKILL: %d %s", num, resp.StatusCode, b)
		}
	}
	t.Logf("%d acknowledged before SIGKILL, all found after restart", len(acked))
}

// TestGracefulShutdown: on SIGTERM a request in flight still finishes, then the process exits 0.
func TestGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real binary")
	}
	p := start(t, "--data", t.TempDir())
	token := p.login(t)
	body := `{"kind":"inquiry","channel":"visit","facts":"关闭服务时仍在提交的咨询"}`
	conn, err := net.Dial("tcp", strings.TrimPrefix(p.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/matters HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", token, len(body))
	half := len(body) / 2
	if _, err := conn.Write([]byte(body[:half])); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the server is now reading this request's body
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if _, err := conn.Write([]byte(body[half:])); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight was cut off: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("request in flight: %d", resp.StatusCode)
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("still running 30 s after SIGTERM")
	}
}
