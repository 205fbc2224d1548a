package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"weiquan/internal/server"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
	"weiquan/internal/web"
)

// TestTwoInstancesOneOffice_Issue8: two instances, each with its own store and service
// on one PostgreSQL schema, behave as one office: a session opened on one works on the
// other, failed sign-ins on one count on the other (web and API alike), and a ledger
// previewed on one is committed on the other. With the throttle and the upload stash in
// each process's memory, none of this held.
func TestTwoInstancesOneOffice_Issue8(t *testing.T) {
	dsn := testdb.PostgresURL(t)
	open := func() *store.Store {
		s, err := store.Open(context.Background(), store.Options{URL: dsn})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a := newCounty(t, open())
	b := *a
	b.st = open()
	b.svc = service.New(b.st, func() time.Time { return a.now })
	b.srv = httptest.NewServer(server.New(b.svc, web.New(b.svc)))
	t.Cleanup(b.srv.Close)
	if a.srv.URL == b.srv.URL {
		t.Fatal("one server")
	}

	// Sign in on A; the cookie (same host, another port) works on B, for pages and the API.
	onA := a.anon(t)
	if r := onA.post("/login", url.Values{"username": {"fuzeren"}, "password": {password}}); r.status != 303 {
		t.Fatalf("sign in on A: %d", r.status)
	}
	onB := &client{t: t, c: &b, client: onA.client}
	if r := onB.get("/queue"); r.status != 200 {
		t.Fatalf("A's session on B's queue: %d", r.status)
	}
	if r := onB.get("/api/v1/me"); r.status != 200 || !strings.Contains(r.body, `"username":"fuzeren"`) {
		t.Fatalf("A's session on B's API: %d", r.status)
	}

	// Failed sign-ins: five through A's form, five through B's API, and both are spent.
	for i := 0; i < 5; i++ {
		if r := a.anon(t).post("/login", url.Values{"username": {"zuoxi"}, "password": {"guess-on-a"}}); r.status != 401 {
			t.Fatalf("guess %d on A: %d", i+1, r.status)
		}
	}
	apiLogin := func(c *county, pw string) resp {
		req, _ := http.NewRequest("POST", c.srv.URL+"/api/v1/session", strings.NewReader(`{"username":"zuoxi","password":"`+pw+`"}`))
		req.Header.Set("Content-Type", "application/json")
		return c.anon(t).do(req)
	}
	for i := 0; i < 5; i++ {
		if r := apiLogin(&b, "guess-on-b"); r.status != 401 {
			t.Fatalf("guess %d on B: %d", i+1, r.status)
		}
	}
	if n, err := b.st.SigninFailures(context.Background(), "account", service.AccountKey("zuoxi"), a.now); err != nil || n != 10 {
		t.Fatalf("B counts %d failures (%v), want A's and B's 10", n, err)
	}
	if r := a.anon(t).post("/login", url.Values{"username": {"zuoxi"}, "password": {password}}); r.status != 429 {
		t.Fatalf("right password on A after ten failures on A and B: %d", r.status)
	}
	if r := apiLogin(&b, password); r.status != 429 {
		t.Fatalf("right password on B after ten failures on A and B: %d", r.status)
	}

	// A ledger previewed on A is committed on B, and B shows its result.
	up := uploadLedger(t, onA, "two.csv", []byte("source_id,kind,channel,received_at\nTWO-1,complaint,letter,2024-01-02\nTWO-2,inquiry,visit,2024-01-03\n"))
	if up.status != 200 {
		t.Fatalf("preview on A: %d", up.status)
	}
	form := previewForm(t, up.body, nil)
	r := onB.post("/imports/commit", form)
	if r.status != 303 || !strings.HasPrefix(r.location, "/imports/result/") {
		t.Fatalf("commit on B of A's preview: %d %s", r.status, r.location)
	}
	if res := onB.get(r.location); res.status != 200 || !strings.Contains(res.body, "two.csv") {
		t.Fatalf("result on B: %d", res.status)
	}
	if res := onA.get(r.location); res.status != 200 {
		t.Fatalf("result on A: %d", res.status)
	}
	if again := onA.post("/imports/commit", form); again.status == 303 {
		t.Fatal("committed twice, once on each instance")
	}
	if n := a.matterCount(t); n != 2 {
		t.Fatalf("%d matters imported, want 2", n)
	}

	// Signing out on B ends the session on A.
	if r := onB.post("/logout", nil); r.status != 303 {
		t.Fatalf("sign out on B: %d", r.status)
	}
	if r := onA.get("/queue"); r.status != 303 {
		t.Fatalf("still signed in on A after signing out on B: %d", r.status)
	}
}
