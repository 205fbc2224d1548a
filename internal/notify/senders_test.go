package notify_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"weiquan/internal/notify"
	"weiquan/internal/notify/notifytest"
)

// TestSMTPDeliversUTF8: a message goes to a real SMTP server on the loopback address, signed
// in, and arrives with its Chinese subject and body intact; a mailbox the server refuses is a
// permanent failure.
func TestSMTPDeliversUTF8(t *testing.T) {
	srv := notifytest.StartSMTP(t)
	srv.Username, srv.Password = "weiquan", "s3cret-pass"
	s := &notify.SMTP{Host: srv.Host, Port: srv.Port, Username: "weiquan", Password: "s3cret-pass", TLS: "none",
		From: "消费者权益保护委员会 <noreply@weiquan.example.cn>", Timeout: 5 * time.Second}
	m := notify.Message{ID: 7, Kind: notify.KindPortalReceipt, Channel: notify.Email, Recipient: "li@example.cn", Lang: "zh-CN",
		Subject: "您的诉求已登记：20260506-000001", Body: "【维权通】您的诉求已登记，编号 20260506-000001，查询码 7KQ4M-2XDPA。"}
	detail, err := s.Send(context.Background(), m)
	if err != nil {
		t.Fatalf("send: %v (%s)", err, detail)
	}
	got := srv.To("li@example.cn")
	if len(got) != 1 || got[0].Subject != m.Subject || !strings.Contains(got[0].Body, "查询码 7KQ4M-2XDPA") ||
		!strings.Contains(strings.ToLower(got[0].Header.Get("Content-Type")), "charset=utf-8") {
		t.Fatalf("arrived %+v", got)
	}
	srv.Refuse("gone@example.cn")
	m.Recipient = "gone@example.cn"
	if _, err := s.Send(context.Background(), m); err == nil || !notify.IsPermanent(err) {
		t.Fatalf("refused mailbox: %v (permanent %v)", err, notify.IsPermanent(err))
	}
	bad := *s
	bad.Password = "wrong"
	m.Recipient = "li@example.cn"
	if _, err := bad.Send(context.Background(), m); err == nil {
		t.Fatal("sent with a wrong password")
	}
}

// gateway is an SMS gateway on loopback that checks every signature and answers as told.
type gateway struct {
	mu       sync.Mutex
	secret   string
	statuses []int // answered in turn; 200 once they run out
	got      []map[string]any
	badSig   int
}

func (g *gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	g.mu.Lock()
	defer g.mu.Unlock()
	if !notify.Verify(g.secret, r.Header, body, time.Now(), 5*time.Minute) {
		g.badSig++
		http.Error(w, `{"code":"SignatureDoesNotMatch"}`, http.StatusForbidden)
		return
	}
	var doc map[string]any
	_ = json.Unmarshal(body, &doc)
	g.got = append(g.got, doc)
	status := 200
	if len(g.statuses) > 0 {
		status, g.statuses = g.statuses[0], g.statuses[1:]
	}
	w.WriteHeader(status)
	if status == 200 {
		_, _ = w.Write([]byte(`{"code":"OK","biz_id":"123^0"}`))
	}
}

// TestSMSGatewaySignsAndClassifies: the built-in JSON shape, signed; 503 is tried again, 400 and a
// wrong signature are not.
func TestSMSGatewaySignsAndClassifies(t *testing.T) {
	g := &gateway{secret: "gw-secret", statuses: []int{503, 400}}
	srv := httptest.NewServer(g)
	defer srv.Close()
	s := &notify.SMSGateway{URL: srv.URL, Key: "office-key", Secret: "gw-secret", SignName: "维权通", TemplateID: "SMS_0001"}
	m := notify.Message{ID: 9, Kind: notify.KindPortalCode, Channel: notify.SMS, Recipient: "13900139000", Body: "【维权通】验证码 123456"}
	if _, err := s.Send(context.Background(), m); err == nil || notify.IsPermanent(err) {
		t.Fatalf("503: %v", err)
	}
	if _, err := s.Send(context.Background(), m); err == nil || !notify.IsPermanent(err) {
		t.Fatalf("400: %v", err)
	}
	if _, err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("200: %v", err)
	}
	doc := g.got[2]
	if doc["phone_numbers"] != "13900139000" || doc["sign_name"] != "维权通" || doc["template_code"] != "SMS_0001" ||
		doc["template_param"].(map[string]any)["content"] != m.Body || g.badSig != 0 {
		t.Fatalf("gateway got %v (bad signatures %d)", doc, g.badSig)
	}
	wrong := *s
	wrong.Secret = "not-the-secret"
	if _, err := wrong.Send(context.Background(), m); !notify.IsPermanent(err) || g.badSig != 1 {
		t.Fatalf("wrong secret: %v", err)
	}
	custom := *s
	custom.Template = `{"mobile":{{json .Phone}},"text":{{json .Content}}}`
	if _, err := custom.Send(context.Background(), m); err != nil || g.got[len(g.got)-1]["text"] != m.Body {
		t.Fatalf("custom template: %v %v", err, g.got[len(g.got)-1])
	}
}

// TestWebhookIsSigned: the receiver verifies every delivery; an old timestamp or a changed body fails.
func TestWebhookIsSigned(t *testing.T) {
	var mu sync.Mutex
	var verified, refused int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if !notify.Verify("hook-secret", r.Header, body, time.Now(), 5*time.Minute) {
			refused++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		verified++
	}))
	defer srv.Close()
	w := &notify.WebhookSender{Secret: "hook-secret"}
	m := notify.Message{ID: 3, Kind: "matter_submitted", Channel: notify.Webhook, Recipient: srv.URL, Body: "新投诉 20260506-000001",
		Payload: map[string]any{"number": "20260506-000001"}}
	for range 3 {
		if _, err := w.Send(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	old := &notify.WebhookSender{Secret: "hook-secret", Now: func() time.Time { return time.Now().Add(-time.Hour) }}
	if _, err := old.Send(context.Background(), m); !notify.IsPermanent(err) {
		t.Fatalf("an hour-old signature: %v", err)
	}
	h := http.Header{}
	body := []byte(`{"a":1}`)
	ts := time.Now().Unix()
	h.Set(notify.HeaderTimestamp, itoa(ts))
	h.Set(notify.HeaderNonce, "n")
	h.Set(notify.HeaderSignature, notify.Sign("hook-secret", ts, "n", body))
	if !notify.Verify("hook-secret", h, body, time.Now(), time.Minute) || notify.Verify("hook-secret", h, []byte(`{"a":2}`), time.Now(), time.Minute) {
		t.Fatal("Verify")
	}
	if verified != 3 || refused != 1 {
		t.Fatalf("verified %d refused %d", verified, refused)
	}
}

func itoa(n int64) string { return jsonInt(n) }

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }
