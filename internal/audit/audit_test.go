package audit

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"
)

var (
	key      = bytes.Repeat([]byte{7}, KeySize)
	otherKey = bytes.Repeat([]byte{9}, KeySize)
)

// TestPlainSealUnchanged_R_P8: the plain seal is byte for byte the one written before
// keys existed, so logs from older versions still verify after the upgrade.
func TestPlainSealUnchanged_R_P8(t *testing.T) {
	id := int64(7)
	e := Entry{At: time.Date(2026, 11, 30, 2, 0, 0, 123456000, time.UTC), ActorID: &id, ActorName: "boss", Action: "create", Entity: "user", Ref: "12", Data: `{"a":"中文"}`}
	e.Seal(Genesis)
	if e.Hash != "57bcea0a9d647bc8f385669e1aa1bc53f28252b697eef44f2c04c8e9caf8fbeb" {
		t.Fatalf("plain seal changed: %s", e.Hash)
	}
	e2 := Entry{At: time.Date(2026, 11, 30, 2, 0, 1, 0, time.UTC), ActorName: "system", Action: "read_personal", Entity: "matter", Ref: "20261130-000001"}
	e2.Seal(e.Hash)
	if e2.Hash != "0215303d9c9a1f0070ee086e46d4c2ec7ae18952e059959b1c413cbedc324829" {
		t.Fatalf("plain seal changed: %s", e2.Hash)
	}
}

// build writes plain entries, then keyed ones, as the store would.
func build(plain, keyed int) []Entry {
	var log []Entry
	prev := Genesis
	for i := range plain + keyed {
		e := Entry{ID: int64(i + 1), At: time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC), ActorName: "admin", Action: "update",
			Entity: "user", Ref: fmt.Sprint(i), Data: fmt.Sprintf(`{"n":%d}`, i)}
		if i < plain {
			e.Seal(prev)
		} else {
			e.SealKeyed(key, prev, int64(i+1))
		}
		prev = e.Hash
		log = append(log, e)
	}
	return log
}

