package service_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// office is a service with a hand-moved clock and two people who sign in.
type office struct {
	svc   *service.Service
	st    *store.Store
	clock *fakeClock
	ctx   context.Context
	owner auth.User // signs in from her desk
	other auth.User
}

const (
	ownerPass = "owner-mima-2026"
	otherPass = "other-mima-2026"
	desk      = "198.51.100.7"
)

func newOffice(t *testing.T, s *store.Store) *office {
	t.Helper()
	o := &office{clock: &fakeClock{t: time.Date(2026, 6, 16, 1, 0, 0, 0, time.UTC)}, ctx: context.Background()}
	o.svc = service.New(s, o.clock.Now)
	o.st = s
	o.owner = auth.User{Username: "chenhong", Role: auth.Supervisor, Active: true}
	o.other = auth.User{Username: "wangli", Role: auth.Operator, Active: true}
	if err := o.svc.CreateUser(o.ctx, &o.owner, ownerPass); err != nil {
		t.Fatal(err)
	}
	if err := o.svc.CreateUser(o.ctx, &o.other, otherPass); err != nil {
		t.Fatal(err)
	}
	return o
}

func (o *office) login(addr, name, pw string) (string, error) {
	tok, _, err := o.svc.Login(o.ctx, auth.Anonymous(addr), name, pw)
	return tok, err
}

func (o *office) failures(t *testing.T, bucket, subject string) int {
	t.Helper()
	n, err := o.st.SigninFailures(o.ctx, bucket, subject, o.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSigninPerAccount_Issue8: 330 wrong passwords used to be followed by a sign-in.
// Now the eleventh attempt on an account from addresses it never signed in from is
// refused — also with the right password, so the refusal tells a guesser nothing — while
// the owner at her own desk still gets in.
func TestSigninPerAccount_Issue8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		if _, err := o.login(desk, "chenhong", ownerPass); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 330; i++ {
			_, err := o.login(fmt.Sprintf("203.0.113.%d", i%250+1), "chenhong", fmt.Sprintf("guess-%03d", i))
			want := service.ErrUnauthorized
			if i >= 10 {
				want = service.ErrRateLimited
			}
			if !errors.Is(err, want) {
				t.Fatalf("guess %d: %v, want %v", i+1, err, want)
			}
		}
		if _, err := o.login("203.0.113.77", "chenhong", ownerPass); !errors.Is(err, service.ErrRateLimited) {
			t.Fatalf("right password after 330 guesses from elsewhere: %v", err)
		}
		if _, err := o.login(desk, "chenhong", ownerPass); err != nil {
			t.Fatalf("the owner at her own desk is locked out: %v", err)
		}
		if _, err := o.login("203.0.113.77", "wangli", otherPass); err != nil {
			t.Fatalf("another account is held up: %v", err)
		}
		if n := o.failures(t, "account", service.AccountKey("chenhong")); n != 10 {
			t.Fatalf("account counter %d, want 10: refused attempts write nothing", n)
		}
		// The names differ in case and spaces only: one account.
		if _, err := o.login("203.0.113.78", " ChenHong ", "x"); !errors.Is(err, service.ErrRateLimited) {
			t.Fatalf("another spelling of the name escaped the count: %v", err)
		}
		// A quarter of an hour later the short window has passed: ten more guesses, and
		// the day's limit of 50 then holds until the next day.
		for round := 0; round < 4; round++ {
			o.clock.Add(16 * time.Minute)
			for i := 0; i < 10; i++ {
				if _, err := o.login("203.0.113.9", "chenhong", "nope"); !errors.Is(err, service.ErrUnauthorized) {
					t.Fatalf("round %d guess %d: %v", round, i, err)
				}
			}
		}
		o.clock.Add(16 * time.Minute)
		if _, err := o.login("203.0.113.10", "chenhong", "nope"); !errors.Is(err, service.ErrRateLimited) {
			t.Fatalf("past 50 a day: %v", err)
		}
		o.clock.Add(24 * time.Hour)
		if _, err := o.login("203.0.113.10", "chenhong", ownerPass); err != nil {
			t.Fatalf("the next day: %v", err)
		}
	})
}

