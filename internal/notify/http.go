package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// Signature headers of the office's HTTP messages (SMS gateway and webhooks).
const (
	HeaderTimestamp = "X-Weiquan-Timestamp"
	HeaderNonce     = "X-Weiquan-Nonce"
	HeaderSignature = "X-Weiquan-Signature" // "sha256=" + hex HMAC-SHA256 over "<timestamp>.<nonce>.<body>"
	HeaderKey       = "X-Weiquan-Key"       // the office's key at the gateway, when it has one
)

// Sign is the signature header's value for a body sent at unix time ts with a nonce.
func Sign(secret string, ts int64, nonce string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.%s.", ts, nonce)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a signed request as a receiver would: the signature, and a timestamp within
// skew of now (so an old request cannot be replayed later).
func Verify(secret string, h http.Header, body []byte, now time.Time, skew time.Duration) bool {
	ts, err := strconv.ParseInt(h.Get(HeaderTimestamp), 10, 64)
	if err != nil {
		return false
	}
	if d := now.Sub(time.Unix(ts, 0)); d > skew || d < -skew {
		return false
	}
	return hmac.Equal([]byte(Sign(secret, ts, h.Get(HeaderNonce), body)), []byte(h.Get(HeaderSignature)))
}

// post sends a signed JSON body and classifies the answer: 2xx delivered; 408, 429, 5xx and
// network failures tried again; any other status a refusal no retry mends.
func post(ctx context.Context, c *http.Client, url, key, secret string, now time.Time, body []byte, headers map[string]string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, "", Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "weiquan")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	if secret != "" {
		nb := make([]byte, 12)
		_, _ = rand.Read(nb)
		nonce, ts := hex.EncodeToString(nb), now.Unix()
		req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
		req.Header.Set(HeaderNonce, nonce)
		req.Header.Set(HeaderSignature, Sign(secret, ts, nonce, body))
	}
	if key != "" {
		req.Header.Set(HeaderKey, key)
	}
	if c == nil {
		c = &http.Client{Timeout: 15 * time.Second}
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	ans, _ := io.ReadAll(io.LimitReader(res.Body, 2048))
	detail := fmt.Sprintf("HTTP %d %s", res.StatusCode, strings.TrimSpace(string(ans)))
	switch s := res.StatusCode; {
	case s >= 200 && s < 300:
		return s, detail, nil
	case s == http.StatusRequestTimeout || s == http.StatusTooManyRequests || s >= 500:
		return s, detail, fmt.Errorf("HTTP %d", s)
	default:
		return s, detail, Permanent(fmt.Errorf("HTTP %d", s))
	}
}

// SMSGateway delivers the SMS channel through a provider's HTTP gateway. The request body is
// the Template filled with the message (JSON, see BuiltinSMSTemplate), signed with the
// secret; a 2xx answer whose "code" (when there is one) is 0, "0" or "OK" is delivered.
type SMSGateway struct {
	URL        string
	Key        string // the office's key at the provider (sent as X-Weiquan-Key)
	Secret     string // signs every request
	SignName   string // the registered signature, e.g. 维权通
	TemplateID string // the provider's template of a free-text notice
	Template   string // text/template of the body; empty: BuiltinSMSTemplate
	Client     *http.Client
	Now        func() time.Time
}

// BuiltinSMSTemplate is the JSON shape the common Chinese providers take (phone numbers, a
// signature name, a template code and its parameters), with the whole text as "content".
const BuiltinSMSTemplate = `{"phone_numbers":{{json .Phone}},"sign_name":{{json .SignName}},"template_code":{{json .TemplateID}},` +
	`"template_param":{"content":{{json .Content}}},"out_id":{{json .OutID}}}`

// SMSFields are what an SMS template may use.
type SMSFields struct {
	Phone, SignName, TemplateID, Content, Kind, Lang, OutID string
}

// Send delivers one message.
func (g *SMSGateway) Send(ctx context.Context, m Message) (string, error) {
	tpl := g.Template
	if tpl == "" {
		tpl = BuiltinSMSTemplate
	}
	t, err := template.New("sms").Funcs(template.FuncMap{"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	}}).Parse(tpl)
	if err != nil {
		return "", Permanent(fmt.Errorf("sms: template: %w", err))
	}
	var body bytes.Buffer
	f := SMSFields{Phone: m.Recipient, SignName: g.SignName, TemplateID: g.TemplateID, Content: m.Body, Kind: m.Kind, Lang: m.Lang,
		OutID: "weiquan-" + strconv.FormatInt(m.ID, 10)}
	if err := t.Execute(&body, f); err != nil {
		return "", Permanent(fmt.Errorf("sms: template: %w", err))
	}
	if !json.Valid(body.Bytes()) {
		return "", Permanent(fmt.Errorf("sms: the template does not make JSON"))
	}
	_, detail, err := post(ctx, g.Client, g.URL, g.Key, g.Secret, g.now(), body.Bytes(), nil)
	if err != nil {
		return detail, fmt.Errorf("sms: %w", err)
	}
	if i := strings.Index(detail, "{"); i >= 0 {
		var ans struct {
			Code any `json:"code"`
		}
		if json.Unmarshal([]byte(detail[i:]), &ans) == nil && ans.Code != nil {
			switch fmt.Sprint(ans.Code) {
			case "0", "OK", "ok", "200":
			default:
				return detail, fmt.Errorf("sms: the gateway answered code %v", ans.Code)
			}
		}
	}
	return detail, nil
}

func (g *SMSGateway) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

// WebhookSender delivers the webhook channel: the message as JSON, posted to its recipient URL and
// signed with the shared secret (X-Weiquan-Timestamp, X-Weiquan-Nonce, X-Weiquan-Signature).
type WebhookSender struct {
	Secret string
	Client *http.Client
	Now    func() time.Time
}

// Send delivers one message.
func (w *WebhookSender) Send(ctx context.Context, m Message) (string, error) {
	doc := map[string]any{"id": m.ID, "kind": m.Kind, "lang": m.Lang, "subject": m.Subject, "body": m.Body, "created_at": m.CreatedAt}
	if len(m.Payload) > 0 {
		doc["payload"] = m.Payload
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return "", Permanent(fmt.Errorf("webhook: %w", err))
	}
	now := time.Now()
	if w.Now != nil {
		now = w.Now()
	}
	_, detail, err := post(ctx, w.Client, m.Recipient, "", w.Secret, now, body, map[string]string{"X-Weiquan-Message-Id": strconv.FormatInt(m.ID, 10)})
	if err != nil {
		return detail, fmt.Errorf("webhook: %w", err)
	}
	return detail, nil
}
