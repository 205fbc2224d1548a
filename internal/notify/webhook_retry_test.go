package notify_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"weiquan/internal/notify"
)

// TestWebhookRetriedThenDelivered: a receiver that is down (503), busy (429) or slow (408) is
// tried again — the failure is not permanent — and the same message, signed afresh, is then
// verified and delivered; a receiver that refuses it (400) is permanent at once.
func TestWebhookRetriedThenDelivered(t *testing.T) {
	answers := []int{503, 429, 408, 200, 400}
	var got []int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !notify.Verify("hook-secret", r.Header, body, time.Now(), time.Minute) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		code := answers[len(got)]
		got = append(got, code)
		w.WriteHeader(code)
	}))
	defer srv.Close()
	w := &notify.WebhookSender{Secret: "hook-secret"}
	m := notify.Message{ID: 4, Kind: "matter_submitted", Channel: notify.Webhook, Recipient: srv.URL, Body: "新投诉"}
	for i, want := range answers {
		_, err := w.Send(context.Background(), m)
		switch {
		case want == 200 && err != nil:
			t.Fatalf("try %d: %v", i+1, err)
		case want == 400 && !notify.IsPermanent(err):
			t.Fatalf("a refusal must be permanent: %v", err)
		case want != 200 && want != 400 && (err == nil || notify.IsPermanent(err)):
			t.Fatalf("HTTP %d must be tried again: %v", want, err)
		}
	}
	if len(got) != len(answers) {
		t.Fatalf("the receiver verified %d of %d tries", len(got), len(answers))
	}
}

// FuzzVerify: a receiver's check of a signed request takes whatever headers and body arrive;
// it never panics and accepts only the signature made with the secret over that very body.
func FuzzVerify(f *testing.F) {
	now := time.Unix(1_780_000_000, 0)
	f.Add(strconv.FormatInt(now.Unix(), 10), "n", notify.Sign("s", now.Unix(), "n", []byte("{}")), []byte("{}"))
	f.Add("", "", "", []byte(nil))
	f.Add("-9223372036854775808", "\x00", "sha256=", []byte("x"))
	f.Add("99999999999999999999", "n", "sha256=00", []byte("x"))
	f.Fuzz(func(t *testing.T, ts, nonce, sig string, body []byte) {
		h := http.Header{}
		h.Set(notify.HeaderTimestamp, ts)
		h.Set(notify.HeaderNonce, nonce)
		h.Set(notify.HeaderSignature, sig)
		if !notify.Verify("s", h, body, now, 5*time.Minute) {
			return
		}
		n, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || sig != notify.Sign("s", n, h.Get(notify.HeaderNonce), body) {
			t.Fatalf("verified a request not signed with the secret: %q %q %q", ts, nonce, sig)
		}
	})
}