// TestSigninPerAddress_Issue8: one address trying many accounts is cut off after 30
// failures, for every account it has not signed in to before.
func TestSigninPerAddress_Issue8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		const spray = "203.0.113.50"
		for i := 0; i < 30; i++ {
			if _, err := o.login(spray, fmt.Sprintf("user%02d", i), "123456"); !errors.Is(err, service.ErrUnauthorized) {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
		}
		if _, err := o.login(spray, "wangli", otherPass); !errors.Is(err, service.ErrRateLimited) {
			t.Fatalf("31st attempt from the address: %v", err)
		}
		if _, err := o.login("203.0.113.51", "wangli", otherPass); err != nil {
			t.Fatalf("the next address is held up: %v", err)
		}
		// IPv6 addresses count by their /64: a host cannot escape by changing its last bits.
		for i := 0; i < 30; i++ {
			_, _ = o.login(fmt.Sprintf("2001:db8:1:2::%x", i+1), fmt.Sprintf("v6user%02d", i), "123456")
		}
		if _, err := o.login("2001:db8:1:2:ffff::1", "wangli", otherPass); !errors.Is(err, service.ErrRateLimited) {
			t.Fatalf("another address of the same /64: %v", err)
		}
	})
}

// TestSigninOwnerBudget_Issue8: at a known address the owner has her own budget, which
// her own mistakes can spend and her next success refills.
func TestSigninOwnerBudget_Issue8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		if _, err := o.login(desk, "chenhong", ownerPass); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 9; i++ {
			if _, err := o.login(desk, "chenhong", "typo"); !errors.Is(err, service.ErrUnauthorized) {
				t.Fatal(err)
			}
		}
		if _, err := o.login(desk, "chenhong", ownerPass); err != nil {
			t.Fatalf("tenth attempt, right: %v", err)
		}
		if n := o.failures(t, "pair", service.AccountKey("chenhong")+"|"+desk); n != 0 {
			t.Fatalf("a success left %d failures at the desk", n)
		}
		if n := o.failures(t, "account", service.AccountKey("chenhong")); n != 0 {
			t.Fatalf("the owner's typos at her desk counted against the account: %d", n)
		}
		for i := 0; i < 10; i++ {
			_, _ = o.login(desk, "chenhong", "typo")
		}
		if _, err := o.login(desk, "chenhong", ownerPass); !errors.Is(err, service.ErrRateLimited) {
			t.Fatalf("eleventh attempt at the desk: %v", err)
		}
		// A stranger's success gives its slots back, so a colleague signing in at the
		// stranger's address is not counted as a failure.
		if _, err := o.login("203.0.113.60", "wangli", "typo"); !errors.Is(err, service.ErrUnauthorized) {
			t.Fatal(err)
		}
		if _, err := o.login("203.0.113.60", "wangli", otherPass); err != nil {
			t.Fatal(err)
		}
		if n := o.failures(t, "address", "203.0.113.60"); n != 1 {
			t.Fatalf("address counter %d, want 1 (the failure only)", n)
		}
	})
}

// TestSigninParallel_Issue8: guesses sent at once cannot overrun the limit, because each
// takes its slot before its password is checked.
func TestSigninParallel_Issue8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		var wg sync.WaitGroup
		var mu sync.Mutex
		checked := 0
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := o.login(fmt.Sprintf("203.0.113.%d", i+1), "wangli", "parallel-guess")
				if errors.Is(err, service.ErrUnauthorized) {
					mu.Lock()
					checked++
					mu.Unlock()
				} else if !errors.Is(err, service.ErrRateLimited) {
					t.Errorf("guess %d: %v", i, err)
				}
			}()
		}
		wg.Wait()
		if checked != 10 {
			t.Fatalf("%d parallel guesses were checked, want exactly 10", checked)
		}
	})
}

