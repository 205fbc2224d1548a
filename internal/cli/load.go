package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

// runLoad measures intake through the real HTTP stack: N complaints from C
// concurrent clients, acknowledged per second and latency percentiles, beside
// the physical limit of the same rows written straight into the store.
func runLoad(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	n := fs.Int("n", 5000, "number of intakes")
	c := fs.Int("c", 32, "concurrent clients")
	target := fs.String("url", "", "measure a running server instead of a fresh in-process one")
	user := fs.String("user", "admin", "user name on the target server")
	pass := fs.String("password", os.Getenv("WEIQUAN_ADMIN_PASSWORD"), "password on the target server")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	url := *target
	if url == "" {
		dir, err := os.MkdirTemp("", "weiquan-load")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		st, err := store.Open(ctx, store.Options{URL: env.DB, DataDir: dir})
		if err != nil {
			return err
		}
		defer st.Close()
		svc := service.New(st, time.Now)
		if env.DB != "" { // a real database: seal its audit entries with its own key
			cfg, _, err := service.AuditConfigFor(env.Data, true)
			if err == nil {
				err = svc.UseAudit(ctx, cfg)
			}
			if err != nil {
				return err
			}
		}
		*pass = "load-test-password"
		if _, err := svc.EnsureAdmin(ctx, *pass); err != nil {
			return err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		var ps []server.Part
		for _, p := range parts {
			ps = append(ps, p(svc))
		}
		srv := &http.Server{Handler: server.New(svc, ps...)}
		go srv.Serve(ln)
		defer srv.Close()
		url = "http://" + ln.Addr().String()
	}
	token, err := loadLogin(url, *user, *pass)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *c, MaxConnsPerHost: *c}, Timeout: 30 * time.Second}
	lat := make([]time.Duration, *n)
	var next, ok, failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < *c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(*n) {
					return
				}
				body := loadBody(int(i))
				t0 := time.Now()
				req, _ := http.NewRequest("POST", url+"/api/v1/matters", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				lat[i] = time.Since(t0)
				if err == nil && resp.StatusCode == http.StatusCreated {
					ok.Add(1)
				} else {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	fmt.Fprintf(env.Stdout, "intake over HTTP: %d acknowledged, %d failed in %.2fs = %.0f/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d clients, GOMAXPROCS %d)\n",
		ok.Load(), failed.Load(), elapsed.Seconds(), float64(ok.Load())/elapsed.Seconds(),
		ms(pct(0.50)), ms(pct(0.95)), ms(pct(0.99)), ms(lat[len(lat)-1]), *c, runtime.GOMAXPROCS(0))
	if *target == "" && env.DB == "" {
		rate, err := rawInsertRate(ctx, *n)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "physical limit, the same rows straight into SQLite (one transaction each, one writer): %.0f/s\n", rate)
	}
	if failed.Load() > 0 {
		return errors.New("some intakes failed")
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func loadBody(i int) []byte {
	b, _ := json.Marshal(casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315,
		Consumer:     casework.Party{Name: "消费者", Phone: fmt.Sprintf("138%08d", i%100000000), Address: "湓城街道人民路1号"},
		MerchantName: "某某超市", MerchantAddress: "人民路2号", Facts: "购买的牛奶已过保质期，要求退货并赔偿。", Request: "退一赔十"})
	return b
}

func loadLogin(url, user, pass string) (string, error) {
	body, _ := json.Marshal(map[string]string{"username": user, "password": pass})
	resp, err := http.Post(url+"/api/v1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		return "", fmt.Errorf("sign in to %s as %s: status %d", url, user, resp.StatusCode)
	}
	return out.Token, nil
}

// rawInsertRate writes n matters with their intake event straight through the
// store, one transaction each: the floor under what the HTTP path can reach.
func rawInsertRate(ctx context.Context, n int) (float64, error) {
	dir, err := os.MkdirTemp("", "weiquan-raw")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, store.Options{DataDir: dir})
	if err != nil {
		return 0, err
	}
	defer st.Close()
	start := time.Now()
	for i := 0; i < n; i++ {
		var in casework.IntakeInput
		_ = json.Unmarshal(loadBody(i), &in)
		now := time.Now()
		m := casework.NewMatters(in, nil, now)[0]
		err := st.Tx(ctx, func(tx *store.Tx) error {
			if err := tx.InsertMatter(ctx, &m); err != nil {
				return err
			}
			ev := casework.Event{MatterID: m.ID, At: now, Action: casework.Intake, To: m.State}
			return tx.AppendEvent(ctx, &ev)
		})
		if err != nil {
			return 0, err
		}
	}
	return float64(n) / time.Since(start).Seconds(), nil
}
