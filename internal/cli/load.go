package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
)

// runLoad measures intake through the real HTTP stack: N complaints from C
// concurrent clients, acknowledged per second and latency percentiles, with
// R readers at once going through the read mix (queue, case page, search,
// yearly report), beside the physical limit of the same machine measured in
// the same invocation (store.RawLimit). --fill first adds synthetic matters
// (store.Fill) so the reads run against a national-size office; --office keeps
// the office in a folder between runs.
func runLoad(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	n := fs.Int("n", 5000, "number of intakes")
	c := fs.Int("c", 32, "concurrent clients")
	readers := fs.Int("readers", 0, "concurrent readers running the read mix during the intakes")
	fill := fs.Int("fill", 0, "synthetic matters to add to the office before measuring (in bulk, its indexes and triggers dropped and rebuilt: never on an office a server is serving)")
	office := fs.String("office", "", "keep the office in this data folder (SQLite) instead of a temporary one")
	raw := fs.Bool("raw", true, "measure the physical limit of the database in the same run")
	oneMerchant := fs.Bool("one-merchant", false, "every complaint against one merchant with the same facts: collective detection at its worst")
	target := fs.String("url", "", "measure a running server instead of a fresh in-process one")
	user := fs.String("user", "admin", "user name on the target server")
	pass := fs.String("password", os.Getenv("WEIQUAN_ADMIN_PASSWORD"), "password on the target server")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the intake phase (server and load generator) to this file")
	traceFile := fs.String("trace", "", "write a Go execution trace of the intake phase to this file (go tool trace: where goroutines waited)")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	if *n < 0 || *c < 1 || *readers < 0 || *fill < 0 || (*n == 0 && *fill == 0) {
		return fmt.Errorf("load: --n must be at least 1 (or 0 with --fill, to fill an office and stop), --c at least 1, --readers and --fill not negative")
	}
	fmt.Fprintf(env.Stdout, "load: %s, %d CPUs, GOMAXPROCS %d, load average %s\n", time.Now().UTC().Format(time.RFC3339), runtime.NumCPU(), runtime.GOMAXPROCS(0), loadAverage())
	url := *target
	if url == "" {
		serverGC() // the server in this process, as `weiquan serve` runs it
		dir := *office
		if dir == "" {
			tmp, err := os.MkdirTemp("", "weiquan-load")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			dir = tmp
		}
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
		if *fill > 0 {
			if err := loadFill(ctx, env, svc, st, *fill); err != nil {
				return err
			}
			if *n == 0 { // fill only: the office is ready for later runs with --office
				return nil
			}
		}
		*pass = "load-test-password"
		if _, err := svc.EnsureAdmin(ctx, *pass); err != nil { // an office kept with --office keeps this password
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
		defer func() {
			if commits, commands := st.GroupStats(); commits > 0 {
				fmt.Fprintf(env.Stdout, "group commit: %d commands in %d transactions (%.1f a transaction)\n", commands, commits, float64(commands)/float64(commits))
			}
		}()
	}
	token, err := loadLogin(url, *user, *pass)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *c + *readers, MaxConnsPerHost: *c + *readers}, Timeout: 60 * time.Second}
	var ok, failed atomic.Int64
	var numMu sync.Mutex
	numbers := []string{}
	done := make(chan struct{})
	reads := startReads(client, url, token, *readers, done, func() string {
		numMu.Lock()
		defer numMu.Unlock()
		if len(numbers) == 0 {
			return "B1"
		}
		return numbers[rand.IntN(len(numbers))]
	})
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	if *traceFile != "" {
		f, err := os.Create(*traceFile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := trace.Start(f); err != nil {
			return err
		}
	}
	cpu0, cpuOK := processCPU()
	lat, okN, failedN, elapsed := postIntakes(client, url, token, *n, *c, *oneMerchant, func(number string) {
		numMu.Lock()
		if len(numbers) < 100000 {
			numbers = append(numbers, number)
		}
		numMu.Unlock()
	})
	ok.Store(okN)
	failed.Store(failedN)
	if *cpuprofile != "" {
		pprof.StopCPUProfile()
	}
	if *traceFile != "" {
		trace.Stop()
	}
	close(done)
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	fmt.Fprintf(env.Stdout, "intake over HTTP: %d acknowledged, %d failed in %.2fs = %.0f/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d clients)\n",
		ok.Load(), failed.Load(), elapsed.Seconds(), float64(ok.Load())/elapsed.Seconds(),
		ms(pct(0.50)), ms(pct(0.95)), ms(pct(0.99)), ms(lat[len(lat)-1]), *c)
	if cpu1, ok := processCPU(); ok && cpuOK && *n > 0 {
		used := cpu1 - cpu0
		fmt.Fprintf(env.Stdout, "CPU of this process during the intakes (server and load generator, not a separate database server): %.2f s = %.0f µs an intake\n",
			used.Seconds(), float64(used.Microseconds())/float64(*n))
	}
	for _, line := range reads() {
		fmt.Fprintln(env.Stdout, line)
	}
	if *target == "" {
		fmt.Fprintf(env.Stdout, "memory of this process (server and load generator): %s\n", rssText())
	}
	if *raw && *target == "" {
		rawDir, err := os.MkdirTemp("", "weiquan-raw")
		if err != nil {
			return err
		}
		defer os.RemoveAll(rawDir)
		rate, err := store.RawLimit(ctx, store.Options{URL: env.DB, DataDir: rawDir}, *n, 16)
		if err != nil {
			return err
		}
		db := "SQLite"
		if env.DB != "" {
			db = "PostgreSQL"
		}
		fmt.Fprintf(env.Stdout, "physical limit of %s on this machine, same run: %.0f durable single-row inserts/s (~1 KB rows, one a transaction, 16 writers, no index); intake is %.0f%% of it\n",
			db, rate, 100*float64(ok.Load())/elapsed.Seconds()/rate)
		hrate, err := httpCeiling(*n, *c, *oneMerchant)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "HTTP ceiling of this machine, same run: %.0f/s (the same %d clients and bodies against a handler that only decodes the body and answers 201, no store); intake is %.0f%% of it\n",
			hrate, *c, 100*float64(ok.Load())/elapsed.Seconds()/hrate)
	}
	if failed.Load() > 0 {
		return errors.New("some intakes failed")
	}
	return nil
}