func headOf(log []Entry, k []byte) *Head {
	last := log[len(log)-1]
	h := Next(&last, int64(len(log)), time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	h.Sign(k)
	return &h
}

// reseal seals log[from:] again as an attacker would: with a key, or plain when k is nil.
func reseal(log []Entry, from int, k []byte, keepKeyedFlag bool) {
	prev := Genesis
	if from > 0 {
		prev = log[from-1].Hash
	}
	for i := from; i < len(log); i++ {
		switch {
		case k != nil:
			log[i].SealKeyed(k, prev, int64(i+1))
		case keepKeyedFlag:
			log[i].PrevHash = prev
			log[i].Hash = log[i].plain()
		default:
			log[i].Seal(prev)
		}
		prev = log[i].Hash
	}
}

func remove(log []Entry, i int) []Entry { return append(log[:i:i], log[i+1:]...) }

func run(c Check, log []Entry) (Report, error) {
	i := 0
	return Verify(c, func() (*Entry, error) {
		if i == len(log) {
			return nil, nil
		}
		i++
		return &log[i-1], nil
	})
}

// TestVerify_R_P8 is every way of cutting or rewriting the log someone with write
// access to the database (but not to the key or the head) could try, and what finds it.
func TestVerify_R_P8(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(log []Entry, h **Head) []Entry
		check  func(c *Check)
		want   string // problem code; "" passes
		warn   string
	}{
		{name: "untouched: plain entries from before keys, then keyed ones (upgrade)", want: ""},
		{name: "cut the last 2 entries", tamper: func(l []Entry, _ **Head) []Entry { return l[:len(l)-2] }, want: Cut},
		{name: "cut the last entry and append another in its place", tamper: func(l []Entry, _ **Head) []Entry {
			l = l[:len(l)-1]
			e := Entry{ID: 10, At: time.Now(), ActorName: "x", Action: "a", Entity: "b"}
			e.SealKeyed(key, l[len(l)-1].Hash, int64(len(l)+1))
			return append(l, e)
		}, want: HeadMismatch},
		{name: "remove a middle keyed entry and reseal later ones with plain SHA-256", tamper: func(l []Entry, _ **Head) []Entry {
			l = remove(l, 5)
			reseal(l, 5, nil, true)
			return l
		}, want: PlainReseal},
		{name: "remove a middle keyed entry and rewrite the rest as plain entries", tamper: func(l []Entry, _ **Head) []Entry {
			l = remove(l, 5)
			reseal(l, 5, nil, false)
			return l
		}, want: Unkeyed},
		{name: "remove a middle keyed entry and reseal with another key", tamper: func(l []Entry, _ **Head) []Entry {
			l = remove(l, 5)
			reseal(l, 5, otherKey, false)
			return l
		}, want: BadSeal},
		{name: "remove a middle entry and reseal with the real key: the head still counts it", tamper: func(l []Entry, _ **Head) []Entry {
			l = remove(l, 5)
			reseal(l, 5, key, false)
			return l
		}, want: Cut},
		{name: "remove a middle entry without resealing", tamper: func(l []Entry, _ **Head) []Entry { return remove(l, 6) }, want: Broken},
		{name: "change a keyed entry's data", tamper: func(l []Entry, _ **Head) []Entry { l[6].Data = `{"n":"x"}`; return l }, want: BadSeal},
		{name: "change a plain entry's data", tamper: func(l []Entry, _ **Head) []Entry { l[1].Data = `{}`; return l }, want: Changed},
		{name: "rewrite the old plain history and reseal it", tamper: func(l []Entry, _ **Head) []Entry {
			l[0].Data = `{}`
			prev := Genesis
			for i := range 3 {
				l[i].Seal(prev)
				prev = l[i].Hash
			}
			return l
		}, want: Broken},
		{name: "rewrite the whole log as plain entries", tamper: func(l []Entry, _ **Head) []Entry { reseal(l, 0, nil, false); return l }, want: HeadMismatch},
		{name: "a plain entry after keyed ones", tamper: func(l []Entry, h **Head) []Entry {
			e := Entry{ID: 11, At: time.Now(), ActorName: "x", Action: "a", Entity: "b"}
			e.Seal(l[len(l)-1].Hash)
			l = append(l, e)
			*h = headOf(l, key)
			return l
		}, want: Unkeyed},
		{name: "head missing once keyed entries exist", tamper: func(l []Entry, h **Head) []Entry { *h = nil; return l }, want: HeadMissing},
		{name: "head written with another key", tamper: func(l []Entry, h **Head) []Entry { *h = headOf(l, otherKey); return l }, want: WrongKey},
		{name: "head count lowered in the file", tamper: func(l []Entry, h **Head) []Entry { (*h).Count--; return l }, want: HeadInvalid},
		{name: "no key configured", check: func(c *Check) { c.Key, c.Head = nil, nil; c.KeepHead = false }, want: NoKey},
		{name: "instance without a head: keyed log passes with a warning", check: func(c *Check) { c.Head, c.KeepHead = nil, false }, warn: HeadNotKept},
		{name: "entries are appended after the head: the head still verifies", tamper: func(l []Entry, _ **Head) []Entry {
			e := Entry{ID: 11, At: time.Now(), ActorName: "x", Action: "a", Entity: "b"}
			e.SealKeyed(key, l[len(l)-1].Hash, 11)
			return append(l, e)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			log := build(3, 7)
			h := headOf(log, key)
			if tc.tamper != nil {
				log = tc.tamper(log, &h)
			}
			c := Check{Key: key, Head: h, KeepHead: true}
			if tc.check != nil {
				tc.check(&c)
			}
			r, err := run(c, log)
			got := ""
			if r.Problem != nil {
				got = r.Problem.Code
				var p *Problem
				if !errors.As(err, &p) || p != r.Problem {
					t.Errorf("problem not returned as the error: %v", err)
				}
			}
			if got != tc.want || r.Warning != tc.warn {
				t.Fatalf("problem %q warning %q (%v), want %q %q", got, r.Warning, err, tc.want, tc.warn)
			}
		})
	}
}

// TestVerifyPlainLog_R_P8: a log from before keys, with no head yet, passes with a
// warning that says so; a missing head is only a failure once keyed entries exist.
func TestVerifyPlainLog_R_P8(t *testing.T) {
	log := build(4, 0)
	r, err := run(Check{Key: key, KeepHead: true}, log)
	if err != nil || r.Warning != HeadNotWritten || r.Plain != 4 || r.Keyed != 0 {
		t.Fatalf("%+v %v", r, err)
	}
	log[2].Data = "x"
	if _, err := run(Check{Key: key, KeepHead: true}, log); err == nil {
		t.Fatal("a changed plain entry passed")
	}
}

func TestHeadRoundTrip(t *testing.T) {
	log := build(0, 2)
	h := headOf(log, key)
	got, err := DecodeHead(h.Encode())
	if err != nil || !got.Valid(key) || got.Valid(otherKey) || got.Count != 2 || got.LastID != 2 {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := DecodeHead([]byte(`{"count":3}`)); err == nil {
		t.Fatal("a head without an entry accepted")
	}
	if _, err := ParseKey("abc"); err == nil {
		t.Fatal("short key accepted")
	}
	if k, err := ParseKey(fmt.Sprintf("%x\n", key)); err != nil || !bytes.Equal(k, key) {
		t.Fatalf("%x %v", k, err)
	}
}
