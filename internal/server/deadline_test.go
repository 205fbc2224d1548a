package server

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// echo is a part with one route that reads the body and tells what it got.
type echo struct{ after time.Duration }

func (e echo) Mount(mux *http.ServeMux) {
	mux.HandleFunc("POST /echo", func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "read: "+err.Error(), http.StatusBadRequest)
			return
		}
		time.Sleep(e.after) // work after the upload, past the body's deadline
		if r.Context().Err() != nil {
			http.Error(w, "cancelled", http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "got %d", len(b))
	})
}

func start(t *testing.T, lim Limits, after time.Duration) string {
	t.Helper()
	srv := httptest.NewServer(NewWith(nil, lim, echo{after}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// TestStalledBodyIsDropped: a client that sends its headers and part of a body,
// then stops (or trickles), loses the connection after the body's time is up.
func TestStalledBodyIsDropped(t *testing.T) {
	addr := start(t, Limits{BodyTimeout: 300 * time.Millisecond, BodyRate: 10 << 10}, 0)
	for _, trickle := range []bool{false, true} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nhello")
		began := time.Now()
		stop := make(chan struct{})
		if trickle {
			go func() {
				for {
					select {
					case <-stop:
						return
					case <-time.After(50 * time.Millisecond):
						if _, err := conn.Write([]byte("x")); err != nil {
							return
						}
					}
				}
			}()
		}
		_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		close(stop)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				t.Fatalf("trickle %v: the stalled body was served: %s", trickle, b)
			}
		} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("trickle %v: the server still holds the connection after 5 s", trickle)
		}
		if d := time.Since(began); d > 2*time.Second {
			t.Fatalf("trickle %v: dropped after %v", trickle, d)
		}
	}
}

// TestSteadyUploadKeepsGoing: a body that arrives at the rate or faster may take
// longer than BodyTimeout, and the work after it is not cut short.
func TestSteadyUploadKeepsGoing(t *testing.T) {
	addr := start(t, Limits{BodyTimeout: 200 * time.Millisecond, BodyRate: 4 << 10}, 400*time.Millisecond)
	body := strings.NewReader(strings.Repeat("x", 12<<10))
	pr, pw := io.Pipe()
	go func() {
		buf := make([]byte, 1<<10)
		for { // 1 KB every 50 ms: 20 KB/s, for 600 ms
			n, err := body.Read(buf)
			if err != nil {
				pw.Close()
				return
			}
			pw.Write(buf[:n])
			time.Sleep(50 * time.Millisecond)
		}
	}()
	req, _ := http.NewRequest("POST", "http://"+addr+"/echo", pr)
	req.ContentLength = 12 << 10
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(b) != "got 12288" {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
}

func TestLimitsDefault(t *testing.T) {
	if l := (Limits{}).orDefault(); l != DefaultLimits {
		t.Fatalf("zero limits: %+v", l)
	}
}