// postIntakes files n complaints over HTTP from c clients at once and
// returns each one's latency, how many were acknowledged (201) and failed,
// and the time it took; got hears the first case number of each.
func postIntakes(client *http.Client, url, token string, n, c int, oneMerchant bool, got func(string)) ([]time.Duration, int64, int64, time.Duration) {
	lat := make([]time.Duration, n)
	var next, ok, failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				body := loadBody(int(i), oneMerchant)
				t0 := time.Now()
				req, _ := http.NewRequest("POST", url+"/api/v1/matters", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				var out struct{ Matters []struct{ Number string } }
				if err == nil {
					_ = json.NewDecoder(resp.Body).Decode(&out)
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				lat[i] = time.Since(t0)
				if err == nil && resp.StatusCode == http.StatusCreated {
					ok.Add(1)
					if len(out.Matters) > 0 {
						got(out.Matters[0].Number)
					}
				} else {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return lat, ok.Load(), failed.Load(), time.Since(start)
}

// httpCeiling is how many of the load's intakes per second this machine's
// HTTP stack carries with no work behind it: the same clients and bodies
// against a handler that decodes the body and answers 201 with a number —
// the part of an intake's cost no store or rule can remove, measured in the
// same run as the intake and the raw limit.
func httpCeiling(n, c int, oneMerchant bool) (float64, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in casework.IntakeInput
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"matters":[{"number":"B1"}]}`))
	})}
	go srv.Serve(ln)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c, MaxConnsPerHost: c}, Timeout: 60 * time.Second}
	defer client.CloseIdleConnections()
	_, ok, failed, elapsed := postIntakes(client, "http://"+ln.Addr().String(), "none", n, c, oneMerchant, func(string) {})
	if failed > 0 {
		return 0, fmt.Errorf("HTTP ceiling: %d of %d requests failed", failed, n)
	}
	return float64(ok) / elapsed.Seconds(), nil
}

// loadFill adds n synthetic matters with their merchants and timelines (a
// city and ten towns first, when the office has no area), printing the time
// of each phase of the bulk fill.
func loadFill(ctx context.Context, env *Env, svc *service.Service, st *store.Store, n int) error {
	areas, err := svc.Areas(ctx, auth.System)
	if err != nil {
		return err
	}
	if len(areas) == 0 {
		city := dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
		if err := svc.CreateArea(ctx, &city); err != nil {
			return err
		}
		for i := 0; i < 10; i++ {
			town := dispatch.Area{ParentID: &city.ID, Name: fmt.Sprintf("镇%02d", i), Level: dispatch.Township}
			if err := svc.CreateArea(ctx, &town); err != nil {
				return err
			}
		}
	}
	_, have, err := st.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Limit: 1})
	if err != nil {
		return err
	}
	t0 := time.Now()
	if err := st.Fill(ctx, have, n, 2025, env.Stdout); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "fill: %d matters added in %.1fs (%d stored before)\n", n, time.Since(t0).Seconds(), have)
	return nil
}

// startReads runs the read mix from r clients until done is closed; the
// returned function waits for them and gives one line per kind of read.
func startReads(client *http.Client, url, token string, r int, done <-chan struct{}, number func() string) func() []string {
	kinds := []struct {
		name string
		path func() string
	}{
		{"queue (county, open, by deadline)", func() string { return "/api/v1/matters?sort=due&open=1" }},
		{"case page", func() string { return "/api/v1/matters/" + number() }},
		{"search 2 characters", func() string { return "/api/v1/matters?q=%E8%B4%A8%E9%87%8F" }},                   // 质量
		{"search 4 characters", func() string { return "/api/v1/matters?q=%E8%B4%A8%E9%87%8F%E9%97%AE%E9%A2%98" }}, // 质量问题
		{"yearly report", func() string { return "/api/v1/reports/summary?from=2025-01-01&to=2025-12-31" }},
	}
	var mu sync.Mutex
	lat := make([][]time.Duration, len(kinds))
	errs := make([]int, len(kinds))
	var wg sync.WaitGroup
	for w := 0; w < r; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				k := i % len(kinds)
				req, _ := http.NewRequest("GET", url+kinds[k].path(), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				d := time.Since(t0)
				mu.Lock()
				lat[k] = append(lat[k], d)
				if err != nil || (resp.StatusCode != http.StatusOK && !(k == 1 && resp.StatusCode == http.StatusNotFound)) {
					errs[k]++
				}
				mu.Unlock()
			}
		}()
	}
	return func() []string {
		wg.Wait()
		var out []string
		for k, kind := range kinds {
			l := lat[k]
			if len(l) == 0 {
				continue
			}
			slices.Sort(l)
			p := func(q float64) float64 { return ms(l[int(q*float64(len(l)-1))]) }
			out = append(out, fmt.Sprintf("read %s: %d requests, %d errors; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", kind.name, len(l), errs[k], p(0.5), p(0.95), p(0.99)))
		}
		return out
	}
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// rssText is the resident memory now and at its peak (Linux).
func rssText() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	var now, peak string
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			now = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			peak = strings.TrimSpace(v)
		}
	}
	return "RSS " + now + ", peak " + peak
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// loadBody is the i-th complaint of the load. By default complaints spread as a
// province's do: most against one of 5,000 merchants, one in ten against 20
// busy ones (so collective detection sees real clusters), with facts from a
// dozen kinds of dispute. oneMerchant sends one merchant the same facts every
// time, where each intake joins one collective case and compares itself with
// its whole window.
func loadBody(i int, oneMerchant bool) []byte {
	in := casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315,
		Consumer:     casework.Party{Name: "消费者", Phone: fmt.Sprintf("138%08d", i%100000000), Address: "湓城街道人民路1号"},
		MerchantName: "某某超市", MerchantAddress: "人民路2号", Facts: "购买的牛奶已过保质期，要求退货并赔偿。", Request: "退一赔十"}
	if !oneMerchant {
		h := uint32(i) * 2654435761 // scatter consecutive intakes
		m := int(h % 5000)
		if h%10 == 0 {
			m = int(h/10) % 20
		}
		f := loadFacts[int(h>>8)%len(loadFacts)]
		in.MerchantName = fmt.Sprintf("%s%d号店", loadShops[m%len(loadShops)], m)
		in.MerchantAddress = fmt.Sprintf("人民路%d号", m+1)
		in.Facts = fmt.Sprintf(f[0], 20+int(h>>4)%980)
		in.Request = f[1]
	}
	b, _ := json.Marshal(in)
	return b
}

var loadShops = []string{"好又多超市", "美发沙龙", "健身会所", "培训学校", "家电商城", "手机专卖", "汽车维修", "装修公司", "餐饮店", "旅行社"}

var loadFacts = [][2]string{
	{"购买的牛奶已过保质期，花费%d元，要求退货并赔偿。", "退一赔十"},
	{"办理预付卡充值%d元后店铺关门，余额无法退还。", "退还余额"},
	{"网购商品%d元，收到后发现质量问题，商家拒绝七天无理由退货。", "退货退款"},
	{"理发时被推销办卡，强制消费%d元。", "退还费用"},
	{"购买的电饭煲使用三天后无法加热，价格%d元，商家拒绝维修。", "更换新品"},
	{"培训机构停课，已交学费%d元不予退还。", "退还学费"},
	{"手机维修后仍有故障，维修费%d元。", "免费重修"},
	{"餐厅菜品中发现异物，消费%d元。", "赔偿"},
	{"装修工程延期两个月，已付款%d元。", "按合同赔偿"},
	{"旅行团擅自更改行程，团费%d元。", "退还差价"},
	{"汽车保养收费%d元，项目与约定不符。", "退还多收费用"},
	{"健身房转让后拒绝继续服务，会员费%d元。", "继续履行或退费"},
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