// TestSigninBounded_Issue8: an oversized user name or password is a field error before
// anything is looked up or counted; counters are swept when their windows end; and when
// the table fills anyway, strangers wait while owners at known addresses still sign in.
func TestSigninBounded_Issue8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		for _, c := range []struct{ name, pw, field string }{
			{strings.Repeat("a", 1<<20), "x", "username"},
			{strings.Repeat("a", 65), ownerPass, "username"},
			{"chenhong", strings.Repeat("p", 2000), "password"},
		} {
			_, err := o.login("203.0.113.1", c.name, c.pw)
			if errs, ok := invalid.As(err); !ok || errs[0].Field != c.field || errs[0].Code != auth.CodeTooManyBytes {
				t.Fatalf("%d-byte name: %v", len(c.name), err)
			}
		}
		if n, err := s.SigninFailureRows(o.ctx); err != nil || n != 0 {
			t.Fatalf("oversized attempts left %d rows (%v)", n, err)
		}
		if _, err := o.login(desk, "chenhong", ownerPass); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 5; i++ {
			_, _ = o.login(fmt.Sprintf("203.0.113.%d", i+1), fmt.Sprintf("nobody%d", i), "x")
		}
		if n, _ := s.SigninFailureRows(o.ctx); n != 5*4 {
			t.Fatalf("%d rows, want 4 a stranger's failure", n)
		}
		o.clock.Add(24*time.Hour + time.Minute)
		if _, err := o.login(desk, "chenhong", ownerPass); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.SigninFailureRows(o.ctx); n != 0 {
			t.Fatalf("%d rows left after their windows ended", n)
		}
		// Fill the table past its bound, as thousands of addresses would.
		ends := o.clock.Now().Add(15 * time.Minute)
		err := s.Tx(o.ctx, func(tx *store.Tx) error {
			return tx.Exec(o.ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
				INSERT INTO signin_failures (bucket, subject, failures, ends_at) SELECT 'address', 'flood-' || i, 1, $2 FROM n`,
				service.MaxFailureRows+1, ends.UTC())
		})
		if err != nil {
			t.Fatal(err)
		}
		o.clock.Add(2 * time.Minute) // the next attempt sweeps and counts
		if _, err := o.login("203.0.113.200", "wangli", otherPass); !errors.Is(err, service.ErrRateLimited) {
			t.Fatalf("a stranger while the table is full: %v", err)
		}
		if _, err := o.login(desk, "chenhong", ownerPass); err != nil {
			t.Fatalf("the owner at her desk while the table is full: %v", err)
		}
		o.clock.Add(15 * time.Minute)
		if _, err := o.login("203.0.113.200", "wangli", otherPass); err != nil {
			t.Fatalf("after the flood's windows ended: %v", err)
		}
	})
}

// TestSigninUnknownUserTiming: a name that does not exist costs the same password check
// as a wrong password, so timing does not tell which names exist. The work is counted,
// not timed: each attempt derives exactly one password hash.
func TestSigninUnknownUserTiming(t *testing.T) {
	o := newOffice(t, testdb.SQLite(t))
	cost := func(addr, name string) int64 {
		before := auth.Checks()
		if _, err := o.login(addr, name, "wrong-password"); !errors.Is(err, service.ErrUnauthorized) {
			t.Fatalf("%s: %v", name, err)
		}
		return auth.Checks() - before
	}
	if known, unknown := cost("203.0.113.1", "wangli"), cost("203.0.113.2", "nobody-here"); known != 1 || unknown != 1 {
		t.Fatalf("password checks: known name %d, unknown name %d; want one each", known, unknown)
	}
}

// TestSessionsEnd_Issue8: a password change ends the user's other sessions (the one that
// changed it stays); an admin's reset and a deactivation end them all.
func TestSessionsEnd_Issue8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		here, _ := o.login(desk, "chenhong", ownerPass)
		there, _ := o.login("203.0.113.5", "chenhong", ownerPass)
		live := func(tok string) bool {
			_, err := o.svc.UserByToken(o.ctx, tok)
			if err != nil && !errors.Is(err, fault.ErrUnauthorized) {
				t.Fatal(err)
			}
			return err == nil
		}
		if !live(here) || !live(there) {
			t.Fatal("sessions not live")
		}
		if err := o.svc.ChangePassword(o.ctx, &o.owner, here, ownerPass, "new-owner-mima-1"); err != nil {
			t.Fatal(err)
		}
		if !live(here) || live(there) {
			t.Fatalf("after a password change: this session %v (want true), the other %v (want false)", live(here), live(there))
		}
		other, _ := o.login(desk, "wangli", otherPass)
		u, _ := s.User(o.ctx, o.owner.ID)
		if err := o.svc.UpdateUser(o.ctx, &u, "reset-by-admin-1"); err != nil {
			t.Fatal(err)
		}
		if live(here) {
			t.Fatal("an admin's reset left a session")
		}
		if !live(other) {
			t.Fatal("a reset ended another user's session")
		}
		again, err := o.login(desk, "chenhong", "reset-by-admin-1")
		if err != nil {
			t.Fatal(err)
		}
		u, _ = s.User(o.ctx, o.owner.ID)
		u.Active = false
		if err := o.svc.UpdateUser(o.ctx, &u, ""); err != nil {
			t.Fatal(err)
		}
		if live(again) {
			t.Fatal("a deactivated user's session lives on")
		}
		if _, err := o.login(desk, "chenhong", "reset-by-admin-1"); !errors.Is(err, service.ErrUnauthorized) {
			t.Fatalf("a deactivated user signs in: %v", err)
		}
	})
}

// TestSessionTimeouts_Issue8: a session ends after the idle time without a request and
// after the absolute time whatever happens; its last-seen time is written at most once a
// minute.
func TestSessionTimeouts_Issue8(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		start := o.clock.Now()
		tok, err := o.login(desk, "wangli", otherPass)
		if err != nil {
			t.Fatal(err)
		}
		at := func(d time.Duration) error {
			o.clock.Set(start.Add(d))
			_, err := o.svc.UserByToken(o.ctx, tok)
			return err
		}
		seen := func() time.Time {
			now := o.clock.Now()
			_, v, err := s.SessionUser(o.ctx, auth.HashToken(tok), now, now.Add(-24*time.Hour), now.Add(-24*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		if err := at(30 * time.Second); err != nil || !seen().Equal(start) {
			t.Fatalf("half a minute in: %v, last seen %v (want no write yet)", err, seen())
		}
		if err := at(90 * time.Second); err != nil || !seen().Equal(start.Add(90*time.Second)) {
			t.Fatalf("a minute and a half in: %v, last seen %v", err, seen())
		}
		// Used every 1 h 50: idle never reached; 12 h after sign-in it ends anyway.
		d := 90 * time.Second
		for d+110*time.Minute < 12*time.Hour {
			d += 110 * time.Minute
			if err := at(d); err != nil {
				t.Fatalf("at %v: %v", d, err)
			}
		}
		if err := at(12*time.Hour + time.Second); !errors.Is(err, service.ErrUnauthorized) {
			t.Fatalf("past 12 h: %v", err)
		}
		// Idle: 2 h without a request ends it.
		start = o.clock.Now()
		tok, _ = o.login(desk, "wangli", otherPass)
		if err := at(2*time.Hour - time.Second); err != nil {
			t.Fatalf("just under 2 h idle: %v", err)
		}
		if err := at(4*time.Hour - 2*time.Second); err != nil {
			t.Fatalf("just under 2 h idle again: %v", err)
		}
		if err := at(6*time.Hour + time.Second); !errors.Is(err, service.ErrUnauthorized) {
			t.Fatalf("2 h idle: %v", err)
		}
		// Other settings apply at once, also to sessions begun before.
		start = o.clock.Now()
		tok, _ = o.login(desk, "wangli", otherPass)
		o.svc.Sessions = service.SessionPolicy{Idle: 10 * time.Minute, Max: time.Hour}
		if err := at(11 * time.Minute); !errors.Is(err, service.ErrUnauthorized) {
			t.Fatalf("a 10-minute idle setting: %v", err)
		}
		if o.svc.SessionMax() != time.Hour {
			t.Fatal(o.svc.SessionMax())
		}
	})
}

// TestPasswordPolicyOnUsers: the policy applies when a password is set; an existing user
// whose old password is weak still signs in.
func TestPasswordPolicyOnUsers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		for _, pw := range []string{"12345678", "woaini1314", "xiaoming2026", "XiaoMing2026"} {
			u := auth.User{Username: "xiaoming2026", Role: auth.Operator, Active: true}
			if err := o.svc.CreateUser(o.ctx, &u, pw); err == nil {
				t.Errorf("password %q accepted", pw)
			}
		}
		if err := o.svc.ChangePassword(o.ctx, &o.other, "", otherPass, "1234567890"); err == nil {
			t.Error("a common password accepted as a change")
		}
		hash, _ := auth.HashPassword("12345678")
		old := auth.User{Username: "laoyonghu", Role: auth.Operator, Active: true, PasswordHash: hash, CreatedAt: o.clock.Now()}
		if err := s.Tx(o.ctx, func(tx *store.Tx) error { return tx.CreateUser(o.ctx, &old) }); err != nil {
			t.Fatal(err)
		}
		if _, err := o.login(desk, "laoyonghu", "12345678"); err != nil {
			t.Fatalf("an existing weak password no longer signs in: %v", err)
		}
	})
}
